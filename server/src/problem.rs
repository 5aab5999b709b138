//! RFC 9457 problem documents (`application/problem+json`) with the stable `code`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use enforcement_kiosk::contract::ProblemCode;
use enforcement_kiosk::contract::{FieldProblem, Problem};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Seconds a client is told to wait while the database is unavailable.
pub const DATABASE_RETRY_AFTER: u32 = 5;

/// An API error: becomes a [`Problem`] body with the matching HTTP status.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ProblemCode,
    pub detail: String,
    pub fields: Vec<FieldProblem>,
    pub retry_after: Option<u32>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: ProblemCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            detail: detail.into(),
            fields: Vec::new(),
            retry_after: None,
        }
    }

    pub fn with_field(mut self, field: &str, code: ProblemCode) -> ApiError {
        self.fields.push(FieldProblem::new(field, code));
        self
    }

    pub fn with_fields(mut self, fields: Vec<FieldProblem>) -> ApiError {
        self.fields.extend(fields);
        self
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ProblemCode::NotFound,
            "The resource does not exist.",
        )
    }

    pub fn bad_request(code: ProblemCode, detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, detail)
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ProblemCode::InternalError,
            "Internal server error.",
        )
    }

    /// The (SQLite) database is busy: 503 `unavailable`, retry after a second.
    pub fn unavailable() -> ApiError {
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ProblemCode::Unavailable,
            "The service is busy; retry later.",
        );
        e.retry_after = Some(1);
        e
    }

    /// The database cannot be reached: 503 `database_unavailable` with `Retry-After`.
    pub fn database_unavailable() -> ApiError {
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ProblemCode::DatabaseUnavailable,
            "The database is unavailable; retry later.",
        );
        e.retry_after = Some(DATABASE_RETRY_AFTER);
        e
    }

    pub fn to_problem(&self) -> Problem {
        Problem {
            type_: format!("urn:enforcement-kiosk:problem:{}", self.code.as_str()),
            title: self
                .status
                .canonical_reason()
                .unwrap_or("Error")
                .to_string(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code,
            retry_after: self.retry_after,
            fields: self.fields.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.to_problem()).unwrap_or_default();
        let mut res = (self.status, body).into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(secs) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

/// Any database / task failure: logged without details that could hold personal data.
impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) {
                return ApiError::unavailable();
            }
        }
        eprintln!("database error: {e}");
        ApiError::internal()
    }
}

/// A store failure: unavailable → 503 `database_unavailable` + `Retry-After`; SQLite busy →
/// 503 `unavailable`; anything else is logged (without personal data) and answered 500.
impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> ApiError {
        use crate::store::StoreError;
        match e {
            StoreError::Unavailable(why) => {
                eprintln!("database unavailable: {why}");
                ApiError::database_unavailable()
            }
            StoreError::Sqlite(e) => ApiError::from(e),
            StoreError::Catalog(crate::catalog::CatalogError::Sqlite(e)) => ApiError::from(e),
            StoreError::Catalog(crate::catalog::CatalogError::NoSuchVersion(_)) => {
                ApiError::not_found()
            }
            StoreError::Db(crate::db::DbError::Sqlite(e)) => ApiError::from(e),
            other => {
                eprintln!("database error: {other}");
                ApiError::internal()
            }
        }
    }
}

/// Fallback for unknown routes under `/api`.
pub async fn api_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ProblemCode::NotFound,
        "No such API route.",
    )
}

pub async fn api_method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ProblemCode::MethodNotAllowed,
        "Method not allowed on this route.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_has_code_type_and_retry_after() {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ProblemCode::RateLimited,
            "slow down",
        );
        e.retry_after = Some(7);
        let p = e.clone().with_field("x", ProblemCode::Invalid).to_problem();
        assert_eq!(p.status, 429);
        assert_eq!(p.code, ProblemCode::RateLimited);
        assert_eq!(p.title, "Too Many Requests");
        assert_eq!(p.type_, "urn:enforcement-kiosk:problem:rate_limited");
        assert_eq!(p.retry_after, Some(7));
        assert_eq!(p.fields[0].field, "x");
        let res = e.into_response();
        assert_eq!(res.headers()[header::RETRY_AFTER], "7");
        assert_eq!(res.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
    }
}
