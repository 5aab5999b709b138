//! The certificate forms as plain data: validation with the domain validators, the localized
//! message for each problem, and the mapping of server problems onto the same fields.

use crate::client::error::ApiError;
use crate::contract::{CertSearchRequest, CertVerifyRequest, ProblemCode};
use crate::domain::cert::{MAX_CODE_CHARS, MAX_IDENTIFIER_CHARS, MAX_NAME_CHARS, MAX_NUMBER_CHARS};
use crate::domain::date::Date;
use crate::domain::ids::{self, IdError};
use crate::domain::scan::{cert_payload, CertScan};
use crate::ui::features::certs::messages::fill;
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::i18n::{Locale, Msg};

/// A form field of the certificates screen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Field {
    Number,
    HolderName,
    HolderId,
    VerifyCode,
}

impl Field {
    /// The input's element id (also its `data-testid`).
    pub fn dom_id(self) -> &'static str {
        match self {
            Field::Number => "cert-number",
            Field::HolderName => "cert-holder-name",
            Field::HolderId => "cert-holder-id",
            Field::VerifyCode => "cert-verify-code",
        }
    }
    /// The id of the message under the input.
    pub fn error_id(self) -> &'static str {
        match self {
            Field::Number => "cert-number-error",
            Field::HolderName => "cert-holder-name-error",
            Field::HolderId => "cert-holder-id-error",
            Field::VerifyCode => "cert-verify-code-error",
        }
    }
    /// The server's name of the field in a problem's `fields`.
    pub fn from_server(name: &str) -> Option<Field> {
        match name {
            "number" | "identifier" => Some(Field::Number),
            "name" => Some(Field::HolderName),
            "holder_id" => Some(Field::HolderId),
            "code" => Some(Field::VerifyCode),
            _ => None,
        }
    }
}

/// A message with its number, if it has a `{n}`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FieldMsg {
    pub key: CertMsg,
    pub n: i64,
}

impl FieldMsg {
    pub fn new(key: CertMsg) -> FieldMsg {
        FieldMsg { key, n: 0 }
    }
    pub fn with_n(key: CertMsg, n: usize) -> FieldMsg {
        FieldMsg {
            key,
            n: i64::try_from(n).unwrap_or(i64::MAX),
        }
    }
    pub fn text(self, l: Locale) -> String {
        fill(self.key.text(l), self.n)
    }
}

/// The problems of a form, in field order.
pub type Problems = Vec<(Field, FieldMsg)>;

/// What kind of code an [`IdError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IdKind {
    IdNumber,
    Uscc,
    Identifier,
}

/// The precise message for a validator error; `input` gives the length for length errors.
pub fn id_error_msg(kind: IdKind, e: IdError, input: &str) -> FieldMsg {
    let len = ids::normalize(input).chars().count();
    let key = match (kind, e) {
        (IdKind::IdNumber, IdError::Empty) | (IdKind::Uscc, IdError::Empty) => {
            CertMsg::ErrHolderIdRequired
        }
        (IdKind::Identifier, IdError::Empty) => CertMsg::ErrNumberRequired,
        (IdKind::IdNumber, IdError::Length) => return FieldMsg::with_n(CertMsg::ErrIdLength, len),
        (IdKind::Uscc, IdError::Length) => return FieldMsg::with_n(CertMsg::ErrUsccLength, len),
        (IdKind::IdNumber, IdError::Charset) => CertMsg::ErrIdCharset,
        (IdKind::IdNumber, IdError::Format) => CertMsg::ErrIdFormat,
        (IdKind::IdNumber, IdError::Region) => CertMsg::ErrIdRegion,
        (IdKind::IdNumber, IdError::Date) => CertMsg::ErrIdDate,
        (IdKind::IdNumber, IdError::FutureDate) => CertMsg::ErrIdFutureDate,
        (IdKind::IdNumber, IdError::Checksum) => CertMsg::ErrIdChecksum,
        (IdKind::Uscc, IdError::Charset) => CertMsg::ErrUsccCharset,
        (IdKind::Uscc, IdError::Format) => CertMsg::ErrUsccFormat,
        (IdKind::Uscc, IdError::Checksum) => CertMsg::ErrUsccChecksum,
        (IdKind::Uscc, IdError::OrgCodeChecksum) => CertMsg::ErrUsccOrgChecksum,
        (IdKind::Identifier, IdError::Prefix) => CertMsg::ErrIdentPrefix,
        (IdKind::Identifier, IdError::Format) | (IdKind::Identifier, IdError::Length) => {
            CertMsg::ErrIdentFormat
        }
        (IdKind::Identifier, IdError::Charset) => CertMsg::ErrIdentCharset,
        (IdKind::Identifier, IdError::Checksum) => CertMsg::ErrIdentChecksum,
        (IdKind::IdNumber, _) => CertMsg::ErrIdInvalid,
        (IdKind::Uscc, _) => CertMsg::ErrUsccInvalid,
        (IdKind::Identifier, _) => CertMsg::ErrIdentInvalid,
    };
    FieldMsg::new(key)
}

/// Whether a holder code is meant as a 公民身份号码 (digits, perhaps a final X) rather than a
/// 统一社会信用代码 (which has letters elsewhere).
pub fn holder_id_kind(input: &str) -> IdKind {
    let s = ids::normalize(input).to_ascii_uppercase();
    let body = s.strip_suffix('X').unwrap_or(&s);
    if body.chars().all(|c| c.is_ascii_digit()) {
        IdKind::IdNumber
    } else {
        IdKind::Uscc
    }
}

/// The message for a holder code the validators refused.
pub fn holder_id_msg(input: &str, e: IdError) -> FieldMsg {
    let s = ids::normalize(input);
    if e != IdError::Empty && !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return FieldMsg::new(CertMsg::ErrHolderIdCharset);
    }
    id_error_msg(holder_id_kind(input), e, input)
}

/// Whether the number field holds an identifier attempt (GB/T 36904 starts `1.2.156.`).
pub fn is_identifier_attempt(input: &str) -> bool {
    ids::normalize(input).starts_with("1.2.156")
}

/// Validates the number field for a search.
pub fn validate_number(number: &str) -> Result<CertSearchRequest, Problems> {
    let n = number.trim();
    let len = n.chars().count();
    let err = |m| Err(vec![(Field::Number, m)]);
    if n.is_empty() {
        return err(FieldMsg::new(CertMsg::ErrNumberRequired));
    }
    if is_identifier_attempt(n) {
        if len > MAX_IDENTIFIER_CHARS {
            return err(FieldMsg::with_n(CertMsg::ErrTooLong, MAX_IDENTIFIER_CHARS));
        }
        return match ids::validate_cert_identifier(n) {
            Ok(id) => Ok(CertSearchRequest::Number { number: id }),
            Err(e) => err(id_error_msg(IdKind::Identifier, e, n)),
        };
    }
    if len > MAX_NUMBER_CHARS {
        return err(FieldMsg::with_n(CertMsg::ErrTooLong, MAX_NUMBER_CHARS));
    }
    Ok(CertSearchRequest::Number {
        number: n.to_string(),
    })
}

/// Validates the holder fields for a search; every problem is reported at once.
pub fn validate_holder(
    name: &str,
    holder_id: &str,
    today: Date,
) -> Result<CertSearchRequest, Problems> {
    let mut problems = Problems::new();
    let name = name.trim();
    if name.is_empty() {
        problems.push((Field::HolderName, FieldMsg::new(CertMsg::ErrNameRequired)));
    } else if name.chars().count() > MAX_NAME_CHARS {
        problems.push((
            Field::HolderName,
            FieldMsg::with_n(CertMsg::ErrTooLong, MAX_NAME_CHARS),
        ));
    }
    let code = match ids::validate_holder_id(holder_id, today) {
        Ok((_, code)) => Some(code),
        Err(e) => {
            problems.push((Field::HolderId, holder_id_msg(holder_id, e)));
            None
        }
    };
    match code {
        Some(holder_id) if problems.is_empty() => Ok(CertSearchRequest::Holder {
            name: name.to_string(),
            holder_id,
        }),
        _ => Err(problems),
    }
}

/// Validates a verification: the identifier is the chosen result's, else the number field's.
pub fn validate_verify(
    chosen: Option<&str>,
    number: &str,
    code: &str,
) -> Result<CertVerifyRequest, Problems> {
    let mut problems = Problems::new();
    let identifier = match chosen.map(str::trim).filter(|c| !c.is_empty()) {
        Some(id) => Some(id.to_ascii_uppercase()),
        None if !is_identifier_attempt(number) => {
            problems.push((
                Field::Number,
                FieldMsg::new(CertMsg::ErrVerifyNeedsIdentifier),
            ));
            None
        }
        None if number.trim().chars().count() > MAX_IDENTIFIER_CHARS => {
            problems.push((
                Field::Number,
                FieldMsg::with_n(CertMsg::ErrTooLong, MAX_IDENTIFIER_CHARS),
            ));
            None
        }
        None => match ids::validate_cert_identifier(number) {
            Ok(id) => Some(id),
            Err(e) => {
                problems.push((Field::Number, id_error_msg(IdKind::Identifier, e, number)));
                None
            }
        },
    };
    let c = ids::normalize(code).to_ascii_uppercase();
    if c.is_empty() {
        problems.push((Field::VerifyCode, FieldMsg::new(CertMsg::ErrCodeRequired)));
    } else if c.chars().count() > MAX_CODE_CHARS {
        problems.push((
            Field::VerifyCode,
            FieldMsg::with_n(CertMsg::ErrTooLong, MAX_CODE_CHARS),
        ));
    } else if !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
        problems.push((Field::VerifyCode, FieldMsg::new(CertMsg::ErrCodeCharset)));
    }
    match identifier {
        Some(id) if problems.is_empty() => Ok(CertVerifyRequest {
            identifier: Some(id),
            code: Some(c),
            qr: None,
        }),
        _ => Err(problems),
    }
}

/// What a scanned text means on this screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scanned {
    /// A certificate QR code: identifier + verification code.
    Qr {
        identifier: String,
        code: String,
    },
    /// A bare 电子证照标识.
    Identifier(String),
    Unknown,
}

/// Reads a scan (camera or wedge): see [`crate::domain::scan::cert_payload`].
pub fn interpret_scan(payload: &str) -> Scanned {
    match cert_payload(payload) {
        Some(CertScan::Qr { identifier, code }) => Scanned::Qr { identifier, code },
        Some(CertScan::Identifier(id)) => Scanned::Identifier(id),
        None => Scanned::Unknown,
    }
}

/// How a failed request is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Problems with the fields, shown like local validation.
    Fields(Problems),
    /// 429: try again in N seconds.
    RateLimited(u32),
    /// Anything else: the error panel with a retry.
    Other(ApiError),
}

/// Maps a server error onto the form. `holder_id` is what was sent, to word its messages.
pub fn failure(e: &ApiError, holder_id: &str) -> Failure {
    let ApiError::Problem(p) = e else {
        return Failure::Other(e.clone());
    };
    if p.status == 429 || p.code == ProblemCode::RateLimited {
        return Failure::RateLimited(p.retry_after.unwrap_or(60).max(1));
    }
    let mut problems = Problems::new();
    for fp in &p.fields {
        let Some(field) = Field::from_server(&fp.field) else {
            continue;
        };
        let by_id = IdError::ALL.iter().copied().find(|e| e.code() == fp.code);
        let msg = match (field, fp.code, by_id) {
            (_, ProblemCode::TooLong, _) => FieldMsg::new(CertMsg::ErrTooLongPlain),
            (Field::Number, ProblemCode::Required, _) => FieldMsg::new(CertMsg::ErrNumberRequired),
            (Field::HolderName, ProblemCode::Required, _) => {
                FieldMsg::new(CertMsg::ErrNameRequired)
            }
            (Field::HolderId, ProblemCode::Required, _) => {
                FieldMsg::new(CertMsg::ErrHolderIdRequired)
            }
            (Field::VerifyCode, ProblemCode::Required, _) => {
                FieldMsg::new(CertMsg::ErrCodeRequired)
            }
            (Field::Number, ProblemCode::InvalidIdentifier, _) => {
                FieldMsg::new(CertMsg::ErrIdentInvalid)
            }
            (Field::HolderId, ProblemCode::InvalidIdNumber, _) => {
                FieldMsg::new(CertMsg::ErrIdInvalid)
            }
            (Field::HolderId, ProblemCode::InvalidUscc, _) => {
                FieldMsg::new(CertMsg::ErrUsccInvalid)
            }
            (Field::Number, _, Some(e)) => id_error_msg(IdKind::Identifier, e, ""),
            (Field::HolderId, _, Some(e)) => holder_id_msg(holder_id, e),
            _ => FieldMsg::new(CertMsg::ErrInvalid),
        };
        if !problems.iter().any(|(f, _)| *f == field) {
            problems.push((field, msg));
        }
    }
    if problems.is_empty() {
        Failure::Other(e.clone())
    } else {
        Failure::Fields(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{FieldProblem, Problem};

    fn today() -> Date {
        Date::new(2026, 11, 22).expect("date")
    }
    const VALID_ID: &str =
        "1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z";

    fn holder_err(id: &str) -> CertMsg {
        match validate_holder("王芳", id, today()) {
            Err(p) => {
                assert_eq!(p.len(), 1, "{p:?}");
                assert_eq!(p[0].0, Field::HolderId);
                p[0].1.key
            }
            Ok(r) => panic!("accepted {id}: {r:?}"),
        }
    }

    #[test]
    fn holder_id_errors_are_precise() {
        assert_eq!(holder_err(""), CertMsg::ErrHolderIdRequired);
        assert_eq!(holder_err("32050519850903012"), CertMsg::ErrIdLength);
        assert_eq!(holder_err("320505198509030124"), CertMsg::ErrIdChecksum);
        assert_eq!(holder_err("320505198502300123"), CertMsg::ErrIdDate);
        assert_eq!(holder_err("320505202712010123"), CertMsg::ErrIdFutureDate);
        assert_eq!(holder_err("990505198509030123"), CertMsg::ErrIdRegion);
        assert_eq!(holder_err("020505198509030123"), CertMsg::ErrIdFormat);
        assert_eq!(holder_err("91350203M0001QAY9B"), CertMsg::ErrUsccChecksum);
        assert_eq!(holder_err("91350203M0001QAY9"), CertMsg::ErrUsccLength);
        assert_eq!(holder_err("913502OO7760496530"), CertMsg::ErrUsccCharset);
        assert_eq!(holder_err("王芳王芳"), CertMsg::ErrHolderIdCharset);
        // The count of characters typed goes into the length message.
        let Err(p) = validate_holder("王芳", "3205 0519 8509", today()) else {
            panic!()
        };
        assert_eq!(
            p[0].1,
            FieldMsg {
                key: CertMsg::ErrIdLength,
                n: 12
            }
        );
        assert_eq!(
            p[0].1.text(Locale::ZhCn),
            "公民身份号码应为 18 位，您输入了 12 位。"
        );
    }

    #[test]
    fn valid_holders_become_requests() {
        let r = validate_holder(" 王芳 ", "320505198509030123", today()).expect("valid");
        assert_eq!(
            r,
            CertSearchRequest::Holder {
                name: "王芳".into(),
                holder_id: "320505198509030123".into()
            }
        );
        // Lowercase x and full-width digits are normalised before sending.
        let r = validate_holder("李", "11010519491231002x", today()).expect("valid");
        assert_eq!(
            r,
            CertSearchRequest::Holder {
                name: "李".into(),
                holder_id: "11010519491231002X".into()
            }
        );
        let r =
            validate_holder("苏州通吴物流有限公司", "91320505ma3wel1nx3", today()).expect("valid");
        assert_eq!(
            r,
            CertSearchRequest::Holder {
                name: "苏州通吴物流有限公司".into(),
                holder_id: "91320505MA3WEL1NX3".into()
            }
        );
    }

    #[test]
    fn every_holder_problem_is_reported_at_once() {
        let Err(p) = validate_holder("", "123", today()) else {
            panic!()
        };
        assert_eq!(
            p,
            vec![
                (Field::HolderName, FieldMsg::new(CertMsg::ErrNameRequired)),
                (
                    Field::HolderId,
                    FieldMsg {
                        key: CertMsg::ErrIdLength,
                        n: 3
                    }
                )
            ]
        );
        let long = "张".repeat(MAX_NAME_CHARS + 1);
        let Err(p) = validate_holder(&long, "320505198509030123", today()) else {
            panic!()
        };
        assert_eq!(
            p,
            vec![(
                Field::HolderName,
                FieldMsg {
                    key: CertMsg::ErrTooLong,
                    n: 50
                }
            )]
        );
    }

    #[test]
    fn number_field() {
        assert_eq!(
            validate_number("  "),
            Err(vec![(
                Field::Number,
                FieldMsg::new(CertMsg::ErrNumberRequired)
            )])
        );
        assert_eq!(
            validate_number(&VALID_ID.to_lowercase()),
            Ok(CertSearchRequest::Number {
                number: VALID_ID.into()
            })
        );
        let bad_check = format!("{}Y", &VALID_ID[..VALID_ID.len() - 1]);
        assert_eq!(
            validate_number(&bad_check),
            Err(vec![(
                Field::Number,
                FieldMsg::new(CertMsg::ErrIdentChecksum)
            )])
        );
        assert_eq!(
            validate_number("1.2.156.3005.2.111.001.Z"),
            Err(vec![(
                Field::Number,
                FieldMsg::new(CertMsg::ErrIdentFormat)
            )])
        );
        assert_eq!(
            validate_number("1.2.156.3005.9.11100000000013127D001"),
            Err(vec![(
                Field::Number,
                FieldMsg::new(CertMsg::ErrIdentPrefix)
            )])
        );
        // A certificate number is free text (苏(2023)…第…号) within its length.
        let n = "苏(2023)苏州市不动产权第0012345号";
        assert_eq!(
            validate_number(n),
            Ok(CertSearchRequest::Number { number: n.into() })
        );
        let long = "1".repeat(MAX_NUMBER_CHARS + 1);
        assert_eq!(
            validate_number(&long),
            Err(vec![(
                Field::Number,
                FieldMsg {
                    key: CertMsg::ErrTooLong,
                    n: 64
                }
            )])
        );
    }

    #[test]
    fn verify_form() {
        let ok = validate_verify(None, VALID_ID, " jq26x8 ").expect("valid");
        assert_eq!(ok.identifier.as_deref(), Some(VALID_ID));
        assert_eq!(ok.code.as_deref(), Some("JQ26X8"));
        // A chosen result wins over the number field.
        let ok = validate_verify(Some(VALID_ID), "not an identifier", "ABC123").expect("valid");
        assert_eq!(ok.identifier.as_deref(), Some(VALID_ID));
        // A certificate number cannot be verified; the code is still checked.
        let Err(p) = validate_verify(None, "苏A12345", "") else {
            panic!()
        };
        assert_eq!(
            p,
            vec![
                (
                    Field::Number,
                    FieldMsg::new(CertMsg::ErrVerifyNeedsIdentifier)
                ),
                (Field::VerifyCode, FieldMsg::new(CertMsg::ErrCodeRequired))
            ]
        );
        let Err(p) = validate_verify(None, VALID_ID, "码码") else {
            panic!()
        };
        assert_eq!(
            p,
            vec![(Field::VerifyCode, FieldMsg::new(CertMsg::ErrCodeCharset))]
        );
        let bad_check = format!("{}Y", &VALID_ID[..VALID_ID.len() - 1]);
        let Err(p) = validate_verify(None, &bad_check, "JQ26X8") else {
            panic!()
        };
        assert_eq!(
            p,
            vec![(Field::Number, FieldMsg::new(CertMsg::ErrIdentChecksum))]
        );
    }

    #[test]
    fn scans() {
        let qr = |id: &str, c: &str| Scanned::Qr {
            identifier: id.into(),
            code: c.into(),
        };
        assert_eq!(
            interpret_scan(&format!("EKV1|{VALID_ID}|JQ26X8")),
            qr(VALID_ID, "JQ26X8")
        );
        assert_eq!(
            interpret_scan(&format!("ekv1|{}|jq26x8", VALID_ID.to_lowercase())),
            qr(VALID_ID, "jq26x8")
        );
        let url = format!("https://zwfw.example.gov.cn/verify?id={VALID_ID}&code=JQ26X8");
        assert_eq!(interpret_scan(&url), qr(VALID_ID, "JQ26X8"));
        // Keys typed just before the scan lead the payload.
        assert_eq!(
            interpret_scan(&format!("abcEKV1|{VALID_ID}|JQ26X8")),
            qr(VALID_ID, "JQ26X8")
        );
        assert_eq!(
            interpret_scan(VALID_ID),
            Scanned::Identifier(VALID_ID.into())
        );
        assert_eq!(
            interpret_scan(&format!("x{}", VALID_ID.to_lowercase())),
            Scanned::Identifier(VALID_ID.into())
        );
        assert_eq!(interpret_scan("https://example.com/"), Scanned::Unknown);
        assert_eq!(interpret_scan("6901234567892"), Scanned::Unknown);
        assert_eq!(interpret_scan("EKV1|only-one-part"), Scanned::Unknown);
        assert_eq!(interpret_scan("证照"), Scanned::Unknown);
    }

    #[test]
    fn server_problems_map_to_fields() {
        let problem = |status, code: ProblemCode, fields: &[(&str, ProblemCode)]| {
            ApiError::Problem(Problem {
                status,
                code,
                fields: fields
                    .iter()
                    .map(|(f, c)| FieldProblem::new(f, *c))
                    .collect(),
                retry_after: Some(17),
                ..Default::default()
            })
        };
        let e = problem(
            400,
            ProblemCode::InvalidIdNumber,
            &[("holder_id", ProblemCode::InvalidIdNumber)],
        );
        assert_eq!(
            failure(&e, "x"),
            Failure::Fields(vec![(
                Field::HolderId,
                FieldMsg::new(CertMsg::ErrIdInvalid)
            )])
        );
        let e = problem(
            400,
            ProblemCode::Invalid,
            &[
                ("holder_id", ProblemCode::Checksum),
                ("name", ProblemCode::Required),
            ],
        );
        assert_eq!(
            failure(&e, "320505198509030124"),
            Failure::Fields(vec![
                (Field::HolderId, FieldMsg::new(CertMsg::ErrIdChecksum)),
                (Field::HolderName, FieldMsg::new(CertMsg::ErrNameRequired))
            ])
        );
        let e = problem(
            400,
            ProblemCode::InvalidIdentifier,
            &[("identifier", ProblemCode::Checksum)],
        );
        assert_eq!(
            failure(&e, ""),
            Failure::Fields(vec![(
                Field::Number,
                FieldMsg::new(CertMsg::ErrIdentChecksum)
            )])
        );
        let e = problem(
            400,
            ProblemCode::TooLong,
            &[("number", ProblemCode::TooLong)],
        );
        assert_eq!(
            failure(&e, ""),
            Failure::Fields(vec![(
                Field::Number,
                FieldMsg::new(CertMsg::ErrTooLongPlain)
            )])
        );
        assert_eq!(
            failure(&problem(429, ProblemCode::RateLimited, &[]), ""),
            Failure::RateLimited(17)
        );
        let no_wait = ApiError::Problem(Problem {
            status: 429,
            ..Default::default()
        });
        assert_eq!(failure(&no_wait, ""), Failure::RateLimited(60));
        // Unknown fields or no fields: the generic error panel.
        let e = problem(
            400,
            ProblemCode::parse("bad"),
            &[("mystery", ProblemCode::parse("x"))],
        );
        assert_eq!(failure(&e, ""), Failure::Other(e.clone()));
        assert_eq!(
            failure(&ApiError::Timeout, ""),
            Failure::Other(ApiError::Timeout)
        );
    }
}
