//! kiosk-server: the reference REST backend of enforcement-kiosk (axum + SQLite).
//!
//! [`AppState::open`] opens and seeds the database and builds the in-memory indexes;
//! [`router`] gives the whole HTTP application (API under `/api/v1`, the built app
//! everywhere else), so integration tests drive it in-process.

pub mod admin;
pub mod certs;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod extract;
pub mod health;
pub mod lenient;
pub mod middleware;
pub mod openapi;
pub mod problem;
pub mod ratelimit;
pub mod reviews;
pub mod seed;
pub mod services;
pub mod static_files;
pub mod store;
pub mod synthetic;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use axum::Router;
use enforcement_kiosk::contract::{ServiceItem, Window};
use enforcement_kiosk::domain::cert::CertRecord;
use tower_http::compression::CompressionLayer;

pub use clock::Clock;
pub use config::Config;
use db::Db;
use seed::{CatalogBlob, SeedCase, SeedData};

/// Largest request body accepted (64 KiB).
pub const BODY_LIMIT: usize = 64 * 1024;

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

/// The API routes under `/api/v1` (without the outer layers).
pub fn api_router(state: Arc<AppState>) -> Router {
    let limited = Router::new()
        .route("/certificates/search", post(certs::search))
        .route("/certificates/verify", post(certs::verify))
        .route("/certificates/{identifier}", get(certs::detail))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ratelimit::limit_certificates,
        ));
    Router::new()
        .route("/health", get(health::health))
        .route("/lenient/catalog", get(lenient::catalog))
        .route("/lenient/items/{id}", get(lenient::item))
        .merge(limited)
        .route("/services", get(services::list_services))
        .route("/windows", get(services::list_windows))
        .route("/cases/{case_no}", get(services::case))
        .route("/reviews", post(reviews::submit))
        .route("/reviews/stats", get(reviews::stats))
        .route(
            "/reviews/{review_no}",
            get(reviews::status).route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                ratelimit::limit_review_lookup,
            )),
        )
        .route("/admin/reviews", get(admin::list))
        .route("/admin/reviews/{review_no}/advance", post(admin::advance))
        .route("/openapi.json", get(openapi::serve))
        .fallback(problem::api_not_found)
        .method_not_allowed_fallback(problem::api_method_not_allowed)
        .layer(axum::middleware::map_response(
            middleware::api_cache_default,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// The whole application: API, static app with history fallback, security headers,
/// compression and request logging.
pub fn router(state: Arc<AppState>) -> Router {
    let mut app = Router::new()
        .nest("/api/v1", api_router(state.clone()))
        .route("/api", any(problem::api_not_found))
        .route("/api/", any(problem::api_not_found))
        .route("/api/{*rest}", any(problem::api_not_found))
        .fallback_service(static_files::router(state.clone()))
        .layer(CompressionLayer::new().gzip(true).br(true))
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            middleware::security_headers,
        ));
    if state.config.log_requests {
        app = app.layer(axum::middleware::from_fn(middleware::log_requests));
    }
    app
}

/// Binds `HOST:PORT`, prints the URL, serves until SIGINT/SIGTERM.
pub async fn serve(state: Arc<AppState>) -> Result<(), StartError> {
    let addr = format!("{}:{}", state.config.host, state.config.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| StartError::Bind(addr.clone(), e))?;
    let local = listener.local_addr()?;
    let host = if local.is_ipv6() {
        format!("[{}]", local.ip())
    } else {
        local.ip().to_string()
    };
    println!("kiosk-server listening on http://{host}:{}/", local.port());
    if state.config.admin_token_generated {
        println!(
            "admin token (generated for this run): {}",
            state.config.admin_token
        );
    }
    serve_listener(listener, state, shutdown_signal()).await?;
    println!("kiosk-server stopped");
    Ok(())
}

/// Serves on `listener` until `shutdown` completes (then finishes in-flight requests).
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Runs blocking database work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, problem::ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| problem::ApiError::internal())
}
