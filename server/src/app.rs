//! The whole HTTP application and its listener: the API, the built app with its history
//! fallback, security headers, compression, request logs; graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::routing::any;
use axum::Router;
use tower_http::compression::CompressionLayer;

use crate::state::{AppState, StartError};
use crate::{api, middleware, problem, static_files};

/// The whole application: API (compressed on the fly), the precompressed static app with its
/// history fallback, security headers and request logging.
pub fn router(state: Arc<AppState>) -> Router {
    // On-the-fly compression for API responses only; the app's files are precompressed by
    // the build (static_files::router).
    let api = api::router(state.clone()).layer(CompressionLayer::new().gzip(true).br(true));
    let mut app = Router::new()
        .nest(api::PREFIX, api)
        .route("/api", any(problem::api_not_found))
        .route("/api/", any(problem::api_not_found))
        .route("/api/{*rest}", any(problem::api_not_found))
        .fallback_service(static_files::router(&state.config.dist_dir))
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
