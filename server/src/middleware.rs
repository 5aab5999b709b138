//! Layers: security headers on every response, the API cache default, the request log, and
//! the rate limits the certificate and review look-up routes put on themselves (in process on
//! SQLite; in the database on PostgreSQL, so that they hold across replicas).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use enforcement_kiosk::contract::ProblemCode;

use crate::problem::ApiError;
use crate::ratelimit::{client_key, ip_key};
use crate::state::AppState;

/// Security headers on every response (the CSP follows the deployed index.html).
pub async fn security_headers(State(state): State<Arc<AppState>>, mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, state.csp.current());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"),
    );
    res
}

/// API responses are personal or live: `no-store` unless the handler said otherwise.
pub async fn api_cache_default(mut res: Response) -> Response {
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    res
}

/// One line per request on stderr: method, path (never the query string), status, latency.
pub async fn log_requests(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    eprintln!("{method} {path} {} {ms:.2}ms", res.status().as_u16());
    res
}

fn too_many(wait: u32, detail: &'static str) -> Response {
    let mut e = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        ProblemCode::RateLimited,
        detail,
    );
    e.retry_after = Some(wait);
    e.into_response()
}

/// Middleware for the certificate routes: 429 `rate_limited` with `Retry-After`. Each kiosk
/// has its bucket; the peer IP has one ten times larger (a hall's kiosks may share an IP).
///
/// The resource routers are built without a state value (the OpenAPI document is assembled
/// from them), so the limiters read the state from the [`Extension`] the API router adds.
pub async fn limit_certificates(
    Extension(state): Extension<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let wait = if state.store.postgres().is_some() {
        let per_min = state.config.cert_rate_per_min;
        // Two limiters, as in process: their buckets never share a row, even when the
        // client key is the IP key (no `X-Kiosk-Id`).
        let buckets = [
            (format!("cert-client:{}", client_key(&req)), per_min),
            (
                format!("cert-ip:{}", ip_key(&req)),
                per_min.saturating_mul(10),
            ),
        ];
        match state.store.take_tokens(&buckets).await {
            Ok(r) => r.err(),
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else {
        let now = Instant::now();
        let checks = [
            state.cert_limiter.check(&client_key(&req), now),
            state.cert_ip_limiter.check(&ip_key(&req), now),
        ];
        checks.iter().find_map(|c| c.err())
    };
    match wait {
        None => next.run(req).await,
        Some(wait) => too_many(
            wait,
            "Too many certificate look-ups from this kiosk; try again later.",
        ),
    }
}

/// Middleware for `GET /reviews/{review_no}`: per client and per review number, so neither
/// a kiosk nor a crowd of rotating clients can enumerate check values.
pub async fn limit_review_lookup(
    Extension(state): Extension<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let now = Instant::now();
    let review_no = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    // Without an `X-Kiosk-Id` the client key is the IP key: count it once.
    let mut keys = vec![
        client_key(&req),
        ip_key(&req),
        format!("review:{review_no}"),
    ];
    keys.dedup();
    let wait = if state.store.postgres().is_some() {
        let per_min = state.config.review_lookup_per_min;
        let buckets: Vec<(String, u32)> = keys
            .iter()
            .map(|k| (format!("lookup:{k}"), per_min))
            .collect();
        match state.store.take_tokens(&buckets).await {
            Ok(r) => r.err(),
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else {
        let checks: Vec<_> = keys
            .iter()
            .map(|k| state.lookup_limiter.check(k, now))
            .collect();
        checks.iter().find_map(|c| c.err())
    };
    match wait {
        None => next.run(req).await,
        Some(wait) => too_many(wait, "Too many status look-ups; try again later."),
    }
}
