//! Extractors whose rejections are problem documents.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use enforcement_kiosk::contract::ProblemCode;
use enforcement_kiosk::domain::text::{self, Plus};
use serde::de::DeserializeOwned;

use crate::problem::ApiError;

/// A JSON body (any content type), at most the API's body limit (64 KiB, `api::BODY_LIMIT`).
/// Too large → 413 `payload_too_large`; not the expected JSON → 400 `invalid_body`.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ProblemCode::PayloadTooLarge,
                    "The request body is too large.",
                )
            } else {
                ApiError::bad_request(
                    ProblemCode::InvalidBody,
                    "The request body could not be read.",
                )
            }
        })?;
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|_| {
            ApiError::bad_request(
                ProblemCode::InvalidBody,
                "The request body is not the expected JSON.",
            )
        })
    }
}

/// One path parameter; a malformed one (bad percent-encoding) is a 404.
pub struct ApiPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ApiPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| ApiPath(p))
            .map_err(|_| ApiError::not_found())
    }
}

/// The query string as (name, value) pairs, percent-decoded; malformed pairs are dropped.
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Ok(QueryPairs(parse_query(parts.uri.query().unwrap_or(""))))
    }
}

/// `a=1&b=%E4%B8%AD` → pairs (`+` is a space).
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// One query-string name or value: `%XX` escapes and `+` decoded ([`text::percent_decode`]),
/// bytes that are not UTF-8 replaced.
pub fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&text::percent_decode(s, Plus::Space)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_decoded() {
        let q = parse_query("id=1.2.156%2E3&code=ab+c&x&bad=%zz&end=%4");
        assert_eq!(q[0], ("id".into(), "1.2.156.3".into()));
        assert_eq!(q[1], ("code".into(), "ab c".into()));
        assert_eq!(q[2], ("x".into(), "".into()));
        assert_eq!(q[3], ("bad".into(), "%zz".into()));
        assert_eq!(q[4], ("end".into(), "%4".into()));
        assert_eq!(percent_decode("%E4%B8%AD"), "中");
        assert_eq!(percent_decode("%"), "%");
    }
}
