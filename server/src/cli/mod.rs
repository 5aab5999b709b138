//! The `kiosk-server` command line: `serve` (the default), `export-demo`, `admin list`,
//! `admin advance`, `openapi`, `lists …`, `services|windows import` and `migrate`. Handler modules hold no command code; commands reuse their
//! rules (`api::admin::clean_note`, the store) like the handlers do.

mod admin;
pub mod export_demo;
pub mod lists;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::api;
use crate::clock::Clock;
use crate::config::Config;
use crate::state::AppState;

const USAGE: &str = "usage:
  kiosk-server [serve] [--host H] [--port P] [--data-dir D] [--dist-dir D]
  kiosk-server export-demo <dir>
  kiosk-server admin list
  kiosk-server admin advance <review_no> <state> [note]
  kiosk-server openapi
  kiosk-server lists import <FILE.xlsx|FILE.csv> [--dry-run] [--kind KIND] [--domain DOMAIN]
      [--region CODE] [--source-name NAME] [--source-number 文号] [--source-date YYYY-MM-DD]
      [--valid-to YYYY-MM-DD] [--replaces 文号]
  kiosk-server lists versions | lists rollback <version> | lists export <FILE.xlsx>
  kiosk-server services import <FILE> [--dry-run] | windows import <FILE> [--dry-run]
  kiosk-server migrate
  kiosk-server export-db <FILE.jsonl> | import-db <FILE.jsonl>   (move a hall between databases)
environment: HOST, PORT, DATA_DIR, DIST_DIR, ADMIN_TOKEN, CERT_RATE_PER_MIN,
  BAD_REVIEW_DEADLINE_DAYS, SEED_TODAY (YYYY-MM-DD), LOG_REQUESTS (0 = off),
  INSTANCE_ID (echoed in X-Instance-Id by /api/v1/health),
  DATABASE_URL (unset or sqlite://PATH = SQLite; postgres://… = PostgreSQL),
  DATABASE_POOL_SIZE (PostgreSQL connections per process, default 16),
  DATABASE_TIMEOUT_MS (longest wait for the database per request, default 5000),
  DEMO_HISTORY (0 = no marked demo reviews in the statistics; default on)";

/// Runs the command in `args` (without the program name), configured from the environment.
pub fn run(args: Vec<String>) -> ExitCode {
    let mut config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let args = match config.apply_flags(args) {
        Ok(a) => a,
        Err(e) => return fail(&e.to_string()),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["serve"] => serve(config),
        ["export-demo", dir] => {
            let today = Clock {
                pinned: config.seed_today,
            }
            .today();
            match export_demo::export(&PathBuf::from(dir), today) {
                Ok(files) => {
                    for f in files {
                        println!("wrote {f}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        ["openapi"] => {
            println!("{}", api::document_json());
            ExitCode::SUCCESS
        }
        ["admin", "list"] => done(admin::list(&config)),
        ["admin", "advance", no, state] => done(admin::advance(&config, no, state, "")),
        ["admin", "advance", no, state, note] => done(admin::advance(&config, no, state, note)),
        ["lists", "import", rest @ ..] => done(lists::import(&config, rest)),
        ["services", "import", rest @ ..] => done(lists::hall_import(&config, "services", rest)),
        ["windows", "import", rest @ ..] => done(lists::hall_import(&config, "windows", rest)),
        ["lists", "versions"] => done(lists::versions(&config)),
        ["lists", "rollback", v] => done(lists::rollback(&config, v)),
        ["lists", "export", file] => done(lists::export(&config, file)),
        ["migrate"] => done(migrate(&config)),
        ["export-db", file] => done(export_db(&config, file)),
        ["import-db", file] => done(import_db(&config, file)),
        ["help"] | ["--help"] | ["-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn done(outcome: Result<(), String>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("kiosk-server: {msg}");
    ExitCode::FAILURE
}

fn serve(config: Config) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&e.to_string()),
    };
    let outcome = rt.block_on(async {
        let state = AppState::open(config).await?;
        crate::app::serve(state).await
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

/// Runs a command's database work on a small runtime of its own.
pub(crate) fn block_on<T>(
    f: impl std::future::Future<Output = Result<T, String>>,
) -> Result<T, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?
        .block_on(f)
}

/// `export-db FILE`: the whole database (`DATABASE_URL`, or the SQLite file) as JSON Lines.
fn export_db(config: &Config, file: &str) -> Result<(), String> {
    use crate::store::{dump, Store};
    let counts = block_on(async {
        let seed = crate::seed::SeedData::embedded().map_err(|e| e.to_string())?;
        let store = Store::open_for_command(config, &seed)
            .await
            .map_err(|e| e.to_string())?;
        let f = std::fs::File::create(file).map_err(|e| format!("cannot write {file}: {e}"))?;
        let mut out = std::io::BufWriter::new(f);
        dump::export(&store, &mut out)
            .await
            .map_err(|e| e.to_string())
    })?;
    println!("wrote {file}:");
    for (t, n) in counts {
        println!("  {t:<18} {n:>10}");
    }
    Ok(())
}

/// `import-db FILE`: loads an `export-db` file into the (fresh) database `DATABASE_URL`
/// names, then prints the count check: every table's rows in the file and in the database.
fn import_db(config: &Config, file: &str) -> Result<(), String> {
    use crate::store::{dump, Store};
    let (expected, found) = block_on(async {
        let seed = crate::seed::SeedData::embedded().map_err(|e| e.to_string())?;
        let store = Store::open_for_command(config, &seed)
            .await
            .map_err(|e| e.to_string())?;
        let f = std::fs::File::open(file).map_err(|e| format!("cannot read {file}: {e}"))?;
        dump::import(&store, std::io::BufReader::new(f))
            .await
            .map_err(|e| e.to_string())
    })?;
    let (lines, ok) = dump::check_lines(&expected, &found);
    for l in lines {
        println!("{l}");
    }
    if ok {
        println!("count check: ok / 行数核对一致");
        Ok(())
    } else {
        Err("count check failed / 行数核对不一致".into())
    }
}

/// `migrate`: applies the schema migrations the database has not had yet, and says which.
fn migrate(config: &Config) -> Result<(), String> {
    let (what, applied) = block_on(async {
        crate::store::Store::migrate_only(config)
            .await
            .map_err(|e| e.to_string())
    })?;
    if applied.is_empty() {
        println!("{what}: schema up to date / 数据库结构已是最新");
    } else {
        let v: Vec<String> = applied.iter().map(|v| format!("{v:04}")).collect();
        println!("{what}: applied migration(s) {} / 已执行迁移", v.join(", "));
    }
    Ok(())
}
