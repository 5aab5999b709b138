//! Hall staff replace the hall's 事项 and 窗口 through the API: the same import as
//! `kiosk-server services|windows import` (admin token; multipart upload with a size limit).
//! Served at once by this process (and by any other on the database within
//! [`crate::state::CATALOG_CHECK_EVERY`]).

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use enforcement_kiosk::contract::{HallImportReport, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::admin::authorize;
use crate::api::lists::{read_upload, wire_problem, ListUpload, UPLOAD_LIMIT};
use crate::extract::QueryPairs;
use crate::hall::{HallImportError, HallKind};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// `POST /admin/services/import` and `POST /admin/windows/import` with their OpenAPI paths.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(import_services))
        .routes(routes!(import_windows))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
}

async fn run(
    state: Arc<AppState>,
    kind: HallKind,
    q: QueryPairs,
    req: Request,
) -> ApiResult<Response> {
    authorize(req.headers(), &state.config.admin_token)?;
    let (name, bytes) = read_upload(&state, req).await?;
    let dry_run = matches!(q.get("dry_run"), Some("true" | "1"));
    let now = state.clock.now_rfc3339();
    let outcome = state
        .store
        .hall_import(kind, &name, bytes.to_vec(), &now, dry_run)
        .await;
    if matches!(outcome, Ok(ref o) if o.version.is_some()) {
        let _ = state.reload_hall().await;
    }
    match outcome {
        Ok(o) => Ok(Json(HallImportReport {
            kind: kind.as_str().into(),
            dry_run,
            rows: u32::try_from(o.lines.len()).unwrap_or(u32::MAX),
            hall_version: o.version,
            orphaned_cases: o.orphaned,
            problems: Vec::new(),
        })
        .into_response()),
        Err(HallImportError::Rejected(problems)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(HallImportReport {
                kind: kind.as_str().into(),
                dry_run,
                problems: problems.iter().map(wire_problem).collect(),
                ..HallImportReport::default()
            }),
        )
            .into_response()),
        Err(HallImportError::Store(e)) => Err(ApiError::from(e)),
    }
}

/// Replace the hall's 事项 (columns 事项编号, 事项名称, 实施部门, 事项类型, 承诺时限; the rules
/// of `kiosk-server services import`): every problem is reported with its row and column and
/// nothing is stored; otherwise the services are replaced (unless `dry_run`) and served at
/// once, and `Health::hall_version` goes up. Cases whose service the file lacks are listed in
/// `orphaned_cases` (their reviews are stored without a service).
#[utoipa::path(post, path = "/admin/services/import", tag = "admin",
    request_body(content = ListUpload, content_type = "multipart/form-data"),
    params(("dry_run" = Option<bool>, Query, description = "`true`: check and report, store nothing")),
    security(("admin_token" = [])),
    responses((status = 200, description = "Stored (or checked, for a dry run)", body = HallImportReport),
              (status = 400, description = "`invalid_body`: not a multipart upload with a `file` part", body = Problem, content_type = "application/problem+json"),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 413, description = "`payload_too_large` (more than 16 MB)", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "The file has problems; nothing was stored", body = HallImportReport),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn import_services(
    State(state): State<Arc<AppState>>,
    q: QueryPairs,
    req: Request,
) -> ApiResult<Response> {
    run(state, HallKind::Services, q, req).await
}

/// Replace the hall's 窗口 (columns 窗口编号, 窗口名称, 所在区域; the rules of `kiosk-server
/// windows import`), like `POST /admin/services/import`. Cases whose window the file lacks are
/// listed in `orphaned_cases`: `GET /cases/{case_no}` shows them with `window: null` and their
/// reviews are stored without a window.
#[utoipa::path(post, path = "/admin/windows/import", tag = "admin",
    request_body(content = ListUpload, content_type = "multipart/form-data"),
    params(("dry_run" = Option<bool>, Query, description = "`true`: check and report, store nothing")),
    security(("admin_token" = [])),
    responses((status = 200, description = "Stored (or checked, for a dry run)", body = HallImportReport),
              (status = 400, description = "`invalid_body`: not a multipart upload with a `file` part", body = Problem, content_type = "application/problem+json"),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 413, description = "`payload_too_large` (more than 16 MB)", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "The file has problems; nothing was stored", body = HallImportReport),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn import_windows(
    State(state): State<Arc<AppState>>,
    q: QueryPairs,
    req: Request,
) -> ApiResult<Response> {
    run(state, HallKind::Windows, q, req).await
}
