//! Errors: RFC 9457 problem details.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `application/problem+json` body. `code` is stable and mapped to a localized message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    #[serde(rename = "type", default)]
    pub type_: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub status: u16,
    #[serde(default)]
    pub detail: String,
    /// Stable machine code, e.g. `invalid_id_number`, `rate_limited`, `not_found`.
    #[serde(default)]
    pub code: ProblemCode,
    /// Seconds to wait before retrying (429).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
    /// Field-level errors: (field name, stable code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldProblem {
    pub field: String,
    pub code: ProblemCode,
}

impl FieldProblem {
    pub fn new(field: &str, code: ProblemCode) -> FieldProblem {
        FieldProblem {
            field: field.to_string(),
            code,
        }
    }
}

/// Declares [`ProblemCode`] with its wire names in one list, so `as_str`, `parse` and `ALL`
/// cannot drift from the serde names.
macro_rules! problem_codes {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal, )+) => {
        /// Every stable error code the server sends and the validators give, in `Problem::code`
        /// and `FieldProblem::code`. Travels as its snake_case name; a code this build does not
        /// know (a newer server) reads as [`ProblemCode::Unknown`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ProblemCode {
            $( $(#[$doc])* $variant, )+
            /// A code this build does not know.
            #[default]
            #[serde(other)]
            Unknown,
        }

        impl ProblemCode {
            /// Every known code (without `Unknown`).
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant,)+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $wire,)+
                    ProblemCode::Unknown => "unknown",
                }
            }

            /// The code for a wire name; `Unknown` for anything else.
            pub fn parse(s: &str) -> ProblemCode {
                match s {
                    $($wire => ProblemCode::$variant,)+
                    _ => ProblemCode::Unknown,
                }
            }
        }
    };
}

problem_codes! {
    // --- request-level (Problem::code) ---
    /// No such resource or route (404).
    NotFound = "not_found",
    /// The route exists but not with this method (405).
    MethodNotAllowed = "method_not_allowed",
    /// Something failed on the server (500); never carries details.
    InternalError = "internal_error",
    /// The server or its database is busy or down (503); retry later.
    Unavailable = "unavailable",
    /// The server's database cannot be reached or is restarting (503, with `Retry-After`);
    /// the server itself is up: retry (kiosks keep reviews in their outbox meanwhile).
    DatabaseUnavailable = "database_unavailable",
    /// Too many requests (429, with `retry_after`).
    RateLimited = "rate_limited",
    /// The body is not readable JSON of the expected shape.
    InvalidBody = "invalid_body",
    /// A query parameter is not as documented.
    InvalidParameter = "invalid_parameter",
    /// The body exceeds the size limit (413).
    PayloadTooLarge = "payload_too_large",
    /// Missing or wrong admin token (401).
    Unauthorized = "unauthorized",
    /// A review failed validation; the reasons are in `fields` (422).
    ValidationFailed = "validation_failed",
    /// The same `Idempotency-Key` came with a different body (409).
    IdempotencyConflict = "idempotency_conflict",
    /// `Idempotency-Key` header missing.
    IdempotencyKeyRequired = "idempotency_key_required",
    /// `Idempotency-Key` header malformed.
    InvalidIdempotencyKey = "invalid_idempotency_key",
    /// A bad-review workflow step that the current state does not allow (409).
    IllegalTransition = "illegal_transition",
    /// Neither identifier + code nor a QR payload was given.
    MissingFields = "missing_fields",
    // --- request- or field-level ---
    /// A case (办件) already has its two reviews.
    CaseReviewLimit = "case_review_limit",
    /// Not a valid 证照标识.
    InvalidIdentifier = "invalid_identifier",
    /// Not a valid 公民身份号码.
    InvalidIdNumber = "invalid_id_number",
    /// Not a valid 统一社会信用代码.
    InvalidUscc = "invalid_uscc",
    /// Longer than the field allows.
    TooLong = "too_long",
    /// A required value is empty.
    Required = "required",
    /// The value is not acceptable (no finer reason).
    Invalid = "invalid",
    /// A date parameter that is not `YYYY-MM-DD`.
    InvalidDate = "invalid_date",
    /// A period whose end lies before its start.
    BeforeFrom = "before_from",
    // --- review fields (domain::review, server) ---
    /// No rating chosen.
    RatingRequired = "rating_required",
    /// Neither a case, a window nor a service to rate.
    TargetRequired = "target_required",
    /// The 办件编号 is not well-formed.
    InvalidCaseNo = "invalid_case_no",
    /// The 办件编号 is well-formed but unknown to the hall.
    UnknownCase = "unknown_case",
    /// No such window in the hall.
    UnknownWindow = "unknown_window",
    /// No such service item in the hall.
    UnknownService = "unknown_service",
    /// A reason tag that does not exist.
    TagUnknown = "tag_unknown",
    /// A reason tag that belongs to another rating level.
    TagNotForLevel = "tag_not_for_level",
    /// A bad review needs at least one reason.
    ReasonRequired = "reason_required",
    /// The comment is longer than allowed.
    CommentTooLong = "comment_too_long",
    /// Not a mainland mobile number.
    InvalidPhone = "invalid_phone",
    // --- identifier reasons (domain::ids::IdError), in FieldProblem::code ---
    /// Nothing entered.
    Empty = "empty",
    /// Wrong length.
    Length = "length",
    /// Characters outside the allowed set.
    Charset = "charset",
    /// Not of the expected shape.
    Format = "format",
    /// Unknown region code.
    Region = "region",
    /// The birth date is not a date.
    Date = "date",
    /// The birth date lies in the future.
    FutureDate = "future_date",
    /// The check character does not match.
    Checksum = "checksum",
    /// The embedded organisation code's check character does not match.
    OrgCodeChecksum = "org_code_checksum",
    /// Wrong OID prefix of a 证照标识.
    Prefix = "prefix",
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde_and_parse_back() {
        for &c in ProblemCode::ALL {
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
            assert_eq!(ProblemCode::parse(c.as_str()), c);
            let back: ProblemCode = serde_json::from_str(&format!("\"{}\"", c.as_str())).unwrap();
            assert_eq!(back, c);
        }
    }

    #[test]
    fn a_newer_servers_code_reads_as_unknown() {
        let p: Problem = serde_json::from_str(
            r#"{"status":400,"code":"from_the_future","fields":[{"field":"x","code":"also_new"}]}"#,
        )
        .unwrap();
        assert_eq!(p.code, ProblemCode::Unknown);
        assert_eq!(p.fields[0].code, ProblemCode::Unknown);
        assert_eq!(ProblemCode::parse("nope"), ProblemCode::Unknown);
    }
}
