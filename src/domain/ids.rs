//! Identifier validators: 公民身份号码 (GB 11643, ISO 7064 MOD 11-2), 统一社会信用代码 (GB 32100,
//! with the embedded 组织机构代码 check of GB 11714), 电子证照标识 (GB/T 36904, ISO 7064 MOD 37,36)
//! and mainland mobile numbers. See `domain.md` §3.2 and §4.1–4.3.
//!
//! Every function here is total: any UTF-8 input yields a value or an [`IdError`], never a panic.

use crate::contract::ProblemCode;
use crate::domain::date::Date;
use std::fmt;

/// Precise, stable error kinds. `code()` gives the [`ProblemCode`] used in problem+json and i18n.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Nothing left after normalisation.
    Empty,
    /// Wrong number of characters (e.g. a 15-digit first-generation ID number).
    Length,
    /// A character outside the identifier's alphabet.
    Charset,
    /// Right characters and length, wrong structure.
    Format,
    /// The ID number's address code does not start with a province-level code.
    Region,
    /// The ID number's birth date is not a calendar date or outside 1800–2099.
    Date,
    /// The ID number's birth date is after today.
    FutureDate,
    /// The check character does not match.
    Checksum,
    /// The 组织机构代码 embedded in a USCC (positions 9–17) has a wrong check character.
    OrgCodeChecksum,
    /// An electronic-certificate identifier without the root `1.2.156.3005.2`.
    Prefix,
}

impl IdError {
    /// Stable code for problem+json `fields[].code` and i18n keys.
    pub fn code(self) -> ProblemCode {
        match self {
            IdError::Empty => ProblemCode::Empty,
            IdError::Length => ProblemCode::Length,
            IdError::Charset => ProblemCode::Charset,
            IdError::Format => ProblemCode::Format,
            IdError::Region => ProblemCode::Region,
            IdError::Date => ProblemCode::Date,
            IdError::FutureDate => ProblemCode::FutureDate,
            IdError::Checksum => ProblemCode::Checksum,
            IdError::OrgCodeChecksum => ProblemCode::OrgCodeChecksum,
            IdError::Prefix => ProblemCode::Prefix,
        }
    }

    /// Every kind, for exhaustive tests and i18n tables.
    pub const ALL: [IdError; 10] = [
        IdError::Empty,
        IdError::Length,
        IdError::Charset,
        IdError::Format,
        IdError::Region,
        IdError::Date,
        IdError::FutureDate,
        IdError::Checksum,
        IdError::OrgCodeChecksum,
        IdError::Prefix,
    ];
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code().as_str())
    }
}

impl std::error::Error for IdError {}

/// Root OID of every electronic-certificate identifier (GB/T 36904), followed by its dot.
const CERT_ROOT: &str = "1.2.156.3005.2.";

/// GB 32100 alphabet: value = index (no I, O, S, V, Z).
const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";
const ALNUM36: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Province-level prefixes of GB/T 2260 address codes (incl. 71 台湾, 81 香港, 82 澳门, 83 for
/// 台湾居民居住证).
const PROVINCES: [u32; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// Full-width ASCII (U+FF01..U+FF5E) → ASCII, ideographic space → space, then trim and remove
/// inner whitespace (spaces, tabs, line breaks); does NOT change case.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `normalize` then ASCII-uppercase.
fn normalize_upper(input: &str) -> String {
    normalize(input).to_ascii_uppercase()
}

fn digit_value(b: u8) -> Option<u32> {
    if b.is_ascii_digit() {
        Some(u32::from(b - b'0'))
    } else {
        None
    }
}

/// Value 0–35 of `0-9A-Z` (lowercase accepted).
fn alnum36_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        b'a'..=b'z' => Some(u32::from(b - b'a') + 10),
        _ => None,
    }
}

fn uscc_value(b: u8) -> Option<u32> {
    USCC_ALPHABET
        .iter()
        .position(|&a| a == b.to_ascii_uppercase())
        .map(|p| p as u32)
}

/// GB 11643 check character (MOD 11-2) for the first 17 digits; `None` if not 17 ASCII digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&b, &w) in bytes.iter().zip(ID_WEIGHTS.iter()) {
        sum += digit_value(b)? * w;
    }
    Some(char::from(ID_CHECK[(sum % 11) as usize]))
}

/// Validates an 18-character 公民身份号码 and returns it normalised (full-width → ASCII, no
/// spaces, uppercase `X`).
pub fn validate_id_number(input: &str, today: Date) -> Result<String, IdError> {
    let s = normalize_upper(input);
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.chars().count() != 18 {
        return Err(IdError::Length);
    }
    let b = s.as_bytes(); // 18 chars and, checked next, all ASCII
    let body_ok = b[..17].iter().all(u8::is_ascii_digit);
    let last_ok = b.len() == 18 && (b[17].is_ascii_digit() || b[17] == b'X');
    if !body_ok || !last_ok {
        return Err(IdError::Charset);
    }
    if b[0] == b'0' {
        return Err(IdError::Format);
    }
    let province = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    if !PROVINCES.contains(&province) {
        return Err(IdError::Region);
    }
    let num = |r: std::ops::Range<usize>| -> u32 {
        b[r].iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'))
    };
    let year = num(6..10) as i32;
    let birth = if (1800..=2099).contains(&year) {
        Date::new(year, num(10..12), num(12..14))
    } else {
        None
    };
    let birth = birth.ok_or(IdError::Date)?;
    if birth > today {
        return Err(IdError::FutureDate);
    }
    let expected = id_check_char(&s[..17]).ok_or(IdError::Charset)?;
    if char::from(b[17]) != expected {
        return Err(IdError::Checksum);
    }
    Ok(s)
}

/// GB 32100 check character for the first 17 characters; `None` if not 17 chars of the
/// 31-char alphabet (lowercase accepted).
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&b, &w) in bytes.iter().zip(USCC_WEIGHTS.iter()) {
        sum += uscc_value(b)? * w;
    }
    let c = (31 - sum % 31) % 31;
    Some(char::from(USCC_ALPHABET[c as usize]))
}

/// GB 11714 组织机构代码 check character for the 8-character body (`0-9A-Z`, lowercase
/// accepted); `None` otherwise.
pub fn org_code_check_char(first8: &str) -> Option<char> {
    let bytes = first8.as_bytes();
    if bytes.len() != 8 {
        return None;
    }
    let mut sum = 0u32;
    for (&b, &w) in bytes.iter().zip(ORG_WEIGHTS.iter()) {
        sum += alnum36_value(b)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from(b'0' + c as u8),
    })
}

/// Validates an 18-character 统一社会信用代码; returns it normalised and uppercased.
/// Order of checks: length, alphabet, digits in positions 3–8, position-18 check, embedded
/// organisation-code check (positions 9–17).
pub fn validate_uscc(input: &str) -> Result<String, IdError> {
    let s = normalize_upper(input);
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.chars().count() != 18 {
        return Err(IdError::Length);
    }
    if !s.bytes().all(|b| uscc_value(b).is_some()) {
        return Err(IdError::Charset);
    }
    let b = s.as_bytes();
    if !b[2..8].iter().all(u8::is_ascii_digit) {
        return Err(IdError::Format);
    }
    let expected = uscc_check_char(&s[..17]).ok_or(IdError::Charset)?;
    if char::from(b[17]) != expected {
        return Err(IdError::Checksum);
    }
    let org = org_code_check_char(&s[8..16]).ok_or(IdError::Charset)?;
    if char::from(b[16]) != org {
        return Err(IdError::OrgCodeChecksum);
    }
    Ok(s)
}

/// ISO/IEC 7064 MOD 37,36 check character over `body` (type + issuer + serial + version,
/// concatenated without dots). `None` if empty or not all `0-9A-Z` (lowercase accepted).
pub fn cert_identifier_check_char(body: &str) -> Option<char> {
    if body.is_empty() {
        return None;
    }
    let mut p = 36u32;
    for b in body.bytes() {
        let v = alnum36_value(b)?;
        let mut t = (p + v) % 36;
        if t == 0 {
            t = 36;
        }
        p = (2 * t) % 37;
    }
    let c = (37 - p) % 36;
    Some(char::from(ALNUM36[c as usize]))
}

fn is_upper_alnum(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Checks the segment lengths/shapes of an (uppercased) identifier's four body segments.
/// Charset is checked by the caller first.
fn cert_segments_ok(type_code: &str, issuer: &str, serial: &str, version: &str) -> bool {
    type_code.len() == 21
        && is_digits(&type_code[18..])
        && (issuer.len() == 18 || (issuer.len() == 6 && is_digits(issuer)))
        && (1..=40).contains(&serial.len())
        && version.len() == 3
        && is_digits(version)
}

/// Validates an 电子证照标识
/// `1.2.156.3005.2.<type 21>.<issuer 18 | area 6>.<serial 1..40>.<version 3>.<check>`;
/// returns it normalised and uppercased.
pub fn validate_cert_identifier(input: &str) -> Result<String, IdError> {
    let s = normalize_upper(input);
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    let rest = match s.strip_prefix(CERT_ROOT) {
        Some(rest) => rest,
        None if s == CERT_ROOT[..CERT_ROOT.len() - 1] => return Err(IdError::Format),
        None => return Err(IdError::Prefix),
    };
    let segs: Vec<&str> = rest.split('.').collect();
    if segs.iter().any(|seg| !is_upper_alnum(seg)) {
        return Err(IdError::Charset);
    }
    let [type_code, issuer, serial, version, check] = segs[..] else {
        return Err(IdError::Format);
    };
    if !cert_segments_ok(type_code, issuer, serial, version) || check.len() != 1 {
        return Err(IdError::Format);
    }
    let body = [type_code, issuer, serial, version].concat();
    let expected = cert_identifier_check_char(&body).ok_or(IdError::Charset)?;
    if check != expected.to_string() {
        return Err(IdError::Checksum);
    }
    Ok(s)
}

/// Builds a valid identifier (uppercasing the parts); `None` if a part has the wrong shape or
/// `version` is not 1..=999.
pub fn make_cert_identifier(
    type_code: &str,
    issuer: &str,
    serial: &str,
    version: u32,
) -> Option<String> {
    if !(1..=999).contains(&version) {
        return None;
    }
    let t = type_code.to_ascii_uppercase();
    let i = issuer.to_ascii_uppercase();
    let s = serial.to_ascii_uppercase();
    let v = format!("{version:03}");
    if !(is_upper_alnum(&t) && is_upper_alnum(&i) && is_upper_alnum(&s)) {
        return None;
    }
    if !cert_segments_ok(&t, &i, &s, &v) {
        return None;
    }
    let check = cert_identifier_check_char(&[t.as_str(), &i, &s, &v].concat())?;
    Some(format!("{CERT_ROOT}{t}.{i}.{s}.{v}.{check}"))
}

/// Validates a mainland mobile number: strips spaces, hyphens and a `+86`/`0086`/`86` prefix,
/// then requires `^1[3-9]\d{9}$`. Returns the bare 11 digits.
pub fn validate_mobile(input: &str) -> Result<String, IdError> {
    let s: String = normalize(input).chars().filter(|&c| c != '-').collect();
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    let s = if let Some(r) = s.strip_prefix("+86") {
        r
    } else if let Some(r) = s.strip_prefix("0086") {
        r
    } else if s.len() == 13 && s.starts_with("86") {
        &s[2..]
    } else {
        s.as_str()
    };
    if s.is_empty() {
        return Err(IdError::Length);
    }
    if !is_digits(s) {
        return Err(IdError::Charset);
    }
    if s.len() != 11 {
        return Err(IdError::Length);
    }
    let b = s.as_bytes();
    if b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
        return Err(IdError::Format);
    }
    Ok(s.to_string())
}

/// Which kind of 持证主体代码 a holder id is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderIdKind {
    IdNumber,
    Uscc,
}

/// True if the normalised string has the shape of an 18-char ID number (17 digits + digit/X).
pub(crate) fn is_id_number_shaped(normalized_upper: &str) -> bool {
    let b = normalized_upper.as_bytes();
    b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X')
}

/// Decides by shape (18 digits or 17 digits + X → ID number; otherwise USCC) and validates.
/// An all-digit USCC (e.g. `913502115628130384`) has the ID shape: if the ID-number check fails
/// but the string is a valid USCC, it is accepted as a USCC; otherwise the ID-number error is
/// returned.
pub fn validate_holder_id(input: &str, today: Date) -> Result<(HolderIdKind, String), IdError> {
    let s = normalize_upper(input);
    if is_id_number_shaped(&s) {
        match validate_id_number(&s, today) {
            Ok(v) => Ok((HolderIdKind::IdNumber, v)),
            Err(e) => validate_uscc(&s)
                .map(|v| (HolderIdKind::Uscc, v))
                .map_err(|_| e),
        }
    } else {
        validate_uscc(&s).map(|v| (HolderIdKind::Uscc, v))
    }
}

/// True if the string looks like an electronic-certificate identifier (starts with
/// "1.2.156.3005.2." after normalisation).
pub fn looks_like_cert_identifier(input: &str) -> bool {
    normalize(input).starts_with(CERT_ROOT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> Date {
        Date::new(2026, 5, 1).unwrap()
    }

    #[test]
    fn error_codes_are_stable_and_distinct() {
        let codes: Vec<&str> = IdError::ALL.iter().map(|e| e.code().as_str()).collect();
        assert_eq!(
            codes,
            [
                "empty",
                "length",
                "charset",
                "format",
                "region",
                "date",
                "future_date",
                "checksum",
                "org_code_checksum",
                "prefix"
            ]
        );
        assert_eq!(IdError::FutureDate.to_string(), "future_date");
    }

    #[test]
    fn normalize_full_width_and_spaces_keeps_case() {
        assert_eq!(
            normalize("　１１０１０５ 1949\t1231００２ｘ "),
            "11010519491231002x"
        );
        assert_eq!(normalize("ＡＢｃ－"), "ABc-");
        assert_eq!(normalize("  "), "");
        assert_eq!(normalize("张 三"), "张三");
    }

    #[test]
    fn id_check_char_vectors() {
        assert_eq!(id_check_char("11010519491231002"), Some('X'));
        assert_eq!(id_check_char("44052418800101001"), Some('4'));
        assert_eq!(id_check_char("11010519900307123"), Some('9'));
        assert_eq!(id_check_char("1101051990030712"), None);
        assert_eq!(id_check_char("1101051990030712A"), None);
        assert_eq!(id_check_char("11010519900307123X"), None);
        assert_eq!(id_check_char("１1010519900307123"), None);
    }

    #[test]
    fn id_number_table() {
        use IdError::*;
        let cases: &[(&str, Result<&str, IdError>)] = &[
            // domain.md §4.1: the standard's own examples and synthetic passes
            ("11010519491231002X", Ok("11010519491231002X")),
            ("440524188001010014", Ok("440524188001010014")),
            ("110105199003071239", Ok("110105199003071239")),
            ("440304200002290030", Ok("440304200002290030")), // 2000-02-29, leap
            ("310115198512123450", Ok("310115198512123450")),
            // synthetic, computed independently (non-zero digits in the address code)
            ("371323198811255712", Ok("371323198811255712")),
            ("51342619750812331X", Ok("51342619750812331X")),
            ("652901201202299872", Ok("652901201202299872")), // 2012-02-29
            ("239784199912314561", Ok("239784199912314561")),
            ("239784199912314562", Err(Checksum)),
            // normalisation: lowercase x, full-width digits, spaces
            ("11010519491231002x", Ok("11010519491231002X")),
            (
                "１１０１０５１９９００３０７１２３９",
                Ok("110105199003071239"),
            ),
            (" 110105 19900307 1239 ", Ok("110105199003071239")),
            ("11010519491231002ｘ", Ok("11010519491231002X")),
            // 港澳台 address codes
            ("810000199003071237", Ok("810000199003071237")),
            ("830000199003071230", Ok("830000199003071230")),
            ("710000199003071233", Ok("710000199003071233")),
            // born today is fine
            ("110105202605011238", Ok("110105202605011238")),
            // failures
            ("110105199003071230", Err(Checksum)), // expected 9
            ("11010519491231002Y", Err(Charset)),
            ("", Err(Empty)),
            ("   ", Err(Empty)),
            ("110105491231002", Err(Length)), // 15-digit first generation
            ("1101051990030712390", Err(Length)),
            ("11010519900307123", Err(Length)),
            ("11010519900307123９9", Err(Length)),
            ("1101051990030712X9", Err(Charset)),
            ("11010519900307一239", Err(Charset)),
            ("010105199003071235", Err(Format)),
            ("990105199003071232", Err(Region)),
            ("160105199003071238", Err(Region)),
            ("110105190002291239", Err(Date)), // 1900 not a leap year
            ("110105199002301231", Err(Date)),
            ("11010519901301123X", Err(Date)),
            ("110105179912311238", Err(Date)), // year < 1800
            ("110105203001011231", Err(FutureDate)),
            ("110105202605021233", Err(FutureDate)), // tomorrow
        ];
        for (input, want) in cases {
            let got = validate_id_number(input, today());
            assert_eq!(got, want.map(str::to_string), "input {input:?}");
        }
    }

    #[test]
    fn uscc_check_chars() {
        assert_eq!(uscc_check_char("91350200776049653"), Some('A'));
        assert_eq!(uscc_check_char("91350203M0001QAY9"), Some('9'));
        assert_eq!(uscc_check_char("91110108ma7q2k9b6"), Some('D'));
        assert_eq!(uscc_check_char("9135020077604965I"), None);
        assert_eq!(uscc_check_char("9135020077604965"), None);
        assert_eq!(org_code_check_char("77604965"), Some('3'));
        assert_eq!(org_code_check_char("MA7Q2K9B"), Some('6'));
        assert_eq!(org_code_check_char("00001312"), Some('7'));
        assert_eq!(org_code_check_char("7760496"), None);
        assert_eq!(org_code_check_char("7760496-"), None);
        // The 10 → X and 11 → 0 branches of GB 11714:
        assert_eq!(org_code_check_char("00000001"), Some('9')); // 11 - 2
        assert_eq!(org_code_check_char("00000010"), Some('7')); // 11 - 4
        assert_eq!(org_code_check_char("00000000"), Some('0')); // 11 → 0
        assert_eq!(org_code_check_char("40000000"), Some('X')); // 12 mod 11 = 1 → 10 → X
        assert_eq!(org_code_check_char("a0000000"), Some('3')); // A = 10: 30 mod 11 = 8 → 3
    }

    #[test]
    fn uscc_table() {
        use IdError::*;
        let valid = [
            // domain.md §4.2
            "91350200776049653A",
            "913502115628130384",
            "123502001549897397",
            "91110108123456788E",
            "91110108MA7Q2K9B6D",
            // kiosk-facts §0/§1a (authorities and issuers)
            "11100000000013127D",
            "11100000000013338W",
            "11100000MB03271699",
            "111000000000131433",
            "11100000MB0341032Y",
            "11100000000013661B",
            "12110000400777687U",
            "113700000045030270",
            // issuers inside the §3.2 identifiers
            "11220000013544541J",
            "11430000006122244L",
            "11330105002500287C",
            // synthetic, computed independently (non-zero digits in every position)
            "92441303MA4UJ7K289",
            "Y15326277Q2B8C3L7H",
            "N2650104KHGD5W9P5R",
            "A1987654123456HJ1H",
        ];
        for v in valid {
            assert_eq!(validate_uscc(v), Ok(v.to_string()), "{v}");
        }
        let cases: &[(&str, Result<&str, IdError>)] = &[
            ("91110108ma7q2k9b6d", Ok("91110108MA7Q2K9B6D")),
            (
                "９１１１０１０８ＭＡ７Ｑ２Ｋ９Ｂ６Ｄ",
                Ok("91110108MA7Q2K9B6D"),
            ),
            (" 9111 0108 MA7Q 2K9B 6D ", Ok("91110108MA7Q2K9B6D")),
            ("91350203M0001QAY9B", Err(Checksum)), // expected 9
            ("91350200776049653B", Err(Checksum)),
            ("", Err(Empty)),
            ("\u{3000}", Err(Empty)),
            ("9135020077604965", Err(Length)),
            ("91350200776049653AA", Err(Length)),
            ("91350200776O49653A", Err(Charset)), // letter O
            ("9135020077604965IA", Err(Charset)),
            ("91350200776049653S", Err(Charset)),
            ("91350200776049653-", Err(Charset)),
            ("913502007760496５３Ａ", Ok("91350200776049653A")),
            ("91A50200776049653A", Err(Format)), // pos 3-8 must be digits
            ("9135020A776049653A", Err(Format)),
        ];
        for (input, want) in cases {
            assert_eq!(
                validate_uscc(input),
                want.map(str::to_string),
                "input {input:?}"
            );
        }
        // Embedded org code broken, pos-18 recomputed so only the GB 11714 check fails.
        let body = "91350200776049654";
        let c = uscc_check_char(body).unwrap();
        assert_eq!(validate_uscc(&format!("{body}{c}")), Err(OrgCodeChecksum));
    }

    const CERT_VECTORS: [&str; 5] = [
        // domain.md §3.2
        "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
        "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
        // kiosk-facts §0 (same certificate, version 002; and a 6-digit area-code issuer)
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S",
        "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9",
    ];

    #[test]
    fn cert_check_char_vectors() {
        assert_eq!(
            cert_identifier_check_char("11100000000013338W03211220000013544541J2430599001"),
            Some('F')
        );
        assert_eq!(
            cert_identifier_check_char("11100000MB03271699022340100000000016001"),
            Some('9')
        );
        assert_eq!(
            cert_identifier_check_char("11100000mb03271699022340100000000016001"),
            Some('9')
        );
        assert_eq!(cert_identifier_check_char(""), None);
        assert_eq!(cert_identifier_check_char("ABC.123"), None);
        assert_eq!(cert_identifier_check_char("证照"), None);
    }

    #[test]
    fn cert_identifier_table() {
        use IdError::*;
        for v in CERT_VECTORS {
            assert_eq!(validate_cert_identifier(v), Ok(v.to_string()), "{v}");
            assert!(looks_like_cert_identifier(v));
        }
        let root = "1.2.156.3005.2.";
        let cases: Vec<(String, Result<&str, IdError>)> = vec![
            (
                "1.2.156.3005.2.11100000mb03271699022.340100.000000016.001.9".into(),
                Ok(CERT_VECTORS[4]),
            ),
            (
                "１.２.１５６.３００５.２.11100000MB03271699022.340100.000000016.001.9 ".into(),
                Ok(CERT_VECTORS[4]),
            ),
            (
                "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0"
                    .to_lowercase(),
                Ok(CERT_VECTORS[2]),
            ),
            // wrong check characters
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.001.G"),
                Err(Checksum),
            ),
            (
                format!("{root}11100000000013338W011.11430000006122244L.20230000403.001.S"),
                Err(Checksum),
            ),
            (
                format!("{root}11100000MB03271699022.340100.000000016.002.9"),
                Err(Checksum),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430598.001.F"),
                Err(Checksum),
            ),
            ("".into(), Err(Empty)),
            (" \t ".into(), Err(Empty)),
            // root
            (
                "1.2.156.3005.3.11100000000013338W032.11220000013544541J.2430599.001.F".into(),
                Err(Prefix),
            ),
            (
                "1.2.156.3005.21.11100000000013338W032.11220000013544541J.2430599.001.F".into(),
                Err(Prefix),
            ),
            (
                "11100000000013338W032.11220000013544541J.2430599.001.F".into(),
                Err(Prefix),
            ),
            ("91110108MA7Q2K9B6D".into(), Err(Prefix)),
            ("1.2.156.3005.2".into(), Err(Format)),
            // segment counts and lengths
            (root.into(), Err(Format)),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.001.F.1"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W32.11220000013544541J.2430599.001.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338WA32.11220000013544541J.2430599.001.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.1122000001354454J.2430599.001.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.34010A.2430599.001.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J..001.F"),
                Err(Format),
            ),
            (
                format!(
                    "{root}11100000000013338W032.11220000013544541J.{}.001.F",
                    "1".repeat(41)
                ),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.01.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.0A1.F"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.001.FF"),
                Err(Format),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.001."),
                Err(Format),
            ),
            // alphabet
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430-599.001.F"),
                Err(Charset),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.证2430599.001.F"),
                Err(Charset),
            ),
            (
                format!("{root}11100000000013338W032.11220000013544541J.2430599.001.#"),
                Err(Charset),
            ),
        ];
        for (input, want) in &cases {
            assert_eq!(
                validate_cert_identifier(input),
                want.map(str::to_string),
                "input {input:?}"
            );
        }
        // a 40-char serial is the maximum accepted
        let long = make_cert_identifier(
            "11100000000013338W032",
            "11220000013544541J",
            &"Z".repeat(40),
            1,
        );
        assert!(long.is_some_and(|v| validate_cert_identifier(&v).is_ok()));
    }

    #[test]
    fn make_cert_identifier_reproduces_real_ones() {
        assert_eq!(
            make_cert_identifier("11100000000013338W032", "11220000013544541J", "2430599", 1)
                .as_deref(),
            Some(CERT_VECTORS[0])
        );
        assert_eq!(
            make_cert_identifier(
                "11100000000013338W011",
                "11430000006122244L",
                "20230000403",
                2
            )
            .as_deref(),
            Some(CERT_VECTORS[3])
        );
        assert_eq!(
            make_cert_identifier("11100000mb03271699022", "340100", "000000016", 1).as_deref(),
            Some(CERT_VECTORS[4])
        );
        assert_eq!(
            make_cert_identifier("11100000000013338W032", "11220000013544541J", "2430599", 0),
            None
        );
        assert_eq!(
            make_cert_identifier(
                "11100000000013338W032",
                "11220000013544541J",
                "2430599",
                1000
            ),
            None
        );
        assert_eq!(
            make_cert_identifier("11100000000013338W03", "11220000013544541J", "2430599", 1),
            None
        );
        assert_eq!(
            make_cert_identifier("11100000000013338W032", "1122000001354454", "2430599", 1),
            None
        );
        assert_eq!(
            make_cert_identifier("11100000000013338W032", "11220000013544541J", "", 1),
            None
        );
        assert_eq!(
            make_cert_identifier("11100000000013338W032", "11220000013544541J", "24.30599", 1),
            None
        );
        assert_eq!(
            make_cert_identifier("11100000000013338W032", "11220000013544541J", "证照", 1),
            None
        );
    }

    #[test]
    fn looks_like_cert_identifier_cases() {
        assert!(looks_like_cert_identifier(" 1.2.156.3005.2.anything"));
        assert!(looks_like_cert_identifier(
            "１．２．１５６．３００５．２．X"
        ));
        assert!(!looks_like_cert_identifier("1.2.156.3005.2"));
        assert!(!looks_like_cert_identifier("1.2.156.3005.21.X"));
        assert!(!looks_like_cert_identifier("91110108MA7Q2K9B6D"));
        assert!(!looks_like_cert_identifier(""));
    }

    #[test]
    fn mobile_table() {
        use IdError::*;
        let cases: &[(&str, Result<&str, IdError>)] = &[
            ("13812345678", Ok("13812345678")),
            ("138 1234 5678", Ok("13812345678")),
            ("138-1234-5678", Ok("13812345678")),
            ("+86 138 1234 5678", Ok("13812345678")),
            ("+8613812345678", Ok("13812345678")),
            ("008613812345678", Ok("13812345678")),
            ("8613812345678", Ok("13812345678")),
            ("+86-138-1234-5678", Ok("13812345678")),
            ("１３８１２３４５６７８", Ok("13812345678")),
            ("１３８－１２３４－５６７８", Ok("13812345678")),
            ("19212345678", Ok("19212345678")),
            ("16612345678", Ok("16612345678")),
            ("", Err(Empty)),
            (" - ", Err(Empty)),
            ("+86", Err(Length)),
            ("1381234567", Err(Length)),
            ("138123456789", Err(Length)),
            ("1440123456789", Err(Length)), // 13-digit IoT number
            ("12812345678", Err(Format)),
            ("10012345678", Err(Format)),
            ("23812345678", Err(Format)),
            ("861381234567", Err(Length)), // 12 digits: no prefix stripped
            ("1381234567a", Err(Charset)),
            ("+13812345678", Err(Charset)),
            ("138.1234.5678", Err(Charset)),
        ];
        for (input, want) in cases {
            assert_eq!(
                validate_mobile(input),
                want.map(str::to_string),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn holder_id_table() {
        use HolderIdKind::*;
        use IdError::*;
        type Want = Result<(HolderIdKind, &'static str), IdError>;
        let cases: &[(&str, Want)] = &[
            ("11010519491231002x", Ok((IdNumber, "11010519491231002X"))),
            ("440524188001010014", Ok((IdNumber, "440524188001010014"))),
            ("91110108ma7q2k9b6d", Ok((Uscc, "91110108MA7Q2K9B6D"))),
            // all-digit USCCs have the ID-number shape but are accepted as USCC
            ("913502115628130384", Ok((Uscc, "913502115628130384"))),
            ("123502001549897397", Ok((Uscc, "123502001549897397"))),
            ("110105199003071230", Err(Checksum)),
            ("110105203001011231", Err(FutureDate)),
            ("990105199003071232", Err(Region)),
            ("91350203M0001QAY9B", Err(Checksum)),
            ("9135020077604965", Err(Length)),
            ("", Err(Empty)),
        ];
        for (input, want) in cases {
            let got = validate_holder_id(input, today());
            let want = want.map(|(k, v)| (k, v.to_string()));
            assert_eq!(got, want, "input {input:?}");
        }
    }

    fn id_body() -> impl Strategy<Value = String> {
        let start = Date::new(1900, 1, 1).unwrap().to_days();
        let end = Date::new(2026, 5, 1).unwrap().to_days();
        (0..PROVINCES.len(), 0u32..10_000, start..=end, 0u32..1000).prop_map(
            |(p, area, day, seq)| {
                let d = Date::from_days(day);
                format!(
                    "{:02}{area:04}{:04}{:02}{:02}{seq:03}",
                    PROVINCES[p], d.year, d.month, d.day
                )
            },
        )
    }

    fn uscc_char() -> impl Strategy<Value = char> {
        (0..31usize).prop_map(|i| char::from(USCC_ALPHABET[i]))
    }

    fn uscc_body() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(uscc_char(), 2),
            0u32..1_000_000,
            proptest::collection::vec(uscc_char(), 8),
        )
            .prop_map(|(head, area, org)| {
                let head: String = head.into_iter().collect();
                let org: String = org.into_iter().collect();
                let oc = org_code_check_char(&org).unwrap_or('?');
                format!("{head}{area:06}{org}{oc}")
            })
    }

    fn anything() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::collection::vec(any::<char>(), 0..64)
                .prop_map(|v| v.into_iter().collect::<String>()),
            "[0-9Xx１９ｘ　 +\\-]{0,24}",
            "1\\.2\\.156\\.3005\\.2\\.[0-9A-Za-z.。\\-]{0,48}",
            "[0-9A-Za-z]{16,20}",
        ]
    }

    proptest! {
        #[test]
        fn no_input_panics(s in anything()) {
            let t = today();
            let _ = normalize(&s);
            let _ = id_check_char(&s);
            let _ = validate_id_number(&s, t);
            let _ = validate_id_number(&s, Date::new(1700, 1, 1).unwrap());
            let _ = uscc_check_char(&s);
            let _ = org_code_check_char(&s);
            let _ = validate_uscc(&s);
            let _ = cert_identifier_check_char(&s);
            let _ = validate_cert_identifier(&s);
            let _ = make_cert_identifier(&s, &s, &s, 1);
            let _ = validate_mobile(&s);
            let _ = validate_holder_id(&s, t);
            let _ = looks_like_cert_identifier(&s);
        }

        #[test]
        fn id_numbers_with_computed_check_validate(body in id_body(), wrong in 0..11usize, pos in 14..17usize, delta in 1u8..10) {
            let c = id_check_char(&body).unwrap();
            let full = format!("{body}{c}");
            prop_assert_eq!(validate_id_number(&full, today()), Ok(full.clone()));
            prop_assert_eq!(validate_holder_id(&full.to_lowercase(), today()), Ok((HolderIdKind::IdNumber, full.clone())));
            let w = char::from(ID_CHECK[wrong]);
            if w != c {
                prop_assert_eq!(validate_id_number(&format!("{body}{w}"), today()), Err(IdError::Checksum));
            }
            // any single-digit change in the sequence number is caught by MOD 11-2
            let mut b = full.into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(b).unwrap();
            prop_assert_eq!(validate_id_number(&changed, today()), Err(IdError::Checksum));
        }

        #[test]
        fn usccs_with_computed_checks_validate(body in uscc_body(), wrong in 0..31usize, pos in 0..16usize, other in 0..31usize) {
            let c = uscc_check_char(&body).unwrap();
            let full = format!("{body}{c}");
            prop_assert_eq!(validate_uscc(&full), Ok(full.clone()));
            prop_assert_eq!(validate_uscc(&full.to_lowercase()), Ok(full.clone()));
            if !is_id_number_shaped(&full) {
                prop_assert_eq!(validate_holder_id(&full, today()), Ok((HolderIdKind::Uscc, full.clone())));
            }
            let w = char::from(USCC_ALPHABET[wrong]);
            if w != c {
                prop_assert_eq!(validate_uscc(&format!("{body}{w}")), Err(IdError::Checksum));
            }
            // a single substitution anywhere in 1..17 (keeping the structure) is caught by pos 18
            let mut b = full.clone().into_bytes();
            let replacement = if (2..8).contains(&pos) { b'0' + (other % 10) as u8 } else { USCC_ALPHABET[other] };
            if b[pos] != replacement {
                b[pos] = replacement;
                let changed = String::from_utf8(b).unwrap();
                prop_assert_eq!(validate_uscc(&changed), Err(IdError::Checksum));
            }
            // a wrong embedded org-code check with a recomputed pos 18 is OrgCodeChecksum
            let oc = full.as_bytes()[16];
            let bad_oc = USCC_ALPHABET[other];
            if bad_oc != oc {
                let mut b17 = full.as_bytes()[..17].to_vec();
                b17[16] = bad_oc;
                let b17 = String::from_utf8(b17).unwrap();
                let c2 = uscc_check_char(&b17).unwrap();
                prop_assert_eq!(validate_uscc(&format!("{b17}{c2}")), Err(IdError::OrgCodeChecksum));
            }
        }

        #[test]
        fn made_cert_identifiers_validate(
            authority in "[0-9A-Z]{18}",
            seq in 0u32..1000,
            issuer in prop_oneof!["[0-9A-Z]{18}", "[0-9]{6}"],
            serial in "[0-9A-Z]{1,40}",
            version in 1u32..1000,
            wrong in 0..36usize,
            pos in 0usize..40,
            other in 0..36usize,
        ) {
            let type_code = format!("{authority}{seq:03}");
            let id = make_cert_identifier(&type_code, &issuer, &serial, version);
            prop_assert!(id.is_some());
            let id = id.unwrap();
            prop_assert!(looks_like_cert_identifier(&id));
            prop_assert_eq!(validate_cert_identifier(&id), Ok(id.clone()));
            prop_assert_eq!(validate_cert_identifier(&id.to_lowercase()), Ok(id.clone()));
            let (head, check) = id.split_at(id.len() - 1);
            let w = char::from(ALNUM36[wrong]);
            if !check.starts_with(w) {
                prop_assert_eq!(validate_cert_identifier(&format!("{head}{w}")), Err(IdError::Checksum));
            }
            // MOD 37,36 catches any single substitution in the serial
            let i = pos % serial.len();
            let mut s = serial.clone().into_bytes();
            if s[i] != ALNUM36[other] {
                s[i] = ALNUM36[other];
                let s = String::from_utf8(s).unwrap();
                let tampered = format!("{CERT_ROOT}{type_code}.{issuer}.{s}.{version:03}.{check}");
                prop_assert_eq!(validate_cert_identifier(&tampered), Err(IdError::Checksum));
            }
        }
    }
}
