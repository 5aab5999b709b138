//! E-certificates: search / detail / verify handlers over the stored records. Validation,
//! status derivation, masking and QR parsing are `domain::cert` (the same code the offline
//! demo runs); this module maps its outcomes to HTTP.

use enforcement_kiosk::contract::ProblemCode;
use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use enforcement_kiosk::contract::{
    CertDetail, CertSearchRequest, CertSearchResponse, CertVerifyRequest, CertVerifyResponse,
    FieldProblem, Problem,
};
use enforcement_kiosk::domain::cert::CertRecord;
use enforcement_kiosk::domain::cert::{self, SearchError, VerifyError};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::{ApiJson, ApiPath};
use crate::middleware;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// `POST /certificates/search`, `GET /certificates/{identifier}` and
/// `POST /certificates/verify` with their OpenAPI paths, all behind the certificate rate limit.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(detail))
        .routes(routes!(verify))
        .route_layer(axum::middleware::from_fn(middleware::limit_certificates))
}

/// `400` with the search error's code and, in `fields[].code`, the finer reason (the
/// validator's `IdError` code for identifiers, ID numbers and USCCs).
pub fn search_problem(e: &SearchError) -> ApiError {
    let SearchError::Field {
        field,
        code,
        reason,
    } = e;
    let mut err = ApiError::bad_request(*code, format!("Invalid search: {field} ({reason})."));
    err.fields.push(FieldProblem::new(field, *reason));
    err
}

/// Runs a search (masked results).
pub fn run_search(
    records: &[CertRecord],
    req: &CertSearchRequest,
    state: &AppState,
) -> ApiResult<CertSearchResponse> {
    cert::search_response(records, req, state.clock.today()).map_err(|e| search_problem(&e))
}

/// Find certificates by number / identifier, or by holder name + ID number / USCC.
///
/// Personal data travel only in this body. Results (newest first, at most 20) are masked by
/// the server: a person's name (`张*`), ID number (`110***********002X`) and personal
/// certificate numbers; business-licence numbers, USCCs and organisation names are public
/// register data and shown in clear. A holder search matches only when the name AND the code
/// match the same record. Rate-limited per `X-Kiosk-Id` (or client IP).
#[utoipa::path(post, path = "/certificates/search", tag = "certificates",
    request_body = CertSearchRequest,
    params(("X-Kiosk-Id" = Option<String>, Header, description = "Kiosk id (rate-limit key)")),
    responses((status = 200, description = "Masked matches (possibly none)", body = CertSearchResponse),
              (status = 400, description = "`required`, `too_long`, `invalid_identifier`, `invalid_id_number`, `invalid_uscc` or `invalid_body`; `fields[].code` is the validator's reason", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "`payload_too_large` (more than 64 KiB)", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "`rate_limited`, with `retry_after` and `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait, as `retry_after`"))),
              (status = 503, description = "`database_unavailable`: on PostgreSQL the shared rate limit cannot be checked while the database is away; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn search(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<CertSearchRequest>,
) -> ApiResult<Json<CertSearchResponse>> {
    run_search(&state.certs, &req, &state).map(Json)
}

/// One certificate by its 电子证照标识, masked.
#[utoipa::path(get, path = "/certificates/{identifier}", tag = "certificates",
    params(("identifier" = String, Path, description = "电子证照标识 (GB/T 36904)",
            example = "1.2.156.3005.2.11100000000013127D001.11320508MB269371XL.MPB5H84VIVRYQE458SBT.001.O"),
           ("X-Kiosk-Id" = Option<String>, Header, description = "Kiosk id (rate-limit key)")),
    responses((status = 200, description = "The certificate, masked", body = CertDetail),
              (status = 400, description = "`invalid_identifier`", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "`rate_limited`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait, as `retry_after`"))),
              (status = 503, description = "`database_unavailable`: on PostgreSQL the shared rate limit cannot be checked while the database is away; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn detail(
    State(state): State<Arc<AppState>>,
    ApiPath(identifier): ApiPath,
) -> ApiResult<Json<CertDetail>> {
    match cert::find_by_identifier(&state.certs, &identifier) {
        Ok(Some(rec)) => Ok(Json(cert::detail(rec, state.clock.today()))),
        Ok(None) => Err(ApiError::not_found()),
        Err(reason) => Err(ApiError::bad_request(
            ProblemCode::InvalidIdentifier,
            "The certificate identifier is not valid.",
        )
        .with_field("identifier", reason)),
    }
}

/// Runs a verification (masked certificate when authentic).
pub fn run_verify(
    records: &[CertRecord],
    req: &CertVerifyRequest,
    state: &AppState,
) -> ApiResult<CertVerifyResponse> {
    let typed = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
    match cert::verify_response(records, req, state.clock.today()) {
        Ok(r) => Ok(r),
        Err(VerifyError::InvalidIdentifier(reason)) => {
            let field = if typed(&req.identifier) && typed(&req.code) {
                "identifier"
            } else {
                "qr"
            };
            Err(ApiError::bad_request(
                ProblemCode::InvalidIdentifier,
                "The certificate identifier is not valid.",
            )
            .with_field(field, reason))
        }
        Err(VerifyError::Missing) => {
            let mut e = ApiError::bad_request(
                ProblemCode::MissingFields,
                "Give an identifier and a verification code, or a QR payload.",
            );
            for (name, v) in [("identifier", &req.identifier), ("code", &req.code)] {
                if !typed(v) {
                    e = e.with_field(name, ProblemCode::Required);
                }
            }
            Err(e)
        }
    }
}

/// Is this certificate authentic? Identifier + verification code, or a scanned QR payload.
///
/// QR payload formats (the `qr` field; both carry the identifier and the verification code):
/// 1. compact: `EKV1|<电子证照标识>|<核验码>` (prefix case-insensitive), e.g.
///    `EKV1|1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F|QFRUU5`;
/// 2. URL: `https://<host>/verify?id=<电子证照标识>&code=<核验码>` (any host and path; keys
///    case-insensitive, values percent-decoded, other parameters ignored).
///
/// Identifier + code are used when both are given, else `qr`. `authentic` is true only when
/// the identifier exists and the code matches (case-insensitive); the masked certificate, with
/// its status (a revoked certificate is authentic but not usable), comes only then. A wrong
/// code, an unknown identifier and a QR code that is no certificate code all give
/// `authentic: false`. A malformed identifier (typed or in the QR) is a 400.
#[utoipa::path(post, path = "/certificates/verify", tag = "certificates",
    request_body = CertVerifyRequest,
    params(("X-Kiosk-Id" = Option<String>, Header, description = "Kiosk id (rate-limit key)")),
    responses((status = 200, description = "Verification outcome", body = CertVerifyResponse),
              (status = 400, description = "`invalid_identifier`, `missing_fields` or `invalid_body`", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "`payload_too_large` (more than 64 KiB)", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "`rate_limited`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait, as `retry_after`"))),
              (status = 503, description = "`database_unavailable`: on PostgreSQL the shared rate limit cannot be checked while the database is away; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn verify(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<CertVerifyRequest>,
) -> ApiResult<Json<CertVerifyResponse>> {
    run_verify(&state.certs, &req, &state).map(Json)
}
