//! `kiosk-server` command line: serve (default), export-demo, admin, openapi.

use std::path::PathBuf;
use std::process::ExitCode;

use enforcement_kiosk::contract::ReviewState;
use kiosk_server::{admin, clock::Clock, config::Config, db, demo, openapi, store, AppState};

const USAGE: &str = "usage:
  kiosk-server [serve] [--host H] [--port P] [--data-dir D] [--dist-dir D]
  kiosk-server export-demo <dir>
  kiosk-server admin list
  kiosk-server admin advance <review_no> <state> [note]
  kiosk-server openapi
environment: HOST, PORT, DATA_DIR, DIST_DIR, ADMIN_TOKEN, CERT_RATE_PER_MIN,
  BAD_REVIEW_DEADLINE_DAYS, SEED_TODAY (YYYY-MM-DD), LOG_REQUESTS (0 = off)";

fn main() -> ExitCode {
    let mut config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let args = match config.apply_flags(std::env::args().skip(1).collect()) {
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
            match demo::export(&PathBuf::from(dir), today) {
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
            println!("{}", openapi::document_json());
            ExitCode::SUCCESS
        }
        ["admin", "list"] => admin_list(&config),
        ["admin", "advance", no, state] => admin_advance(&config, no, state, ""),
        ["admin", "advance", no, state, note] => admin_advance(&config, no, state, note),
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
    match rt.block_on(kiosk_server::serve(state)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

fn open_existing(config: &Config) -> Result<rusqlite::Connection, String> {
    let path = config.db_path();
    if !path.is_file() {
        return Err(format!(
            "no database at {} (start the server once, or set DATA_DIR)",
            path.display()
        ));
    }
    db::open_connection(&path, false).map_err(|e| e.to_string())
}

fn admin_list(config: &Config) -> ExitCode {
    let conn = match open_existing(config) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    match store::list_reviews(&conn, 50) {
        Ok(rows) => {
            println!(
                "{:<20} {:<20} {:<22} {:<10} events",
                "review_no", "rating", "state", "due_by"
            );
            for r in rows {
                println!(
                    "{:<20} {:<20} {:<22} {:<10} {}",
                    r.review_no,
                    r.rating.as_str(),
                    r.state.as_str(),
                    r.due_by.as_deref().unwrap_or("-"),
                    r.history.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

fn admin_advance(config: &Config, review_no: &str, state: &str, note: &str) -> ExitCode {
    let to = ReviewState::parse(state);
    if to == ReviewState::Unknown {
        let names: Vec<&str> = ReviewState::ALL.iter().map(|s| s.as_str()).collect();
        return fail(&format!(
            "unknown state {state:?}; one of: {}",
            names.join(", ")
        ));
    }
    let note = match admin::clean_note(note) {
        Ok(n) => n,
        Err(e) => return fail(&e.detail),
    };
    let mut conn = match open_existing(config) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let at = Clock {
        pinned: config.seed_today,
    }
    .now_rfc3339();
    match store::advance(&mut conn, review_no, to, &note, &at) {
        Ok(s) => {
            println!("{} is now {}", s.review_no, s.state.as_str());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&admin::advance_error(e).detail),
    }
}
