//! `lists import|versions|rollback|export`: hall staff publish the lists their departments
//! issue, on the database file the server uses (a running server picks the new version up
//! within [`crate::state::CATALOG_CHECK_EVERY`]).

use std::path::Path;

use crate::catalog::{self, ImportError, VersionMeta};
use crate::clock::Clock;
use crate::config::Config;
use crate::db;
use crate::import::export::export_workbook;
use crate::import::lists::{summary, ImportOptions};
use crate::seed::SeedData;

fn open_db(config: &Config) -> Result<(db::Db, SeedData), String> {
    let seed = SeedData::embedded().map_err(|e| e.to_string())?;
    let clock = Clock {
        pinned: config.seed_today,
    };
    let db = db::Db::open(&config.db_path(), &seed, clock.today(), config.seed_today)
        .map_err(|e| e.to_string())?;
    Ok((db, seed))
}

/// Who ran the command: the OS user.
fn actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "cli".into())
}

/// The flags of `lists import`, or the message for an unknown or valueless one.
pub fn parse_import_args(args: &[&str]) -> Result<(String, ImportOptions, bool), String> {
    let mut file = None;
    let mut opts = ImportOptions::default();
    let mut dry_run = false;
    let mut it = args.iter();
    while let Some(&a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a, None),
        };
        if name == "--dry-run" {
            dry_run = true;
            continue;
        }
        if !name.starts_with("--") {
            if file.replace(a.to_string()).is_some() {
                return Err(format!("more than one file given ({a})"));
            }
            continue;
        }
        let value = match inline.or_else(|| it.next().map(|v| v.to_string())) {
            Some(v) => v,
            None => return Err(format!("{name} needs a value")),
        };
        let slot = match name {
            "--kind" => &mut opts.kind,
            "--domain" => &mut opts.domain,
            "--region" => &mut opts.region,
            "--source-name" => &mut opts.source_name,
            "--source-number" => &mut opts.source_number,
            "--source-date" => &mut opts.source_date,
            "--valid-to" => &mut opts.valid_to,
            "--replaces" => &mut opts.replaces,
            _ => return Err(format!("unknown flag {name}")),
        };
        *slot = Some(value);
    }
    let file = file.ok_or("lists import needs a file")?;
    Ok((file, opts, dry_run))
}

/// `lists import <FILE> [flags]`: prints what was (or would be) published; `Err` is the
/// message for the console (every problem on its own line).
pub fn import(config: &Config, args: &[&str]) -> Result<(), String> {
    let (file, opts, dry_run) = parse_import_args(args)?;
    let path = Path::new(&file);
    let limit = crate::import::Limits::default().max_bytes as u64;
    match std::fs::metadata(path) {
        Ok(m) if m.len() > limit => {
            return Err(format!(
                "文件过大（{} 字节），上限为 {limit} 字节 | the file is too large ({} bytes); the limit is {limit} bytes",
                m.len(),
                m.len()
            ))
        }
        Ok(_) => {}
        Err(e) => return Err(format!("cannot read {file}: {e}")),
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {file}: {e}"))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    let (db, seed) = open_db(config)?;
    let meta = VersionMeta {
        created_at: Clock {
            pinned: config.seed_today,
        }
        .now_rfc3339(),
        actor: actor(),
        ..VersionMeta::default()
    };
    let outcome = db.write(|c| {
        catalog::import_list(
            c,
            &seed.domains,
            &seed.entries,
            &name,
            &bytes,
            &opts,
            meta,
            dry_run,
        )
    });
    match outcome {
        Ok(o) => {
            print!("{}", summary(&o.imported, 5));
            match o.version {
                Some(v) => println!(
                    "published catalog version {v} ({} entries in force) / 已发布第 {v} 版",
                    o.catalog.len()
                ),
                None => println!(
                    "dry run: nothing published ({} entries would be in force) / 试运行，未发布",
                    o.catalog.len()
                ),
            }
            Ok(())
        }
        Err(ImportError::Rejected(problems)) => {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            Err(format!(
                "{} problem(s), nothing published / 发现 {} 个问题，未发布：\n{}",
                problems.len(),
                problems.len(),
                lines.join("\n")
            ))
        }
        Err(ImportError::Store(e)) => Err(e.to_string()),
    }
}

/// `lists versions`.
pub fn versions(config: &Config) -> Result<(), String> {
    let (db, _) = open_db(config)?;
    let rows = db.read(catalog::versions).map_err(|e| e.to_string())?;
    let seed_in_force = !rows.iter().any(|r| r.in_force);
    println!(
        "{} 0  built-in seed / 内置数据",
        if seed_in_force { "*" } else { " " }
    );
    for r in rows {
        println!(
            "{} {}  {}  {} entries ({} imported)  {}  sha256 {}  by {}{}{}",
            if r.in_force { "*" } else { " " },
            r.version,
            r.meta.created_at,
            r.entries,
            r.meta.imported,
            r.meta.source_file,
            r.meta
                .source_sha256
                .get(..16)
                .unwrap_or(&r.meta.source_sha256),
            r.meta.actor,
            if r.meta.source_number.is_empty() {
                String::new()
            } else {
                format!("  {}", r.meta.source_number)
            },
            if r.meta.replaces.is_empty() {
                String::new()
            } else {
                format!("  replaces {}", r.meta.replaces)
            },
        );
    }
    Ok(())
}

/// `lists rollback <version>`.
pub fn rollback(config: &Config, version: &str) -> Result<(), String> {
    let v: u32 = version
        .parse()
        .map_err(|_| format!("not a version number: {version:?}"))?;
    let (db, _) = open_db(config)?;
    db.write(|c| catalog::rollback(c, v))
        .map_err(|e| e.to_string())?;
    println!("catalog version {v} is in force / 第 {v} 版已生效");
    Ok(())
}

/// `lists export <FILE.xlsx>`: the catalog in force.
pub fn export(config: &Config, file: &str) -> Result<(), String> {
    let (db, seed) = open_db(config)?;
    let (v, entries) = db
        .read(|c| catalog::current_entries(c, &seed.entries))
        .map_err(|e| e.to_string())?;
    let bytes = export_workbook(&entries, &seed.domains).map_err(|e| e.to_string())?;
    std::fs::write(file, bytes).map_err(|e| format!("cannot write {file}: {e}"))?;
    println!("wrote {file}: version {v}, {} entries", entries.len());
    Ok(())
}
