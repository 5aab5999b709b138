//! `GET /api/v1/health`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use enforcement_kiosk::contract::Health;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::problem::ApiResult;
use crate::state::AppState;

/// `GET /health` with its OpenAPI path.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new().routes(routes!(health))
}

/// The response header that carries `INSTANCE_ID`.
pub const INSTANCE_HEADER: HeaderName = HeaderName::from_static("x-instance-id");

/// Liveness and data versions.
///
/// `database` is `ok` while the database answers and `down` while it cannot be reached; the
/// server stays up then (this answers 200 with `status` `degraded` and `reviews` 0) while the
/// API answers 503 `database_unavailable` with `Retry-After`.
///
/// A server started with `INSTANCE_ID` sends it back in `X-Instance-Id`, so that whoever
/// started it can check that this process is the one answering.
#[utoipa::path(get, path = "/health", tag = "system",
    responses((status = 200, description = "The server answers; `database` says whether its database does", body = Health,
                headers(("X-Instance-Id" = String, description = "The `INSTANCE_ID` the server was started with; absent when none was given"))),
              (status = 503, description = "`unavailable`: the SQLite database is busy", body = enforcement_kiosk::contract::Problem, content_type = "application/problem+json")))]
pub async fn health(State(state): State<Arc<AppState>>) -> ApiResult<Response> {
    let (status, database, reviews) = match state.store.count_reviews().await {
        Ok(n) => ("ok", "ok", n),
        Err(crate::store::StoreError::Sqlite(e)) => return Err(e.into()),
        Err(_) => ("degraded", "down", 0),
    };
    let mut res = Json(Health {
        status: status.into(),
        database: database.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        catalog_version: state.catalog().blob.catalog.version.clone(),
        certificates: u32::try_from(state.certs.len()).unwrap_or(u32::MAX),
        reviews,
        hall_version: state.fresh_hall().await.version,
    })
    .into_response();
    // `Config` admits only header-safe ids, so `from_str` fails only if that check is broken.
    if let Some(v) = state
        .config
        .instance_id
        .as_deref()
        .and_then(|id| HeaderValue::from_str(id).ok())
    {
        res.headers_mut().insert(INSTANCE_HEADER, v);
    }
    Ok(res)
}
