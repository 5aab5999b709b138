//! The PostgreSQL store: tokio-postgres behind a deadpool pool (NoTls), every call under a
//! timeout so that no request hangs while the database is away; an unreachable, restarting or
//! slow database is [`StoreError::Unavailable`] (503 + `Retry-After`), and the pool replaces
//! broken connections by itself once it is back.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use enforcement_kiosk::contract::{
    AssistCall, LenientEntry, Rating, ReviewEvent, ReviewReceipt, ReviewState, ReviewStatus,
};
use enforcement_kiosk::domain::cert::{self, CertRecord};
use enforcement_kiosk::domain::date::Date;
use enforcement_kiosk::domain::review::{self, StatsRow};
use tokio_postgres::NoTls;

use super::reviews::{
    AdvanceError, NewReview, StoredStatus, SubmitContext, SubmitError, SubmitOutcome, CHANNEL_KIOSK,
};
use super::{migrate, StoreError};
use crate::catalog::{self, CatalogError, VersionInfo, VersionMeta};
use crate::config::Config;
use crate::seed::SeedData;

/// Transaction-scoped advisory lock that serialises catalog publishing (an import reads the
/// version in force and publishes the merge; two at once must not lose one's entries).
const CATALOG_LOCK_KEY: i64 = 0x656b_6361_7461; // "ekcata"

/// How long a start or a command waits for the migration lock and the seed.
const SLOW_TIMEOUT: Duration = Duration::from_secs(60);

/// A pooled PostgreSQL database. Cheap to clone.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    timeout: Duration,
    calls: Arc<AtomicU64>,
}

/// Maps a driver error: a lost connection, a shutdown, a refused or timed-out statement, a
/// serialisation failure or deadlock are [`StoreError::Unavailable`] (retry later); anything
/// else is a real error.
pub fn pg_error(e: tokio_postgres::Error) -> StoreError {
    match e.code() {
        Some(code) => {
            let c = code.code();
            let transient = c.starts_with("08") // connection exception
                || c.starts_with("57P") // admin/crash shutdown, cannot connect now
                || c == "57014" // query_canceled (statement_timeout)
                || c == "55P03" // lock_not_available (lock_timeout)
                || c == "53300" // too_many_connections
                || c == "40001" // serialization_failure
                || c == "40P01"; // deadlock_detected
            if transient {
                StoreError::Unavailable(e.to_string())
            } else {
                StoreError::Postgres(e)
            }
        }
        None => {
            let msg = e.to_string();
            if msg.starts_with("error serializing") || msg.starts_with("error deserializing") {
                StoreError::Postgres(e)
            } else {
                // Closed connection, I/O, connect failure or timeout.
                StoreError::Unavailable(msg)
            }
        }
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        pg_error(e)
    }
}

fn hall_table(kind: &str) -> Result<&'static str, StoreError> {
    match kind {
        "services" => Ok("services"),
        "windows" => Ok("windows"),
        _ => Err(StoreError::Config(format!("no hall table {kind}"))),
    }
}

fn to_u32(n: i64) -> u32 {
    n.clamp(0, i64::from(u32::MAX)) as u32
}

impl PgStore {
    /// A pool for `url` (nothing is connected yet: connections open on first use, so a server
    /// starts its pool even while the database is down, and the first call then reports it).
    pub fn connect(url: &str, config: &Config) -> Result<PgStore, StoreError> {
        let mut pg: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Config(format!("DATABASE_URL: {e}")))?;
        pg.connect_timeout(Duration::from_secs(2));
        pg.keepalives(true);
        if pg.get_application_name().is_none() {
            pg.application_name("kiosk-server");
        }
        if pg.get_options().is_none() {
            // The server gives up on a statement (or a lock wait) before the client does.
            let ms = config.database_timeout.as_millis().max(100);
            pg.options(format!(
                "-c statement_timeout={ms} -c lock_timeout={ms} -c idle_in_transaction_session_timeout={}",
                ms * 4
            ));
        }
        let mgr = Manager::from_config(
            pg,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(mgr)
            .max_size(config.database_pool_size.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(config.database_timeout))
            .create_timeout(Some(Duration::from_secs(2)))
            .recycle_timeout(Some(Duration::from_secs(2)))
            .build()
            .map_err(|e| StoreError::Config(format!("database pool: {e}")))?;
        Ok(PgStore {
            pool,
            timeout: config.database_timeout,
            calls: Arc::new(AtomicU64::new(0)),
        })
    }

    /// A pooled connection, or `Unavailable`.
    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        self.pool
            .get()
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }

    /// Runs `f` under the store's timeout.
    async fn timed<T>(
        &self,
        f: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        self.within(self.timeout, f).await
    }

    async fn within<T>(
        &self,
        limit: Duration,
        f: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        match tokio::time::timeout(limit, f).await {
            Ok(r) => r,
            Err(_) => Err(StoreError::Unavailable(format!(
                "no answer within {} ms",
                limit.as_millis()
            ))),
        }
    }

    /// Applies the migrations not yet applied (under the advisory lock); the versions applied.
    pub async fn migrate(&self) -> Result<Vec<i64>, StoreError> {
        self.within(SLOW_TIMEOUT, async {
            let mut c = self.client().await?;
            Ok(migrate::apply_postgres(&mut c).await?)
        })
        .await
    }

    /// Whether the reference data was ever loaded (`meta.seed_day`).
    pub async fn is_seeded(&self) -> Result<bool, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            Ok(
                c.query_opt("SELECT 1 FROM meta WHERE key = 'seed_day'", &[])
                    .await?
                    .is_some(),
            )
        })
        .await
    }

    /// Replaces certificates, services, windows and cases with the seed (reviews stay), like
    /// [`crate::db::seed_reference_data`]; serialised with other replicas' starts.
    pub async fn seed_reference_data(
        &self,
        seed: &SeedData,
        today: Date,
        pinned_today: Option<Date>,
    ) -> Result<Date, StoreError> {
        self.within(SLOW_TIMEOUT, async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&migrate::PG_LOCK_KEY])
                .await?;
            let stored: Option<String> = tx
                .query_opt("SELECT value FROM meta WHERE key = 'seed_day'", &[])
                .await?
                .map(|r| r.get(0));
            let seed_day = match (pinned_today, stored.as_deref().and_then(Date::parse)) {
                (Some(p), _) => p,
                (None, Some(d)) => d,
                (None, None) => today,
            };
            if stored.is_none() {
                let created = crate::clock::Clock {
                    pinned: pinned_today,
                }
                .now_rfc3339();
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('seed_day', $1), ('created_at', $2)
                     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    &[&seed_day.to_string(), &created],
                )
                .await?;
            }
            tx.batch_execute(
                "DELETE FROM certificates; DELETE FROM services; DELETE FROM windows; DELETE FROM cases;",
            )
            .await?;
            let mut ids = Vec::new();
            let mut ords = Vec::new();
            let mut numbers = Vec::new();
            let mut holders = Vec::new();
            let mut states = Vec::new();
            let mut valid_tos: Vec<Option<String>> = Vec::new();
            let mut records = Vec::new();
            for (i, c) in seed.certificates.iter().enumerate() {
                let mut r = c.clone();
                cert::resolve_seed_dates(&mut r, seed_day);
                records.push(serde_json::to_string(&r)?);
                ids.push(r.identifier);
                ords.push(i as i32);
                numbers.push(r.number);
                holders.push(r.holder_code);
                states.push(r.state.as_str().to_string());
                valid_tos.push(r.valid_to);
            }
            tx.execute(
                "INSERT INTO certificates (identifier, ord, number, holder_code, state, valid_to, record)
                 SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                 ON CONFLICT (identifier) DO UPDATE SET ord = EXCLUDED.ord, number = EXCLUDED.number,
                   holder_code = EXCLUDED.holder_code, state = EXCLUDED.state,
                   valid_to = EXCLUDED.valid_to, record = EXCLUDED.record",
                &[&ids, &ords, &numbers, &holders, &states, &valid_tos, &records],
            )
            .await?;
            let hall = |kind: &'static str| {
                let tx = &tx;
                async move {
                    Ok::<Option<String>, StoreError>(
                        tx.query_opt("SELECT records FROM hall_items WHERE kind = $1", &[&kind])
                            .await?
                            .map(|r| r.get(0)),
                    )
                }
            };
            let services: Vec<serde_json::Value> = match hall("services").await? {
                Some(j) => serde_json::from_str(&j)?,
                None => seed
                    .services
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<Result<_, _>>()?,
            };
            let windows: Vec<serde_json::Value> = match hall("windows").await? {
                Some(j) => serde_json::from_str(&j)?,
                None => seed
                    .windows
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<Result<_, _>>()?,
            };
            for (table, items) in [("services", &services), ("windows", &windows)] {
                let ids: Vec<String> = items
                    .iter()
                    .map(|v| v["id"].as_str().unwrap_or("").to_string())
                    .collect();
                let ords: Vec<i32> = (0..items.len() as i32).collect();
                let recs: Vec<String> = items.iter().map(|v| v.to_string()).collect();
                tx.execute(
                    &format!(
                        "INSERT INTO {table} (id, ord, record)
                         SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
                         ON CONFLICT (id) DO UPDATE SET ord = EXCLUDED.ord, record = EXCLUDED.record"
                    ),
                    &[&ids, &ords, &recs],
                )
                .await?;
            }
            let col = |f: fn(&crate::seed::SeedCase) -> &String| -> Vec<String> {
                seed.cases.iter().map(|c| f(c).clone()).collect()
            };
            tx.execute(
                "INSERT INTO cases (case_no, service_id, window_id, accepted, status)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                 ON CONFLICT (case_no) DO UPDATE SET service_id = EXCLUDED.service_id,
                   window_id = EXCLUDED.window_id, accepted = EXCLUDED.accepted, status = EXCLUDED.status",
                &[
                    &col(|c| &c.case_no),
                    &col(|c| &c.service_id),
                    &col(|c| &c.window_id),
                    &col(|c| &c.accepted),
                    &col(|c| &c.status),
                ],
            )
            .await?;
            tx.commit().await?;
            Ok(seed_day)
        })
        .await
    }

    pub async fn load_certificates(&self) -> Result<Vec<CertRecord>, StoreError> {
        self.within(SLOW_TIMEOUT, async {
            let c = self.client().await?;
            let rows = c
                .query("SELECT record FROM certificates ORDER BY ord", &[])
                .await?;
            rows.iter()
                .map(|r| Ok(serde_json::from_str(r.get::<_, &str>(0))?))
                .collect()
        })
        .await
    }

    pub async fn load_records<T: serde::de::DeserializeOwned>(
        &self,
        kind: &str,
    ) -> Result<Vec<T>, StoreError> {
        let table = hall_table(kind)?;
        self.timed(async {
            let c = self.client().await?;
            let rows = c
                .query(&format!("SELECT record FROM {table} ORDER BY ord"), &[])
                .await?;
            rows.iter()
                .map(|r| Ok(serde_json::from_str(r.get::<_, &str>(0))?))
                .collect()
        })
        .await
    }

    pub async fn save_hall_items(
        &self,
        kind: &str,
        items: &[(String, serde_json::Value)],
        imported_at: &str,
        source_file: &str,
    ) -> Result<(), StoreError> {
        let table = hall_table(kind)?;
        let records: Vec<&serde_json::Value> = items.iter().map(|(_, v)| v).collect();
        let all = serde_json::to_string(&records)?;
        let ids: Vec<&str> = items.iter().map(|(id, _)| id.as_str()).collect();
        let ords: Vec<i32> = (0..items.len() as i32).collect();
        let recs: Vec<String> = items.iter().map(|(_, v)| v.to_string()).collect();
        self.timed(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            tx.execute(
                "INSERT INTO hall_items (kind, records, imported_at, source_file) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (kind) DO UPDATE SET records = EXCLUDED.records,
                   imported_at = EXCLUDED.imported_at, source_file = EXCLUDED.source_file",
                &[&kind, &all, &imported_at, &source_file],
            )
            .await?;
            tx.execute(&format!("DELETE FROM {table}"), &[]).await?;
            tx.execute(
                &format!(
                    "INSERT INTO {table} (id, ord, record)
                     SELECT * FROM unnest($1::text[], $2::int[], $3::text[])"
                ),
                &[&ids, &ords, &recs],
            )
            .await?;
            // Every replica re-reads services and windows when this changes.
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('hall_version', '1')
                 ON CONFLICT (key) DO UPDATE SET value = ((meta.value)::integer + 1)::text",
                &[],
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    pub async fn hall_version(&self) -> Result<u32, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let st = c
                .prepare_cached("SELECT value FROM meta WHERE key = 'hall_version'")
                .await?;
            let v: Option<String> = c.query_opt(&st, &[]).await?.map(|r| r.get(0));
            Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
        })
        .await
    }

    /// Services, windows and the hall version, read in one snapshot.
    pub async fn hall_view(&self) -> Result<crate::hall::HallView, StoreError> {
        self.timed(async {
            let mut c = self.client().await?;
            let tx = c
                .build_transaction()
                .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let v: Option<String> = tx
                .query_opt("SELECT value FROM meta WHERE key = 'hall_version'", &[])
                .await?
                .map(|r| r.get(0));
            let mut lists = Vec::new();
            for table in ["services", "windows"] {
                let rows = tx
                    .query(&format!("SELECT record FROM {table} ORDER BY ord"), &[])
                    .await?;
                lists.push(
                    rows.iter()
                        .map(|r| r.get::<_, String>(0))
                        .collect::<Vec<_>>(),
                );
            }
            tx.commit().await?;
            Ok(crate::hall::HallView {
                version: v.and_then(|s| s.parse().ok()).unwrap_or(0),
                services: parse_all(&lists[0])?,
                windows: parse_all(&lists[1])?,
            })
        })
        .await
    }

    /// Every stored case as (case number, service id, window id).
    pub async fn case_refs(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            Ok(c.query(
                "SELECT case_no, service_id, window_id FROM cases ORDER BY case_no",
                &[],
            )
            .await?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
        })
        .await
    }

    // --- 呼叫工作人员 ---

    pub async fn assist_create(
        &self,
        kiosk_id: &str,
        window: &str,
        now: &str,
    ) -> Result<(AssistCall, bool), StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let n = c
                .execute(
                    "INSERT INTO assist_calls (kiosk_id, assist_window, created_at) VALUES ($1, $2, $3)
                     ON CONFLICT (kiosk_id) WHERE answered_at IS NULL DO NOTHING",
                    &[&kiosk_id, &window, &now],
                )
                .await?;
            let r = c
                .query_opt(
                    &format!("SELECT {ASSIST_COLUMNS} FROM assist_calls WHERE kiosk_id = $1 AND answered_at IS NULL"),
                    &[&kiosk_id],
                )
                .await?;
            match r {
                Some(r) => Ok((assist_call(&r), n > 0)),
                // Answered between the two statements: this call is new after all.
                None => Err(StoreError::Unavailable("assist call raced; retry".into())),
            }
        })
        .await
    }

    pub async fn assist_list(&self, answered: u32) -> Result<Vec<AssistCall>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let mut out: Vec<AssistCall> = c
                .query(
                    &format!("SELECT {ASSIST_COLUMNS} FROM assist_calls WHERE answered_at IS NULL ORDER BY created_at, id"),
                    &[],
                )
                .await?
                .iter()
                .map(assist_call)
                .collect();
            let done = c
                .query(
                    &format!(
                        "SELECT {ASSIST_COLUMNS} FROM assist_calls WHERE answered_at IS NOT NULL
                         ORDER BY answered_at DESC, id DESC LIMIT $1"
                    ),
                    &[&i64::from(answered)],
                )
                .await?;
            out.extend(done.iter().map(assist_call));
            Ok(out)
        })
        .await
    }

    pub async fn assist_answer(
        &self,
        id: u64,
        now: &str,
    ) -> Result<Option<AssistCall>, StoreError> {
        let id = i64::try_from(id).unwrap_or(i64::MAX);
        self.timed(async {
            let c = self.client().await?;
            c.execute(
                "UPDATE assist_calls SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL",
                &[&id, &now],
            )
            .await?;
            Ok(c.query_opt(
                &format!("SELECT {ASSIST_COLUMNS} FROM assist_calls WHERE id = $1"),
                &[&id],
            )
            .await?
            .map(|r| assist_call(&r)))
        })
        .await
    }

    // --- catalog versions ---

    pub async fn catalog_in_force(&self) -> Result<u32, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let st = c
                .prepare_cached("SELECT value FROM meta WHERE key = 'catalog_in_force'")
                .await?;
            let v: Option<String> = c.query_opt(&st, &[]).await?.map(|r| r.get(0));
            Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
        })
        .await
    }

    /// The stored version in force with its entries; `None` when the seed is (version 0).
    pub async fn stored_entries(&self) -> Result<Option<(u32, Vec<LenientEntry>)>, StoreError> {
        self.within(SLOW_TIMEOUT.min(self.timeout * 4), async {
            let c = self.client().await?;
            entries_in_force(&**c).await
        })
        .await
    }

    /// Publishes `entries` as a new version in force, atomically (under the catalog lock).
    pub async fn publish_merged(
        &self,
        entries: &[LenientEntry],
        _replaces: Option<&str>,
        meta: &VersionMeta,
    ) -> Result<u32, StoreError> {
        self.within(SLOW_TIMEOUT, async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CATALOG_LOCK_KEY])
                .await?;
            let v = publish_in(&*tx, entries, meta).await?;
            tx.commit().await?;
            Ok(v)
        })
        .await
    }

    /// Merges `imported` into the catalog in force and publishes it, in one transaction under
    /// the catalog lock; the new version and the whole catalog.
    pub async fn import_merged(
        &self,
        seed: &[LenientEntry],
        imported: &[LenientEntry],
        replaces: Option<&str>,
        meta: &VersionMeta,
    ) -> Result<(u32, Vec<LenientEntry>), StoreError> {
        self.within(SLOW_TIMEOUT, async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CATALOG_LOCK_KEY])
                .await?;
            let current = match entries_in_force(&*tx).await? {
                Some((_, e)) => e,
                None => seed.to_vec(),
            };
            let merged = catalog::merge(&current, imported, replaces);
            let v = publish_in(&*tx, &merged, meta).await?;
            tx.commit().await?;
            Ok((v, merged))
        })
        .await
    }

    pub async fn rollback(&self, version: u32) -> Result<(), StoreError> {
        self.timed(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CATALOG_LOCK_KEY])
                .await?;
            if version != 0
                && tx
                    .query_opt(
                        "SELECT 1 FROM catalog_versions WHERE version = $1",
                        &[&(version as i32)],
                    )
                    .await?
                    .is_none()
            {
                return Err(CatalogError::NoSuchVersion(version).into());
            }
            set_in_force(&*tx, version).await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    pub async fn versions(&self) -> Result<Vec<VersionInfo>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let now: Option<String> = c
                .query_opt("SELECT value FROM meta WHERE key = 'catalog_in_force'", &[])
                .await?
                .map(|r| r.get(0));
            let now: u32 = now.and_then(|s| s.parse().ok()).unwrap_or(0);
            let rows = c
                .query(
                    "SELECT version, created_at, actor, source_file, source_sha256, source_number,
                            replaces, imported, json_array_length(entries::json)
                     FROM catalog_versions ORDER BY version",
                    &[],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|r| {
                    let version = to_u32(i64::from(r.get::<_, i32>(0)));
                    VersionInfo {
                        version,
                        meta: VersionMeta {
                            created_at: r.get(1),
                            actor: r.get(2),
                            source_file: r.get(3),
                            source_sha256: r.get(4),
                            source_number: r.get(5),
                            replaces: r.get(6),
                            imported: r.get::<_, i32>(7).max(0) as usize,
                        },
                        entries: r.get::<_, i32>(8).max(0) as usize,
                        in_force: version == now,
                    }
                })
                .collect())
        })
        .await
    }

    // --- reviews ---

    pub async fn submit_review(
        &self,
        key: &str,
        body_hash: &str,
        new: &NewReview,
        ctx: &SubmitContext,
    ) -> Result<SubmitOutcome, SubmitError> {
        const MARK: &str = "@@review_no@@";
        let state = review::initial_state(new.rating);
        let due_by = new
            .rating
            .is_bad()
            .then(|| review::due_date(ctx.today, ctx.deadline_days).to_string());
        let template = ReviewReceipt {
            review_no: MARK.into(),
            check_code: ctx.check_code.clone(),
            rating: new.rating,
            created_at: ctx.now.clone(),
            due_by: due_by.clone(),
            queued: false,
        };
        let json = serde_json::to_string(&template).map_err(StoreError::from)?;
        let quoted = format!("\"{MARK}\"");
        let (head, tail) = json
            .split_once(&quoted)
            .ok_or_else(|| StoreError::Config("receipt template".into()))?;
        let first = review::review_no(ctx.today, 0);
        let prefix = &first[..first.len().saturating_sub(6)];
        let tags = serde_json::to_string(&new.tags).unwrap_or_else(|_| "[]".into());
        let day = ctx.today.to_string();
        let channel = CHANNEL_KIOSK as i32;
        let max = review::MAX_REVIEWS_PER_CASE as i32;
        let rating = new.rating.as_str();
        let state_s = state.as_str();
        let row = self
            .timed(async {
                let c = self.client().await?;
                let take = c.prepare_cached("SELECT ek_take_number($1)").await?;
                let st = c
                    .prepare_cached(
                        "SELECT outcome, receipt FROM ek_submit_review(
                           $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                           $17, $18, $19, $20, $21)",
                    )
                    .await?;
                // A unique violation is a number reused from a claim that looked abandoned
                // while its review still committed (or a key that raced past the lock): the
                // retry takes another number / finds the stored receipt.
                let mut attempt = 0;
                loop {
                    attempt += 1;
                    let seq: i32 = c.query_one(&take, &[&day]).await?.get(0);
                    let res = c
                        .query_one(
                            &st,
                            &[
                                &key,
                                &body_hash,
                                &day,
                                &prefix,
                                &ctx.check_code,
                                &rating,
                                &tags,
                                &new.comment,
                                &new.phone,
                                &channel,
                                &new.kiosk_id,
                                &new.case_no,
                                &new.window_id,
                                &new.service_id,
                                &ctx.now,
                                &state_s,
                                &due_by,
                                &max,
                                &head,
                                &tail,
                                &seq,
                            ],
                        )
                        .await;
                    match res {
                        Err(e)
                            if attempt < 3
                                && e.code()
                                    == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) =>
                        {
                            continue
                        }
                        Err(e) => return Err(StoreError::from(e)),
                        Ok(r) => return Ok((r.get::<_, String>(0), r.get::<_, Option<String>>(1))),
                    }
                }
            })
            .await?;
        let parse = |j: Option<String>| -> Result<ReviewReceipt, SubmitError> {
            Ok(serde_json::from_str(j.as_deref().unwrap_or("")).map_err(StoreError::from)?)
        };
        match row.0.as_str() {
            "created" => Ok(SubmitOutcome::Created(parse(row.1)?)),
            "replayed" => Ok(SubmitOutcome::Replayed(parse(row.1)?)),
            "conflict" => Err(SubmitError::Conflict),
            "case_limit" => Err(SubmitError::CaseLimit),
            other => Err(SubmitError::Db(StoreError::Config(format!(
                "unexpected outcome {other}"
            )))),
        }
    }

    pub async fn load_status(&self, review_no: &str) -> Result<Option<StoredStatus>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let st = c
                .prepare_cached(
                    "SELECT id, rating, state, due_by, check_code, phone FROM reviews WHERE review_no = $1",
                )
                .await?;
            let Some(r) = c.query_opt(&st, &[&review_no]).await? else {
                return Ok(None);
            };
            let id: i64 = r.get(0);
            let history = history(&**c, id).await?;
            Ok(Some(StoredStatus {
                status: ReviewStatus {
                    review_no: review_no.to_string(),
                    rating: Rating::parse(r.get(1)),
                    state: ReviewState::parse(r.get(2)),
                    history,
                    due_by: r.get(3),
                },
                check_code: r.get(4),
                phone: r.get(5),
            }))
        })
        .await
    }

    pub async fn advance(
        &self,
        review_no: &str,
        to: ReviewState,
        note: &str,
        at: &str,
    ) -> Result<ReviewStatus, AdvanceError> {
        let res: Result<Result<(), AdvanceError>, StoreError> = self
            .timed(async {
                let mut c = self.client().await?;
                let tx = c.transaction().await?;
                // The row lock serialises steps on one review across replicas.
                let Some(r) = tx
                    .query_opt(
                        "SELECT id, state FROM reviews WHERE review_no = $1 FOR UPDATE",
                        &[&review_no],
                    )
                    .await?
                else {
                    return Ok(Err(AdvanceError::NotFound));
                };
                let id: i64 = r.get(0);
                let from = ReviewState::parse(r.get(1));
                if !review::can_transition(from, to) {
                    return Ok(Err(AdvanceError::Illegal { from, to }));
                }
                tx.execute(
                    "UPDATE reviews SET state = $1 WHERE id = $2",
                    &[&to.as_str(), &id],
                )
                .await?;
                tx.execute(
                    "INSERT INTO review_events (review_id, seq, state, at, note)
                     VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM review_events WHERE review_id = $1), $2, $3, $4)",
                    &[&id, &to.as_str(), &at, &note],
                )
                .await?;
                tx.commit().await?;
                Ok(Ok(()))
            })
            .await;
        res??;
        match self.load_status(review_no).await? {
            Some(s) => Ok(s.status),
            None => Err(AdvanceError::NotFound),
        }
    }

    pub async fn list_reviews(&self, limit: u32) -> Result<Vec<ReviewStatus>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let rows = c
                .query(
                    "SELECT id, review_no, rating, state, due_by FROM reviews ORDER BY id DESC LIMIT $1",
                    &[&i64::from(limit)],
                )
                .await?;
            let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
            let events = c
                .query(
                    "SELECT review_id, state, at, note FROM review_events
                     WHERE review_id = ANY($1) ORDER BY review_id, seq",
                    &[&ids],
                )
                .await?;
            let mut by_id: std::collections::HashMap<i64, Vec<ReviewEvent>> =
                std::collections::HashMap::new();
            for e in &events {
                by_id.entry(e.get(0)).or_default().push(ReviewEvent {
                    state: ReviewState::parse(e.get(1)),
                    at: e.get(2),
                    note: e.get(3),
                });
            }
            Ok(rows
                .iter()
                .map(|r| ReviewStatus {
                    review_no: r.get(1),
                    rating: Rating::parse(r.get(2)),
                    state: ReviewState::parse(r.get(3)),
                    history: by_id.remove(&r.get::<_, i64>(0)).unwrap_or_default(),
                    due_by: r.get(4),
                })
                .collect())
        })
        .await
    }

    pub async fn stats_rows(
        &self,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<StatsRow>, StoreError> {
        let from = from
            .map(|d| d.to_string())
            .unwrap_or_else(|| "0000-00-00".into());
        let to = to
            .map(|d| d.to_string())
            .unwrap_or_else(|| "9999-99-99".into());
        self.timed(async {
            let c = self.client().await?;
            let rows = c
                .query(
                    // handled_on: as on SQLite, the China-time day of the first
                    // 已整改/已解释/已回访 event.
                    "SELECT rating, state, window_id, service_id, created_day, due_by,
                       (SELECT MIN(substr(e.at, 1, 10)) FROM review_events e
                         WHERE e.review_id = reviews.id
                           AND e.state IN ('rectified', 'explained', 'revisited')),
                       kiosk_id IS NOT NULL AND kiosk_id = $3
                     FROM reviews WHERE created_day >= $1 AND created_day <= $2",
                    &[&from, &to, &crate::seed::DEMO_HISTORY_KIOSK],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|r| StatsRow {
                    rating: Rating::parse(r.get(0)),
                    state: ReviewState::parse(r.get(1)),
                    window_id: r.get(2),
                    service_id: r.get(3),
                    day: r.get(4),
                    due_by: r.get(5),
                    handled_on: r.get(6),
                    demo: r.get::<_, Option<bool>>(7).unwrap_or(false),
                })
                .collect())
        })
        .await
    }

    /// The seed day (`meta.seed_day`): the demo history ends the day before it.
    pub async fn seed_day(&self) -> Result<Option<Date>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let v: Option<String> = c
                .query_opt("SELECT value FROM meta WHERE key = 'seed_day'", &[])
                .await?
                .map(|r| r.get(0));
            Ok(v.as_deref().and_then(Date::parse))
        })
        .await
    }

    /// Stores the marked demo history unless one is stored (`rows`), or removes it (`None`),
    /// in one transaction under an advisory lock so replicas starting together store it once.
    /// The same rows and day numbers as [`crate::demo_history::install`] on SQLite.
    pub async fn apply_demo_history(
        &self,
        rows: Option<Vec<crate::seed::DemoReview>>,
    ) -> Result<(), StoreError> {
        use crate::demo_history::DAY_SEQ_BASE;
        use crate::seed::DEMO_HISTORY_KIOSK;
        let at = |d: Date, hour: u32| format!("{d}T{hour:02}:00:00+08:00");
        self.within(SLOW_TIMEOUT, async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            tx.execute("SELECT pg_advisory_xact_lock(7262001)", &[]).await?;
            let Some(rows) = rows else {
                tx.execute(
                    "DELETE FROM review_events WHERE review_id IN
                       (SELECT id FROM reviews WHERE kiosk_id = $1)",
                    &[&DEMO_HISTORY_KIOSK],
                )
                .await?;
                tx.execute(
                    "DELETE FROM idempotency WHERE review_id IN
                       (SELECT id FROM reviews WHERE kiosk_id = $1)",
                    &[&DEMO_HISTORY_KIOSK],
                )
                .await?;
                tx.execute("DELETE FROM reviews WHERE kiosk_id = $1", &[&DEMO_HISTORY_KIOSK])
                    .await?;
                tx.commit().await?;
                return Ok(());
            };
            let n: i64 = tx
                .query_one(
                    "SELECT COUNT(*) FROM reviews WHERE kiosk_id = $1",
                    &[&DEMO_HISTORY_KIOSK],
                )
                .await?
                .get(0);
            if n > 0 {
                return Ok(());
            }
            let ins = tx
                .prepare(
                    "INSERT INTO reviews (review_no, check_code, rating, tags, comment, phone,
                       channel, kiosk_id, case_no, window_id, service_id, created_at, created_day,
                       day_seq, state, due_by)
                     VALUES ($1, $2, $3, '[]', '', NULL, $4, $5, NULL, $6, $7, $8, $9, $10, $11, $12)
                     RETURNING id",
                )
                .await?;
            let ev = tx
                .prepare(
                    "INSERT INTO review_events (review_id, seq, state, at, note)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .await?;
            let mut seq_of_day: (Option<Date>, u32) = (None, DAY_SEQ_BASE);
            for r in &rows {
                if seq_of_day.0 != Some(r.day) {
                    seq_of_day = (Some(r.day), DAY_SEQ_BASE);
                }
                seq_of_day.1 += 1;
                let seq = seq_of_day.1 as i32;
                let channel = crate::store::CHANNEL_KIOSK as i32;
                let id: i64 = tx
                    .query_one(
                        &ins,
                        &[
                            &enforcement_kiosk::domain::review::review_no(r.day, seq_of_day.1),
                            &r.check_code,
                            &r.rating.as_str(),
                            &channel,
                            &DEMO_HISTORY_KIOSK,
                            &r.window_id,
                            &r.service_id,
                            &at(r.day, 10),
                            &r.day.to_string(),
                            &seq,
                            &r.state().as_str(),
                            &r.due_by.map(|d| d.to_string()),
                        ],
                    )
                    .await?
                    .get(0);
                let first = enforcement_kiosk::domain::review::initial_state(r.rating);
                tx.execute(&ev, &[&id, &1i32, &first.as_str(), &at(r.day, 10), &""])
                    .await?;
                for (i, (state, day)) in r.events.iter().enumerate() {
                    tx.execute(
                        &ev,
                        &[&id, &(i as i32 + 2), &state.as_str(), &at(*day, 15), &"演示数据"],
                    )
                    .await?;
                }
            }
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    pub async fn count_reviews(&self) -> Result<u32, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let st = c.prepare_cached("SELECT COUNT(*) FROM reviews").await?;
            Ok(to_u32(c.query_one(&st, &[]).await?.get::<_, i64>(0)))
        })
        .await
    }

    pub async fn review_origin(
        &self,
        review_no: &str,
    ) -> Result<Option<super::ReviewOrigin>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            Ok(c.query_opt(
                "SELECT channel, kiosk_id, window_id, service_id FROM reviews WHERE review_no = $1",
                &[&review_no],
            )
            .await?
            .map(|r| super::ReviewOrigin {
                channel: i64::from(r.get::<_, i32>(0)),
                kiosk_id: r.get(1),
                window_id: r.get(2),
                service_id: r.get(3),
            }))
        })
        .await
    }

    /// One upsert for all of a request's buckets (sorted, so two replicas lock rows in the
    /// same order); now and then, buckets untouched long enough to be full again are dropped.
    pub async fn take_tokens(
        &self,
        buckets: &[(String, u32)],
    ) -> Result<Result<(), u32>, StoreError> {
        let mut b: Vec<(String, u32)> = buckets.to_vec();
        b.sort();
        b.dedup_by(|x, y| x.0 == y.0);
        let keys: Vec<&str> = b.iter().map(|(k, _)| k.as_str()).collect();
        let caps: Vec<f64> = b.iter().map(|(_, c)| f64::from((*c).max(1))).collect();
        let sweep = self.calls.fetch_add(1, Ordering::Relaxed) % 1000 == 999;
        self.timed(async {
            let c = self.client().await?;
            if sweep {
                // Refill is cap per minute: after two idle minutes a bucket is full, like none.
                c.execute(
                    "DELETE FROM rate_buckets WHERE at < now() - interval '2 minutes'",
                    &[],
                )
                .await?;
            }
            let st = c
                .prepare_cached(
                    "INSERT INTO rate_buckets AS b (key, tokens, cap, ok, at)
                     SELECT k, c - 1, c, TRUE, now() FROM unnest($1::text[], $2::float8[]) AS t(k, c)
                     ON CONFLICT (key) DO UPDATE SET
                       tokens = LEAST(EXCLUDED.cap, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.at)) * EXCLUDED.cap / 60.0)
                              - CASE WHEN LEAST(EXCLUDED.cap, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.at)) * EXCLUDED.cap / 60.0) >= 1 THEN 1 ELSE 0 END,
                       ok = LEAST(EXCLUDED.cap, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.at)) * EXCLUDED.cap / 60.0) >= 1,
                       cap = EXCLUDED.cap,
                       at = now()
                     RETURNING ok, tokens, cap",
                )
                .await?;
            let rows = c.query(&st, &[&keys, &caps]).await?;
            let mut wait: Option<u32> = None;
            for r in &rows {
                let ok: bool = r.get(0);
                if !ok {
                    let tokens: f64 = r.get(1);
                    let cap: f64 = r.get(2);
                    let secs = ((1.0 - tokens) / (cap / 60.0)).ceil().clamp(1.0, 3600.0) as u32;
                    wait = Some(wait.map_or(secs, |w| w.max(secs)));
                }
            }
            Ok(match wait {
                None => Ok(()),
                Some(w) => Err(w),
            })
        })
        .await
    }

    pub async fn table_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        self.timed(async {
            let c = self.client().await?;
            let mut out = Vec::new();
            for t in super::TABLES {
                let n: i64 = c
                    .query_one(&format!("SELECT COUNT(*) FROM {t}"), &[])
                    .await?
                    .get(0);
                out.push((t.to_string(), n));
            }
            Ok(out)
        })
        .await
    }

    /// The pool, for the commands that move a hall between databases.
    pub(crate) async fn raw_client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        self.client().await
    }
}

fn parse_all<T: serde::de::DeserializeOwned>(rows: &[String]) -> Result<Vec<T>, StoreError> {
    rows.iter().map(|j| Ok(serde_json::from_str(j)?)).collect()
}

const ASSIST_COLUMNS: &str = "id, kiosk_id, assist_window, created_at, answered_at";

fn assist_call(r: &tokio_postgres::Row) -> AssistCall {
    AssistCall {
        id: r.get::<_, i64>(0).max(0) as u64,
        kiosk_id: r.get(1),
        window: r.get(2),
        created_at: r.get(3),
        answered_at: r.get(4),
    }
}

async fn history(
    c: &(impl tokio_postgres::GenericClient + Sync),
    id: i64,
) -> Result<Vec<ReviewEvent>, StoreError> {
    let rows = c
        .query(
            "SELECT state, at, note FROM review_events WHERE review_id = $1 ORDER BY seq",
            &[&id],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| ReviewEvent {
            state: ReviewState::parse(r.get(0)),
            at: r.get(1),
            note: r.get(2),
        })
        .collect())
}

async fn entries_in_force(
    c: &(impl tokio_postgres::GenericClient + Sync),
) -> Result<Option<(u32, Vec<LenientEntry>)>, StoreError> {
    let row = c
        .query_opt(
            "SELECT v.version, v.entries FROM catalog_versions v
             WHERE v.version::text = (SELECT value FROM meta WHERE key = 'catalog_in_force')",
            &[],
        )
        .await?;
    match row {
        None => Ok(None),
        Some(r) => {
            let v = to_u32(i64::from(r.get::<_, i32>(0)));
            Ok(Some((v, serde_json::from_str(r.get::<_, &str>(1))?)))
        }
    }
}

async fn set_in_force(
    c: &(impl tokio_postgres::GenericClient + Sync),
    version: u32,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO meta (key, value) VALUES ('catalog_in_force', $1)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        &[&version.to_string()],
    )
    .await?;
    Ok(())
}

async fn publish_in(
    c: &(impl tokio_postgres::GenericClient + Sync),
    entries: &[LenientEntry],
    meta: &VersionMeta,
) -> Result<u32, StoreError> {
    let json = serde_json::to_string(entries)?;
    let row = c
        .query_one(
            "INSERT INTO catalog_versions (created_at, actor, source_file, source_sha256,
               source_number, replaces, imported, entries) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             RETURNING version",
            &[
                &meta.created_at,
                &meta.actor,
                &meta.source_file,
                &meta.source_sha256,
                &meta.source_number,
                &meta.replaces,
                &(meta.imported as i32),
                &json,
            ],
        )
        .await?;
    let v = to_u32(i64::from(row.get::<_, i32>(0)));
    set_in_force(c, v).await?;
    Ok(v)
}
