//! `lists import|versions|rollback|export`: hall staff publish the lists their departments
//! issue, on the database file the server uses (a running server picks the new version up
//! within [`crate::state::CATALOG_CHECK_EVERY`]).

use std::path::Path;

use crate::catalog::{ImportError, VersionMeta};
use crate::clock::Clock;
use crate::config::Config;
use crate::hall::{self, HallImportError, HallKind};
use crate::import::export::export_workbook;
use crate::import::lists::{summary, ImportOptions};
use crate::seed::SeedData;
use crate::store::Store;

async fn open_db(config: &Config) -> Result<(Store, SeedData), String> {
    let seed = SeedData::embedded().map_err(|e| e.to_string())?;
    // An existing database is used as it is (a server may be running on it); a new one is
    // created and seeded like the server's first start.
    let store = Store::open_for_command(config, &seed)
        .await
        .map_err(|e| e.to_string())?;
    Ok((store, seed))
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
    super::block_on(async move {
        let (db, seed) = open_db(config).await?;
        let meta = VersionMeta {
            created_at: Clock {
                pinned: config.seed_today,
            }
            .now_rfc3339(),
            actor: actor(),
            ..VersionMeta::default()
        };
        let outcome = db
            .import_list(
                &seed.domains,
                &seed.entries,
                &name,
                bytes,
                &opts,
                meta,
                dry_run,
            )
            .await;
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
    })
}

/// `lists versions`.
pub fn versions(config: &Config) -> Result<(), String> {
    let rows = super::block_on(async {
        let (db, _) = open_db(config).await?;
        db.versions().await.map_err(|e| e.to_string())
    })?;
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
    super::block_on(async {
        let (db, _) = open_db(config).await?;
        db.rollback(v).await.map_err(|e| e.to_string())
    })?;
    println!("catalog version {v} is in force / 第 {v} 版已生效");
    Ok(())
}

/// `lists export <FILE.xlsx>`: the catalog in force.
pub fn export(config: &Config, file: &str) -> Result<(), String> {
    let (seed, (v, entries)) = super::block_on(async {
        let (db, seed) = open_db(config).await?;
        let cur = db
            .current_entries(&seed.entries)
            .await
            .map_err(|e| e.to_string())?;
        Ok::<_, String>((seed, cur))
    })?;
    let bytes = export_workbook(&entries, &seed.domains).map_err(|e| e.to_string())?;
    std::fs::write(file, bytes).map_err(|e| format!("cannot write {file}: {e}"))?;
    println!("wrote {file}: version {v}, {} entries", entries.len());
    Ok(())
}

/// `services import <FILE> [--dry-run]` and `windows import <FILE> [--dry-run]`: replace the
/// hall's 事项 or 窗口 (the review screens' choices) with a spreadsheet's rows; every problem
/// reported with row and column, and nothing stored on any. A running server uses them within
/// [`crate::state::CATALOG_CHECK_EVERY`]; cases that name a window (or service) the file lacks
/// are listed in a warning (their reviews are stored without it).
pub fn hall_import(config: &Config, kind: &str, args: &[&str]) -> Result<(), String> {
    let kind = match kind {
        "services" => HallKind::Services,
        _ => HallKind::Windows,
    };
    let word = kind.as_str();
    let dry_run = args.contains(&"--dry-run");
    let files: Vec<&&str> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(flag) = args
        .iter()
        .find(|a| a.starts_with("--") && **a != "--dry-run")
    {
        return Err(format!("unknown flag {flag}"));
    }
    let [file] = files.as_slice() else {
        return Err(format!("{word} import needs one file"));
    };
    let path = Path::new(file);
    let limits = crate::import::Limits::default();
    if let Ok(m) = std::fs::metadata(path) {
        if m.len() > limits.max_bytes as u64 {
            return Err(format!(
                "文件过大，上限为 {} 字节 | the file is too large; the limit is {} bytes",
                limits.max_bytes, limits.max_bytes
            ));
        }
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {file}: {e}"))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    let now = Clock {
        pinned: config.seed_today,
    }
    .now_rfc3339();
    let outcome = super::block_on(async {
        let (db, _) = open_db(config).await?;
        Ok(db.hall_import(kind, &name, bytes, &now, dry_run).await)
    })?;
    let o = match outcome {
        Ok(o) => o,
        Err(HallImportError::Rejected(problems)) => {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Err(format!(
                "{} problem(s), nothing stored / 发现 {} 个问题，未保存：\n{}",
                problems.len(),
                problems.len(),
                lines.join("\n")
            ));
        }
        Err(HallImportError::Store(e)) => return Err(e.to_string()),
    };
    for line in o.lines.iter().take(5) {
        println!("  {line}");
    }
    let n = o.lines.len();
    if let Some(w) = hall::orphan_warning(kind, &o.orphaned) {
        eprintln!("{w}");
    }
    match o.version {
        None => println!("dry run: {n} {word} would replace the hall's / 试运行，未保存"),
        Some(v) => println!(
            "stored {n} {word} (hall data version {v}); a running server uses them within {} s / 已保存，运行中的服务器 {} 秒内生效",
            crate::state::CATALOG_CHECK_EVERY.as_secs(),
            crate::state::CATALOG_CHECK_EVERY.as_secs()
        ),
    }
    Ok(())
}
