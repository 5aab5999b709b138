//! Lenient-enforcement lists: the catalog (pre-serialized, ETag) and single entries.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use enforcement_kiosk::contract::{Catalog, LenientEntry, Problem};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::ApiPath;
use crate::problem::ApiError;
use crate::state::AppState;

/// `GET /lenient/catalog` and `GET /lenient/items/{id}` with their OpenAPI paths.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(catalog))
        .routes(routes!(item))
}

/// Whether an `If-None-Match` value matches `etag` (`*`, lists, weak validators).
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// The best encoding the client accepts among br, gzip and identity.
pub fn pick_encoding(accept: &str) -> &'static str {
    let mut best = ("identity", 0.0f32);
    for part in accept.split(',') {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|v| v.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let (enc, rank) = match name.as_str() {
            "br" => ("br", 2.0),
            "gzip" | "x-gzip" => ("gzip", 1.0),
            _ => continue,
        };
        if q > 0.0 && rank > best.1 {
            best = (enc, rank);
        }
    }
    best.0
}

/// All list entries with their pinyin search keys, plus the domains.
///
/// `ETag` is the catalog version; send it back in `If-None-Match` to get a 304.
#[utoipa::path(get, path = "/lenient/catalog", tag = "lenient",
    params(("If-None-Match" = Option<String>, Header, description = "A previously received ETag")),
    responses((status = 200, description = "The catalog", body = Catalog,
                headers(("ETag" = String, description = "Quoted catalog version"))),
              (status = 304, description = "Not modified",
                headers(("ETag" = String, description = "Quoted catalog version")))))]
pub async fn catalog(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let view = state.fresh_catalog().await;
    let blob = &view.blob;
    let etag = HeaderValue::from_str(&blob.etag).unwrap_or(HeaderValue::from_static("\"0\""));
    let common = [
        (header::ETAG, etag),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (header::VARY, HeaderValue::from_static("Accept-Encoding")),
    ];
    if let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        if etag_matches(inm, &blob.etag) {
            return (StatusCode::NOT_MODIFIED, common).into_response();
        }
    }
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (body, encoding) = match pick_encoding(accept) {
        "br" if !blob.brotli.is_empty() => (blob.brotli.clone(), Some("br")),
        "gzip" if !blob.gzip.is_empty() => (blob.gzip.clone(), Some("gzip")),
        _ => (blob.json.clone(), None),
    };
    let mut res = (StatusCode::OK, common, Body::from(body)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(enc) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
    }
    res
}

/// One list entry.
#[utoipa::path(get, path = "/lenient/items/{id}", tag = "lenient",
    params(("id" = String, Path, description = "Entry id, e.g. `tax-003`", example = "tax-003")),
    responses((status = 200, description = "The entry", body = LenientEntry),
              (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json")))]
pub async fn item(State(state): State<Arc<AppState>>, ApiPath(id): ApiPath) -> Response {
    match state.fresh_catalog().await.items.get(&id) {
        Some(bytes) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            Body::from(bytes.clone()),
        )
            .into_response(),
        None => ApiError::not_found().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_and_encodings() {
        assert!(etag_matches("\"abc\"", "\"abc\""));
        assert!(etag_matches("W/\"abc\", \"x\"", "\"abc\""));
        assert!(etag_matches("*", "\"abc\""));
        assert!(!etag_matches("\"abd\"", "\"abc\""));
        assert_eq!(pick_encoding("gzip, deflate, br"), "br");
        assert_eq!(pick_encoding("gzip, br;q=0"), "gzip");
        assert_eq!(pick_encoding("identity"), "identity");
        assert_eq!(pick_encoding(""), "identity");
        assert_eq!(pick_encoding("GZIP;q=0.5"), "gzip");
    }
}
