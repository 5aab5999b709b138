//! The one error type every backend call returns.

use crate::contract::{Problem, ProblemCode};

/// Why a backend call failed. The UI maps each to a localized message; none carries
/// personal data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No connection (offline, refused, DNS).
    #[error("network error: {0}")]
    Network(String),
    /// No answer within the client timeout.
    #[error("request timed out")]
    Timeout,
    /// Aborted because the page went away or the kiosk was reset.
    #[error("request aborted")]
    Aborted,
    /// The server answered with a problem document (4xx/5xx).
    #[error("server problem {}: {}", .0.status, .0.code)]
    Problem(Problem),
    /// The server answered something that is not the expected JSON.
    #[error("malformed response: {0}")]
    Malformed(String),
    /// The resource does not exist (404 without a problem body).
    #[error("not found")]
    NotFound,
    /// The response body exceeded the client's size cap.
    #[error("response too large")]
    TooLarge,
}

impl ApiError {
    /// The stable code of a problem, if any.
    pub fn code(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            _ => None,
        }
    }

    /// HTTP status when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::NotFound => Some(404),
            _ => None,
        }
    }

    /// Whether retrying later may succeed (outage, timeout, 5xx, 429): such review
    /// submissions go to the outbox. A 4xx validation problem will fail again.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_)
            | ApiError::Timeout
            | ApiError::Malformed(_)
            | ApiError::TooLarge => true,
            ApiError::Problem(p) => p.status >= 500 || p.status == 429 || p.status == 408,
            ApiError::Aborted | ApiError::NotFound => false,
        }
    }

    /// Seconds the server asked us to wait (429).
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Problem(p) => p.retry_after,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_classification() {
        let p = |status| {
            ApiError::Problem(Problem {
                status,
                ..Default::default()
            })
        };
        assert!(p(500).is_transient());
        assert!(p(503).is_transient());
        assert!(p(429).is_transient());
        assert!(!p(400).is_transient());
        assert!(!p(422).is_transient());
        assert!(ApiError::Timeout.is_transient());
        assert!(ApiError::Network("refused".into()).is_transient());
        assert!(!ApiError::Aborted.is_transient());
    }
}
