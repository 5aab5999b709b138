//! `admin list` and `admin advance`: hall staff at the server's console, on the database the
//! server uses (the SQLite file or `DATABASE_URL`).

use enforcement_kiosk::contract::ReviewState;

use crate::api::admin::{advance_error, clean_note};
use crate::clock::Clock;
use crate::config::Config;
use crate::seed::SeedData;
use crate::store::{Store, Target};

async fn open_existing(config: &Config) -> Result<Store, String> {
    if let Target::Sqlite(path) = Target::of(config).map_err(|e| e.to_string())? {
        if !path.is_file() {
            return Err(format!(
                "no database at {} (start the server once, or set DATA_DIR)",
                path.display()
            ));
        }
    }
    let seed = SeedData::embedded().map_err(|e| e.to_string())?;
    Store::open_for_command(config, &seed)
        .await
        .map_err(|e| e.to_string())
}

/// `admin list`: prints the newest 50 reviews; `Err` is the message for the console.
pub fn list(config: &Config) -> Result<(), String> {
    super::block_on(async {
        let store = open_existing(config).await?;
        let rows = store.list_reviews(50).await.map_err(|e| e.to_string())?;
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
        Ok(())
    })
}

/// `admin advance <review_no> <state> [note]`; `Err` is the message for the console.
pub fn advance(config: &Config, review_no: &str, state: &str, note: &str) -> Result<(), String> {
    let to = ReviewState::parse(state);
    if to == ReviewState::Unknown {
        let names: Vec<&str> = ReviewState::ALL.iter().map(|s| s.as_str()).collect();
        return Err(format!(
            "unknown state {state:?}; one of: {}",
            names.join(", ")
        ));
    }
    let note = clean_note(note).map_err(|e| e.detail)?;
    let at = Clock {
        pinned: config.seed_today,
    }
    .now_rfc3339();
    super::block_on(async {
        let store = open_existing(config).await?;
        let s = store
            .advance(review_no, to, &note, &at)
            .await
            .map_err(|e| advance_error(e).detail)?;
        println!("{} is now {}", s.review_no, s.state.as_str());
        Ok(())
    })
}
