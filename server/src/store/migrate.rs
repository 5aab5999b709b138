//! Versioned schema migrations: the files under `server/migrations/{sqlite,postgres}/`,
//! embedded in the binary and listed here in order. Each database records what it has applied
//! in `schema_migrations`; applying takes a lock first (SQLite: `BEGIN IMMEDIATE`; PostgreSQL:
//! a transaction-scoped advisory lock) so two replicas starting together apply each file once.

use rusqlite::{params, Connection};

/// One migration file.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The SQLite migrations, oldest first.
pub const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init",
        sql: include_str!("../../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_assist_calls",
        sql: include_str!("../../migrations/sqlite/0002_assist_calls.sql"),
    },
];

/// The PostgreSQL migrations, oldest first.
pub const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init",
        sql: include_str!("../../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_assist_calls",
        sql: include_str!("../../migrations/postgres/0002_assist_calls.sql"),
    },
];

/// The advisory lock key PostgreSQL replicas take while migrating (and seeding).
pub const PG_LOCK_KEY: i64 = 0x656b_6d69_6772; // "ekmigr"

const SQLITE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

const PG_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
  version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";

/// Applies the SQLite migrations not yet recorded, all in one `BEGIN IMMEDIATE` transaction
/// (a second process waits for it, up to the busy timeout); returns the versions applied.
pub fn apply_sqlite(conn: &mut Connection) -> rusqlite::Result<Vec<i64>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(SQLITE_TABLE)?;
    let done: Vec<i64> = {
        let mut st = tx.prepare("SELECT version FROM schema_migrations")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut applied = Vec::new();
    for m in SQLITE.iter().filter(|m| !done.contains(&m.version)) {
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, datetime('now'))",
            params![m.version, m.name],
        )?;
        applied.push(m.version);
    }
    tx.commit()?;
    Ok(applied)
}

/// Applies the PostgreSQL migrations not yet recorded, in one transaction under
/// [`PG_LOCK_KEY`] (DDL is transactional there: a failed file leaves nothing behind).
pub async fn apply_postgres(
    client: &mut tokio_postgres::Client,
) -> Result<Vec<i64>, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PG_LOCK_KEY])
        .await?;
    tx.batch_execute(PG_TABLE).await?;
    let done: Vec<i64> = tx
        .query("SELECT version FROM schema_migrations", &[])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut applied = Vec::new();
    for m in POSTGRES.iter().filter(|m| !done.contains(&m.version)) {
        tx.batch_execute(m.sql).await?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&m.version, &m.name],
        )
        .await?;
        applied.push(m.version);
    }
    tx.commit().await?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_ordered_and_named_after_their_files() {
        for list in [SQLITE, POSTGRES] {
            for (i, m) in list.iter().enumerate() {
                assert_eq!(m.version, i as i64 + 1);
                assert!(
                    m.name.starts_with(&format!("{:04}_", m.version)),
                    "{}",
                    m.name
                );
                assert!(!m.sql.trim().is_empty());
            }
        }
    }

    #[test]
    fn sqlite_migrations_apply_once() {
        let mut c = Connection::open_in_memory().unwrap();
        assert_eq!(apply_sqlite(&mut c).unwrap(), vec![1, 2]);
        assert!(apply_sqlite(&mut c).unwrap().is_empty());
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, SQLITE.len() as i64);
    }
}
