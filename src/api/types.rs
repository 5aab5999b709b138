//! The REST contract, v1: every request and response body, written once and used by the app
//! (wasm) and the reference server (native, with the `openapi` feature for schemas).
//!
//! Rules: enums travel as named snake_case values and carry an `Unknown` catch-all
//! (`#[serde(other)]`) so a newer backend never panics an older kiosk; optional and list
//! fields default when absent so extra or missing fields are tolerated.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

// ---------------------------------------------------------------------------------------------
// Errors (RFC 9457 problem details)
// ---------------------------------------------------------------------------------------------

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
    pub code: String,
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
    pub code: String,
}

// ---------------------------------------------------------------------------------------------
// Health
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    #[serde(default)]
    pub version: String,
    /// ETag-style version of the lenient catalog.
    #[serde(default)]
    pub catalog_version: String,
    #[serde(default)]
    pub certificates: u32,
    #[serde(default)]
    pub reviews: u32,
}

// ---------------------------------------------------------------------------------------------
// Lenient-enforcement lists
// ---------------------------------------------------------------------------------------------

/// The kind of list an entry belongs to (行政处罚法 arts. 32-33, 行政强制法 art. 16).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Default,
)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 轻微违法不予处罚 (art. 33 ¶1 s1): shall not be punished.
    Minor,
    /// 首违不罚 (art. 33 ¶1 s2): may be exempted.
    FirstViolation,
    /// 无主观过错不予处罚 (art. 33 ¶2).
    NoFault,
    /// 从轻处罚 (art. 32): lighter within the statutory range.
    Lighter,
    /// 减轻处罚 (art. 32): below the statutory minimum.
    Mitigated,
    /// 不予实施行政强制措施 (行政强制法 art. 16).
    NoCoercion,
    #[default]
    #[serde(other)]
    Unknown,
}

impl ListKind {
    pub const ALL: [ListKind; 6] = [
        ListKind::Minor,
        ListKind::FirstViolation,
        ListKind::NoFault,
        ListKind::Lighter,
        ListKind::Mitigated,
        ListKind::NoCoercion,
    ];

    /// The wire / URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Minor => "minor",
            ListKind::FirstViolation => "first_violation",
            ListKind::NoFault => "no_fault",
            ListKind::Lighter => "lighter",
            ListKind::Mitigated => "mitigated",
            ListKind::NoCoercion => "no_coercion",
            ListKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> ListKind {
        ListKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .unwrap_or(ListKind::Unknown)
    }
}

/// One enforcement domain (领域) with its display names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DomainInfo {
    /// Stable code used in URLs, e.g. `tax`, `market`.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// The document a list entry was published in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SourceDoc {
    pub name: String,
    /// 文号; empty when the document has none.
    #[serde(default)]
    pub number: String,
    /// `YYYY-MM-DD`; empty when unknown.
    #[serde(default)]
    pub date: String,
}

/// Entry-specific limits that the self-check asks about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Thresholds {
    /// "First time" look-back period in months (24 = SAMR 2 years, 12 = eco). `None` = ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookback_months: Option<u32>,
    /// Correction deadline in days after discovery or order, when the list sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction_days: Option<u32>,
    /// The entry's own quantitative limit as a yes/no question, zh-CN (e.g. "无照经营时间不超过30日？").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_zh: Option<String>,
    /// The same question in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_en: Option<String>,
}

/// One row of a lenient-enforcement list (domain.md §1.3 columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LenientEntry {
    /// Stable id, e.g. `tax-003`.
    pub id: String,
    /// Domain code (see [`DomainInfo::code`]).
    pub domain: String,
    #[serde(default)]
    pub kind: ListKind,
    /// 违法行为 / 事项名称.
    pub title: String,
    /// 违法依据: the duty breached.
    #[serde(default)]
    pub breach_basis: String,
    /// 处罚依据: the penalty article.
    #[serde(default)]
    pub penalty_basis: String,
    /// The penalty range as printed, e.g. "处2000元以下罚款".
    #[serde(default)]
    pub penalty_range: String,
    /// 适用条件, numbered in order ("需同时满足").
    #[serde(default)]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub thresholds: Thresholds,
    /// 处理方式: 责令改正, 批评教育, 承诺书 …
    #[serde(default)]
    pub measures: Vec<String>,
    /// 实施机关.
    #[serde(default)]
    pub authority: String,
    /// Region the list applies in, e.g. "全国", "上海市".
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub source: SourceDoc,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub valid_from: String,
    /// `YYYY-MM-DD`; `None` = until repealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    #[serde(default = "one")]
    pub version: u32,
    /// True when the row was written for the demo rather than taken from a published list.
    #[serde(default)]
    pub synthetic: bool,
}

fn one() -> u32 {
    1
}

/// Pre-computed search keys for one entry. Computed on the server (pinyin crate), so the
/// wasm carries no pinyin tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SearchKeys {
    /// One element per `char` of the title: its toneless pinyin readings, lowercase, joined
    /// by `,` when a character has several (e.g. "xing,hang"); non-Han characters are the
    /// character itself lowercased.
    #[serde(default)]
    pub title_py: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CatalogEntry {
    #[serde(flatten)]
    pub entry: LenientEntry,
    #[serde(default)]
    pub keys: SearchKeys,
}

/// `GET /api/v1/lenient/catalog`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Catalog {
    /// Content hash; also the `ETag`.
    pub version: String,
    #[serde(default)]
    pub domains: Vec<DomainInfo>,
    #[serde(default)]
    pub entries: Vec<CatalogEntry>,
}

// ---------------------------------------------------------------------------------------------
// E-certificates
// ---------------------------------------------------------------------------------------------

/// Kiosk display state of a certificate (domain.md §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    /// 有效
    Valid,
    /// 即将到期 (valid, ends within 30 days)
    Expiring,
    /// 已过期
    Expired,
    /// 暂扣
    Suspended,
    /// 撤销
    Revoked,
    /// 注销
    Cancelled,
    /// 吊销
    Withdrawn,
    /// 已变更 (an older version)
    Superseded,
    #[default]
    #[serde(other)]
    Unknown,
}

impl CertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CertStatus::Valid => "valid",
            CertStatus::Expiring => "expiring",
            CertStatus::Expired => "expired",
            CertStatus::Suspended => "suspended",
            CertStatus::Revoked => "revoked",
            CertStatus::Cancelled => "cancelled",
            CertStatus::Withdrawn => "withdrawn",
            CertStatus::Superseded => "superseded",
            CertStatus::Unknown => "unknown",
        }
    }
    /// Whether a relying party may accept the certificate today.
    pub fn is_usable(self) -> bool {
        matches!(self, CertStatus::Valid | CertStatus::Expiring)
    }
}

/// 持证主体类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HolderKind {
    /// 自然人 (code 111, 公民身份号码)
    Person,
    /// 法人和其他组织 (code 001, 统一社会信用代码)
    Organization,
    #[default]
    #[serde(other)]
    Unknown,
}

/// `POST /api/v1/certificates/search`. Personal data travel only in this body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum CertSearchRequest {
    /// 证照编号 or 电子证照标识.
    Number { number: String },
    /// Holder name + 公民身份号码 or 统一社会信用代码.
    Holder { name: String, holder_id: String },
}

/// A certificate as the kiosk may show it: masked by the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertSummary {
    /// 电子证照标识 (GB/T 36904).
    pub identifier: String,
    /// 证照名称, e.g. 营业执照.
    pub name: String,
    #[serde(default)]
    pub type_code: String,
    /// 证照编号, masked for personal certificates.
    #[serde(default)]
    pub number: String,
    /// 持证主体, masked for persons.
    #[serde(default)]
    pub holder: String,
    /// 持证主体代码 (ID number masked / USCC in clear).
    #[serde(default)]
    pub holder_code: String,
    #[serde(default)]
    pub holder_kind: HolderKind,
    /// 颁证单位.
    #[serde(default)]
    pub issuer: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub issue_date: String,
    #[serde(default)]
    pub valid_from: String,
    /// `YYYY-MM-DD`; `None` = 长期有效.
    #[serde(default)]
    pub valid_to: Option<String>,
    #[serde(default)]
    pub status: CertStatus,
    /// Days until `valid_to` (negative when past); `None` for 长期.
    #[serde(default)]
    pub days_left: Option<i64>,
}

/// `GET /api/v1/certificates/{identifier}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertDetail {
    #[serde(flatten)]
    pub summary: CertSummary,
    /// 证照所属管辖属地编码.
    #[serde(default)]
    pub area_code: String,
    /// 可信等级 A–D.
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub version: u32,
    /// 照面扩展信息 as (label, value), already masked.
    #[serde(default)]
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertSearchResponse {
    #[serde(default)]
    pub results: Vec<CertSummary>,
}

/// `POST /api/v1/certificates/verify`: identifier + code, or the raw QR payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertVerifyRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertVerifyResponse {
    /// True only when the identifier exists and the code matches.
    pub authentic: bool,
    #[serde(default)]
    pub certificate: Option<CertSummary>,
}

/// A certificate as stored by the issuer side (seed data and the offline demo). Never sent to
/// a kiosk by the live server: it holds personal data in clear. `domain::cert` turns it into
/// masked [`CertSummary`] / [`CertDetail`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
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
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub extra: Vec<(String, String)>,
    #[serde(default)]
    pub synthetic: bool,
}

/// `GET /api/v1/cases/{case_no}`: the service and window of a case (办件), for a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CaseInfo {
    pub case_no: String,
    #[serde(default)]
    pub service: Option<ServiceItem>,
    #[serde(default)]
    pub window: Option<Window>,
}

// ---------------------------------------------------------------------------------------------
// Good/bad reviews (好差评)
// ---------------------------------------------------------------------------------------------

/// The five national levels as named values (never bare numbers: the specs disagree on order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    VerySatisfied,
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
    VeryDissatisfied,
    #[default]
    #[serde(other)]
    Unknown,
}

impl Rating {
    /// Best first, as shown on screen.
    pub const ALL: [Rating; 5] = [
        Rating::VerySatisfied,
        Rating::Satisfied,
        Rating::BasicallySatisfied,
        Rating::Dissatisfied,
        Rating::VeryDissatisfied,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::VerySatisfied => "very_satisfied",
            Rating::Satisfied => "satisfied",
            Rating::BasicallySatisfied => "basically_satisfied",
            Rating::Dissatisfied => "dissatisfied",
            Rating::VeryDissatisfied => "very_dissatisfied",
            Rating::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Rating {
        Rating::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(Rating::Unknown)
    }
    /// Stars 5..1 (0 for unknown).
    pub fn stars(self) -> u8 {
        match self {
            Rating::VerySatisfied => 5,
            Rating::Satisfied => 4,
            Rating::BasicallySatisfied => 3,
            Rating::Dissatisfied => 2,
            Rating::VeryDissatisfied => 1,
            Rating::Unknown => 0,
        }
    }
    /// 差评 = 不满意 + 非常不满意.
    pub fn is_bad(self) -> bool {
        matches!(self, Rating::Dissatisfied | Rating::VeryDissatisfied)
    }
}

/// A hall service item (事项) that can be reviewed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceItem {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub department: String,
    /// 事项类型, e.g. 行政许可.
    #[serde(default)]
    pub category: String,
    /// Promised time limit as printed, e.g. "承诺 5 工作日".
    #[serde(default)]
    pub time_limit: String,
}

/// A hall window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Window {
    /// e.g. `A03`.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub zone: String,
}

/// `POST /api/v1/reviews` (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReviewRequest {
    /// 办件编号, when the review is for a case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Required: a request without a named level is refused (`rating_required`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub rating: Rating,
    /// Tag codes; each must belong to the chosen level.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free text, at most 500 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub comment: String,
    /// Optional mainland mobile number for the call-back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Handling state of a review (domain.md §2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// 已提交 (good reviews end here).
    Submitted,
    /// 待核实
    PendingVerification,
    /// 核实中
    Verifying,
    /// 整改中
    Rectifying,
    /// 已整改
    Rectified,
    /// 已解释
    Explained,
    /// 已回访
    Revisited,
    /// 申诉中
    Appealing,
    /// 复核维持
    AppealUpheld,
    /// 复核撤销
    AppealRevoked,
    #[default]
    #[serde(other)]
    Unknown,
}

impl ReviewState {
    pub const ALL: [ReviewState; 10] = [
        ReviewState::Submitted,
        ReviewState::PendingVerification,
        ReviewState::Verifying,
        ReviewState::Rectifying,
        ReviewState::Rectified,
        ReviewState::Explained,
        ReviewState::Revisited,
        ReviewState::Appealing,
        ReviewState::AppealUpheld,
        ReviewState::AppealRevoked,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Submitted => "submitted",
            ReviewState::PendingVerification => "pending_verification",
            ReviewState::Verifying => "verifying",
            ReviewState::Rectifying => "rectifying",
            ReviewState::Rectified => "rectified",
            ReviewState::Explained => "explained",
            ReviewState::Revisited => "revisited",
            ReviewState::Appealing => "appealing",
            ReviewState::AppealUpheld => "appeal_upheld",
            ReviewState::AppealRevoked => "appeal_revoked",
            ReviewState::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> ReviewState {
        ReviewState::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(ReviewState::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReviewReceipt {
    /// Review number, e.g. `HC20261122000123`.
    pub review_no: String,
    /// Printed check code; with the review number it opens the status page.
    pub check_code: String,
    pub rating: Rating,
    /// RFC 3339 time the server stored the review.
    #[serde(default)]
    pub created_at: String,
    /// For a 差评: the date (`YYYY-MM-DD`) by which it must be verified and rectified.
    #[serde(default)]
    pub due_by: Option<String>,
    /// True when this receipt was issued by the kiosk's outbox and the review is still queued.
    #[serde(default)]
    pub queued: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReviewEvent {
    pub state: ReviewState,
    /// RFC 3339.
    pub at: String,
    /// Short public note.
    #[serde(default)]
    pub note: String,
}

/// `GET /api/v1/reviews/{review_no}?check=…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReviewStatus {
    pub review_no: String,
    pub rating: Rating,
    pub state: ReviewState,
    #[serde(default)]
    pub history: Vec<ReviewEvent>,
    #[serde(default)]
    pub due_by: Option<String>,
}

/// One group of the statistics (a window, a service or a month).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatsGroup {
    pub key: String,
    pub label: String,
    pub figures: StatsFigures,
}

/// Headline figures; rates are 0.0–1.0, `None` when there is nothing to divide by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatsFigures {
    /// 评价总数
    pub total: u64,
    /// 好评数 (非常满意 + 满意 + 基本满意)
    pub good: u64,
    /// 好评率 = 好评数 / 评价总数
    pub good_rate: Option<f64>,
    /// 差评数 (不满意 + 非常不满意)
    pub bad: u64,
    /// 差评率 = 差评数 / 评价总数
    pub bad_rate: Option<f64>,
    /// 已整改差评数 (state rectified, explained or revisited)
    pub bad_rectified: u64,
    /// 差评整改率 = 已整改差评数 / 差评数
    pub rectify_rate: Option<f64>,
    /// 平均分 on 5…1
    pub average: Option<f64>,
}

/// `GET /api/v1/reviews/stats`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReviewStats {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// `window`, `service` or `month`.
    #[serde(default)]
    pub group_by: String,
    pub overall: StatsFigures,
    #[serde(default)]
    pub groups: Vec<StatsGroup>,
}

/// Admin: advance a review's handling (`POST /api/v1/admin/reviews/{review_no}/advance`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdvanceRequest {
    pub to: ReviewState,
    /// Short public note, at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub note: String,
}

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
