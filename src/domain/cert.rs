//! E-certificate (电子证照) logic shared by the reference server and the browser's offline
//! DemoBackend: status derivation, masking (domain.md §4.4), search, QR parsing and
//! verification. Pure functions over [`CertRecord`]s; no I/O, no panics on any input.
//!
//! Masking happens here, on the issuer side: [`summarize`] and [`detail`] are the only ways a
//! record leaves as a [`CertSummary`] / [`CertDetail`], and both mask personal data.

use crate::contract::{
    CertDetail, CertSearchRequest, CertSearchResponse, CertStatus, CertSummary, CertVerifyRequest,
    CertVerifyResponse, FieldProblem, HolderKind, ProblemCode,
};
use crate::domain::date::Date;
use crate::domain::ids;
use crate::domain::mask;
use crate::domain::text;

use serde::{Deserialize, Serialize};

/// A certificate as stored by the issuer side (seed data and the offline demo). Never sent to
/// a kiosk by the live server: it holds personal data in clear. `domain::cert` turns it into
/// masked [`CertSummary`] / [`CertDetail`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CertRecord {
    pub identifier: String,
    pub name: String,
    #[serde(default)]
    pub type_code: String,
    #[serde(default)]
    pub number: String,
    pub holder: String,
    #[serde(default)]
    pub holder_kind: HolderKind,
    pub holder_code: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub issuer_code: String,
    #[serde(default)]
    pub issue_date: String,
    #[serde(default)]
    pub valid_from: String,
    /// `None` = 长期有效.
    #[serde(default)]
    pub valid_to: Option<String>,
    /// Seed only: `valid_to` = seed day + N (so "expiring" and "expired" exist on any run date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to_days_from_seed: Option<i64>,
    /// Issuer-side state: valid | suspended | revoked | cancelled | withdrawn | superseded.
    /// `expired` / `expiring` are derived from the dates.
    #[serde(default)]
    pub state: CertStatus,
    #[serde(default)]
    pub verify_code: String,
    #[serde(default)]
    pub area_code: String,
    #[serde(default)]
    pub level: String,
    #[serde(default = "version_one")]
    pub version: u32,
    #[serde(default)]
    pub extra: Vec<(String, String)>,
    #[serde(default)]
    pub synthetic: bool,
}

fn version_one() -> u32 {
    1
}

/// A usable certificate with this many days left or fewer shows as 即将到期.
pub const EXPIRING_DAYS: i64 = 30;

/// Most results a search returns.
pub const MAX_RESULTS: usize = 20;

/// Longest accepted certificate number in a search, in characters.
pub const MAX_NUMBER_CHARS: usize = 64;

/// Longest accepted 电子证照标识 (search, verification, QR), in characters.
pub const MAX_IDENTIFIER_CHARS: usize = 128;

/// Longest accepted holder name, in characters (after trimming).
pub const MAX_NAME_CHARS: usize = 50;
/// Longest holder ID the form accepts as typed: an 18-character 公民身份号码 or 统一社会信用代码
/// with room for the spaces and hyphens people type (they are removed before validation).
pub const MAX_HOLDER_ID_INPUT_CHARS: usize = 32;

/// Prefix of the compact QR payload, see [`parse_qr`].
pub const QR_PREFIX: &str = "EKV1";

// ---------------------------------------------------------------------------------------------
// Dates and status
// ---------------------------------------------------------------------------------------------

/// Resolve seed-relative dates: if `valid_to_days_from_seed` is Some(n), set valid_to = seed_day + n and clear it.
pub fn resolve_seed_dates(rec: &mut CertRecord, seed_day: Date) {
    if let Some(n) = rec.valid_to_days_from_seed.take() {
        // Clamp so an absurd seed value cannot overflow the day arithmetic.
        let n = n.clamp(-3_650_000, 3_650_000);
        rec.valid_to = Some(seed_day.add_days(n).to_string());
    }
}

/// How a record's `valid_to` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValidTo {
    /// 长期有效 (`None`, empty, or a 长期 marker).
    Permanent,
    Until(Date),
    /// Present but not a date: validity cannot be asserted.
    Unreadable,
}

fn valid_to(rec: &CertRecord) -> ValidTo {
    match rec.valid_to.as_deref().map(str::trim) {
        None | Some("") => ValidTo::Permanent,
        Some(s) if s.starts_with("长期") || s.eq_ignore_ascii_case("permanent") => {
            ValidTo::Permanent
        }
        Some(s) => match Date::parse(s) {
            // Date::parse accepts any 4-digit year; keep the arithmetic in a sane range.
            Some(d) if (1000..=9999).contains(&d.year) => ValidTo::Until(d),
            _ => ValidTo::Unreadable,
        },
    }
}

/// Days from `today` until `valid_to` (0 on the expiry day itself, negative when past);
/// `None` for 长期 and for an unreadable date.
pub fn days_left(rec: &CertRecord, today: Date) -> Option<i64> {
    match valid_to(rec) {
        ValidTo::Until(d) => Some(today.days_until(d)),
        ValidTo::Permanent | ValidTo::Unreadable => None,
    }
}

/// Display status today: issuer state wins when not `Valid`; a Valid record past valid_to → Expired; ≤ EXPIRING_DAYS left → Expiring.
///
/// Details: the expiry day itself is still usable (0 days left → `Expiring`); 长期 never
/// expires; an unreadable `valid_to` gives `Unknown` (never "valid" by accident); an issuer
/// state of `Unknown` (e.g. absent in the data) stays `Unknown`; a stored `Expiring` is
/// re-derived from the dates but never shown better than `Expiring`.
pub fn derive_status(rec: &CertRecord, today: Date) -> CertStatus {
    let by_dates = || match valid_to(rec) {
        ValidTo::Permanent => CertStatus::Valid,
        ValidTo::Unreadable => CertStatus::Unknown,
        ValidTo::Until(d) => {
            let left = today.days_until(d);
            if left < 0 {
                CertStatus::Expired
            } else if left <= EXPIRING_DAYS {
                CertStatus::Expiring
            } else {
                CertStatus::Valid
            }
        }
    };
    match rec.state {
        CertStatus::Valid => by_dates(),
        CertStatus::Expiring => match by_dates() {
            CertStatus::Valid => CertStatus::Expiring,
            other => other,
        },
        other => other,
    }
}

// ---------------------------------------------------------------------------------------------
// Masking
// ---------------------------------------------------------------------------------------------

/// Extra-field labels holding a person's name on a personal certificate.
const PERSON_NAME_LABELS: &[&str] = &[
    "姓名",
    "持证人",
    "权利人",
    "共有人",
    "配偶",
    "父亲",
    "母亲",
    "监护人",
    "经营者",
    "负责人",
    "法定代表人",
    "男方",
    "女方",
    "户主",
    "投资人",
];
/// Extra-field labels holding the operator of a 个体工商户 (USCC prefix `92`).
const OPERATOR_LABELS: &[&str] = &["经营者", "负责人", "法定代表人", "投资人"];
/// Labels masked as names on any certificate (contacts are never public register data).
const CONTACT_LABELS: &[&str] = &["联系人"];
/// Extra-field labels holding a person's address on a personal certificate.
const ADDRESS_LABELS: &[&str] = &["住址", "地址", "住所", "坐落", "户籍", "居住地"];

fn label_in(label: &str, set: &[&str]) -> bool {
    set.iter().any(|l| label.contains(l))
}

/// Who holds the certificate, as far as masking is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    Person,
    Organization,
    /// 个体工商户: an organisation record whose USCC starts with `92`.
    IndividualBusiness,
}

fn is_id_number_shaped(code: &str) -> bool {
    let ascii: String = code.trim().chars().filter_map(ascii_digit_or_x).collect();
    ascii.chars().count() == code.trim().chars().count() && id_shape(ascii.as_bytes())
}

/// The effective holder type; when in doubt, a person (privacy first): a code that validates
/// as a 公民身份号码 is a person's whatever the declared kind (an 18-digit string can pass both
/// checks), and an undeclared kind is an organisation only with a valid USCC.
fn holder_of(rec: &CertRecord, today: Date) -> Holder {
    let uscc = ids::validate_uscc(&rec.holder_code).ok();
    let id_number = ids::validate_id_number(&rec.holder_code, today).is_ok();
    let org = match rec.holder_kind {
        HolderKind::Person => false,
        HolderKind::Organization => {
            !id_number && (uscc.is_some() || !is_id_number_shaped(&rec.holder_code))
        }
        HolderKind::Unknown => !id_number && uscc.is_some(),
    };
    if !org {
        return Holder::Person;
    }
    let code = uscc.unwrap_or_else(|| ids::normalize(&rec.holder_code).to_uppercase());
    if code.starts_with("92") {
        Holder::IndividualBusiness
    } else {
        Holder::Organization
    }
}

/// `2024-01-05` for a parseable date, else the trimmed text as given.
fn canonical_date(s: &str) -> String {
    match Date::parse(s) {
        Some(d) => d.to_string(),
        None => s.trim().to_string(),
    }
}

/// Masks each name in a list such as `张三、李四` (separators kept).
fn mask_names(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let t = token.trim();
        if !t.is_empty() {
            out.push_str(&mask::mask_name(t));
        }
        token.clear();
    };
    for c in value.chars() {
        if matches!(c, '、' | ',' | '，' | ';' | '；' | '/' | '\n') {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// Keeps an address down to province/city/district and hides the rest (domain.md §4.4).
fn mask_address(value: &str) -> String {
    let chars: Vec<char> = value.trim().chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    const WINDOW: usize = 12;
    let head = &chars[..chars.len().min(WINDOW)];
    let district = head.iter().position(|c| matches!(c, '区' | '县' | '旗'));
    let city = head.iter().rposition(|c| *c == '市');
    let keep = match (district, city) {
        (Some(i), _) => i + 1,
        (None, Some(i)) => i + 1,
        (None, None) => (chars.len() / 3).min(6),
    };
    // Always hide something.
    let keep = keep.min(chars.len().saturating_sub(1));
    let mut out: String = chars[..keep].iter().collect();
    out.push_str("****");
    out
}

fn ascii_digit_or_x(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        'x' | 'X' | 'ｘ' | 'Ｘ' => Some('X'),
        _ => None,
    }
}

/// 18 ASCII bytes shaped like a 公民身份号码 (structure and plausible date; the check
/// character is deliberately not verified: a mistyped ID number is still personal data).
fn id_shape(b: &[u8]) -> bool {
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b[17].is_ascii_digit() || b[17] == b'X') || b[0] == b'0' {
        return false;
    }
    let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
    matches!(two(6), 18..=20) && (1..=12).contains(&two(10)) && (1..=31).contains(&two(12))
}

/// Replaces every occurrence of `needle` in `hay` (no-op for an empty needle).
fn replace_all(hay: &str, needle: &str, with: &str) -> String {
    if needle.is_empty() {
        hay.to_string()
    } else {
        hay.replace(needle, with)
    }
}

/// Masked summary (domain.md §4.4; masking happens before data leave the issuer side).
///
/// - Person holder (also: any holder whose code is a valid ID number, and an undeclared kind
///   whose code is not a valid USCC):
///   holder → `mask_name`, holder_code → `mask_id_number`, certificate number →
///   `mask_cert_number`, or `mask_id_number` when the number is the holder's ID number (or
///   shaped like one).
/// - Organisation: name, USCC and certificate number are public register data → in clear.
///   A 个体工商户 (USCC `92…`) keeps its shop name in clear, except when the "shop name" is
///   the operator's own name (equal to an 经营者/负责人/法定代表人 field) → masked.
/// - Dates are given as `YYYY-MM-DD`; 长期 → `valid_to: None`.
pub fn summarize(rec: &CertRecord, today: Date) -> CertSummary {
    let holder = holder_of(rec, today);
    let (holder_name, holder_code, number) = match holder {
        Holder::Person => {
            let code_norm = ids::normalize(&rec.holder_code).to_uppercase();
            let num_norm = ids::normalize(&rec.number).to_uppercase();
            let number = if rec.number.trim().is_empty() {
                String::new()
            } else if (!num_norm.is_empty() && num_norm == code_norm)
                || is_id_number_shaped(&rec.number)
            {
                mask::mask_id_number(rec.number.trim())
            } else {
                mask::mask_cert_number(rec.number.trim())
            };
            let code = if rec.holder_code.trim().is_empty() {
                String::new()
            } else {
                mask::mask_id_number(rec.holder_code.trim())
            };
            (mask::mask_name(rec.holder.trim()), code, number)
        }
        Holder::Organization | Holder::IndividualBusiness => {
            let name = rec.holder.trim();
            let is_operator_name = holder == Holder::IndividualBusiness
                && !name.is_empty()
                && rec
                    .extra
                    .iter()
                    .any(|(l, v)| label_in(l, OPERATOR_LABELS) && v.trim() == name);
            let name = if is_operator_name {
                mask::mask_name(name)
            } else {
                name.to_string()
            };
            (
                name,
                rec.holder_code.trim().to_string(),
                rec.number.trim().to_string(),
            )
        }
    };
    let valid_to = match valid_to(rec) {
        ValidTo::Permanent => None,
        ValidTo::Until(d) => Some(d.to_string()),
        ValidTo::Unreadable => rec.valid_to.as_deref().map(|s| s.trim().to_string()),
    };
    CertSummary {
        identifier: rec.identifier.trim().to_ascii_uppercase(),
        name: rec.name.clone(),
        type_code: rec.type_code.clone(),
        number,
        holder: holder_name,
        holder_code,
        holder_kind: match holder {
            Holder::Person => HolderKind::Person,
            _ => HolderKind::Organization,
        },
        issuer: rec.issuer.clone(),
        issue_date: canonical_date(&rec.issue_date),
        valid_from: canonical_date(&rec.valid_from),
        valid_to,
        status: derive_status(rec, today),
        days_left: days_left(rec, today),
    }
}

/// Full masked view: the summary plus area, trust level, version and the 照面扩展信息, whose
/// values are masked: names of people (by label) and, on personal certificates, addresses
/// (kept to province/city/district) and the holder's name and code wherever they appear;
/// ID-number- and phone-shaped runs in every value ([`mask::mask_all_ids_in_text`]).
pub fn detail(rec: &CertRecord, today: Date) -> CertDetail {
    let holder = holder_of(rec, today);
    let person_name = rec.holder.trim();
    let person_code = rec.holder_code.trim();
    let extra = rec
        .extra
        .iter()
        .map(|(label, value)| {
            let mut v = match holder {
                Holder::Person if label_in(label, PERSON_NAME_LABELS) => mask_names(value),
                Holder::Person if label_in(label, ADDRESS_LABELS) => mask_address(value),
                Holder::IndividualBusiness if label_in(label, OPERATOR_LABELS) => mask_names(value),
                _ if label_in(label, CONTACT_LABELS) => mask_names(value),
                _ => value.clone(),
            };
            if holder == Holder::Person {
                if person_name.chars().count() >= 2 {
                    v = replace_all(&v, person_name, &mask::mask_name(person_name));
                }
                if person_code.chars().count() >= 6 {
                    let masked = mask::mask_id_number(person_code);
                    v = replace_all(&v, person_code, &masked);
                    v = replace_all(&v, &person_code.to_uppercase(), &masked);
                    v = replace_all(&v, &person_code.to_lowercase(), &masked);
                }
            }
            (label.clone(), mask::mask_all_ids_in_text(&v))
        })
        .collect();
    CertDetail {
        summary: summarize(rec, today),
        area_code: rec.area_code.clone(),
        level: rec.level.clone(),
        version: rec.version,
        extra,
    }
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/// A rejected search request: the field, a stable code for the UI (`required`, `too_long`,
/// `invalid_identifier`, `invalid_id_number`, `invalid_uscc`) and the finer reason (the
/// `IdError` code for identifier errors, else equal to `code`).
#[derive(Debug, Clone, PartialEq)]
pub enum SearchError {
    Field {
        field: &'static str,
        code: ProblemCode,
        reason: ProblemCode,
    },
}

impl SearchError {
    fn field(field: &'static str, code: ProblemCode, reason: ProblemCode) -> SearchError {
        SearchError::Field {
            field,
            code,
            reason,
        }
    }
    /// The field-level problem for a `Problem` document.
    pub fn to_field_problem(&self) -> FieldProblem {
        match self {
            SearchError::Field { field, code, .. } => FieldProblem::new(field, *code),
        }
    }
    pub fn code(&self) -> ProblemCode {
        match self {
            SearchError::Field { code, .. } => *code,
        }
    }
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Field {
                field,
                code,
                reason,
            } => write!(f, "{field}: {code} ({reason})"),
        }
    }
}

impl std::error::Error for SearchError {}

/// Whether a rejected holder id was meant as a USCC rather than an ID number (by shape):
/// letters other than a final X, or 18 digits whose "birth year" is not 18xx–20xx.
fn looks_like_uscc(input: &str) -> bool {
    let n = ids::normalize(input).to_uppercase();
    let chars: Vec<char> = n.chars().collect();
    if chars.is_empty() {
        return false;
    }
    let last = chars.len() - 1;
    if chars
        .iter()
        .enumerate()
        .any(|(i, c)| c.is_ascii_alphabetic() && !(i == last && *c == 'X'))
    {
        return true;
    }
    if chars.len() == 18 && chars[..17].iter().all(char::is_ascii_digit) {
        let year: String = chars[6..8].iter().collect();
        return !matches!(year.as_str(), "18" | "19" | "20");
    }
    false
}

fn identifier_key(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

fn number_key(s: &str) -> String {
    ids::normalize(s).to_uppercase()
}

/// Validates the request and returns the matching records, newest first (issue_date desc,
/// then version desc), at most [`MAX_RESULTS`].
///
/// - `Number`: non-empty, ≤ 64 chars, or ≤ 128 for an 电子证照标识 (real identifiers are 69–94
///   chars) (`number`: `required` / `too_long`); if it looks like an identifier it must
///   validate (`number`: `invalid_identifier`). Matches an equal
///   identifier (case-insensitive) or an equal certificate number (after `normalize`,
///   case-insensitive).
/// - `Holder`: name 1..=50 chars after trim (`name`: `required` / `too_long`); `holder_id` must
///   validate as an ID number or USCC (`holder_id`: `invalid_id_number` or `invalid_uscc`,
///   chosen by shape, `reason` = the IdError code). BOTH the name (trimmed, exact) and the
///   holder code (normalised, uppercase) must match — never a partial match.
pub fn search<'a>(
    records: &'a [CertRecord],
    req: &CertSearchRequest,
    today: Date,
) -> Result<Vec<&'a CertRecord>, SearchError> {
    let mut hits: Vec<&CertRecord> = match req {
        CertSearchRequest::Number { number } => {
            let q = number.trim();
            if q.is_empty() {
                return Err(SearchError::field(
                    "number",
                    ProblemCode::Required,
                    ProblemCode::Required,
                ));
            }
            let is_identifier = ids::looks_like_cert_identifier(q);
            let max = if is_identifier {
                MAX_IDENTIFIER_CHARS
            } else {
                MAX_NUMBER_CHARS
            };
            if q.chars().count() > max {
                return Err(SearchError::field(
                    "number",
                    ProblemCode::TooLong,
                    ProblemCode::TooLong,
                ));
            }
            let ident = if is_identifier {
                match ids::validate_cert_identifier(q) {
                    Ok(id) => Some(identifier_key(&id)),
                    Err(e) => {
                        return Err(SearchError::field(
                            "number",
                            ProblemCode::InvalidIdentifier,
                            e.code(),
                        ))
                    }
                }
            } else {
                None
            };
            let ident = ident.unwrap_or_else(|| identifier_key(q));
            let num = number_key(q);
            if num.is_empty() {
                return Err(SearchError::field(
                    "number",
                    ProblemCode::Required,
                    ProblemCode::Required,
                ));
            }
            records
                .iter()
                .filter(|r| {
                    identifier_key(&r.identifier) == ident
                        || (!r.number.trim().is_empty() && number_key(&r.number) == num)
                })
                .collect()
        }
        CertSearchRequest::Holder { name, holder_id } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(SearchError::field(
                    "name",
                    ProblemCode::Required,
                    ProblemCode::Required,
                ));
            }
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(SearchError::field(
                    "name",
                    ProblemCode::TooLong,
                    ProblemCode::TooLong,
                ));
            }
            let code = match ids::validate_holder_id(holder_id, today) {
                Ok((_kind, c)) => c.to_uppercase(),
                Err(e) => {
                    let code = if looks_like_uscc(holder_id) {
                        ProblemCode::InvalidUscc
                    } else {
                        ProblemCode::InvalidIdNumber
                    };
                    return Err(SearchError::field("holder_id", code, e.code()));
                }
            };
            records
                .iter()
                .filter(|r| r.holder.trim() == name && number_key(&r.holder_code) == code)
                .collect()
        }
    };
    hits.sort_by(|a, b| {
        let da = Date::parse(&a.issue_date);
        let db = Date::parse(&b.issue_date);
        db.cmp(&da).then(b.version.cmp(&a.version))
    });
    hits.truncate(MAX_RESULTS);
    Ok(hits)
}

/// [`search`] turned into the masked response body.
pub fn search_response(
    records: &[CertRecord],
    req: &CertSearchRequest,
    today: Date,
) -> Result<CertSearchResponse, SearchError> {
    Ok(CertSearchResponse {
        results: search(records, req, today)?
            .into_iter()
            .map(|r| summarize(r, today))
            .collect(),
    })
}

/// The record with this 电子证照标识 (validated; case-insensitive), for
/// `GET /certificates/{identifier}`. The error is the `IdError` code.
pub fn find_by_identifier<'a>(
    records: &'a [CertRecord],
    identifier: &str,
) -> Result<Option<&'a CertRecord>, ProblemCode> {
    let id = ids::validate_cert_identifier(identifier).map_err(|e| e.code())?;
    let key = identifier_key(&id);
    Ok(records
        .iter()
        .find(|r| identifier_key(&r.identifier) == key))
}

// ---------------------------------------------------------------------------------------------
// QR codes and verification
// ---------------------------------------------------------------------------------------------

const MAX_QR_CHARS: usize = 2048;
/// Longest verification code (核验码) accepted, typed or in a QR payload; the kiosk's code field
/// uses the same limit (`maxlength`, its too-long message).
pub const MAX_CODE_CHARS: usize = 64;

/// Decodes `%XX` escapes ([`text::percent_decode`]; `+` stays a `+`). `None` when the bytes are
/// not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(text::percent_decode(s, text::Plus::Literal)).ok()
}

/// Checks and canonicalises a parsed (identifier, code) pair.
fn qr_pair(identifier: &str, code: &str) -> Option<(String, String)> {
    let identifier = identifier.trim().to_ascii_uppercase();
    let code = code.trim();
    let id_ok = !identifier.is_empty()
        && identifier.len() <= MAX_IDENTIFIER_CHARS
        && identifier
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.');
    let code_ok = !code.is_empty()
        && code.len() <= MAX_CODE_CHARS
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (id_ok && code_ok).then(|| (identifier, code.to_string()))
}

/// Parses a scanned certificate QR code. Accepted payloads (surrounding whitespace ignored):
///
/// - the compact form `EKV1|<identifier>|<code>` (prefix case-insensitive, exactly three
///   `|`-separated parts), as built by [`qr_payload`];
/// - any URL whose query string carries `id=<identifier>` and `code=<code>` (keys
///   case-insensitive, `&` or `;` separated, any order, fragment ignored, values
///   percent-decoded so `%2E` is accepted for `.`); a key given twice with different values is
///   rejected.
///
/// The identifier is returned uppercase (it is case-insensitive); the code trimmed. Identifiers
/// may hold only `0-9A-Z.` and codes only `0-9A-Za-z-`; anything else → `None`. The identifier's
/// check character is NOT verified here ([`verify`] does that, to report it precisely).
pub fn parse_qr(payload: &str) -> Option<(String, String)> {
    let p = payload.trim();
    if p.is_empty() || p.len() > MAX_QR_CHARS {
        return None;
    }
    if let Some(head) = p.get(..QR_PREFIX.len() + 1) {
        if head.eq_ignore_ascii_case("EKV1|") {
            let mut parts = p[QR_PREFIX.len() + 1..].split('|');
            let identifier = parts.next()?;
            let code = parts.next()?;
            if parts.next().is_some() {
                return None;
            }
            return qr_pair(identifier, code);
        }
    }
    let (_, query) = p.split_once('?')?;
    let query = query.split('#').next().unwrap_or_default();
    let mut identifier: Option<String> = None;
    let mut code: Option<String> = None;
    for pair in query.split(['&', ';']) {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let key = percent_decode(key)?;
        let slot = if key.trim().eq_ignore_ascii_case("id") {
            &mut identifier
        } else if key.trim().eq_ignore_ascii_case("code") {
            &mut code
        } else {
            continue;
        };
        let value = percent_decode(value)?;
        match slot {
            Some(prev) if !prev.trim().eq_ignore_ascii_case(value.trim()) => return None,
            Some(_) => {}
            None => *slot = Some(value),
        }
    }
    qr_pair(&identifier?, &code?)
}

/// Builds the QR payload for a record (used by the demo and by print-outs):
/// `EKV1|<IDENTIFIER>|<code>`, which [`parse_qr`] reads back.
pub fn qr_payload(identifier: &str, code: &str) -> String {
    format!(
        "{QR_PREFIX}|{}|{}",
        identifier.trim().to_ascii_uppercase(),
        code.trim()
    )
}

/// Why a verification request could not be checked at all (a wrong code is not an error:
/// it is `Ok(None)`).
#[derive(Debug, Clone, PartialEq)]
pub enum VerifyError {
    /// The identifier failed validation; the `IdError` code.
    InvalidIdentifier(ProblemCode),
    /// Neither identifier + code nor a QR payload was given.
    Missing,
}

impl VerifyError {
    /// Stable code for a `Problem`: `invalid_identifier` or `required`.
    pub fn code(&self) -> ProblemCode {
        match self {
            VerifyError::InvalidIdentifier(_) => ProblemCode::InvalidIdentifier,
            VerifyError::Missing => ProblemCode::Required,
        }
    }
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyError::InvalidIdentifier(reason) => write!(f, "invalid identifier ({reason})"),
            VerifyError::Missing => write!(f, "identifier and code, or qr, required"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Compares two codes case-insensitively without an early exit on the first difference.
fn codes_match(given: &str, stored: &str) -> bool {
    let a = given.trim().to_ascii_uppercase();
    let b = stored.trim().to_ascii_uppercase();
    !a.is_empty() && text::constant_time_eq(a.as_bytes(), b.as_bytes())
}

/// Verification: identifier (validated) + code (case-insensitive, trimmed), or `qr` (see
/// [`parse_qr`]). Identifier + code are used when both are non-empty, else the QR payload.
///
/// - `Err(Missing)`: neither a complete identifier + code pair nor a QR payload.
/// - `Err(InvalidIdentifier)`: the identifier (typed or from the QR) fails validation.
/// - `Ok(None)`: not authentic — unknown identifier, wrong code, a record without a code, or a
///   QR payload that is not a certificate code.
/// - `Ok(Some(record))`: authentic (the identifier exists AND the code matches). The record may
///   still be revoked or expired: callers show [`derive_status`].
pub fn verify<'a>(
    records: &'a [CertRecord],
    req: &CertVerifyRequest,
) -> Result<Option<&'a CertRecord>, VerifyError> {
    let non_empty = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let (identifier, code) = match (non_empty(&req.identifier), non_empty(&req.code)) {
        (Some(i), Some(c)) => (i, c),
        _ => match non_empty(&req.qr) {
            Some(qr) => match parse_qr(&qr) {
                Some(pair) => pair,
                None => return Ok(None),
            },
            None => return Err(VerifyError::Missing),
        },
    };
    let id = ids::validate_cert_identifier(&identifier)
        .map_err(|e| VerifyError::InvalidIdentifier(e.code()))?;
    let key = identifier_key(&id);
    Ok(records
        .iter()
        .find(|r| identifier_key(&r.identifier) == key)
        .filter(|r| codes_match(&code, &r.verify_code)))
}

/// [`verify`] turned into the response body (the certificate masked).
pub fn verify_response(
    records: &[CertRecord],
    req: &CertVerifyRequest,
    today: Date,
) -> Result<CertVerifyResponse, VerifyError> {
    let rec = verify(records, req)?;
    Ok(CertVerifyResponse {
        authentic: rec.is_some(),
        certificate: rec.map(|r| summarize(r, today)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{
        CertSearchRequest, CertStatus, CertVerifyRequest, HolderKind, ProblemCode,
    };
    use proptest::prelude::*;

    // ---- vectors (check characters computed with the ids validators) --------------------------

    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap()
    }

    /// The 18-char ID number with the given first 17 digits and its valid check character.
    fn id_number(body17: &str) -> String {
        "0123456789X"
            .chars()
            .map(|c| format!("{body17}{c}"))
            .find(|s| ids::validate_id_number(s, today()).is_ok())
            .expect("some check char validates")
    }

    /// A USCC from the 8-char head (registrar, category, area) and the 8-char body of the
    /// embedded 组织机构代码, with both check characters computed.
    fn uscc(head8: &str, org8: &str) -> String {
        let org = format!("{org8}{}", ids::org_code_check_char(org8).unwrap());
        let first17 = format!("{head8}{org}");
        let code = format!("{first17}{}", ids::uscc_check_char(&first17).unwrap());
        assert!(ids::validate_uscc(&code).is_ok(), "{code}");
        code
    }

    /// A 电子证照标识 with a valid check character, and the same with a wrong one.
    fn identifier(serial: &str) -> (String, String) {
        let base = format!("1.2.156.3005.2.11100000000013338W032.11220000013544541J.{serial}.001.");
        let all: Vec<String> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            .chars()
            .map(|c| format!("{base}{c}"))
            .collect();
        let good = all
            .iter()
            .find(|s| ids::validate_cert_identifier(s).is_ok())
            .expect("some check char validates")
            .clone();
        let bad = all.iter().find(|s| **s != good).unwrap().clone();
        (good, bad)
    }

    /// domain.md §3.2 verified sample.
    const SAMPLE_ID: &str = "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F";
    const PERSON_ID: &str = "110105199003071239"; // domain.md §4.1
    const PERSON_ID_X: &str = "11010519491231002X"; // domain.md §4.1 (standard's example)
    const ORG_USCC: &str = "91350200776049653A"; // domain.md §4.2

    fn person() -> CertRecord {
        CertRecord {
            identifier: SAMPLE_ID.into(),
            name: "中华人民共和国居民身份证".into(),
            type_code: "11100000000013127D001".into(),
            number: PERSON_ID.into(),
            holder: "张三丰".into(),
            holder_kind: HolderKind::Person,
            holder_code: PERSON_ID.into(),
            issuer: "北京市公安局西城分局".into(),
            issue_date: "2019-07-09".into(),
            valid_from: "2019-07-09".into(),
            valid_to: Some("2029-07-09".into()),
            state: CertStatus::Valid,
            verify_code: "A7K9Q2".into(),
            area_code: "110000".into(),
            level: "A".into(),
            version: 1,
            ..Default::default()
        }
    }

    fn org() -> CertRecord {
        CertRecord {
            identifier: identifier("2025000001").0,
            name: "营业执照".into(),
            number: ORG_USCC.into(),
            holder: "厦门示例科技有限公司".into(),
            holder_kind: HolderKind::Organization,
            holder_code: ORG_USCC.into(),
            issuer: "厦门市市场监督管理局".into(),
            issue_date: "2020-05-01".into(),
            valid_from: "2020-05-01".into(),
            valid_to: None,
            state: CertStatus::Valid,
            verify_code: "ORG123".into(),
            extra: vec![("法定代表人".into(), "王五".into())],
            ..Default::default()
        }
    }

    fn shop() -> CertRecord {
        let code = uscc("92350200", "MA2Y7K3Q");
        CertRecord {
            identifier: identifier("2025000002").0,
            name: "营业执照".into(),
            number: code.clone(),
            holder: "思明区老街便利店".into(),
            holder_kind: HolderKind::Organization,
            holder_code: code,
            issue_date: "2021-03-03".into(),
            state: CertStatus::Valid,
            extra: vec![
                ("经营者".into(), "赵六".into()),
                ("经营场所".into(), "厦门市思明区中山路1号".into()),
            ],
            ..Default::default()
        }
    }

    fn at(days: i64) -> Option<String> {
        Some(today().add_days(days).to_string())
    }

    // ---- status --------------------------------------------------------------------------------

    #[test]
    fn derived_status_table() {
        use CertStatus::*;
        let cases: Vec<(CertStatus, Option<String>, CertStatus, Option<i64>)> = vec![
            (Valid, at(400), Valid, Some(400)),
            (Valid, at(31), Valid, Some(31)),
            (Valid, at(30), Expiring, Some(30)),
            (Valid, at(29), Expiring, Some(29)),
            (Valid, at(1), Expiring, Some(1)),
            (Valid, at(0), Expiring, Some(0)), // expiry day itself: still usable
            (Valid, at(-1), Expired, Some(-1)),
            (Valid, at(-3000), Expired, Some(-3000)),
            (Valid, None, Valid, None), // 长期
            (Valid, Some("长期有效".into()), Valid, None),
            (Valid, Some("".into()), Valid, None),
            (Valid, Some("20261223".into()), Valid, Some(31)),
            (Valid, Some("not a date".into()), Unknown, None),
            (Valid, Some("2026-02-30".into()), Unknown, None),
            (Suspended, at(400), Suspended, Some(400)),
            (Revoked, None, Revoked, None),
            (Cancelled, at(-5), Cancelled, Some(-5)),
            (Withdrawn, at(10), Withdrawn, Some(10)),
            (Superseded, at(400), Superseded, Some(400)),
            (Expired, at(400), Expired, Some(400)),
            (Expiring, at(400), Expiring, Some(400)),
            (Expiring, at(-2), Expired, Some(-2)),
            (Unknown, at(400), Unknown, Some(400)),
        ];
        for (state, to, want, want_left) in cases {
            let rec = CertRecord {
                state,
                valid_to: to.clone(),
                ..person()
            };
            assert_eq!(derive_status(&rec, today()), want, "{state:?} {to:?}");
            assert_eq!(days_left(&rec, today()), want_left, "{state:?} {to:?}");
            let s = summarize(&rec, today());
            assert_eq!((s.status, s.days_left), (want, want_left));
        }
        // Usability follows: the last day is usable, the day after is not.
        let last_day = CertRecord {
            valid_to: at(0),
            ..person()
        };
        assert!(derive_status(&last_day, today()).is_usable());
        assert!(!derive_status(&last_day, today().add_days(1)).is_usable());
    }

    #[test]
    fn permanent_never_expires() {
        let rec = CertRecord {
            valid_to: None,
            ..person()
        };
        for d in [0, 365, 36_500, 3_650_000] {
            assert_eq!(derive_status(&rec, today().add_days(d)), CertStatus::Valid);
        }
        assert_eq!(summarize(&rec, today()).valid_to, None);
    }

    #[test]
    fn seed_dates_resolve_relative_to_seed_day() {
        let seed = Date::new(2026, 1, 1).unwrap();
        let mut rec = CertRecord {
            valid_to: None,
            valid_to_days_from_seed: Some(-5),
            ..person()
        };
        resolve_seed_dates(&mut rec, seed);
        assert_eq!(rec.valid_to.as_deref(), Some("2025-12-27"));
        assert_eq!(rec.valid_to_days_from_seed, None);
        // Idempotent and leaves explicit dates alone.
        resolve_seed_dates(&mut rec, Date::new(2030, 1, 1).unwrap());
        assert_eq!(rec.valid_to.as_deref(), Some("2025-12-27"));
        let mut rec = CertRecord {
            valid_to_days_from_seed: Some(20),
            ..person()
        };
        resolve_seed_dates(&mut rec, today());
        assert_eq!(derive_status(&rec, today()), CertStatus::Expiring);
        let mut huge = CertRecord {
            valid_to_days_from_seed: Some(i64::MAX),
            ..person()
        };
        resolve_seed_dates(&mut huge, today()); // no overflow panic
        assert!(huge.valid_to.is_some());
    }

    // ---- masking -------------------------------------------------------------------------------

    #[test]
    fn person_summary_hides_name_and_id() {
        let cases: Vec<CertRecord> = vec![
            person(),
            CertRecord {
                holder: "李四".into(),
                ..person()
            },
            CertRecord {
                holder: "欧阳娜娜".into(),
                holder_code: PERSON_ID_X.into(),
                number: PERSON_ID_X.into(),
                ..person()
            },
            // holder kind missing in the data: a non-USCC code is treated as a person
            CertRecord {
                holder_kind: HolderKind::Unknown,
                ..person()
            },
            // declared organisation but the code is an ID number
            CertRecord {
                holder_kind: HolderKind::Organization,
                ..person()
            },
        ];
        for rec in cases {
            let s = summarize(&rec, today());
            let json = serde_json::to_string(&s).unwrap();
            assert!(!json.contains(&rec.holder), "{json}");
            assert!(!json.contains(&rec.holder_code), "{json}");
            assert_eq!(s.holder, mask::mask_name(&rec.holder));
            assert_eq!(s.holder_code, mask::mask_id_number(&rec.holder_code));
            // number == ID number → masked as an ID number
            assert_eq!(s.number, mask::mask_id_number(&rec.number));
            assert_eq!(s.holder_kind, HolderKind::Person);
            let d = serde_json::to_string(&detail(&rec, today())).unwrap();
            assert!(
                !d.contains(&rec.holder) && !d.contains(&rec.holder_code),
                "{d}"
            );
        }
    }

    #[test]
    fn personal_certificate_number_is_masked() {
        let num = "京(2020)朝阳区不动产权第0012345号";
        let rec = CertRecord {
            name: "不动产权证书".into(),
            number: num.into(),
            ..person()
        };
        let s = summarize(&rec, today());
        assert_eq!(s.number, mask::mask_cert_number(num));
        assert_ne!(s.number, num);
    }

    #[test]
    fn organisation_data_stay_in_clear() {
        let rec = org();
        let s = summarize(&rec, today());
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(ORG_USCC), "{json}");
        assert_eq!(s.holder, "厦门示例科技有限公司");
        assert_eq!(s.holder_code, ORG_USCC);
        assert_eq!(s.number, ORG_USCC);
        assert_eq!(s.holder_kind, HolderKind::Organization);
        // A company's legal representative is public register data.
        let d = detail(&rec, today());
        assert_eq!(
            d.extra,
            vec![("法定代表人".to_string(), "王五".to_string())]
        );
        // Unknown kind but a valid USCC → organisation.
        let s = summarize(
            &CertRecord {
                holder_kind: HolderKind::Unknown,
                ..org()
            },
            today(),
        );
        assert_eq!(
            (s.holder_code.as_str(), s.holder_kind),
            (ORG_USCC, HolderKind::Organization)
        );
    }

    #[test]
    fn individual_business_masks_operator_only() {
        let rec = shop();
        let s = summarize(&rec, today());
        assert_eq!(s.holder, "思明区老街便利店");
        assert_eq!(s.holder_code, rec.holder_code);
        let d = detail(&rec, today());
        assert_eq!(d.extra[0], ("经营者".to_string(), mask::mask_name("赵六")));
        assert_eq!(d.extra[1].1, "厦门市思明区中山路1号"); // business premises are public
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("赵六"), "{json}");
        // A 个体工商户 without a 字号 registered under the operator's own name.
        let rec = CertRecord {
            holder: "赵六".into(),
            ..shop()
        };
        let json = serde_json::to_string(&detail(&rec, today())).unwrap();
        assert!(!json.contains("赵六"), "{json}");
    }

    #[test]
    fn extra_values_are_masked() {
        let rec = CertRecord {
            extra: vec![
                ("住址".into(), "北京市西城区金融街9号院3单元501".into()),
                ("联系电话".into(), "13812345678".into()),
                (
                    "备注".into(),
                    format!("持证人张三丰，身份证{}", PERSON_ID.to_lowercase()),
                ),
                ("共有人".into(), "李四、王小明".into()),
                ("发证日期".into(), "20190709".into()),
            ],
            ..person()
        };
        let d = detail(&rec, today());
        let get = |l: &str| d.extra.iter().find(|(k, _)| k == l).unwrap().1.clone();
        assert_eq!(get("住址"), "北京市西城区****");
        assert_eq!(get("联系电话"), "138****5678");
        assert!(
            !get("备注").contains("张三丰") && !get("备注").contains(&PERSON_ID[6..14]),
            "{}",
            get("备注")
        );
        assert_eq!(
            get("共有人"),
            format!("{}、{}", mask::mask_name("李四"), mask::mask_name("王小明"))
        );
        assert_eq!(get("发证日期"), "20190709");
        // A contact person on an organisation's certificate is personal data too.
        let rec = CertRecord {
            extra: vec![
                ("联系人".into(), "钱七".into()),
                ("联系电话".into(), "+86 139-8765-4321".into()),
            ],
            ..org()
        };
        let d = detail(&rec, today());
        assert_eq!(d.extra[0].1, mask::mask_name("钱七"));
        assert_eq!(d.extra[1].1, "+86 139-****-4321");
    }

    #[test]
    fn extra_text_masking_table() {
        let masked_id = mask::mask_id_number(PERSON_ID);
        let masked_x = mask::mask_id_number("11010519491231002x");
        let other = id_number("44030420000229003");
        let cases: Vec<(String, String)> = vec![
            (
                format!("身份证号{other}。"),
                format!("身份证号{}。", mask::mask_id_number(&other)),
            ),
            ("11010519491231002x".into(), masked_x),
            (format!("编号{PERSON_ID}"), format!("编号{masked_id}")),
            ("电话13812345678".into(), "电话138****5678".into()),
            ("138 1234 5678 ok".into(), "138 **** 5678 ok".into()),
            // not personal: dates, long serials, landlines
            (
                "2019-07-09 至 2029-07-09".into(),
                "2019-07-09 至 2029-07-09".into(),
            ),
            ("11010519900307123911".into(), "11010519900307123911".into()),
            ("010-12345678".into(), "010-12345678".into()),
            ("".into(), "".into()),
        ];
        for rec in [org(), shop()] {
            for (input, want) in &cases {
                let rec = CertRecord {
                    extra: vec![("备注".into(), input.clone())],
                    ..rec.clone()
                };
                assert_eq!(&detail(&rec, today()).extra[0].1, want, "{input}");
            }
        }
    }

    // ---- search --------------------------------------------------------------------------------

    fn holder(name: &str, id: &str) -> CertSearchRequest {
        CertSearchRequest::Holder {
            name: name.into(),
            holder_id: id.into(),
        }
    }

    fn number(n: &str) -> CertSearchRequest {
        CertSearchRequest::Number { number: n.into() }
    }

    fn field_err(r: Result<Vec<&CertRecord>, SearchError>) -> (&'static str, ProblemCode) {
        match r {
            Err(SearchError::Field {
                field,
                code,
                reason,
            }) => {
                assert_ne!(reason, ProblemCode::Unknown);
                (field, code)
            }
            Ok(v) => panic!("expected an error, got {} hits", v.len()),
        }
    }

    #[test]
    fn holder_search_needs_name_and_code() {
        let x_person = CertRecord {
            identifier: identifier("7000001").0,
            holder: "欧阳娜娜".into(),
            holder_code: PERSON_ID_X.into(),
            ..person()
        };
        let records = vec![person(), org(), x_person];
        let hit = |req: CertSearchRequest| -> Vec<String> {
            search(&records, &req, today())
                .unwrap()
                .iter()
                .map(|r| r.holder.clone())
                .collect()
        };
        assert_eq!(hit(holder("张三丰", PERSON_ID)), vec!["张三丰"]);
        assert_eq!(
            hit(holder("  张三丰 ", &format!(" {PERSON_ID} "))),
            vec!["张三丰"]
        );
        assert_eq!(
            hit(holder("欧阳娜娜", "11010519491231002x")),
            vec!["欧阳娜娜"]
        ); // lowercase x
        assert_eq!(
            hit(holder("厦门示例科技有限公司", &ORG_USCC.to_lowercase())),
            vec!["厦门示例科技有限公司"]
        );
        // never partial
        assert!(hit(holder("李四", PERSON_ID)).is_empty()); // wrong name
        assert!(hit(holder("张三", PERSON_ID)).is_empty()); // prefix of the name
        assert!(hit(holder("张三丰", &id_number("44030420000229003"))).is_empty()); // other valid ID
        assert!(hit(holder("张三丰", PERSON_ID_X)).is_empty()); // someone else's ID
        assert!(hit(holder("欧阳娜娜", PERSON_ID)).is_empty());
    }

    #[test]
    fn holder_search_field_errors() {
        let records = vec![person()];
        let long_name = "张".repeat(51);
        let cases: Vec<(CertSearchRequest, (&str, ProblemCode))> = vec![
            (holder("", PERSON_ID), ("name", ProblemCode::Required)),
            (holder("   ", PERSON_ID), ("name", ProblemCode::Required)),
            (
                holder(&long_name, PERSON_ID),
                ("name", ProblemCode::TooLong),
            ),
            (
                holder("张三丰", "110105199003071230"),
                ("holder_id", ProblemCode::InvalidIdNumber),
            ), // bad check
            (
                holder("张三丰", "11010519900307123"),
                ("holder_id", ProblemCode::InvalidIdNumber),
            ),
            (
                holder("张三丰", ""),
                ("holder_id", ProblemCode::InvalidIdNumber),
            ),
            (
                holder("张三丰", "91350203M0001QAY9B"),
                ("holder_id", ProblemCode::InvalidUscc),
            ), // bad check
            (
                holder("张三丰", "913502115628130385"),
                ("holder_id", ProblemCode::InvalidUscc),
            ),
        ];
        for (req, want) in cases {
            assert_eq!(field_err(search(&records, &req, today())), want, "{req:?}");
        }
        assert!(
            search(&records, &holder(&"张".repeat(50), PERSON_ID), today())
                .unwrap()
                .is_empty()
        );
        // the IdError code travels as the reason
        let Err(SearchError::Field { reason, .. }) =
            search(&records, &holder("张三丰", "110105199003071230"), today())
        else {
            panic!()
        };
        assert_eq!(
            Some(reason),
            ids::validate_id_number("110105199003071230", today())
                .err()
                .map(|e| e.code())
        );
    }

    #[test]
    fn number_search() {
        let num = "京(2020)朝阳区不动产权第0012345号";
        let deed = CertRecord {
            identifier: identifier("8000001").0,
            number: num.into(),
            ..person()
        };
        let records = vec![person(), org(), deed.clone()];
        let ids_of = |req: CertSearchRequest| -> Vec<String> {
            search(&records, &req, today())
                .unwrap()
                .iter()
                .map(|r| r.identifier.clone())
                .collect()
        };
        assert_eq!(ids_of(number(SAMPLE_ID)), vec![SAMPLE_ID]);
        assert_eq!(
            ids_of(number(&format!("  {}  ", SAMPLE_ID.to_lowercase()))),
            vec![SAMPLE_ID]
        );
        assert_eq!(ids_of(number(num)), vec![deed.identifier.clone()]);
        assert_eq!(
            ids_of(number(&ORG_USCC.to_lowercase())),
            vec![org().identifier]
        );
        assert_eq!(ids_of(number(PERSON_ID)), vec![SAMPLE_ID]); // an ID card's number
        assert!(ids_of(number("0012345")).is_empty()); // never partial
        assert!(ids_of(number(&identifier("9999999").0)).is_empty()); // valid but unknown
        let (_, bad) = identifier("2430599");
        let cases: Vec<(CertSearchRequest, (&str, ProblemCode))> = vec![
            (number(""), ("number", ProblemCode::Required)),
            (number("  "), ("number", ProblemCode::Required)),
            (number(&"1".repeat(65)), ("number", ProblemCode::TooLong)),
            (number(&bad), ("number", ProblemCode::InvalidIdentifier)),
            (
                number(&format!("1.2.156.3005.2.{}", "1".repeat(113))),
                ("number", ProblemCode::InvalidIdentifier),
            ),
            (
                number(&format!("1.2.156.3005.2.{}", "1".repeat(114))),
                ("number", ProblemCode::TooLong),
            ),
            (
                number("1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G"),
                ("number", ProblemCode::InvalidIdentifier),
            ),
        ];
        for (req, want) in cases {
            assert_eq!(field_err(search(&records, &req, today())), want, "{req:?}");
        }
        assert!(search(&records, &number(&"1".repeat(64)), today())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn results_newest_first_and_capped() {
        let records: Vec<CertRecord> = (0..25)
            .map(|i| CertRecord {
                identifier: identifier(&format!("90000{i:02}")).0,
                issue_date: today().add_days(-(i * 37 % 25) * 10).to_string(),
                ..person()
            })
            .chain([CertRecord {
                identifier: identifier("9100000").0,
                issue_date: "unknown".into(),
                ..person()
            }])
            .collect();
        let hits = search(&records, &holder("张三丰", PERSON_ID), today()).unwrap();
        assert_eq!(hits.len(), MAX_RESULTS);
        let dates: Vec<Date> = hits
            .iter()
            .map(|r| Date::parse(&r.issue_date).unwrap())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] > w[1]), "{dates:?}");
        assert_eq!(dates[0], today());
        let resp = search_response(&records, &holder("张三丰", PERSON_ID), today()).unwrap();
        assert_eq!(resp.results.len(), MAX_RESULTS);
        assert!(!serde_json::to_string(&resp).unwrap().contains(PERSON_ID));
    }

    // ---- QR and verification -------------------------------------------------------------------

    #[test]
    fn qr_forms() {
        let want = Some((SAMPLE_ID.to_string(), "A7K9Q2".to_string()));
        let enc = SAMPLE_ID.replace('.', "%2E");
        let cases: Vec<(String, Option<(String, String)>)> = vec![
            (qr_payload(SAMPLE_ID, "A7K9Q2"), want.clone()),
            (format!("  EKV1|{SAMPLE_ID}|A7K9Q2\r\n"), want.clone()),
            (
                format!("ekv1|{}| A7K9Q2 ", SAMPLE_ID.to_lowercase()),
                want.clone(),
            ),
            (
                format!("https://zw.example.gov.cn/cert/verify?id={SAMPLE_ID}&code=A7K9Q2"),
                want.clone(),
            ),
            (
                format!("https://zw.example.gov.cn/v?code=A7K9Q2&lang=zh&ID={enc}#top"),
                want.clone(),
            ),
            (
                format!(
                    "http://x/v?id={}&code=A7K9Q2&id={SAMPLE_ID}",
                    SAMPLE_ID.to_lowercase()
                ),
                want.clone(),
            ),
            (
                format!("/verify?id={SAMPLE_ID};code=a7k9q2"),
                Some((SAMPLE_ID.into(), "a7k9q2".into())),
            ),
        ];
        for (payload, want) in cases {
            assert_eq!(parse_qr(&payload), want, "{payload}");
        }
        let garbage = [
            "".to_string(),
            "   ".into(),
            "hello world".into(),
            "EKV1|".into(),
            "EKV1||".into(),
            format!("EKV1|{SAMPLE_ID}"),
            format!("EKV1|{SAMPLE_ID}|A7K9Q2|extra"),
            format!("EKV1|{SAMPLE_ID} x|A7K9Q2"),
            format!("EKV2|{SAMPLE_ID}|A7K9Q2"),
            format!("https://x/v?id={SAMPLE_ID}"),
            "https://x/v?code=A7K9Q2".into(),
            format!("https://x/v#id={SAMPLE_ID}&code=A7K9Q2"),
            format!("https://x/v?id={SAMPLE_ID}&code=A7K9Q2&code=B"),
            "https://x/v?id=%FF%FE&code=1".into(),
            format!("https://x/v?id={SAMPLE_ID}&code=<script>"),
            "EKV1|张三|A".into(),
            "EKV1|é|A".into(),
            "%".into(),
            "?=&=&id&code".into(),
        ];
        for g in garbage {
            assert_eq!(parse_qr(&g), None, "{g}");
        }
    }

    fn vreq(id: Option<&str>, code: Option<&str>, qr: Option<&str>) -> CertVerifyRequest {
        CertVerifyRequest {
            identifier: id.map(Into::into),
            code: code.map(Into::into),
            qr: qr.map(Into::into),
        }
    }

    #[test]
    fn verify_table() {
        let no_code = CertRecord {
            verify_code: String::new(),
            ..org()
        };
        let revoked = CertRecord {
            identifier: identifier("5000001").0,
            state: CertStatus::Revoked,
            verify_code: "REV1".into(),
            ..person()
        };
        let records = vec![person(), no_code.clone(), revoked.clone()];
        let lower = SAMPLE_ID.to_lowercase();
        let (unknown, bad_check) = identifier("1234567");
        let qr_good = qr_payload(SAMPLE_ID, "a7k9q2");
        let qr_bad_check = qr_payload(&bad_check, "A7K9Q2");
        let url = format!("https://x/v?id={SAMPLE_ID}&code=A7K9Q2");
        type Want = Result<Option<String>, VerifyError>;
        let ok = |s: &str| -> Want { Ok(Some(s.to_string())) };
        let cases: Vec<(CertVerifyRequest, Want)> = vec![
            (vreq(Some(SAMPLE_ID), Some("A7K9Q2"), None), ok(SAMPLE_ID)),
            (
                vreq(Some(&format!(" {lower} ")), Some(" a7k9q2 "), None),
                ok(SAMPLE_ID),
            ),
            (vreq(None, None, Some(&qr_good)), ok(SAMPLE_ID)),
            (vreq(None, None, Some(&url)), ok(SAMPLE_ID)),
            (vreq(Some(SAMPLE_ID), None, Some(&qr_good)), ok(SAMPLE_ID)), // incomplete pair → QR
            (
                vreq(Some(&revoked.identifier), Some("rev1"), None),
                ok(&revoked.identifier),
            ),
            (vreq(Some(SAMPLE_ID), Some("A7K9Q3"), None), Ok(None)), // bad code
            (vreq(Some(SAMPLE_ID), Some("A7K9Q"), None), Ok(None)),
            (vreq(Some(SAMPLE_ID), Some("REV1"), None), Ok(None)), // another record's code
            (vreq(Some(&unknown), Some("A7K9Q2"), None), Ok(None)), // unknown identifier
            (vreq(Some(&no_code.identifier), Some("X"), None), Ok(None)), // record without a code
            (vreq(None, None, Some("not a certificate")), Ok(None)),
            (
                vreq(Some(&bad_check), Some("A7K9Q2"), None),
                Err(VerifyError::InvalidIdentifier(ProblemCode::Unknown)),
            ),
            (
                vreq(None, None, Some(&qr_bad_check)),
                Err(VerifyError::InvalidIdentifier(ProblemCode::Unknown)),
            ),
            (
                vreq(Some("abc"), Some("A7K9Q2"), None),
                Err(VerifyError::InvalidIdentifier(ProblemCode::Unknown)),
            ),
            (vreq(None, None, None), Err(VerifyError::Missing)),
            (vreq(Some(SAMPLE_ID), None, None), Err(VerifyError::Missing)),
            (vreq(None, Some("A7K9Q2"), None), Err(VerifyError::Missing)),
            (
                vreq(Some(SAMPLE_ID), Some("  "), Some(" ")),
                Err(VerifyError::Missing),
            ),
        ];
        for (req, want) in cases {
            let got = verify(&records, &req).map(|o| o.map(|r| r.identifier.clone()));
            match (&got, &want) {
                (
                    Err(VerifyError::InvalidIdentifier(code)),
                    Err(VerifyError::InvalidIdentifier(_)),
                ) => {
                    assert_ne!(*code, ProblemCode::Unknown)
                }
                _ => assert_eq!(got, want, "{req:?}"),
            }
        }
        let resp = verify_response(
            &records,
            &vreq(Some(SAMPLE_ID), Some("A7K9Q2"), None),
            today(),
        )
        .unwrap();
        assert!(resp.authentic);
        let c = resp.certificate.unwrap();
        assert_eq!(c.holder, mask::mask_name("张三丰"));
        let resp = verify_response(
            &records,
            &vreq(Some(SAMPLE_ID), Some("nope"), None),
            today(),
        )
        .unwrap();
        assert_eq!((resp.authentic, resp.certificate), (false, None));
    }

    #[test]
    fn lookup_by_identifier() {
        let records = vec![person(), org()];
        assert_eq!(
            find_by_identifier(&records, &SAMPLE_ID.to_lowercase())
                .unwrap()
                .map(|r| r.holder.as_str()),
            Some("张三丰")
        );
        assert_eq!(
            find_by_identifier(&records, &identifier("1234567").0),
            Ok(None)
        );
        assert!(find_by_identifier(&records, &identifier("1234567").1).is_err());
    }

    // ---- never panic ----------------------------------------------------------------------------

    fn kind() -> impl Strategy<Value = HolderKind> {
        prop_oneof![
            Just(HolderKind::Person),
            Just(HolderKind::Organization),
            Just(HolderKind::Unknown)
        ]
    }

    proptest! {
        #[test]
        fn parse_qr_never_panics(s in "\\PC*", t in "(EKV1\\||https?://[a-z.]{0,8}/?\\?)(id=|code=|[%.A-Za-z0-9|&;=#]){0,40}") {
            let _ = parse_qr(&s);
            if let Some((id, code)) = parse_qr(&t) {
                prop_assert!(!id.is_empty() && !code.is_empty());
                prop_assert_eq!(parse_qr(&qr_payload(&id, &code)), Some((id, code)));
            }
        }

        #[test]
        fn search_never_panics(a in "\\PC*", b in "\\PC*", c in "[0-9Xx.A-Z ]{0,70}") {
            let records = vec![person(), org(), shop()];
            let _ = search(&records, &number(&a), today());
            let _ = search(&records, &number(&c), today());
            let _ = search(&records, &holder(&a, &b), today());
            let _ = search(&records, &holder(&a, &c), today());
            let _ = verify(&records, &vreq(Some(&c), Some(&a), Some(&b)));
        }

        #[test]
        fn summarize_never_panics(
            holder in "\\PC*", code in "\\PC*", number in "\\PC*", to in proptest::option::of("\\PC*"),
            label in "\\PC*", value in "\\PC*", k in kind(), days in proptest::option::of(any::<i64>()),
        ) {
            let mut rec = CertRecord {
                holder, holder_code: code, number, valid_to: to, holder_kind: k,
                valid_to_days_from_seed: days, issue_date: value.clone(),
                extra: vec![(label, value.clone()), ("住址".into(), value.clone()), ("经营者".into(), value)],
                ..person()
            };
            resolve_seed_dates(&mut rec, today());
            let _ = serde_json::to_string(&detail(&rec, today())).unwrap();
        }

        #[test]
        fn person_json_never_holds_full_id_or_name(
            body in "(11|12|31|44|51|65)[0-9]{4}(19[5-9][0-9]|200[0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
            name in "[\\u{4e00}-\\u{9fa5}]{2,4}", k in kind(),
        ) {
            let id = id_number(&body);
            let rec = CertRecord {
                holder: name.clone(), holder_code: id.clone(), number: id.clone(), holder_kind: k,
                extra: vec![("备注".into(), format!("{name} {id}"))],
                ..person()
            };
            let json = serde_json::to_string(&detail(&rec, today())).unwrap();
            prop_assert!(!json.contains(&id), "{}", json);
            prop_assert!(!json.contains(&name), "{}", json);
        }
    }
}
