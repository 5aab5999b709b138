//! 呼叫工作人员: a kiosk calls staff (`POST /assist`, at most one open call per kiosk, rate
//! limited); staff list the calls and mark them answered (admin token).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use enforcement_kiosk::contract::{AssistCall, AssistRequest, Problem, ProblemCode};
use enforcement_kiosk::domain::assist;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::api::admin::authorize;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, ApiResult};
use crate::ratelimit::{client_key, ip_key};
use crate::state::AppState;

/// Answered calls listed after the open ones.
pub const ANSWERED_LISTED: u32 = 20;

/// `POST /assist` (behind its rate limit), `GET /admin/assist` and
/// `POST /admin/assist/{id}/answer` with their OpenAPI paths.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(call).map(|r| r.route_layer(axum::middleware::from_fn(limit_calls))))
        .routes(routes!(list))
        .routes(routes!(answer))
}

/// [`assist::CALLS_PER_MIN`] per kiosk, ten times that per peer IP (a hall's kiosks may share
/// one): 429 `rate_limited` with `Retry-After`.
async fn limit_calls(
    Extension(state): Extension<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let wait = if state.store.postgres().is_some() {
        // Shared by every replica.
        let per_min = assist::CALLS_PER_MIN;
        // Two limiters, as in process: their buckets never share a row.
        let buckets = [
            (format!("assist-client:{}", client_key(&req)), per_min),
            (format!("assist-ip:{}", ip_key(&req)), per_min * 10),
        ];
        match state.store.take_tokens(&buckets).await {
            Ok(r) => r.err(),
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else {
        let now = Instant::now();
        let checks = [
            state.assist_limiter.check(&client_key(&req), now),
            state.assist_ip_limiter.check(&ip_key(&req), now),
        ];
        checks.iter().find_map(|c| c.err())
    };
    match wait {
        None => next.run(req).await,
        Some(wait) => {
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ProblemCode::RateLimited,
                "Too many calls for staff from this kiosk; staff are on their way.",
            );
            e.retry_after = Some(wait);
            e.into_response()
        }
    }
}

/// Call staff to this kiosk (呼叫工作人员).
///
/// The kiosk id comes from `X-Kiosk-Id`; `window` is where the kiosk sends the person. Nothing
/// about the person is sent or stored. A kiosk has at most one open call: a new call is a 201,
/// a call while one is open answers 200 with the open call (unchanged).
#[utoipa::path(post, path = "/assist", tag = "assist",
    request_body = AssistRequest,
    params(("X-Kiosk-Id" = String, Header, description = "The calling kiosk, 1–64 of [A-Za-z0-9_-]")),
    responses((status = 201, description = "A new call", body = AssistCall),
              (status = 200, description = "The kiosk's call already open", body = AssistCall),
              (status = 400, description = "`invalid_body`", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "`validation_failed` with `fields` (`X-Kiosk-Id` missing or invalid, `window` too long)", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "`rate_limited`, with `retry_after` and `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait, as `retry_after`"))),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn call(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<AssistRequest>,
) -> ApiResult<Response> {
    let kiosk = headers.get("x-kiosk-id").and_then(|v| v.to_str().ok());
    let (kiosk, window) = assist::validate_call(kiosk, &req.window).map_err(|fields| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "The call is not valid.",
        )
        .with_fields(fields)
    })?;
    let now = state.clock.now_rfc3339();
    let (c, new) = state.store.assist_create(&kiosk, &window, &now).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(c)).into_response())
}

/// The open calls for staff (the longest waiting first), then the last 20 answered.
#[utoipa::path(get, path = "/admin/assist", tag = "admin",
    security(("admin_token" = [])),
    responses((status = 200, description = "Calls: open first", body = Vec<AssistCall>),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> ApiResult<Json<Vec<AssistCall>>> {
    authorize(&headers, &state.config.admin_token)?;
    let calls = state.store.assist_list(ANSWERED_LISTED).await?;
    Ok(Json(calls))
}

/// Mark a call answered (staff are with the person); answering it again changes nothing.
#[utoipa::path(post, path = "/admin/assist/{id}/answer", tag = "admin",
    params(("id" = u64, Path, description = "The call's id")),
    security(("admin_token" = [])),
    responses((status = 200, description = "The call, answered", body = AssistCall),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn answer(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    ApiPath(id): ApiPath,
) -> ApiResult<Json<AssistCall>> {
    authorize(&headers, &state.config.admin_token)?;
    let Ok(id) = id.parse::<u64>() else {
        return Err(ApiError::not_found());
    };
    let now = state.clock.now_rfc3339();
    state
        .store
        .assist_answer(id, &now)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}
