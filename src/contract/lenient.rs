//! Lenient-enforcement lists (包容免罚清单).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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

/// What a statute other than art. 33(2) gives a party without subjective fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoFaultEffect {
    /// 不予行政处罚 (art. 33(2) itself).
    #[default]
    NotPunished,
    /// 可以免予处罚.
    MayExempt,
    /// 可以从轻或者减轻处罚. An effect this client does not know reads as this one, the least
    /// favourable.
    #[serde(other)]
    MayLighterOrMitigate,
}

/// A statutory override of art. 33(2) for one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoFaultRule {
    pub effect: NoFaultEffect,
    /// The provision, zh-CN, e.g. "《中华人民共和国产品质量法》第五十五条".
    pub basis: String,
    /// The provision in English.
    #[serde(default)]
    pub basis_en: String,
}

/// How much harm an entry's conditions allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HarmAllowed {
    /// The conditions say nothing about harm in the standard words.
    #[default]
    Unstated,
    /// 危害后果轻微 (or none).
    Minor,
    /// 未造成危害后果. A value this client does not know reads as this one, the strictest.
    #[serde(other)]
    None,
}

/// The unit of a correction deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineUnit {
    Hours,
    Days,
    WorkingDays,
    Months,
    /// A unit this client does not know: shown as "规定期限".
    #[serde(other)]
    Unknown,
}

/// A correction deadline as the list states it, e.g. 5 working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Deadline {
    pub amount: u32,
    pub unit: DeadlineUnit,
}

impl Deadline {
    pub fn new(amount: u32, unit: DeadlineUnit) -> Deadline {
        Deadline { amount, unit }
    }
}

/// Which requirement a condition of the entry is checked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Covered {
    /// First time within [`Requirements::lookback_months`] (`first_time` question).
    FirstTime,
    /// [`Requirements::harm`] (`no_harm` / `minor_harm` questions).
    Harm,
    /// Corrected in time, within [`Requirements::deadline`] (`corrected`, `deadline`).
    Correction,
    /// The entry's numeric limit (`threshold` question, text from [`Thresholds`]).
    Limit,
    /// An exclusion stated by the entry ("…不适用"): its own `excluded` question, "yes" = it applies.
    Exclusion,
    /// Its own `condition` question, "yes" = the condition holds.
    #[default]
    Question,
    /// A value this client does not know: the requirements are derived again.
    #[serde(other)]
    Unknown,
}

/// One condition of the entry and how it is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConditionReq {
    pub covered_by: Covered,
    /// The yes/no question (for `question` and `exclusion`), zh-CN.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question_zh: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question_en: String,
}

/// The structured requirements of an entry, one [`ConditionReq`] per condition (same order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Requirements {
    #[serde(default)]
    pub conditions: Vec<ConditionReq>,
    /// "First time" look-back in months; `None` = ever (only meaningful with a `first_time` condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookback_months: Option<u32>,
    #[serde(default)]
    pub harm: HarmAllowed,
    /// The correction deadline (only meaningful with a `correction` condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// The rule for no subjective fault; `None` = art. 33(2) "不予行政处罚".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_fault: Option<NoFaultRule>,
    /// Whether the entry itself provides 减轻 (below the statutory minimum).
    #[serde(default)]
    pub mitigation: bool,
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
    /// An explicit statutory rule for "no subjective fault" (行政处罚法 art. 33(2): "法律、行政法规另有
    /// 规定的，从其规定"), e.g. 产品质量法 art. 55 or 食品安全法 art. 136. `None` = art. 33(2) itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_fault_rule: Option<NoFaultRule>,
    /// The structured requirements of the conditions (see `domain::requirements::derive`).
    /// Filled by the server when it builds the catalog; a client derives them itself when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Requirements>,
    /// 处理方式: 责令改正, 批评教育, 承诺书 …
    #[serde(default)]
    pub measures: Vec<String>,
    /// 实施机关.
    #[serde(default)]
    pub authority: String,
    /// Region the list applies in, e.g. "全国", "上海市".
    #[serde(default)]
    pub region: String,
    /// GB/T 2260 codes of the scope: `000000` national, `320000` a province, `320500` a
    /// city, `320508` a county; several for a list covering several provinces. Empty = not
    /// known (applies everywhere; see `domain::region::applies_in`).
    #[serde(default)]
    pub region_codes: Vec<String>,
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

impl Catalog {
    /// The entry with this id (what `GET /api/v1/lenient/items/{id}` answers), if listed.
    pub fn entry(&self, id: &str) -> Option<&LenientEntry> {
        self.entries.iter().map(|e| &e.entry).find(|e| e.id == id)
    }
}

#[cfg(test)]
mod catalog_tests {
    use super::*;

    #[test]
    fn an_entry_is_found_by_its_id_only() {
        let mk = |id: &str| CatalogEntry {
            entry: LenientEntry {
                id: id.into(),
                ..Default::default()
            },
            keys: SearchKeys::default(),
        };
        let cat = Catalog {
            entries: vec![mk("tax-001"), mk("tax-002")],
            ..Default::default()
        };
        assert_eq!(cat.entry("tax-002").map(|e| e.id.as_str()), Some("tax-002"));
        assert_eq!(cat.entry("tax-00"), None);
        assert_eq!(Catalog::default().entry("tax-001"), None);
    }
}
