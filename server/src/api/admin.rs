//! Hall staff: advance a review's handling, list reviews. Bearer token from the config.

use enforcement_kiosk::contract::ProblemCode;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use enforcement_kiosk::contract::{AdvanceRequest, Problem, ReviewState, ReviewStatus};
use enforcement_kiosk::domain::text::constant_time_eq;
use enforcement_kiosk::domain::{mask, review};

use crate::api::schema::or_empty;
use crate::extract::{ApiJson, ApiPath, QueryPairs};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::AdvanceError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `POST /admin/reviews/{review_no}/advance` and `GET /admin/reviews` with their OpenAPI paths
/// (both check the bearer token themselves).
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(advance))
        .routes(routes!(list))
}

pub const MAX_NOTE_CHARS: usize = 200;

/// Checks `Authorization: Bearer <token>` (constant-time comparison).
pub fn authorize(headers: &HeaderMap, token: &str) -> ApiResult<()> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .unwrap_or("");
    if !token.is_empty() && constant_time_eq(given.as_bytes(), token.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ProblemCode::Unauthorized,
            "A valid admin token is required.",
        ))
    }
}

/// Cleans a public note: trimmed, ID-like numbers masked; too long → 422.
pub fn clean_note(note: &str) -> ApiResult<String> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "The note is too long.",
        )
        .with_field("note", ProblemCode::TooLong));
    }
    Ok(mask::mask_all_ids_in_text(note))
}

/// Maps a store error to the API's problem.
pub fn advance_error(e: AdvanceError) -> ApiError {
    match e {
        AdvanceError::NotFound => ApiError::not_found(),
        AdvanceError::Illegal { from, to } => ApiError::new(
            StatusCode::CONFLICT,
            ProblemCode::IllegalTransition,
            format!(
                "A review cannot go from {} to {}.",
                from.as_str(),
                to.as_str()
            ),
        ),
        AdvanceError::Db(e) => ApiError::from(e),
    }
}

/// Advance a review's handling (核实 → 整改 → 反馈 → 回访; 申诉 → 复核), with a short public note.
#[utoipa::path(post, path = "/admin/reviews/{review_no}/advance", tag = "admin",
    request_body = AdvanceRequest,
    params(("review_no" = String, Path, description = "Review number", example = "HC20261122000001")),
    security(("admin_token" = [])),
    responses((status = 200, description = "The new status", body = ReviewStatus),
              (status = 400, description = "`invalid_body`: not an `AdvanceRequest` JSON body", body = Problem, content_type = "application/problem+json"),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "`illegal_transition`", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "`payload_too_large` (more than 64 KiB)", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "`validation_failed` (`to` unknown, `note` too long)", body = Problem, content_type = "application/problem+json"),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn advance(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    ApiPath(review_no): ApiPath,
    ApiJson(req): ApiJson<AdvanceRequest>,
) -> ApiResult<Json<ReviewStatus>> {
    authorize(&headers, &state.config.admin_token)?;
    if req.to == ReviewState::Unknown {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "Unknown target state.",
        )
        .with_field("to", ProblemCode::Invalid));
    }
    let note = clean_note(&req.note)?;
    let Some(review_no) = review::canonical_review_no(&review_no) else {
        return Err(ApiError::not_found());
    };
    let at = state.clock.now_rfc3339();
    state
        .store
        .advance(&review_no, req.to, &note, &at)
        .await
        .map(Json)
        .map_err(advance_error)
}

/// Schema of `limit`: an integer 1–500, or empty (the same as leaving it out, like every
/// empty query value of the API).
pub struct ListLimit;

impl utoipa::PartialSchema for ListLimit {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        or_empty(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1))
                .maximum(Some(500)),
        )
    }
}

impl utoipa::ToSchema for ListLimit {}

/// The newest reviews (default 50, at most 500), for the demo CLI and tests.
#[utoipa::path(get, path = "/admin/reviews", tag = "admin",
    params(("limit" = inline(Option<ListLimit>), Query, description = "How many, 1–500 (default 50; also when empty)")),
    security(("admin_token" = [])),
    responses((status = 200, description = "Reviews, newest first", body = Vec<ReviewStatus>),
              (status = 400, description = "`invalid_parameter`", body = Problem, content_type = "application/problem+json"),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    q: QueryPairs,
) -> ApiResult<Json<Vec<ReviewStatus>>> {
    authorize(&headers, &state.config.admin_token)?;
    let limit = match q.get("limit").filter(|s| !s.is_empty()) {
        None => 50,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=500).contains(&n) => n,
            _ => {
                return Err(ApiError::bad_request(
                    ProblemCode::InvalidParameter,
                    "limit must be 1–500.",
                )
                .with_field("limit", ProblemCode::Invalid))
            }
        },
    };
    let rows = state.store.list_reviews(limit).await?;
    Ok(Json(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_tokens() {
        let mut h = HeaderMap::new();
        assert!(authorize(&h, "s3cret").is_err());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret"),
        );
        assert!(authorize(&h, "s3cret").is_ok());
        assert!(authorize(&h, "s3creT").is_err());
        assert!(authorize(&h, "").is_err());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic s3cret"),
        );
        assert_eq!(
            authorize(&h, "s3cret").unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
    }

    #[test]
    fn notes_are_bounded() {
        assert_eq!(clean_note("  已核实  ").unwrap(), "已核实");
        assert!(clean_note(&"字".repeat(201)).is_err());
    }
}
