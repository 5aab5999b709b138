//! 呼叫工作人员 in SQLite: the `assist_calls` table (kiosk id, window, created and answered
//! times; nothing about the person). A partial unique index keeps at most one open call per
//! kiosk. Every SQL statement about calls is here.

use enforcement_kiosk::contract::AssistCall;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The table and its index (the SQLite migration that creates them).
pub const SCHEMA: &str = include_str!("../migrations/sqlite/0002_assist_calls.sql");

const COLUMNS: &str = "id, kiosk_id, assist_window, created_at, answered_at";

fn call(r: &Row<'_>) -> rusqlite::Result<AssistCall> {
    Ok(AssistCall {
        id: r.get::<_, i64>(0)?.max(0) as u64,
        kiosk_id: r.get(1)?,
        window: r.get(2)?,
        created_at: r.get(3)?,
        answered_at: r.get(4)?,
    })
}

/// The kiosk's open call, if any.
pub fn open_call(conn: &Connection, kiosk_id: &str) -> rusqlite::Result<Option<AssistCall>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM assist_calls WHERE kiosk_id = ?1 AND answered_at IS NULL"),
        params![kiosk_id],
        call,
    )
    .optional()
}

/// Opens a call for the kiosk: `(call, true)` when new, `(its open call, false)` when it has
/// one already (the window of the open call stays).
pub fn create(
    conn: &Connection,
    kiosk_id: &str,
    window: &str,
    now: &str,
) -> rusqlite::Result<(AssistCall, bool)> {
    let n = conn.execute(
        "INSERT INTO assist_calls (kiosk_id, assist_window, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![kiosk_id, window, now],
    )?;
    match open_call(conn, kiosk_id)? {
        Some(c) => Ok((c, n > 0)),
        None => Err(rusqlite::Error::QueryReturnedNoRows),
    }
}

/// Open calls, and the last `answered` answered ones.
pub fn list(conn: &Connection, answered: u32) -> rusqlite::Result<Vec<AssistCall>> {
    let mut out: Vec<AssistCall> = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM assist_calls WHERE answered_at IS NULL ORDER BY created_at, id"
        ))?
        .query_map([], call)?
        .collect::<rusqlite::Result<_>>()?;
    let done = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM assist_calls WHERE answered_at IS NOT NULL
             ORDER BY answered_at DESC, id DESC LIMIT ?1"
        ))?
        .query_map(params![answered], call)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.extend(done);
    Ok(out)
}

/// Marks a call answered (an answered call keeps its first time); `None` when there is none.
pub fn answer(conn: &Connection, id: u64, now: &str) -> rusqlite::Result<Option<AssistCall>> {
    let id = i64::try_from(id).unwrap_or(i64::MAX);
    conn.execute(
        "UPDATE assist_calls SET answered_at = ?2 WHERE id = ?1 AND answered_at IS NULL",
        params![id, now],
    )?;
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM assist_calls WHERE id = ?1"),
        params![id],
        call,
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_has_at_most_one_open_call() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(SCHEMA).unwrap();
        let (a, new) = create(&c, "k1", "A01", "2026-11-22T09:00:00+08:00").unwrap();
        assert!(new);
        let (again, new) = create(&c, "k1", "B02", "2026-11-22T09:01:00+08:00").unwrap();
        assert!(!new);
        assert_eq!(again, a);
        let (b, new) = create(&c, "k2", "", "2026-11-22T09:02:00+08:00").unwrap();
        assert!(new && b.id != a.id);
        let done = answer(&c, a.id, "2026-11-22T09:03:00+08:00")
            .unwrap()
            .unwrap();
        assert_eq!(
            done.answered_at.as_deref(),
            Some("2026-11-22T09:03:00+08:00")
        );
        // Answering again keeps the first time; an unknown id is none.
        let again = answer(&c, a.id, "2026-11-22T09:09:00+08:00")
            .unwrap()
            .unwrap();
        assert_eq!(again.answered_at, done.answered_at);
        assert!(answer(&c, 999, "x").unwrap().is_none());
        // Once answered, the kiosk can call again.
        let (c2, new) = create(&c, "k1", "A01", "2026-11-22T09:04:00+08:00").unwrap();
        assert!(new && c2.id != a.id);
        let ids: Vec<u64> = list(&c, 10).unwrap().iter().map(|x| x.id).collect();
        assert_eq!(ids, vec![b.id, c2.id, a.id]);
        assert_eq!(list(&c, 0).unwrap().len(), 2);
    }
}
