//! Good/bad reviews (好差评).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
    /// 按时处理差评数: 差评 that reached 已整改, 已解释 or 已回访 on or before their `due_by`
    #[serde(default)]
    pub bad_on_time: u64,
    /// 差评按时处理率 = 按时处理差评数 / 差评数
    #[serde(default)]
    pub on_time_rate: Option<f64>,
}

/// How statistics are grouped: the `group_by` of `GET /api/v1/reviews/stats` and of its
/// answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StatsGroupBy {
    /// Calendar months (`YYYY-MM`), the default.
    #[default]
    Month,
    /// The hall's windows.
    Window,
    /// The hall's service items.
    Service,
}

impl StatsGroupBy {
    /// In the order the OpenAPI document lists them.
    pub const ALL: [StatsGroupBy; 3] = [
        StatsGroupBy::Window,
        StatsGroupBy::Service,
        StatsGroupBy::Month,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            StatsGroupBy::Month => "month",
            StatsGroupBy::Window => "window",
            StatsGroupBy::Service => "service",
        }
    }

    /// The grouping a wire name names; `None` for anything else.
    pub fn parse(s: &str) -> Option<StatsGroupBy> {
        StatsGroupBy::ALL.into_iter().find(|g| g.as_str() == s)
    }
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
    /// The same period per calendar month (`YYYY-MM`, ascending), whatever `group_by` is: the
    /// trend of 评价数, 好评率 and 差评按时处理率.
    #[serde(default)]
    pub months: Vec<StatsGroup>,
    /// How many of the reviews counted are the marked demo history (演示数据); 0 = none.
    #[serde(default)]
    pub demo_reviews: u64,
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
