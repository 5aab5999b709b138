//! The marked demo history (演示数据) in the database: a fresh install shows months of
//! statistics instead of zeros. Stored as reviews of the kiosk [`DEMO_HISTORY_KIOSK`]
//! (`DEMO_HISTORY=0` removes them); the statistics count them and say how many they are.
//! Every SQL statement about the demo history is here.

use enforcement_kiosk::domain::date::Date;
use enforcement_kiosk::domain::review;
use rusqlite::{params, Connection};

use crate::seed::{DemoReview, DEMO_HISTORY_KIOSK};

/// Day numbers of demo reviews start here, far above any real day's count, so a real review
/// on the same day never meets one.
pub const DAY_SEQ_BASE: u32 = 900_000;

/// How many demo reviews are stored.
pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM reviews WHERE kiosk_id = ?1",
        params![DEMO_HISTORY_KIOSK],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64)
}

fn at(d: Date, hour: u32) -> String {
    format!("{d}T{hour:02}:00:00+08:00")
}

/// Stores `rows` unless a demo history is stored already; how many were stored.
pub fn install(conn: &mut Connection, rows: &[DemoReview]) -> rusqlite::Result<usize> {
    if count(conn)? > 0 {
        return Ok(0);
    }
    let tx = conn.transaction()?;
    {
        let mut ins = tx.prepare(
            "INSERT INTO reviews (review_no, check_code, rating, tags, comment, phone, channel,
               kiosk_id, case_no, window_id, service_id, created_at, created_day, day_seq, state, due_by)
             VALUES (?1, ?2, ?3, '[]', '', NULL, ?4, ?5, NULL, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut ev = tx.prepare(
            "INSERT INTO review_events (review_id, seq, state, at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut seq_of_day: (Option<Date>, u32) = (None, DAY_SEQ_BASE);
        for r in rows {
            if seq_of_day.0 != Some(r.day) {
                seq_of_day = (Some(r.day), DAY_SEQ_BASE);
            }
            seq_of_day.1 += 1;
            let seq = seq_of_day.1;
            ins.execute(params![
                review::review_no(r.day, seq),
                r.check_code,
                r.rating.as_str(),
                crate::store::CHANNEL_KIOSK,
                DEMO_HISTORY_KIOSK,
                r.window_id,
                r.service_id,
                at(r.day, 10),
                r.day.to_string(),
                seq,
                r.state().as_str(),
                r.due_by.map(|d| d.to_string()),
            ])?;
            let id = tx.last_insert_rowid();
            ev.execute(params![
                id,
                1,
                review::initial_state(r.rating).as_str(),
                at(r.day, 10),
                ""
            ])?;
            for (i, (state, day)) in r.events.iter().enumerate() {
                ev.execute(params![
                    id,
                    i as i64 + 2,
                    state.as_str(),
                    at(*day, 15),
                    "演示数据"
                ])?;
            }
        }
    }
    tx.commit()?;
    Ok(rows.len())
}

/// Removes the demo history (its reviews and their events); how many reviews went.
pub fn remove(conn: &mut Connection) -> rusqlite::Result<usize> {
    let tx = conn.transaction()?;
    tx.execute(
        "DELETE FROM review_events WHERE review_id IN (SELECT id FROM reviews WHERE kiosk_id = ?1)",
        params![DEMO_HISTORY_KIOSK],
    )?;
    tx.execute(
        "DELETE FROM idempotency WHERE review_id IN (SELECT id FROM reviews WHERE kiosk_id = ?1)",
        params![DEMO_HISTORY_KIOSK],
    )?;
    let n = tx.execute(
        "DELETE FROM reviews WHERE kiosk_id = ?1",
        params![DEMO_HISTORY_KIOSK],
    )?;
    tx.commit()?;
    Ok(n)
}

/// The seed day (`meta.seed_day`): the demo history ends the day before it.
pub fn seed_day(conn: &Connection) -> rusqlite::Result<Option<Date>> {
    let v: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT value FROM meta WHERE key = 'seed_day'",
        [],
        |r| r.get(0),
    ))?;
    Ok(v.as_deref().and_then(Date::parse))
}
