//! Good/bad reviews: submission (idempotent, durable), status look-up, statistics.

use enforcement_kiosk::contract::{ProblemCode, StatsGroupBy};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use enforcement_kiosk::contract::{
    FieldProblem, Problem, ReviewReceipt, ReviewRequest, ReviewStats, ReviewStatus,
};
use enforcement_kiosk::domain::date::Date;
use enforcement_kiosk::domain::review::{self, StatsQuery};
use sha2::{Digest, Sha256};

use crate::extract::{ApiJson, ApiPath, QueryPairs};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::api::schema::or_empty;
use crate::middleware;
use crate::problem::{ApiError, ApiResult};
use crate::state::{AppState, HallView};
use crate::store::{NewReview, SubmitContext, SubmitError, SubmitOutcome};

/// `POST /reviews`, `GET /reviews/{review_no}` (behind the look-up rate limit) and
/// `GET /reviews/stats` with their OpenAPI paths.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(submit))
        .routes(
            routes!(status).map(|get| {
                get.route_layer(axum::middleware::from_fn(middleware::limit_review_lookup))
            }),
        )
        .routes(routes!(stats))
}

pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// 1–64 characters of `[A-Za-z0-9_-]`.
pub fn valid_idempotency_key(k: &str) -> bool {
    (1..=64).contains(&k.len())
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn kiosk_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-kiosk-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_string)
}

fn field(field: &str, code: ProblemCode) -> FieldProblem {
    FieldProblem::new(field, code)
}

/// Validates a request against the domain rules and the hall's reference data.
pub fn check_review(
    state: &AppState,
    hall: &HallView,
    req: &ReviewRequest,
) -> Result<NewReview, ApiError> {
    let clean = review::validate_review(req).map_err(|fields| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "The review is not valid.",
        )
        .with_fields(fields)
    })?;
    let mut problems = Vec::new();
    let norm = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let case_no = norm(&clean.case_no);
    let mut window_id = norm(&clean.window_id);
    let mut service_id = norm(&clean.service_id);
    if let Some(c) = &case_no {
        match state.cases.get(c) {
            // A case's window or service the hall's data no longer has (after a `windows
            // import`) is left out: the review is stored without it.
            Some(case) => {
                window_id = window_id.or_else(|| {
                    Some(case.window_id.clone())
                        .filter(|id| hall.windows.iter().any(|x| &x.id == id))
                });
                service_id = service_id.or_else(|| {
                    Some(case.service_id.clone())
                        .filter(|id| hall.services.iter().any(|x| &x.id == id))
                });
            }
            None => problems.push(field("case_no", ProblemCode::UnknownCase)),
        }
    }
    if let Some(w) = &window_id {
        if !hall.windows.iter().any(|x| &x.id == w) {
            problems.push(field("window_id", ProblemCode::UnknownWindow));
        }
    }
    if let Some(s) = &service_id {
        if !hall.services.iter().any(|x| &x.id == s) {
            problems.push(field("service_id", ProblemCode::UnknownService));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "The review is not valid.",
        )
        .with_fields(problems));
    }
    Ok(NewReview {
        rating: clean.rating,
        tags: clean.tags,
        comment: clean.comment,
        phone: clean.phone.filter(|p| !p.trim().is_empty()),
        kiosk_id: None,
        case_no,
        window_id,
        service_id,
    })
}

/// Hash of the request as parsed (so formatting differences are the same body).
pub fn body_hash(req: &ReviewRequest) -> String {
    let bytes = serde_json::to_vec(req).unwrap_or_default();
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Submit a review (好差评) from this kiosk (channel 5, 自助终端).
///
/// The `Idempotency-Key` header makes a retry safe: the same key with the same body returns
/// the first receipt (200) and stores nothing more; the same key with another body is a 409
/// `idempotency_conflict`. The review, its first history event and the key are committed in
/// one transaction before the response. A 差评 gets `due_by` = today + the configured number
/// of working days.
#[utoipa::path(post, path = "/reviews", tag = "reviews",
    request_body = ReviewRequest,
    params(("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{1,64}$", min_length = 1, max_length = 64,
            description = "1–64 characters of [A-Za-z0-9_-], unique per review"),
           ("X-Kiosk-Id" = Option<String>, Header, description = "Kiosk id, stored with the review")),
    responses((status = 201, description = "Stored", body = ReviewReceipt),
              (status = 200, description = "A retry of a stored review: the same receipt", body = ReviewReceipt),
              (status = 400, description = "`idempotency_key_required`, `invalid_idempotency_key` or `invalid_body`", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "`idempotency_conflict` or `case_review_limit`", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "`validation_failed` with `fields` (e.g. `case_no`/`unknown_case`)", body = Problem, content_type = "application/problem+json"),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn submit(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> ApiResult<Response> {
    let key =
        match headers.get(IDEMPOTENCY_HEADER) {
            None => {
                return Err(ApiError::bad_request(
                    ProblemCode::IdempotencyKeyRequired,
                    "The Idempotency-Key header is required.",
                )
                .with_field("Idempotency-Key", ProblemCode::Required))
            }
            Some(v) => match v.to_str() {
                Ok(k) if valid_idempotency_key(k) => k.to_string(),
                _ => return Err(ApiError::bad_request(
                    ProblemCode::InvalidIdempotencyKey,
                    "The Idempotency-Key must be 1–64 characters of A-Z, a-z, 0-9, '-' and '_'.",
                )
                .with_field("Idempotency-Key", ProblemCode::Invalid)),
            },
        };
    let hall = state.fresh_hall().await;
    let mut new = check_review(&state, &hall, &req)?;
    new.kiosk_id = kiosk_id(&headers);
    let hash = body_hash(&req);
    let ctx = SubmitContext {
        today: state.clock.today(),
        now: state.clock.now_rfc3339(),
        deadline_days: state.config.bad_review_deadline_days,
        check_code: review::check_code_from(rand::random::<u64>()),
    };
    let outcome = state.store.submit_review(&key, &hash, &new, &ctx).await;
    match outcome {
        Ok(SubmitOutcome::Created(r)) => Ok((StatusCode::CREATED, Json(r)).into_response()),
        Ok(SubmitOutcome::Replayed(r)) => Ok((StatusCode::OK, Json(r)).into_response()),
        Err(SubmitError::Conflict) => Err(ApiError::new(
            StatusCode::CONFLICT,
            ProblemCode::IdempotencyConflict,
            "This Idempotency-Key was already used for a different review.",
        )),
        Err(SubmitError::CaseLimit) => Err(ApiError::new(
            StatusCode::CONFLICT,
            ProblemCode::CaseReviewLimit,
            format!(
                "A case can be reviewed at most {} times.",
                review::MAX_REVIEWS_PER_CASE
            ),
        )
        .with_field("case_no", ProblemCode::CaseReviewLimit)),
        Err(SubmitError::Db(e)) => Err(ApiError::from(e)),
    }
}

/// Handling status and history of a review.
///
/// `check` is the check code printed on the receipt, or the last four digits of the phone
/// given with the review. A wrong or missing check and an unknown number give the same 404,
/// so review numbers cannot be enumerated.
#[utoipa::path(get, path = "/reviews/{review_no}", tag = "reviews",
    params(("review_no" = String, Path, description = "Review number from the receipt"),
           ("check" = String, Query, description = "Check code, or the last 4 digits of the phone")),
    responses((status = 200, description = "Status with history", body = ReviewStatus),
              (status = 404, description = "`not_found` (also for a wrong check)", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "`rate_limited`, with `retry_after` and `Retry-After` (per client and per review number)", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait, as `retry_after`"))),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn status(
    State(state): State<Arc<AppState>>,
    ApiPath(review_no): ApiPath,
    q: QueryPairs,
) -> ApiResult<Json<ReviewStatus>> {
    let check = q.get("check").unwrap_or("").to_string();
    let (Some(no), true) = (
        review::canonical_review_no(&review_no),
        review::plausible_check(&check),
    ) else {
        return Err(ApiError::not_found());
    };
    let found = state.store.load_status(&no).await?;
    match found {
        Some(s) if review::check_opens(&check, &s.check_code, s.phone.as_deref()) => {
            Ok(Json(s.status))
        }
        _ => Err(ApiError::not_found()),
    }
}

/// Schema of the `from` / `to` parameters: `YYYY-MM-DD`, or empty (the same as leaving the
/// parameter out, like an empty form field).
pub struct StatsDay;

impl utoipa::PartialSchema for StatsDay {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        or_empty(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))),
        )
    }
}

impl utoipa::ToSchema for StatsDay {}

/// Schema of `group_by`: `window`, `service` or `month`; empty is the default (`month`).
pub struct GroupByParam;

impl utoipa::PartialSchema for GroupByParam {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let mut names: Vec<&str> = StatsGroupBy::ALL.iter().map(|g| g.as_str()).collect();
        names.push("");
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(names))
            .into()
    }
}

impl utoipa::ToSchema for GroupByParam {}

/// `from`, `to` and `group_by` exactly as documented: `YYYY-MM-DD` (no other spelling, no
/// surrounding spaces) and one of the three groupings; an empty value is "not given".
pub fn parse_stats_query(q: &QueryPairs) -> ApiResult<StatsQuery> {
    let mut problems = Vec::new();
    let mut date = |name: &str| match q.get(name).filter(|s| !s.is_empty()) {
        None => None,
        Some(v) => {
            let b = v.as_bytes();
            let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
            let d = shaped.then(|| Date::parse(v)).flatten();
            if d.is_none() {
                problems.push(field(name, ProblemCode::InvalidDate));
            }
            d
        }
    };
    let from = date("from");
    let to = date("to");
    let group_by = match q.get("group_by").filter(|s| !s.is_empty()) {
        None => StatsGroupBy::default(),
        Some(g) => StatsGroupBy::parse(g).unwrap_or_else(|| {
            problems.push(field("group_by", ProblemCode::Invalid));
            StatsGroupBy::default()
        }),
    };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            problems.push(field("to", ProblemCode::BeforeFrom));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::bad_request(
            ProblemCode::InvalidParameter,
            "Invalid statistics parameters.",
        )
        .with_fields(problems));
    }
    Ok(StatsQuery { from, to, group_by })
}

/// Public satisfaction statistics for a period.
///
/// Reviews created (China time) between `from` and `to` inclusive (`YYYY-MM-DD`, both
/// optional), overall and grouped by `window`, `service` or `month` (default `month`; labels
/// are the window name, the service name or `YYYY-MM`; reviews without a window/service are
/// in the group `none`). Formulas (domain.md §2.8):
/// - 评价总数 `total` = number of reviews;
/// - 好评数 `good` = 非常满意 + 满意 + 基本满意; 好评率 `good_rate` = good / total;
/// - 差评数 `bad` = 不满意 + 非常不满意; 差评率 `bad_rate` = bad / total;
/// - 已整改差评数 `bad_rectified` = 差评 whose state is rectified, explained or revisited;
///   差评整改率 `rectify_rate` = bad_rectified / bad;
/// - 平均分 `average` = mean of the stars (非常满意 5 … 非常不满意 1).
///
/// Rates are 0.0–1.0 and `null` when the denominator is 0.
#[utoipa::path(get, path = "/reviews/stats", tag = "reviews",
    params(("from" = inline(Option<StatsDay>), Query, description = "First day, YYYY-MM-DD (empty = no lower bound)"),
           ("to" = inline(Option<StatsDay>), Query, description = "Last day, YYYY-MM-DD, not before `from` (empty = no upper bound)"),
           ("group_by" = inline(Option<GroupByParam>), Query, description = "window | service | month (default; also when empty)")),
    responses((status = 200, description = "Figures", body = ReviewStats),
              (status = 400, description = "`invalid_parameter` with `fields` (e.g. `to`/`before_from`)", body = Problem, content_type = "application/problem+json"),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn stats(
    State(state): State<Arc<AppState>>,
    q: QueryPairs,
) -> ApiResult<Json<ReviewStats>> {
    let q = parse_stats_query(&q)?;
    let rows = state.store.stats_rows(q.from, q.to).await?;
    let hall = state.fresh_hall().await;
    Ok(Json(review::build_stats(
        &hall.windows,
        &hall.services,
        &q,
        &rows,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys() {
        assert!(valid_idempotency_key("a"));
        assert!(valid_idempotency_key("0b6f-4c_AZ"));
        assert!(valid_idempotency_key(&"x".repeat(64)));
        assert!(!valid_idempotency_key(&"x".repeat(65)));
        assert!(!valid_idempotency_key(""));
        assert!(!valid_idempotency_key("a b"));
        assert!(!valid_idempotency_key("键"));
    }

    #[test]
    fn stats_query_validation() {
        let q = |s: &str| parse_stats_query(&QueryPairs(crate::extract::parse_query(s)));
        let ok = q("from=2026-11-01&to=2026-11-30&group_by=window").unwrap();
        assert_eq!(ok.from, Date::new(2026, 11, 1));
        assert_eq!(ok.group_by, StatsGroupBy::Window);
        assert_eq!(q("").unwrap().group_by, StatsGroupBy::Month);
        let e = q("from=2026-13-01&group_by=year").unwrap_err();
        assert_eq!(e.code, ProblemCode::InvalidParameter);
        assert_eq!(e.fields.len(), 2);
        assert_eq!(
            q("from=2026-11-02&to=2026-11-01").unwrap_err().fields[0].code,
            ProblemCode::BeforeFrom
        );
        assert!(q("from=20261101").is_err());
        assert_eq!(q("from=&to=&group_by=").unwrap(), q("").unwrap());
        for padded in [
            "from=%09",
            "from=%0920261101%09",
            "to=%202026-11-01",
            "group_by=%20window",
        ] {
            assert!(q(padded).is_err(), "{padded}");
        }
    }
}
