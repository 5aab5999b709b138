//! `GET /api/v1/health`.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use enforcement_kiosk::contract::Health;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::problem::{ApiError, ApiResult};
use crate::state::blocking;
use crate::state::AppState;
use crate::store;

/// `GET /health` with its OpenAPI path.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Liveness and data versions.
#[utoipa::path(get, path = "/health", tag = "system",
    responses((status = 200, description = "The server and its database answer", body = Health),
              (status = 503, description = "The database is busy", body = enforcement_kiosk::contract::Problem, content_type = "application/problem+json")))]
pub async fn health(State(state): State<Arc<AppState>>) -> ApiResult<Json<Health>> {
    let db = state.db.clone();
    let reviews = blocking(move || db.read(store::count_reviews))
        .await?
        .map_err(ApiError::from)?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        catalog_version: state.catalog.catalog.version.clone(),
        certificates: u32::try_from(state.certs.len()).unwrap_or(u32::MAX),
        reviews,
    }))
}
