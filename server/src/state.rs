//! [`AppState`]: what every handler shares, opened and seeded once at start.

use std::collections::HashMap;
use std::sync::Arc;

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
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// Everything a handler needs; shared behind an `Arc`.
pub struct AppState {
    pub config: Config,
    pub clock: Clock,
    pub db: Arc<Db>,
    pub catalog: CatalogBlob,
    /// Entry id → pre-serialized `LenientEntry` JSON.
    pub items: HashMap<String, axum::body::Bytes>,
    /// Certificate records as stored (valid_to resolved), searched by `domain::cert`.
    pub certs: Vec<CertRecord>,
    pub services: Vec<ServiceItem>,
    pub windows: Vec<Window>,
    pub cases: HashMap<String, SeedCase>,
    pub cert_limiter: ratelimit::RateLimiter,
    pub cert_ip_limiter: ratelimit::RateLimiter,
    pub lookup_limiter: ratelimit::RateLimiter,
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
        // Benchmarks only: LENIENT_SYNTHETIC_ENTRIES=N pads the catalog to N entries.
        let padded = synthetic::target_from_env(std::env::var(synthetic::ENV_VAR).ok().as_deref());
        let catalog = match padded {
            Some(n) => seed::build_catalog(
                &seed.domains,
                &synthetic::pad_entries(&seed.domains, &seed.entries, n),
            ),
            None => seed::embedded_catalog(&seed),
        };
        let items = catalog
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
        let csp = static_files::Csp::new(&config.dist_dir);
        Ok(Arc::new(AppState {
            cert_limiter: ratelimit::RateLimiter::new(config.cert_rate_per_min),
            cert_ip_limiter: ratelimit::RateLimiter::new(
                config.cert_rate_per_min.saturating_mul(10),
            ),
            lookup_limiter: ratelimit::RateLimiter::new(config.review_lookup_per_min),
            clock,
            db: Arc::new(db),
            catalog,
            items,
            certs: stored,
            services: seed.services,
            windows: seed.windows,
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

/// Runs blocking database work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, problem::ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| problem::ApiError::internal())
}
