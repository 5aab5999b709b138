//! The REST contract, v1: every request and response body, written once and used by the app
//! (wasm) and the reference server (native, with the `openapi` feature for schemas).
//!
//! Rules: enums travel as named snake_case values and carry an `Unknown` catch-all
//! (`#[serde(other)]`) so a newer backend never panics an older kiosk; optional and list
//! fields default when absent so extra or missing fields are tolerated.
//!
//! This module imports nothing of the project: `domain`, `client`, `ui` and the server build
//! on it, never the other way round.

pub mod assist;
pub mod certs;
pub mod health;
pub mod lenient;
pub mod lists;
pub mod problem;
pub mod reviews;

pub use assist::*;
pub use certs::*;
pub use health::*;
pub use lenient::*;
pub use lists::*;
pub use problem::*;
pub use reviews::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_do_not_fail() {
        let k: ListKind = serde_json::from_str("\"from_mars\"").unwrap();
        assert_eq!(k, ListKind::Unknown);
        let s: CertStatus = serde_json::from_str("\"zombie\"").unwrap();
        assert_eq!(s, CertStatus::Unknown);
        let r: Rating = serde_json::from_str("\"meh\"").unwrap();
        assert_eq!(r, Rating::Unknown);
        let st: ReviewState = serde_json::from_str("\"lost\"").unwrap();
        assert_eq!(st, ReviewState::Unknown);
    }

    #[test]
    fn extra_and_missing_fields_are_tolerated() {
        let json = r#"{"identifier":"x","name":"营业执照","status":"valid","surprise":42}"#;
        let c: CertSummary = serde_json::from_str(json).unwrap();
        assert_eq!(c.status, CertStatus::Valid);
        assert_eq!(c.holder_kind, HolderKind::Unknown);
    }

    #[test]
    fn enum_round_trips_match_as_str() {
        for k in ListKind::ALL {
            assert_eq!(ListKind::parse(k.as_str()), k);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        for r in Rating::ALL {
            assert_eq!(Rating::parse(r.as_str()), r);
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
        for s in ReviewState::ALL {
            assert_eq!(ReviewState::parse(s.as_str()), s);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }

    #[test]
    fn search_request_is_tagged() {
        let r = CertSearchRequest::Holder {
            name: "张三".into(),
            holder_id: "x".into(),
        };
        let j = serde_json::to_string(&r).unwrap();
        assert!(j.contains("\"by\":\"holder\""), "{j}");
    }
}
