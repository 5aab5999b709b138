//! Hall services, windows and cases (what can be reviewed).

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use enforcement_kiosk::contract::{CaseInfo, Problem, ServiceItem, Window};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::ApiPath;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// `GET /services`, `GET /windows` and `GET /cases/{case_no}` with their OpenAPI paths.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(list_services))
        .routes(routes!(list_windows))
        .routes(routes!(case))
}

/// The hall's service items.
#[utoipa::path(get, path = "/services", tag = "reviews",
    responses((status = 200, description = "Service items", body = Vec<ServiceItem>)))]
pub async fn list_services(State(state): State<Arc<AppState>>) -> Json<Vec<ServiceItem>> {
    Json(state.fresh_hall().await.services.clone())
}

/// The hall's windows.
#[utoipa::path(get, path = "/windows", tag = "reviews",
    responses((status = 200, description = "Windows", body = Vec<Window>)))]
pub async fn list_windows(State(state): State<Arc<AppState>>) -> Json<Vec<Window>> {
    Json(state.fresh_hall().await.windows.clone())
}

/// A case (办件) by its number, with the service and the window that handled it; `window`
/// (or `service`) is `null` when the hall's data no longer has it (after a `windows import`).
#[utoipa::path(get, path = "/cases/{case_no}", tag = "reviews",
    params(("case_no" = String, Path, description = "办件编号", example = "32050820260923000055")),
    responses((status = 200, description = "The case", body = CaseInfo),
              (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json")))]
pub async fn case(
    State(state): State<Arc<AppState>>,
    ApiPath(case_no): ApiPath,
) -> ApiResult<Json<CaseInfo>> {
    let c = state
        .cases
        .get(case_no.trim())
        .ok_or_else(ApiError::not_found)?;
    let hall = state.fresh_hall().await;
    Ok(Json(CaseInfo {
        case_no: c.case_no.clone(),
        service: hall.services.iter().find(|s| s.id == c.service_id).cloned(),
        window: hall.windows.iter().find(|w| w.id == c.window_id).cloned(),
    }))
}
