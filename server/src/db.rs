//! SQLite: connections (one writer behind a mutex, a few readers), migrations and seeding.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use enforcement_kiosk::domain::date::Date;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use enforcement_kiosk::domain::cert;
use enforcement_kiosk::domain::cert::CertRecord;

use crate::seed::SeedData;

const READERS: usize = 2;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create data directory {0}: {1}")]
    Dir(PathBuf, std::io::Error),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored record is malformed: {0}")]
    Record(#[from] serde_json::Error),
}

/// The database: one writer connection and a small pool of readers (WAL lets them run
/// while the writer commits). Call from blocking threads (`spawn_blocking`).
pub struct Db {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Opens a connection with the project's pragmas (WAL, `synchronous=NORMAL`, busy timeout).
pub fn open_connection(path: &Path, read_only: bool) -> rusqlite::Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    if !read_only {
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

impl Db {
    /// Opens (creating when missing) `path`, applies the migrations and (re)loads the reference
    /// data from `seed`. The seed day (for `valid_to_days_from_seed`) is `pinned_today` when
    /// given, else the day the database was first created.
    pub fn open(
        path: &Path,
        seed: &SeedData,
        today: Date,
        pinned_today: Option<Date>,
    ) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| DbError::Dir(dir.to_path_buf(), e))?;
        }
        let mut writer = open_connection(path, false)?;
        crate::store::migrate::apply_sqlite(&mut writer)?;
        seed_reference_data(&mut writer, seed, today, pinned_today)?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            readers.push(Mutex::new(open_connection(path, true)?));
        }
        Ok(Db {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    /// Opens an existing database for a command (`lists …`) without reloading the reference
    /// data a running server may be using; the schema is brought up to date (migrations).
    pub fn open_existing(path: &Path) -> Result<Db, DbError> {
        let mut writer = open_connection(path, false)?;
        crate::store::migrate::apply_sqlite(&mut writer)?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            readers.push(Mutex::new(open_connection(path, true)?));
        }
        Ok(Db {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the writer connection (blocking).
    pub fn write<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut c = lock(&self.writer);
        f(&mut c)
    }

    /// Runs `f` on a reader connection (blocking); a free one when there is one.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        for r in &self.readers {
            if let Ok(c) = r.try_lock() {
                return f(&c);
            }
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len().max(1);
        match self.readers.get(i) {
            Some(r) => f(&lock(r)),
            None => f(&lock(&self.writer)),
        }
    }
}

/// The hall's own services or windows (`kind` = `services` | `windows`) when imported.
fn hall_records(tx: &Connection, kind: &str) -> Result<Option<String>, DbError> {
    Ok(tx
        .query_row(
            "SELECT records FROM hall_items WHERE kind = ?1",
            params![kind],
            |r| r.get(0),
        )
        .optional()?)
}

/// Stores the hall's own services or windows (`kind` = `services` | `windows`), replacing
/// the seed's from now on (also across restarts), and raises `meta.hall_version`, in one
/// transaction.
pub fn save_hall_items<T: serde::Serialize>(
    conn: &mut Connection,
    kind: &str,
    items: &[(String, T)],
    imported_at: &str,
    source_file: &str,
) -> Result<(), DbError> {
    let table = match kind {
        "services" => "services",
        "windows" => "windows",
        _ => return Err(DbError::Sqlite(rusqlite::Error::InvalidQuery)),
    };
    let records: Vec<&T> = items.iter().map(|(_, t)| t).collect();
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT OR REPLACE INTO hall_items (kind, records, imported_at, source_file) VALUES (?1, ?2, ?3, ?4)",
        params![kind, serde_json::to_string(&records)?, imported_at, source_file],
    )?;
    tx.execute(&format!("DELETE FROM {table}"), [])?;
    {
        let mut ins = tx.prepare(&format!(
            "INSERT INTO {table} (id, ord, record) VALUES (?1, ?2, ?3)"
        ))?;
        for (i, (id, t)) in items.iter().enumerate() {
            ins.execute(params![id, i as i64, serde_json::to_string(t)?])?;
        }
    }
    // A running server re-reads services and windows when this changes.
    crate::hall::bump_version(&tx)?;
    tx.commit()?;
    Ok(())
}

/// The services or windows table as stored (the hall's own when imported, else the seed's).
pub fn load_records<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    kind: &str,
) -> Result<Vec<T>, DbError> {
    let table = match kind {
        "services" => "services",
        "windows" => "windows",
        _ => return Err(DbError::Sqlite(rusqlite::Error::InvalidQuery)),
    };
    let mut st = conn.prepare(&format!("SELECT record FROM {table} ORDER BY ord"))?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(serde_json::from_str(&row?)?);
    }
    Ok(out)
}

/// Replaces certificates, services, windows and cases with the embedded seed (reviews stay);
/// services and windows the hall imported (`hall_items`) take the seed's place.
pub fn seed_reference_data(
    conn: &mut Connection,
    seed: &SeedData,
    today: Date,
    pinned_today: Option<Date>,
) -> Result<Date, DbError> {
    let tx = conn.transaction()?;
    let stored: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'seed_day'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let seed_day = match (pinned_today, stored.as_deref().and_then(Date::parse)) {
        (Some(p), _) => p,
        (None, Some(d)) => d,
        (None, None) => today,
    };
    if stored.is_none() {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('seed_day', ?1)",
            params![seed_day.to_string()],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('created_at', ?1)",
            params![crate::clock::Clock {
                pinned: pinned_today
            }
            .now_rfc3339()],
        )?;
    }
    tx.execute("DELETE FROM certificates", [])?;
    tx.execute("DELETE FROM services", [])?;
    tx.execute("DELETE FROM windows", [])?;
    tx.execute("DELETE FROM cases", [])?;
    {
        let mut ins = tx.prepare(
            "INSERT OR REPLACE INTO certificates (identifier, number, holder_code, state, valid_to, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for c in &seed.certificates {
            let mut r = c.clone();
            cert::resolve_seed_dates(&mut r, seed_day);
            ins.execute(params![
                r.identifier,
                r.number,
                r.holder_code,
                r.state.as_str(),
                r.valid_to,
                serde_json::to_string(&r)?
            ])?;
        }
        let services: Vec<enforcement_kiosk::contract::ServiceItem> =
            match hall_records(&tx, "services")? {
                Some(j) => serde_json::from_str(&j)?,
                None => seed.services.clone(),
            };
        let mut ins =
            tx.prepare("INSERT OR REPLACE INTO services (id, ord, record) VALUES (?1, ?2, ?3)")?;
        for (i, s) in services.iter().enumerate() {
            ins.execute(params![s.id, i as i64, serde_json::to_string(s)?])?;
        }
        let windows: Vec<enforcement_kiosk::contract::Window> = match hall_records(&tx, "windows")?
        {
            Some(j) => serde_json::from_str(&j)?,
            None => seed.windows.clone(),
        };
        let mut ins =
            tx.prepare("INSERT OR REPLACE INTO windows (id, ord, record) VALUES (?1, ?2, ?3)")?;
        for (i, w) in windows.iter().enumerate() {
            ins.execute(params![w.id, i as i64, serde_json::to_string(w)?])?;
        }
        let mut ins = tx.prepare(
            "INSERT OR REPLACE INTO cases (case_no, service_id, window_id, accepted, status) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for c in &seed.cases {
            ins.execute(params![
                c.case_no,
                c.service_id,
                c.window_id,
                c.accepted,
                c.status
            ])?;
        }
    }
    tx.commit()?;
    Ok(seed_day)
}

/// The certificates as stored (with `valid_to` resolved).
pub fn load_certificates(conn: &Connection) -> Result<Vec<CertRecord>, DbError> {
    let mut st = conn.prepare("SELECT record FROM certificates ORDER BY rowid")?;
    let rows = st.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(serde_json::from_str(&row?)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_the_seed_day_and_reference_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("k.sqlite3");
        let seed = SeedData::embedded().unwrap();
        let d1 = Date::new(2026, 11, 20).unwrap();
        {
            let db = Db::open(&path, &seed, d1, None).unwrap();
            let certs = db.read(load_certificates).unwrap();
            assert_eq!(certs.len(), seed.certificates.len());
            let mode: String = db
                .write(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
                .unwrap();
            assert_eq!(mode, "wal");
        }
        // A later start without a pinned day keeps the first seed day.
        let db = Db::open(&path, &seed, d1.add_days(40), None).unwrap();
        let day: String = db
            .read(|c| {
                c.query_row("SELECT value FROM meta WHERE key='seed_day'", [], |r| {
                    r.get(0)
                })
            })
            .unwrap();
        assert_eq!(day, "2026-11-20");
        let certs = db.read(load_certificates).unwrap();
        for (stored, orig) in certs.iter().zip(&seed.certificates) {
            if let Some(n) = orig.valid_to_days_from_seed {
                assert_eq!(stored.valid_to, Some(d1.add_days(n).to_string()));
            }
        }
    }
}
