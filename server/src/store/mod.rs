//! The one store interface the server and the commands use, with two implementations:
//! [`Store::Sqlite`], the embedded file (the default; its rusqlite code runs on a blocking
//! thread) and [`Store::Postgres`] (`DATABASE_URL=postgres://…`; async, pooled, every call
//! under a timeout). Every data operation is a method here that picks the variant, so a handler
//! never knows which database answers. Rules that must hold across replicas (one review per
//! `Idempotency-Key`, two per case, gapless numbers, serialised workflow steps, atomic catalog
//! publishing, the shared rate limits) are enforced by the database, not by process memory.

pub mod dump;
pub mod migrate;
pub mod pg;
pub mod reviews;

use std::path::PathBuf;
use std::sync::Arc;

use enforcement_kiosk::contract::{DomainInfo, LenientEntry, ReviewState, ReviewStatus};
use enforcement_kiosk::domain::cert::CertRecord;
use enforcement_kiosk::domain::date::Date;
use enforcement_kiosk::domain::review::StatsRow;

use crate::catalog::{self, CatalogError, ImportError, ImportOutcome, VersionInfo, VersionMeta};
use crate::config::Config;
use crate::db::{self, Db, DbError};
use crate::import::lists::ImportOptions;
use crate::seed::SeedData;

pub use reviews::{
    AdvanceError, NewReview, StoredStatus, SubmitContext, SubmitError, SubmitOutcome, CHANNEL_KIOSK,
};

/// The hall's tables, in an order where every reference points to an earlier one (the order
/// `export-db` writes and `import-db` loads them).
pub const TABLES: &[&str] = &[
    "meta",
    "certificates",
    "services",
    "windows",
    "hall_items",
    "cases",
    "catalog_versions",
    "reviews",
    "review_events",
    "idempotency",
    "assist_calls",
];

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached, is restarting, or did not answer in time: the API
    /// answers 503 `database_unavailable` with `Retry-After`.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database error: {0}")]
    Postgres(tokio_postgres::Error),
    #[error("stored record is malformed: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("{0}")]
    Config(String),
}

/// A stored review's channel, kiosk and the window and service it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewOrigin {
    pub channel: i64,
    pub kiosk_id: Option<String>,
    pub window_id: Option<String>,
    pub service_id: Option<String>,
}

/// Which database `DATABASE_URL` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Target {
    /// Unset or `sqlite://PATH` (empty path = `DATA_DIR/kiosk.sqlite3`) → SQLite;
    /// `postgres://…` / `postgresql://…` → PostgreSQL.
    pub fn of(config: &Config) -> Result<Target, StoreError> {
        match config.database_url.as_deref().map(str::trim) {
            None | Some("") => Ok(Target::Sqlite(config.db_path())),
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Ok(Target::Postgres(u.to_string()))
            }
            Some(u) => match u.strip_prefix("sqlite://") {
                Some("") => Ok(Target::Sqlite(config.db_path())),
                Some(p) => Ok(Target::Sqlite(PathBuf::from(p))),
                None => Err(StoreError::Config(
                    "DATABASE_URL must start with sqlite:// or postgres://".into(),
                )),
            },
        }
    }
}

/// The database behind the server. Cheap to clone.
#[derive(Clone)]
pub enum Store {
    Sqlite(Arc<Db>),
    Postgres(pg::PgStore),
}

/// Runs blocking SQLite work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Config(format!("database task failed: {e}")))?
}

impl Store {
    /// Opens the database `config` names, applies the migrations and (re)loads the seed's
    /// reference data, as at server start.
    pub async fn open(
        config: &Config,
        seed: &SeedData,
        today: Date,
        pinned_today: Option<Date>,
    ) -> Result<Store, StoreError> {
        match Target::of(config)? {
            Target::Sqlite(path) => {
                let seed = seed.clone();
                let db = blocking(move || Ok(Db::open(&path, &seed, today, pinned_today)?)).await?;
                Ok(Store::Sqlite(Arc::new(db)))
            }
            Target::Postgres(url) => {
                let pg = pg::PgStore::connect(&url, config)?;
                pg.migrate().await?;
                pg.seed_reference_data(seed, today, pinned_today).await?;
                Ok(Store::Postgres(pg))
            }
        }
    }

    /// Opens the database for a command: an existing SQLite file as it is (a server may be
    /// using it; migrations applied), a new one created and seeded; PostgreSQL migrated, and
    /// seeded only when it never was.
    pub async fn open_for_command(config: &Config, seed: &SeedData) -> Result<Store, StoreError> {
        let clock = crate::clock::Clock {
            pinned: config.seed_today,
        };
        match Target::of(config)? {
            Target::Sqlite(path) if path.is_file() => {
                let db = blocking(move || Ok(Db::open_existing(&path)?)).await?;
                Ok(Store::Sqlite(Arc::new(db)))
            }
            Target::Sqlite(_) => Store::open(config, seed, clock.today(), config.seed_today).await,
            Target::Postgres(url) => {
                let pg = pg::PgStore::connect(&url, config)?;
                pg.migrate().await?;
                if !pg.is_seeded().await? {
                    pg.seed_reference_data(seed, clock.today(), config.seed_today)
                        .await?;
                }
                Ok(Store::Postgres(pg))
            }
        }
    }

    /// Applies the migrations only (`kiosk-server migrate`); the versions applied now.
    pub async fn migrate_only(config: &Config) -> Result<(String, Vec<i64>), StoreError> {
        match Target::of(config)? {
            Target::Sqlite(path) => {
                let shown = path.display().to_string();
                let applied = blocking(move || {
                    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir)
                            .map_err(|e| DbError::Dir(dir.to_path_buf(), e))?;
                    }
                    let mut c = db::open_connection(&path, false)?;
                    Ok(migrate::apply_sqlite(&mut c)?)
                })
                .await?;
                Ok((format!("sqlite {shown}"), applied))
            }
            Target::Postgres(url) => {
                let pg = pg::PgStore::connect(&url, config)?;
                let applied = pg.migrate().await?;
                Ok(("postgres".into(), applied))
            }
        }
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// The SQLite database, when that is the store (tests, SQLite-only commands).
    pub fn sqlite(&self) -> Option<&Arc<Db>> {
        match self {
            Store::Sqlite(db) => Some(db),
            Store::Postgres(_) => None,
        }
    }

    /// The PostgreSQL store, when that is the store.
    pub fn postgres(&self) -> Option<&pg::PgStore> {
        match self {
            Store::Sqlite(_) => None,
            Store::Postgres(p) => Some(p),
        }
    }

    /// The certificates as stored (with `valid_to` resolved).
    pub async fn load_certificates(&self) -> Result<Vec<CertRecord>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(db::load_certificates)?)).await
            }
            Store::Postgres(p) => p.load_certificates().await,
        }
    }

    /// The services or windows (`kind` = `services` | `windows`) as stored.
    pub async fn load_records<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        kind: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(|c| db::load_records(c, kind))?)).await
            }
            Store::Postgres(p) => p.load_records(kind).await,
        }
    }

    /// Stores the hall's own services or windows, replacing the seed's, in one transaction.
    pub async fn save_hall_items<T: serde::Serialize>(
        &self,
        kind: &'static str,
        items: &[(String, T)],
        imported_at: &str,
        source_file: &str,
    ) -> Result<(), StoreError> {
        let rows: Vec<(String, serde_json::Value)> = items
            .iter()
            .map(|(id, t)| Ok((id.clone(), serde_json::to_value(t)?)))
            .collect::<Result<_, serde_json::Error>>()?;
        let (at, file) = (imported_at.to_string(), source_file.to_string());
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.write(|c| db::save_hall_items(c, kind, &rows, &at, &file))?))
                    .await
            }
            Store::Postgres(p) => p.save_hall_items(kind, &rows, &at, &file).await,
        }
    }

    // --- the hall's own services and windows ---

    /// `meta.hall_version` (0 = never imported).
    pub async fn hall_version(&self) -> Result<u32, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(crate::hall::version)?)).await
            }
            Store::Postgres(p) => p.hall_version().await,
        }
    }

    /// Services and windows with the hall version they were read at.
    pub async fn hall_view(&self) -> Result<crate::hall::HallView, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(crate::hall::HallView::load)?)).await
            }
            Store::Postgres(p) => p.hall_view().await,
        }
    }

    /// Reads a services or windows file, checks every row and (unless `dry_run`) replaces the
    /// hall's, raising the hall version, all or nothing.
    pub async fn hall_import(
        &self,
        kind: crate::hall::HallKind,
        file_name: &str,
        bytes: Vec<u8>,
        imported_at: &str,
        dry_run: bool,
    ) -> Result<crate::hall::HallOutcome, crate::hall::HallImportError> {
        use crate::hall::{self, HallImportError, HallOutcome};
        let (name, now) = (file_name.to_string(), imported_at.to_string());
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || {
                    db.write(|c| hall::import(c, kind, &name, &bytes, &now, dry_run))
                })
                .await
                .map_err(|e| {
                    HallImportError::Store(StoreError::Config(format!("import task failed: {e}")))
                })?
            }
            Store::Postgres(p) => {
                let cases = p.case_refs().await?;
                let n = name.clone();
                let prepared =
                    tokio::task::spawn_blocking(move || hall::prepare(kind, &n, &bytes, &cases))
                        .await
                        .map_err(|e| {
                            HallImportError::Store(StoreError::Config(format!(
                                "import task failed: {e}"
                            )))
                        })??;
                if dry_run {
                    return Ok(HallOutcome {
                        lines: prepared.lines,
                        version: None,
                        orphaned: prepared.orphaned,
                    });
                }
                p.save_hall_items(kind.as_str(), &prepared.rows, &now, &name)
                    .await?;
                Ok(HallOutcome {
                    lines: prepared.lines,
                    version: Some(p.hall_version().await?),
                    orphaned: prepared.orphaned,
                })
            }
        }
    }

    // --- 呼叫工作人员 ---

    /// Opens a call for the kiosk: `(call, true)` when new, `(its open call, false)` when it
    /// has one already.
    pub async fn assist_create(
        &self,
        kiosk_id: &str,
        window: &str,
        now: &str,
    ) -> Result<(enforcement_kiosk::contract::AssistCall, bool), StoreError> {
        match self {
            Store::Sqlite(db) => {
                let (db, k, w, n) = (
                    db.clone(),
                    kiosk_id.to_string(),
                    window.to_string(),
                    now.to_string(),
                );
                blocking(move || Ok(db.write(|c| crate::assist::create(c, &k, &w, &n))?)).await
            }
            Store::Postgres(p) => p.assist_create(kiosk_id, window, now).await,
        }
    }

    /// Open calls, and the last `answered` answered ones.
    pub async fn assist_list(
        &self,
        answered: u32,
    ) -> Result<Vec<enforcement_kiosk::contract::AssistCall>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(|c| crate::assist::list(c, answered))?)).await
            }
            Store::Postgres(p) => p.assist_list(answered).await,
        }
    }

    /// Marks a call answered (it keeps its first time); `None` when there is none.
    pub async fn assist_answer(
        &self,
        id: u64,
        now: &str,
    ) -> Result<Option<enforcement_kiosk::contract::AssistCall>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let (db, n) = (db.clone(), now.to_string());
                blocking(move || Ok(db.write(|c| crate::assist::answer(c, id, &n))?)).await
            }
            Store::Postgres(p) => p.assist_answer(id, now).await,
        }
    }

    // --- catalog versions ---

    /// The version in force (0 = the seed).
    pub async fn catalog_in_force(&self) -> Result<u32, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(catalog::in_force)?)).await
            }
            Store::Postgres(p) => p.catalog_in_force().await,
        }
    }

    /// The entries in force: the stored version, or `seed` (version 0) when none is.
    pub async fn current_entries(
        &self,
        seed: &[LenientEntry],
    ) -> Result<(u32, Vec<LenientEntry>), StoreError> {
        let stored = match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || {
                    Ok(db.read(|c| -> Result<_, CatalogError> {
                        let v = catalog::in_force(c)?;
                        Ok(catalog::load_entries(c, v)?.map(|e| (v, e)))
                    })?)
                })
                .await?
            }
            Store::Postgres(p) => p.stored_entries().await?,
        };
        Ok(stored.unwrap_or_else(|| (0, seed.to_vec())))
    }

    /// Stores `entries` as a new version and puts it in force, atomically.
    pub async fn publish(
        &self,
        entries: &[LenientEntry],
        meta: &VersionMeta,
    ) -> Result<u32, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let (db, entries, meta) = (db.clone(), entries.to_vec(), meta.clone());
                blocking(move || Ok(db.write(|c| catalog::publish(c, &entries, &meta))?)).await
            }
            Store::Postgres(p) => p.publish_merged(entries, None, meta).await,
        }
    }

    /// Reads a list file, checks every row and (unless `dry_run`) publishes the catalog in
    /// force merged with it as a new version, all or nothing (concurrent imports are
    /// serialised, so neither loses the other's entries).
    #[allow(clippy::too_many_arguments)]
    pub async fn import_list(
        &self,
        domains: &[DomainInfo],
        seed: &[LenientEntry],
        file_name: &str,
        bytes: Vec<u8>,
        opts: &ImportOptions,
        meta: VersionMeta,
        dry_run: bool,
    ) -> Result<ImportOutcome, ImportError> {
        let (domains, name, opts_c) = (domains.to_vec(), file_name.to_string(), opts.clone());
        match self {
            Store::Sqlite(db) => {
                let (db, seed) = (db.clone(), seed.to_vec());
                tokio::task::spawn_blocking(move || {
                    db.write(|c| {
                        catalog::import_list(
                            c, &domains, &seed, &name, &bytes, &opts_c, meta, dry_run,
                        )
                    })
                })
                .await
                .map_err(|e| StoreError::Config(format!("import task failed: {e}")))?
            }
            Store::Postgres(p) => {
                let (imported, bytes) = tokio::task::spawn_blocking(move || {
                    catalog::parse_import(&domains, &name, &bytes, &opts_c).map(|i| (i, bytes))
                })
                .await
                .map_err(|e| StoreError::Config(format!("import task failed: {e}")))??;
                if dry_run {
                    let (_, current) = self.current_entries(seed).await?;
                    let catalog = catalog::merge(&current, &imported, opts.replaces.as_deref());
                    return Ok(ImportOutcome {
                        imported,
                        catalog,
                        version: None,
                    });
                }
                let meta = catalog::import_meta(meta, file_name, &bytes, opts, &imported);
                let (version, catalog) = p
                    .import_merged(seed, &imported, opts.replaces.as_deref(), &meta)
                    .await?;
                Ok(ImportOutcome {
                    imported,
                    catalog,
                    version: Some(version),
                })
            }
        }
    }

    /// Puts an earlier version (or 0, the seed) back in force.
    pub async fn rollback(&self, version: u32) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.write(|c| catalog::rollback(c, version))?)).await
            }
            Store::Postgres(p) => p.rollback(version).await,
        }
    }

    /// Every stored version, oldest first.
    pub async fn versions(&self) -> Result<Vec<VersionInfo>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(catalog::versions)?)).await
            }
            Store::Postgres(p) => p.versions().await,
        }
    }

    // --- reviews ---

    /// Stores a review with its first history event and the idempotency record in one
    /// transaction (committed before this returns).
    pub async fn submit_review(
        &self,
        key: &str,
        body_hash: &str,
        new: &NewReview,
        ctx: &SubmitContext,
    ) -> Result<SubmitOutcome, SubmitError> {
        match self {
            Store::Sqlite(db) => {
                let (db, key, hash, new, ctx) = (
                    db.clone(),
                    key.to_string(),
                    body_hash.to_string(),
                    new.clone(),
                    ctx.clone(),
                );
                tokio::task::spawn_blocking(move || {
                    db.write(|c| reviews::submit_review(c, &key, &hash, &new, &ctx))
                })
                .await
                .map_err(|e| {
                    SubmitError::Db(StoreError::Config(format!("database task failed: {e}")))
                })?
            }
            Store::Postgres(p) => p.submit_review(key, body_hash, new, ctx).await,
        }
    }

    /// A stored review's status plus what a look-up must match.
    pub async fn load_status(&self, review_no: &str) -> Result<Option<StoredStatus>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let (db, no) = (db.clone(), review_no.to_string());
                blocking(move || Ok(db.read(|c| reviews::load_status(c, &no))?)).await
            }
            Store::Postgres(p) => p.load_status(review_no).await,
        }
    }

    /// Moves a review to `to` (when the workflow allows it) and appends a history event;
    /// concurrent steps on one review are serialised.
    pub async fn advance(
        &self,
        review_no: &str,
        to: ReviewState,
        note: &str,
        at: &str,
    ) -> Result<ReviewStatus, AdvanceError> {
        match self {
            Store::Sqlite(db) => {
                let (db, no, note, at) = (
                    db.clone(),
                    review_no.to_string(),
                    note.to_string(),
                    at.to_string(),
                );
                tokio::task::spawn_blocking(move || {
                    db.write(|c| reviews::advance(c, &no, to, &note, &at))
                })
                .await
                .map_err(|e| {
                    AdvanceError::Db(StoreError::Config(format!("database task failed: {e}")))
                })?
            }
            Store::Postgres(p) => p.advance(review_no, to, note, at).await,
        }
    }

    /// The newest reviews first.
    pub async fn list_reviews(&self, limit: u32) -> Result<Vec<ReviewStatus>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(|c| reviews::list_reviews(c, limit))?)).await
            }
            Store::Postgres(p) => p.list_reviews(limit).await,
        }
    }

    /// The marked demo history (演示数据): when `on`, the rows `make` builds for the seed day
    /// are stored unless a history is stored already; when off, any stored history is removed.
    pub async fn apply_demo_history(
        &self,
        on: bool,
        today: Date,
        make: impl FnOnce(Date) -> Vec<crate::seed::DemoReview> + Send + 'static,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || {
                    Ok(db.write(|c| -> Result<(), DbError> {
                        if on {
                            let end = crate::demo_history::seed_day(c)?.unwrap_or(today);
                            crate::demo_history::install(c, &make(end))?;
                        } else {
                            crate::demo_history::remove(c)?;
                        }
                        Ok(())
                    })?)
                })
                .await
            }
            Store::Postgres(p) => {
                let rows = if on {
                    let end = p.seed_day().await?.unwrap_or(today);
                    Some(make(end))
                } else {
                    None
                };
                p.apply_demo_history(rows).await
            }
        }
    }

    /// Reviews created between `from` and `to` (inclusive), either bound optional.
    pub async fn stats_rows(
        &self,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<StatsRow>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(|c| reviews::stats_rows(c, from, to))?)).await
            }
            Store::Postgres(p) => p.stats_rows(from, to).await,
        }
    }

    pub async fn count_reviews(&self) -> Result<u32, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || Ok(db.read(reviews::count_reviews)?)).await
            }
            Store::Postgres(p) => p.count_reviews().await,
        }
    }

    /// Where a stored review came from and what it is about (checks and tests).
    pub async fn review_origin(&self, review_no: &str) -> Result<Option<ReviewOrigin>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let (db, no) = (db.clone(), review_no.to_string());
                blocking(move || {
                    use rusqlite::OptionalExtension;
                    Ok(db.read(|c| {
                        c.query_row(
                            "SELECT channel, kiosk_id, window_id, service_id FROM reviews WHERE review_no = ?1",
                            [&no],
                            |r| {
                                Ok(ReviewOrigin {
                                    channel: r.get(0)?,
                                    kiosk_id: r.get(1)?,
                                    window_id: r.get(2)?,
                                    service_id: r.get(3)?,
                                })
                            },
                        )
                        .optional()
                    })?)
                })
                .await
            }
            Store::Postgres(p) => p.review_origin(review_no).await,
        }
    }

    /// The number of rows of each of [`TABLES`].
    pub async fn table_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        match self {
            Store::Sqlite(db) => {
                let db = db.clone();
                blocking(move || {
                    Ok(db.read(|c| {
                        TABLES
                            .iter()
                            .map(|t| {
                                c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| {
                                    r.get::<_, i64>(0)
                                })
                                .map(|n| (t.to_string(), n))
                            })
                            .collect::<rusqlite::Result<Vec<_>>>()
                    })?)
                })
                .await
            }
            Store::Postgres(p) => p.table_counts().await,
        }
    }

    /// Takes one token from each `(key, per_minute)` bucket in the shared table; `Ok(Err(s))`
    /// when one is empty (`s` = seconds to wait). PostgreSQL only: on SQLite (one process) the
    /// in-process limiters of [`crate::ratelimit`] are used.
    pub async fn take_tokens(
        &self,
        buckets: &[(String, u32)],
    ) -> Result<Result<(), u32>, StoreError> {
        match self {
            Store::Sqlite(_) => Ok(Ok(())),
            Store::Postgres(p) => p.take_tokens(buckets).await,
        }
    }
}
