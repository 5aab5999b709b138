//! What a keyboard-wedge burst typed with no text field focused is, so the kiosk can take it
//! to the screen that uses it (see `ui::kiosk::scanner`). Pure and tested natively.
//!
//! Order of the checks (the first that matches wins):
//! 1. a certificate QR payload (`EKV1|identifier|code` or a verify URL, see
//!    [`crate::domain::cert::parse_qr`]) → verify;
//! 2. a bare 电子证照标识 (`1.2.156.3005.2.` …) → look-up;
//! 3. an 18-character 公民身份号码 shape (17 digits and a digit or `X`) → the holder ID field
//!    (the check digit is verified there, so a misread shows a clear field error);
//! 4. a 办件编号 ([`crate::domain::review::validate_case_no`] with at least one digit) → reviews;
//! 5. anything else → [`Burst::Unknown`]: shown to the person, never dropped.
//!
//! Keys typed just before the scanner fired may lead the payload, so the start of a
//! certificate code is also looked for inside it.

use crate::domain::cert::parse_qr;
use crate::domain::ids;
use crate::domain::review::validate_case_no;

/// A certificate payload: a QR code (identifier + verification code) or a bare identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertScan {
    Qr { identifier: String, code: String },
    Identifier(String),
}

/// What a burst is, and so where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Burst {
    /// A certificate QR code or identifier → the certificate screen verifies / looks it up.
    Cert(CertScan),
    /// An 18-character ID number (normalised, uppercase `X`) → the certificate screen's holder ID.
    IdNumber(String),
    /// A 办件编号 (trimmed) → the review screen.
    CaseNo(String),
    /// Nothing the kiosk knows; the raw text.
    Unknown(String),
}

/// Reads a certificate payload (QR code or bare identifier), also when stray keys lead it.
pub fn cert_payload(payload: &str) -> Option<CertScan> {
    let up = payload.to_ascii_uppercase(); // same byte offsets as `payload`
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            ["EKV1|", "HTTP", "1.2.156.3005.2."]
                .iter()
                .filter_map(|m| up.find(m)),
        )
        .collect();
    for &i in &starts {
        if let Some((identifier, code)) = payload.get(i..).and_then(parse_qr) {
            return Some(CertScan::Qr { identifier, code });
        }
    }
    for &i in &starts {
        let p = payload.get(i..).unwrap_or_default();
        if ids::looks_like_cert_identifier(p) {
            return Some(CertScan::Identifier(ids::normalize(p).to_ascii_uppercase()));
        }
    }
    None
}

/// `Some(normalised)` if the text has the shape of an 18-character ID number.
pub fn id_number_shape(payload: &str) -> Option<String> {
    let s = ids::normalize(payload).to_ascii_uppercase();
    let b = s.as_bytes();
    let ok = b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X');
    ok.then_some(s)
}

/// Classifies a burst (see the module doc for the order).
pub fn classify_burst(payload: &str) -> Burst {
    if let Some(c) = cert_payload(payload) {
        return Burst::Cert(c);
    }
    if let Some(id) = id_number_shape(payload) {
        return Burst::IdNumber(id);
    }
    match validate_case_no(payload) {
        Ok(no) if no.bytes().any(|b| b.is_ascii_digit()) => Burst::CaseNo(no),
        _ => Burst::Unknown(payload.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str =
        "1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z";

    #[test]
    fn certificate_payloads_go_to_verify_or_lookup() {
        assert_eq!(
            classify_burst(&format!("EKV1|{ID}|JQ26X8")),
            Burst::Cert(CertScan::Qr {
                identifier: ID.into(),
                code: "JQ26X8".into()
            })
        );
        // Stray keys before the scan.
        assert_eq!(
            classify_burst(&format!("12EKV1|{ID}|JQ26X8")),
            Burst::Cert(CertScan::Qr {
                identifier: ID.into(),
                code: "JQ26X8".into()
            })
        );
        assert_eq!(
            classify_burst(ID),
            Burst::Cert(CertScan::Identifier(ID.into()))
        );
        assert_eq!(
            classify_burst(&ID.to_ascii_lowercase()),
            Burst::Cert(CertScan::Identifier(ID.into()))
        );
    }

    #[test]
    fn id_numbers_go_to_the_holder_field() {
        assert_eq!(
            classify_burst("320505198509030123"),
            Burst::IdNumber("320505198509030123".into())
        );
        assert_eq!(
            classify_burst("11010519491231002x"),
            Burst::IdNumber("11010519491231002X".into())
        );
        // A wrong check digit is still an ID number: the field says what is wrong with it.
        assert_eq!(
            classify_burst("320505198509030124"),
            Burst::IdNumber("320505198509030124".into())
        );
        // 17 or 19 digits are not.
        assert!(!matches!(
            classify_burst("32050519850903012"),
            Burst::IdNumber(_)
        ));
        assert!(!matches!(
            classify_burst("3205051985090301234"),
            Burst::IdNumber(_)
        ));
    }

    #[test]
    fn case_numbers_go_to_reviews_and_the_rest_is_kept() {
        assert_eq!(
            classify_burst("32050820260923000055"),
            Burst::CaseNo("32050820260923000055".into())
        );
        assert_eq!(
            classify_burst(" SZ-2026-0001 "),
            Burst::CaseNo("SZ-2026-0001".into())
        );
        // Letters only, other characters, too long: unknown, with the text kept.
        assert_eq!(
            classify_burst("ABCDEFGHIJ"),
            Burst::Unknown("ABCDEFGHIJ".into())
        );
        assert_eq!(
            classify_burst("https://example.com/"),
            Burst::Unknown("https://example.com/".into())
        );
        assert_eq!(
            classify_burst("证照标识一二三四"),
            Burst::Unknown("证照标识一二三四".into())
        );
        let long = "1".repeat(60);
        assert_eq!(classify_burst(&long), Burst::Unknown(long.clone()));
    }

    proptest! {
        /// Every burst is classified (never lost): an unknown one keeps its trimmed text.
        #[test]
        fn nothing_is_dropped(s in "\\PC{0,80}") {
            match classify_burst(&s) {
                Burst::Unknown(t) => prop_assert_eq!(t, s.trim().to_string()),
                Burst::CaseNo(n) => prop_assert_eq!(n, s.trim().to_string()),
                Burst::IdNumber(n) => prop_assert_eq!(n.len(), 18),
                Burst::Cert(_) => {}
            }
        }
    }
}
