//! [`AppState`]: what every handler shares, opened and seeded once at start.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use enforcement_kiosk::contract::{DomainInfo, LenientEntry};

use enforcement_kiosk::domain::cert::CertRecord;

use crate::clock::Clock;
use crate::config::Config;
use crate::db;
pub use crate::hall::HallView;
use crate::seed::{self, CatalogBlob, SeedCase, SeedData};
use crate::store::{Store, StoreError};
use crate::{problem, ratelimit, static_files, synthetic};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Seed(#[from] seed::SeedError),
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
    #[error("catalog: {0}")]
    Catalog(String),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// One catalog version as served.
pub struct CatalogView {
    /// The published version (0 = the embedded seed).
    pub published: u32,
    pub blob: CatalogBlob,
    /// Entry id → pre-serialized `LenientEntry` JSON.
    pub items: HashMap<String, axum::body::Bytes>,
}

impl CatalogView {
    pub fn new(published: u32, blob: CatalogBlob) -> CatalogView {
        let items = blob
            .catalog
            .entries
            .iter()
            .map(|e| {
                (
                    e.entry.id.clone(),
                    serde_json::to_vec(&e.entry).unwrap_or_default().into(),
                )
            })
            .collect();
        CatalogView {
            published,
            blob,
            items,
        }
    }
}

/// How often a request for the catalog asks the database whether another process published
/// a new version (kiosks poll far less often).
pub const CATALOG_CHECK_EVERY: Duration = Duration::from_secs(2);

/// Whether the check timer `t` has run for `every`; restarts it when so.
fn due(t: &Mutex<Instant>, every: Duration) -> bool {
    let mut t = t.lock().unwrap_or_else(|p| p.into_inner());
    let due = t.elapsed() >= every;
    if due {
        *t = Instant::now();
    }
    due
}

/// Everything a handler needs; shared behind an `Arc`.
pub struct AppState {
    pub config: Config,
    pub clock: Clock,
    /// The database (SQLite or PostgreSQL); every data operation goes through it.
    pub store: Store,
    /// The catalog version in force; replaced when an import or rollback (by this process or
    /// by `kiosk-server lists …` on the same database) changes it.
    catalog: RwLock<Arc<CatalogView>>,
    /// When the database was last asked which version is in force.
    catalog_checked: Mutex<Instant>,
    pub seed_domains: Vec<DomainInfo>,
    pub seed_entries: Vec<LenientEntry>,
    /// Certificate records as stored (valid_to resolved), searched by `domain::cert`.
    pub certs: Vec<CertRecord>,
    /// The hall's services and windows; replaced when `meta.hall_version` changes (an import
    /// by this process or by `kiosk-server services|windows import`).
    hall: RwLock<Arc<HallView>>,
    /// When the database was last asked for the hall version.
    hall_checked: Mutex<Instant>,
    pub cases: HashMap<String, SeedCase>,
    /// In-process limiters, used on SQLite (one process); on PostgreSQL the buckets live in
    /// the database so that they hold across replicas ([`Store::take_tokens`]).
    pub cert_limiter: ratelimit::RateLimiter,
    pub cert_ip_limiter: ratelimit::RateLimiter,
    pub lookup_limiter: ratelimit::RateLimiter,
    /// 呼叫工作人员: per kiosk, and per peer IP (ten times as many).
    pub assist_limiter: ratelimit::RateLimiter,
    pub assist_ip_limiter: ratelimit::RateLimiter,
    /// The `Content-Security-Policy` (with the hashes of index.html's inline scripts).
    pub csp: static_files::Csp,
}

impl AppState {
    /// Opens (creating, migrating and seeding when needed) the database `DATABASE_URL` names
    /// (by default `DATA_DIR/kiosk.sqlite3`) and builds the catalog and indexes.
    pub async fn open(config: Config) -> Result<Arc<AppState>, StartError> {
        let seed = SeedData::embedded()?;
        let clock = Clock {
            pinned: config.seed_today,
        };
        let store = Store::open(&config, &seed, clock.today(), config.seed_today).await?;
        let stored = store.load_certificates().await?;
        // The marked demo history: stored once when on, removed when off.
        {
            let (windows, services) = (seed.windows.clone(), seed.services.clone());
            let deadline = config.bad_review_deadline_days;
            store
                .apply_demo_history(config.demo_history, clock.today(), move |end| {
                    seed::demo_history(&windows, &services, end, deadline)
                })
                .await?;
        }
        // The hall's own 事项 and 窗口 when imported (`services import`), else the seed's.
        let hall = store.hall_view().await?;
        // Benchmarks only: LENIENT_SYNTHETIC_ENTRIES=N pads the catalog to N entries.
        let padded = synthetic::target_from_env(std::env::var(synthetic::ENV_VAR).ok().as_deref());
        let catalog = match padded {
            Some(n) => seed::build_catalog(
                &seed.domains,
                &synthetic::pad_entries(&seed.domains, &seed.entries, n),
            ),
            None => seed::embedded_catalog(&seed),
        };
        let (published, entries) = store
            .current_entries(&seed.entries)
            .await
            .map_err(|e| StartError::Catalog(e.to_string()))?;
        let catalog = if published == 0 {
            catalog
        } else {
            seed::build_catalog_version(&seed.domains, &entries, published)
        };
        let csp = static_files::Csp::new(&config.dist_dir);
        Ok(Arc::new(AppState {
            cert_limiter: ratelimit::RateLimiter::new(config.cert_rate_per_min),
            cert_ip_limiter: ratelimit::RateLimiter::new(
                config.cert_rate_per_min.saturating_mul(10),
            ),
            lookup_limiter: ratelimit::RateLimiter::new(config.review_lookup_per_min),
            assist_limiter: ratelimit::RateLimiter::new(
                enforcement_kiosk::domain::assist::CALLS_PER_MIN,
            ),
            assist_ip_limiter: ratelimit::RateLimiter::new(
                enforcement_kiosk::domain::assist::CALLS_PER_MIN * 10,
            ),
            clock,
            store,
            catalog: RwLock::new(Arc::new(CatalogView::new(published, catalog))),
            catalog_checked: Mutex::new(Instant::now()),
            seed_domains: seed.domains,
            seed_entries: seed.entries,
            certs: stored,
            hall: RwLock::new(Arc::new(hall)),
            hall_checked: Mutex::new(Instant::now()),
            cases: seed
                .cases
                .into_iter()
                .map(|c| (c.case_no.clone(), c))
                .collect(),
            csp,
            config,
        }))
    }
}

impl AppState {
    /// The catalog version in force, as last loaded.
    pub fn catalog(&self) -> Arc<CatalogView> {
        self.catalog
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Loads the version the database has in force when it is not the one served; `true`
    /// when the catalog changed.
    pub async fn reload_catalog(&self) -> Result<bool, StoreError> {
        *self
            .catalog_checked
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Instant::now();
        let now = self.store.catalog_in_force().await?;
        if now == self.catalog().published {
            return Ok(false);
        }
        let (published, entries) = self.store.current_entries(&self.seed_entries).await?;
        let domains = self.seed_domains.clone();
        let view = tokio::task::spawn_blocking(move || {
            CatalogView::new(
                published,
                seed::build_catalog_version(&domains, &entries, published),
            )
        })
        .await
        .map_err(|e| StoreError::Config(format!("catalog build failed: {e}")))?;
        *self.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(view);
        Ok(true)
    }

    /// The catalog in force, asking the database first when [`CATALOG_CHECK_EVERY`] has
    /// passed since the last check (so every replica serves a version published by another
    /// within that interval).
    pub async fn fresh_catalog(self: &Arc<Self>) -> Arc<CatalogView> {
        // One request per interval asks; the others serve what is loaded meanwhile. A failed
        // check (the database away: each store call has its timeout) keeps serving the
        // version already loaded.
        if due(&self.catalog_checked, CATALOG_CHECK_EVERY) {
            let _ = self.reload_catalog().await;
        }
        self.catalog()
    }
}

impl AppState {
    /// The hall's services and windows, as last loaded.
    pub fn hall(&self) -> Arc<HallView> {
        self.hall.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Re-reads services and windows when the database's hall version is not the one served;
    /// `true` when they changed.
    pub async fn reload_hall(&self) -> Result<bool, StoreError> {
        *self.hall_checked.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
        let now = self.store.hall_version().await?;
        if now == self.hall().version {
            return Ok(false);
        }
        let view = self.store.hall_view().await?;
        *self.hall.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(view);
        Ok(true)
    }

    /// The hall's services and windows, asking the database first when
    /// [`CATALOG_CHECK_EVERY`] has passed since the last check.
    pub async fn fresh_hall(self: &Arc<Self>) -> Arc<HallView> {
        if due(&self.hall_checked, CATALOG_CHECK_EVERY) {
            // A failed check keeps serving what is loaded.
            let _ = self.reload_hall().await;
        }
        self.hall()
    }
}

/// Runs blocking work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, problem::ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| problem::ApiError::internal())
}
