//! [`AppState`]: what every handler shares, opened and seeded once at start.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use enforcement_kiosk::contract::{DomainInfo, LenientEntry};

use enforcement_kiosk::contract::{ServiceItem, Window};
use enforcement_kiosk::domain::cert::CertRecord;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, Db};
use crate::seed::{self, CatalogBlob, SeedCase, SeedData};
use crate::{problem, ratelimit, static_files, synthetic};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Seed(#[from] seed::SeedError),
    #[error(transparent)]
    Db(#[from] db::DbError),
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

/// The hall's services and windows as served, with the hall version they were read at.
#[derive(Debug, Clone, Default)]
pub struct HallView {
    /// `meta.hall_version` when read (0 = the seed's).
    pub version: u32,
    pub services: Vec<ServiceItem>,
    pub windows: Vec<Window>,
}

impl HallView {
    fn load(db: &Db) -> Result<HallView, db::DbError> {
        db.read(|c| {
            Ok(HallView {
                version: crate::hall::version(c)?,
                services: db::load_records(c, "services")?,
                windows: db::load_records(c, "windows")?,
            })
        })
    }
}

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
    pub db: Arc<Db>,
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
    /// Opens (creating and seeding when needed) `DATA_DIR/kiosk.sqlite3` and builds the
    /// catalog and indexes.
    pub fn open(config: Config) -> Result<Arc<AppState>, StartError> {
        let seed = SeedData::embedded()?;
        let clock = Clock {
            pinned: config.seed_today,
        };
        let db = Db::open(&config.db_path(), &seed, clock.today(), config.seed_today)?;
        let stored = db.read(db::load_certificates)?;
        // The marked demo history: stored once when on, removed when off.
        db.write(|c| -> Result<(), db::DbError> {
            if config.demo_history {
                let end = crate::demo_history::seed_day(c)?.unwrap_or_else(|| clock.today());
                let rows = seed::demo_history(
                    &seed.windows,
                    &seed.services,
                    end,
                    config.bad_review_deadline_days,
                );
                crate::demo_history::install(c, &rows)?;
            } else {
                crate::demo_history::remove(c)?;
            }
            Ok(())
        })?;
        // The hall's own 事项 and 窗口 when imported (`services import`), else the seed's.
        let hall = HallView::load(&db)?;
        // Benchmarks only: LENIENT_SYNTHETIC_ENTRIES=N pads the catalog to N entries.
        let padded = synthetic::target_from_env(std::env::var(synthetic::ENV_VAR).ok().as_deref());
        let catalog = match padded {
            Some(n) => seed::build_catalog(
                &seed.domains,
                &synthetic::pad_entries(&seed.domains, &seed.entries, n),
            ),
            None => seed::embedded_catalog(&seed),
        };
        let (published, entries) = db
            .read(|c| crate::catalog::current_entries(c, &seed.entries))
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
            db: Arc::new(db),
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

    /// Loads the version the database has in force when it is not the one served (blocking);
    /// `true` when the catalog changed.
    pub fn reload_catalog(&self) -> Result<bool, crate::catalog::CatalogError> {
        *self
            .catalog_checked
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Instant::now();
        let now = self.db.read(crate::catalog::in_force)?;
        if now == self.catalog().published {
            return Ok(false);
        }
        let (published, entries) = self
            .db
            .read(|c| crate::catalog::current_entries(c, &self.seed_entries))?;
        let blob = seed::build_catalog_version(&self.seed_domains, &entries, published);
        *self.catalog.write().unwrap_or_else(|p| p.into_inner()) =
            Arc::new(CatalogView::new(published, blob));
        Ok(true)
    }

    /// The catalog in force, asking the database first when [`CATALOG_CHECK_EVERY`] has
    /// passed since the last check.
    pub async fn fresh_catalog(self: &Arc<Self>) -> Arc<CatalogView> {
        // One request per interval asks; the others serve what is loaded meanwhile.
        let due = due(&self.catalog_checked, CATALOG_CHECK_EVERY);
        if due {
            let me = self.clone();
            // A failed check keeps serving the version already loaded.
            let _ = blocking(move || me.reload_catalog()).await;
        }
        self.catalog()
    }
}

impl AppState {
    /// The hall's services and windows, as last loaded.
    pub fn hall(&self) -> Arc<HallView> {
        self.hall.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Re-reads services and windows when the database's hall version is not the one served
    /// (blocking); `true` when they changed.
    pub fn reload_hall(&self) -> Result<bool, db::DbError> {
        *self.hall_checked.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
        let now = self.db.read(crate::hall::version)?;
        if now == self.hall().version {
            return Ok(false);
        }
        let view = HallView::load(&self.db)?;
        *self.hall.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(view);
        Ok(true)
    }

    /// The hall's services and windows, asking the database first when
    /// [`CATALOG_CHECK_EVERY`] has passed since the last check.
    pub async fn fresh_hall(self: &Arc<Self>) -> Arc<HallView> {
        if due(&self.hall_checked, CATALOG_CHECK_EVERY) {
            let me = self.clone();
            // A failed check keeps serving what is loaded.
            let _ = blocking(move || me.reload_hall()).await;
        }
        self.hall()
    }
}

/// Runs blocking database work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, problem::ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| problem::ApiError::internal())
}
