//! The `kiosk-server` command line: `serve` (the default), `export-demo`, `admin list`,
//! `admin advance` and `openapi`. Handler modules hold no command code; commands reuse their
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
environment: HOST, PORT, DATA_DIR, DIST_DIR, ADMIN_TOKEN, CERT_RATE_PER_MIN,
  BAD_REVIEW_DEADLINE_DAYS, SEED_TODAY (YYYY-MM-DD), LOG_REQUESTS (0 = off),
  INSTANCE_ID (echoed in X-Instance-Id by /api/v1/health),
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
    let state = match AppState::open(config) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    match rt.block_on(crate::app::serve(state)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}
