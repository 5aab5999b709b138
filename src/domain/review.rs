//! Rules for 政务服务"好差评" reviews (domain.md §2, kiosk-facts §3): the tags offered per level,
//! validation of a submitted review, the 差评 handling workflow, statistics, deadlines and the
//! numbers printed on the receipt.
//!
//! Used by the reference server (validation, workflow, stats) and by the app (tags shown per level,
//! client-side validation before sending), so everything here is pure and panic-free.
//!
//! Decisions taken here (see the item docs):
//! - Blank (empty or whitespace-only) optional fields of a [`ReviewRequest`] count as absent.
//! - A 差评 whose 申诉复核 ended in [`ReviewState::AppealRevoked`] (误评/恶意差评, domain.md §2.1) is
//!   excluded from the statistics altogether: it is in neither the total, the 差评 count nor the
//!   average, and it never counts as rectified.

use std::collections::BTreeMap;

use crate::contract::{
    FieldProblem, ProblemCode, Rating, ReviewRequest, ReviewState, ReviewStats, ServiceItem,
    StatsFigures, StatsGroup, StatsGroupBy, Window,
};
use crate::domain::date::Date;
use crate::domain::ids::validate_mobile;
use crate::domain::text::constant_time_eq;

// ---------------------------------------------------------------------------------------------
// Tags (测评内容)
// ---------------------------------------------------------------------------------------------

/// One evaluation-content option (测评内容 / `evalDetail` code) shown for a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag {
    /// Three digits; the first one is the level (5 非常满意 … 1 非常不满意), e.g. `"501"`.
    pub code: &'static str,
    pub rating: Rating,
    pub zh: &'static str,
    pub en: &'static str,
}

macro_rules! positive_tags {
    ($rating:expr, $d:literal) => {
        [
            Tag {
                code: concat!($d, "01"),
                rating: $rating,
                zh: "服务热情周到",
                en: "Warm, attentive service",
            },
            Tag {
                code: concat!($d, "02"),
                rating: $rating,
                zh: "一次性告知",
                en: "Told everything needed at once",
            },
            Tag {
                code: concat!($d, "03"),
                rating: $rating,
                zh: "办事效率高",
                en: "Handled efficiently",
            },
            Tag {
                code: concat!($d, "04"),
                rating: $rating,
                zh: "材料精简",
                en: "Few documents required",
            },
            Tag {
                code: concat!($d, "05"),
                rating: $rating,
                zh: "流程清晰",
                en: "Clear procedure",
            },
            Tag {
                code: concat!($d, "06"),
                rating: $rating,
                zh: "一次办成",
                en: "Done in a single visit",
            },
            Tag {
                code: concat!($d, "07"),
                rating: $rating,
                zh: "环境整洁",
                en: "Clean, tidy hall",
            },
            Tag {
                code: concat!($d, "08"),
                rating: $rating,
                zh: "帮办代办贴心",
                en: "Helpful assisted service",
            },
        ]
    };
}

macro_rules! negative_tags {
    ($rating:expr, $d:literal) => {
        [
            Tag {
                code: concat!($d, "01"),
                rating: $rating,
                zh: "等候时间过长",
                en: "Waited too long",
            },
            Tag {
                code: concat!($d, "02"),
                rating: $rating,
                zh: "服务态度生硬",
                en: "Curt, unfriendly manner",
            },
            Tag {
                code: concat!($d, "03"),
                rating: $rating,
                zh: "业务不熟练、解释不清",
                en: "Staff unsure of the matter, unclear explanations",
            },
            Tag {
                code: concat!($d, "04"),
                rating: $rating,
                zh: "未一次性告知所需材料",
                en: "Required documents not told all at once",
            },
            Tag {
                code: concat!($d, "05"),
                rating: $rating,
                zh: "要求提供办事指南以外材料",
                en: "Asked for documents not in the service guide",
            },
            Tag {
                code: concat!($d, "06"),
                rating: $rating,
                zh: "多次跑动",
                en: "Had to come back several times",
            },
            Tag {
                code: concat!($d, "07"),
                rating: $rating,
                zh: "超出承诺时限",
                en: "Promised time limit exceeded",
            },
            Tag {
                code: concat!($d, "08"),
                rating: $rating,
                zh: "办事指南不准确",
                en: "Service guide inaccurate",
            },
            Tag {
                code: concat!($d, "09"),
                rating: $rating,
                zh: "线上线下标准不一致",
                en: "Online and in-hall requirements differ",
            },
            Tag {
                code: concat!($d, "10"),
                rating: $rating,
                zh: "系统/设备故障",
                en: "System or equipment failure",
            },
            Tag {
                code: concat!($d, "11"),
                rating: $rating,
                zh: "收费不规范",
                en: "Irregular fees",
            },
            Tag {
                code: concat!($d, "12"),
                rating: $rating,
                zh: "推诿扯皮",
                en: "Passed from desk to desk",
            },
            Tag {
                code: concat!($d, "13"),
                rating: $rating,
                zh: "其他",
                en: "Other",
            },
        ]
    };
}

static TAGS_5: [Tag; 8] = positive_tags!(Rating::VerySatisfied, "5");
static TAGS_4: [Tag; 8] = positive_tags!(Rating::Satisfied, "4");
static TAGS_3: [Tag; 5] = [
    Tag {
        code: "301",
        rating: Rating::BasicallySatisfied,
        zh: "等候时间可再缩短",
        en: "Waiting could be shorter",
    },
    Tag {
        code: "302",
        rating: Rating::BasicallySatisfied,
        zh: "材料可再精简",
        en: "Fewer documents would help",
    },
    Tag {
        code: "303",
        rating: Rating::BasicallySatisfied,
        zh: "指引标识可更清晰",
        en: "Signs could be clearer",
    },
    Tag {
        code: "304",
        rating: Rating::BasicallySatisfied,
        zh: "办理流程可再优化",
        en: "Procedure could be simpler",
    },
    Tag {
        code: "305",
        rating: Rating::BasicallySatisfied,
        zh: "服务态度有待提升",
        en: "Service manner could improve",
    },
];
static TAGS_2: [Tag; 13] = negative_tags!(Rating::Dissatisfied, "2");
static TAGS_1: [Tag; 13] = negative_tags!(Rating::VeryDissatisfied, "1");

/// Tags offered for a level, in display order; empty for [`Rating::Unknown`].
///
/// **Illustrative.** The national code list (fetched by provincial systems from the national
/// platform, GB/T 39734 附录A) was not available (kiosk-facts §3b). Codes follow the national
/// convention that the first digit tracks the level (5xx 非常满意 … 1xx 非常不满意); the labels are
/// the typical ones seen in local systems. 非常满意 and 满意 offer the same positive tags, 基本满意 a
/// few neutral suggestions for improvement, and 不满意 / 非常不满意 the same 差评 reasons
/// (domain.md §2.6), each with its own level digit.
pub fn tags_for(rating: Rating) -> &'static [Tag] {
    match rating {
        Rating::VerySatisfied => &TAGS_5,
        Rating::Satisfied => &TAGS_4,
        Rating::BasicallySatisfied => &TAGS_3,
        Rating::Dissatisfied => &TAGS_2,
        Rating::VeryDissatisfied => &TAGS_1,
        Rating::Unknown => &[],
    }
}

/// The tag with this exact code, at any level.
pub fn tag(code: &str) -> Option<&'static Tag> {
    Rating::ALL
        .into_iter()
        .flat_map(tags_for)
        .find(|t| t.code == code)
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// Free text is limited to this many characters (Unicode scalar values, after trimming).
pub const MAX_COMMENT_CHARS: usize = 500;
/// A case may carry at most this many reviews (评价次数 1 首次 / 2 二次, domain.md §2.5).
pub const MAX_REVIEWS_PER_CASE: u32 = 2;

/// Longest 办件编号 (GB/T 39046: an..50).
pub const MAX_CASE_NO_CHARS: usize = 50;

/// 办件编号: 1..=50 chars of [0-9A-Za-z-] (GB/T 39046 an..50).
///
/// Surrounding whitespace is trimmed; letter case is kept (case numbers are opaque identifiers).
/// The error is the stable code `ProblemCode::InvalidCaseNo`.
pub fn validate_case_no(s: &str) -> Result<String, ProblemCode> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.len() <= MAX_CASE_NO_CHARS
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(ProblemCode::InvalidCaseNo)
    }
}

/// `Some(trimmed)` unless the value is absent or blank.
fn non_blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn push_problem(problems: &mut Vec<FieldProblem>, field: &str, code: ProblemCode) {
    if !problems.iter().any(|p| p.field == field && p.code == code) {
        problems.push(FieldProblem::new(field, code));
    }
}

/// Validate a review request and return it normalised.
///
/// Problem codes (field in brackets), reported in this order, each at most once:
/// - `rating_required` (`rating`): the rating is [`Rating::Unknown`];
/// - `target_required` (`target`): none of `case_no`, `window_id`, `service_id` is given;
/// - `invalid_case_no` (`case_no`): see [`validate_case_no`];
/// - `tag_unknown` (`tags`): a code that is no tag at all;
/// - `tag_not_for_level` (`tags`): a tag of another level (not checked when the rating is unknown);
/// - `reason_required` (`tags`): a 差评 with no tag and blank text;
/// - `comment_too_long` (`comment`): more than [`MAX_COMMENT_CHARS`] characters after trimming;
/// - `invalid_phone` (`phone`): not a mainland mobile number.
///
/// Normalisation: blank optional fields become `None`; `case_no`, `window_id`, `service_id` and the
/// comment are trimmed; tag codes are trimmed and deduplicated (first occurrence kept); the phone
/// is the output of [`validate_mobile`].
pub fn validate_review(req: &ReviewRequest) -> Result<ReviewRequest, Vec<FieldProblem>> {
    let mut problems = Vec::new();

    if req.rating == Rating::Unknown {
        push_problem(&mut problems, "rating", ProblemCode::RatingRequired);
    }

    let case_no = non_blank(&req.case_no);
    let window_id = non_blank(&req.window_id);
    let service_id = non_blank(&req.service_id);
    if case_no.is_none() && window_id.is_none() && service_id.is_none() {
        push_problem(&mut problems, "target", ProblemCode::TargetRequired);
    }
    let case_no = match case_no.map(validate_case_no) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(code)) => {
            push_problem(&mut problems, "case_no", code);
            None
        }
    };

    let mut tags: Vec<String> = Vec::new();
    for raw in &req.tags {
        let code = raw.trim();
        match tag(code) {
            None => push_problem(&mut problems, "tags", ProblemCode::TagUnknown),
            Some(t) if req.rating != Rating::Unknown && t.rating != req.rating => {
                push_problem(&mut problems, "tags", ProblemCode::TagNotForLevel)
            }
            Some(_) => {}
        }
        if !tags.iter().any(|t| t == code) {
            tags.push(code.to_string());
        }
    }

    let comment = req.comment.trim();
    if req.rating.is_bad() && req.tags.is_empty() && comment.is_empty() {
        push_problem(&mut problems, "tags", ProblemCode::ReasonRequired);
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        push_problem(&mut problems, "comment", ProblemCode::CommentTooLong);
    }

    let phone = match non_blank(&req.phone).map(validate_mobile) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => {
            push_problem(&mut problems, "phone", ProblemCode::InvalidPhone);
            None
        }
    };

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ReviewRequest {
        case_no,
        window_id: window_id.map(str::to_string),
        service_id: service_id.map(str::to_string),
        rating: req.rating,
        tags,
        comment: comment.to_string(),
        phone,
    })
}

// ---------------------------------------------------------------------------------------------
// Handling workflow (domain.md §2.7)
// ---------------------------------------------------------------------------------------------

/// Initial handling state: good/neutral reviews → `Submitted`; 差评 → `PendingVerification`;
/// an unknown rating → `Unknown` (such a review is refused by [`validate_review`] anyway).
pub fn initial_state(r: Rating) -> ReviewState {
    match r {
        Rating::Unknown => ReviewState::Unknown,
        r if r.is_bad() => ReviewState::PendingVerification,
        _ => ReviewState::Submitted,
    }
}

/// Allowed transitions (domain.md §2.7):
/// - 待核实 `PendingVerification` → 核实中 `Verifying`;
/// - `Verifying` → 整改中 `Rectifying` | 已解释 `Explained` (缺乏法定依据 → 解释说明) | 申诉中 `Appealing`;
/// - `Rectifying` → 已整改 `Rectified` | `Explained` | `Appealing`;
/// - `Rectified` | `Explained` → 已回访 `Revisited`;
/// - `Appealing` → 复核维持 `AppealUpheld` | 复核撤销 `AppealRevoked`;
/// - `AppealUpheld` → `Rectifying` (the review stands and goes back to handling).
///
/// Everything else is refused, including staying in the same state and anything to or from
/// `Unknown`. `Submitted`, `Revisited` and `AppealRevoked` are final.
pub fn can_transition(from: ReviewState, to: ReviewState) -> bool {
    use ReviewState::*;
    matches!(
        (from, to),
        (PendingVerification, Verifying)
            | (Verifying, Rectifying)
            | (Verifying, Explained)
            | (Verifying, Appealing)
            | (Rectifying, Rectified)
            | (Rectifying, Explained)
            | (Rectifying, Appealing)
            | (Rectified, Revisited)
            | (Explained, Revisited)
            | (Appealing, AppealUpheld)
            | (Appealing, AppealRevoked)
            | (AppealUpheld, Rectifying)
    )
}

/// True for the states nothing leaves: `Submitted` (good reviews), `Revisited` and
/// `AppealRevoked`. `Unknown` is not final (it is not a state the workflow knows at all).
pub fn is_final(s: ReviewState) -> bool {
    matches!(
        s,
        ReviewState::Submitted | ReviewState::Revisited | ReviewState::AppealRevoked
    )
}

/// Whether a 差评 in this state counts as rectified (差评整改): `Rectified`, `Explained` or
/// `Revisited`.
///
/// `AppealRevoked` is **not** rectified: 申诉复核 exists to exclude 误评 and 恶意差评 (domain.md
/// §2.1), so a revoked review is dropped from the statistics altogether by [`compute_stats`]
/// (neither 差评 nor 已整改) instead of inflating the 差评整改率.
pub fn counts_as_rectified(s: ReviewState) -> bool {
    matches!(
        s,
        ReviewState::Rectified | ReviewState::Explained | ReviewState::Revisited
    )
}

// ---------------------------------------------------------------------------------------------
// Statistics (domain.md §2.8)
// ---------------------------------------------------------------------------------------------

/// Statistics from (rating, state) rows, formulas as domain.md §2.8:
/// 好评 = 非常满意 + 满意 + 基本满意; 好评率 = 好评 / 总数; 差评率 = 差评 / 总数;
/// 差评整改率 = 已整改差评 / 差评 ([`counts_as_rectified`]); 平均分 = mean of the stars 5..1.
///
/// Rows with [`Rating::Unknown`] are ignored, and so are rows in [`ReviewState::AppealRevoked`]
/// (reviews revoked on appeal as 误评/恶意, see [`counts_as_rectified`]). Rates and the average are
/// `None` when their denominator is zero.
pub fn compute_stats(rows: impl IntoIterator<Item = (Rating, ReviewState)>) -> StatsFigures {
    let mut total = 0u64;
    let mut good = 0u64;
    let mut bad = 0u64;
    let mut bad_rectified = 0u64;
    let mut stars = 0u64;
    for (rating, state) in rows {
        if rating == Rating::Unknown || state == ReviewState::AppealRevoked {
            continue;
        }
        total += 1;
        stars += u64::from(rating.stars());
        if rating.is_bad() {
            bad += 1;
            if counts_as_rectified(state) {
                bad_rectified += 1;
            }
        } else {
            good += 1;
        }
    }
    let ratio = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
    StatsFigures {
        total,
        good,
        good_rate: ratio(good, total),
        bad,
        bad_rate: ratio(bad, total),
        bad_rectified,
        rectify_rate: ratio(bad_rectified, bad),
        average: ratio(stars, total),
        bad_on_time: 0,
        on_time_rate: None,
    }
}

/// The figures of two disjoint sets of reviews together: counts added, rates recomputed, the
/// average weighted by the totals (the offline demo adds this tab's reviews to its shipped
/// figures this way).
pub fn merge_stats(a: &StatsFigures, b: &StatsFigures) -> StatsFigures {
    let total = a.total + b.total;
    let good = a.good + b.good;
    let bad = a.bad + b.bad;
    let fixed = a.bad_rectified + b.bad_rectified;
    let on_time = a.bad_on_time + b.bad_on_time;
    let rate = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
    let sum = a.average.unwrap_or(0.0) * a.total as f64 + b.average.unwrap_or(0.0) * b.total as f64;
    StatsFigures {
        total,
        good,
        good_rate: rate(good, total),
        bad,
        bad_rate: rate(bad, total),
        bad_rectified: fixed,
        rectify_rate: rate(fixed, bad),
        average: (total > 0).then(|| sum / total as f64),
        bad_on_time: on_time,
        on_time_rate: rate(on_time, bad),
    }
}

/// One review as the statistics see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsRow {
    pub rating: Rating,
    pub state: ReviewState,
    pub window_id: Option<String>,
    pub service_id: Option<String>,
    /// The day it was created (China time), `YYYY-MM-DD`.
    pub day: String,
    /// A 差评's deadline, `YYYY-MM-DD`.
    pub due_by: Option<String>,
    /// The day a 差评 first reached 已整改, 已解释 or 已回访 (China time), `YYYY-MM-DD`.
    pub handled_on: Option<String>,
    /// Part of the marked demo history (演示数据).
    pub demo: bool,
}

/// Whether a row is a 差评 handled on time: counted by [`compute_stats`] as a rectified 差评,
/// first handled on or before its deadline (one without a deadline counts when handled).
pub fn handled_on_time(r: &StatsRow) -> bool {
    r.rating.is_bad()
        && counts_as_rectified(r.state)
        && match (&r.handled_on, &r.due_by) {
            (Some(h), Some(d)) => h <= d,
            (Some(_), None) => true,
            (None, _) => false,
        }
}

/// [`compute_stats`] of rows, with 按时处理差评数 and 差评按时处理率 ([`handled_on_time`]).
pub fn row_stats<'a>(rows: impl IntoIterator<Item = &'a StatsRow> + Clone) -> StatsFigures {
    let mut f = compute_stats(rows.clone().into_iter().map(|r| (r.rating, r.state)));
    f.bad_on_time = rows.into_iter().filter(|r| handled_on_time(r)).count() as u64;
    f.on_time_rate = (f.bad > 0).then(|| f.bad_on_time as f64 / f.bad as f64);
    f
}

/// A checked statistics request: the period (either bound optional) and the grouping,
/// `window`, `service` or `month`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsQuery {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub group_by: StatsGroupBy,
}

/// The statistics of `rows` overall and per group: windows and services in the hall's order
/// (unknown ids after them, then the group `none` labelled 未指定 for reviews without one),
/// months (`YYYY-MM`) ascending.
pub fn build_stats(
    windows: &[Window],
    services: &[ServiceItem],
    q: &StatsQuery,
    rows: &[StatsRow],
) -> ReviewStats {
    let overall = row_stats(rows);
    let mut months: BTreeMap<&str, Vec<&StatsRow>> = BTreeMap::new();
    for r in rows {
        months
            .entry(r.day.get(0..7).unwrap_or(""))
            .or_default()
            .push(r);
    }
    let months = months
        .into_iter()
        .map(|(m, rs)| StatsGroup {
            key: m.to_string(),
            label: m.to_string(),
            figures: row_stats(rs.iter().copied()),
        })
        .collect();
    let mut groups: BTreeMap<(usize, String), Vec<&StatsRow>> = BTreeMap::new();
    for r in rows {
        let key = match q.group_by {
            StatsGroupBy::Window => r.window_id.clone(),
            StatsGroupBy::Service => r.service_id.clone(),
            StatsGroupBy::Month => Some(r.day.get(0..7).unwrap_or("").to_string()),
        };
        let order = match (q.group_by, &key) {
            (StatsGroupBy::Window, Some(k)) => windows
                .iter()
                .position(|w| &w.id == k)
                .unwrap_or(usize::MAX - 1),
            (StatsGroupBy::Service, Some(k)) => services
                .iter()
                .position(|s| &s.id == k)
                .unwrap_or(usize::MAX - 1),
            (_, None) => usize::MAX,
            _ => 0,
        };
        groups
            .entry((order, key.unwrap_or_default()))
            .or_default()
            .push(r);
    }
    let groups = groups
        .into_iter()
        .map(|((_, key), rs)| {
            let label = match q.group_by {
                _ if key.is_empty() => "未指定".to_string(),
                StatsGroupBy::Window => windows
                    .iter()
                    .find(|w| w.id == key)
                    .map(|w| w.name.clone())
                    .unwrap_or(key.clone()),
                StatsGroupBy::Service => services
                    .iter()
                    .find(|s| s.id == key)
                    .map(|s| s.name.clone())
                    .unwrap_or(key.clone()),
                _ => key.clone(),
            };
            let key = if key.is_empty() {
                "none".to_string()
            } else {
                key
            };
            StatsGroup {
                key,
                label,
                figures: row_stats(rs.iter().copied()),
            }
        })
        .collect();
    ReviewStats {
        from: q.from.map(|d| d.to_string()),
        to: q.to.map(|d| d.to_string()),
        group_by: q.group_by.as_str().to_string(),
        overall,
        groups,
        months,
        demo_reviews: rows.iter().filter(|r| r.demo).count() as u64,
    }
}

// ---------------------------------------------------------------------------------------------
// Deadlines and receipt numbers
// ---------------------------------------------------------------------------------------------

/// Working days a 差评 has to be verified and rectified in, unless the hall configures another
/// period (the reference server's `BAD_REVIEW_DEADLINE_DAYS`; the offline demo uses this).
pub const BAD_REVIEW_DEADLINE_DAYS: u32 = 7;

/// Deadline for a 差评 created on `created`: `working_days` working days later
/// ([`Date::add_working_days`]; public holidays are not modelled). Local rules vary
/// (北京 7 days, 德州 5 working days, 四川 15 working days; domain.md §2.7).
pub fn due_date(created: Date, working_days: u32) -> Date {
    created.add_working_days(working_days)
}

/// The check-code alphabet: digits and capital letters without 0/O/1/I (32 symbols, so 5 bits
/// per character and no modulo bias).
pub const CHECK_CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Length of a check code.
pub const CHECK_CODE_LEN: usize = 6;

/// A check code printed on the receipt: 6 chars from [`CHECK_CODE_ALPHABET`], derived from a
/// random u64 the caller supplies (the domain has no RNG).
///
/// The 64 bits are folded into 30 (`r ^ r>>30 ^ r>>60`), which are written big-endian in base 32;
/// a uniformly random input gives a uniformly random code.
pub fn check_code_from(random: u64) -> String {
    let v = random ^ (random >> 30) ^ (random >> 60);
    (0..CHECK_CODE_LEN)
        .rev()
        .map(|i| char::from(CHECK_CODE_ALPHABET[((v >> (5 * i)) & 31) as usize]))
        .collect()
}

/// A typed-in check code, trimmed and upper-cased, if it has the shape [`check_code_from`] makes.
pub fn normalize_check_code(s: &str) -> Option<String> {
    let s = s.trim().to_ascii_uppercase();
    (s.len() == CHECK_CODE_LEN && s.bytes().all(|b| CHECK_CODE_ALPHABET.contains(&b))).then_some(s)
}

/// Review number: "HC" + YYYYMMDD + 6-digit daily sequence, e.g. "HC20261122000123".
///
/// A sequence above 999 999 is written in full (the number stays unique, only longer).
pub fn review_no(date: Date, seq: u32) -> String {
    format!(
        "HC{:04}{:02}{:02}{:06}",
        date.year, date.month, date.day, seq
    )
}

/// The date and sequence of a review number made by [`review_no`] (`HC`/`hc` accepted, surrounding
/// whitespace trimmed); `None` for anything else, including impossible dates.
pub fn parse_review_no(s: &str) -> Option<(Date, u32)> {
    let s = s.trim();
    let rest = s.strip_prefix("HC").or_else(|| s.strip_prefix("hc"))?;
    if rest.len() < 14 || rest.len() > 18 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = Date::parse(rest.get(..8)?)?;
    let seq_text = rest.get(8..)?;
    // Longer than six digits only when needed: keeps the mapping one-to-one.
    if seq_text.len() > 6 && seq_text.starts_with('0') {
        return None;
    }
    let seq: u32 = seq_text.parse().ok()?;
    Some((date, seq))
}

/// The canonical spelling of a review number ([`review_no`] of [`parse_review_no`]): how the
/// server and the offline demo look a typed-in number up.
pub fn canonical_review_no(s: &str) -> Option<String> {
    parse_review_no(s).map(|(day, seq)| review_no(day, seq))
}

/// Longest check value (surrounding whitespace ignored) that can open a review; a longer one is
/// refused without looking anything up.
pub const MAX_CHECK_CHARS: usize = 64;

/// Whether a typed check value is worth a look-up at all: not blank, at most
/// [`MAX_CHECK_CHARS`] bytes once trimmed.
pub fn plausible_check(check: &str) -> bool {
    let check = check.trim();
    !check.is_empty() && check.len() <= MAX_CHECK_CHARS
}

/// Whether `check` opens a review: the check code printed on its receipt (`check_code`; typed
/// in any case, surrounding whitespace ignored), or the last four digits of the phone given with
/// it. Both compared in constant time ([`constant_time_eq`]). The server and the offline demo
/// both decide with this.
pub fn check_opens(check: &str, check_code: &str, phone: Option<&str>) -> bool {
    if !plausible_check(check) {
        return false;
    }
    let check = check.trim();
    if let Some(c) = normalize_check_code(check) {
        if constant_time_eq(c.as_bytes(), check_code.as_bytes()) {
            return true;
        }
    }
    let Some(phone) = phone else {
        return false;
    };
    let digits: Vec<u8> = phone.bytes().filter(u8::is_ascii_digit).collect();
    check.len() == 4
        && check.bytes().all(|b| b.is_ascii_digit())
        && digits.len() >= 4
        && constant_time_eq(&digits[digits.len() - 4..], check.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).expect("test date")
    }

    // ----- tags -----

    #[test]
    fn every_level_has_tags_with_its_own_level_digit() {
        let mut seen = HashSet::new();
        for r in Rating::ALL {
            let tags = tags_for(r);
            assert!(!tags.is_empty(), "{r:?}");
            for t in tags {
                assert_eq!(t.rating, r, "{}", t.code);
                assert_eq!(t.code.len(), 3, "{}", t.code);
                assert!(t.code.bytes().all(|b| b.is_ascii_digit()), "{}", t.code);
                assert_eq!(
                    t.code.as_bytes()[0],
                    b'0' + r.stars(),
                    "{} for {r:?}",
                    t.code
                );
                assert!(seen.insert(t.code), "duplicate code {}", t.code);
                assert!(!t.zh.is_empty() && !t.en.is_empty());
                assert_eq!(tag(t.code), Some(t));
            }
        }
        assert!(tags_for(Rating::Unknown).is_empty());
    }

    #[test]
    fn known_codes_and_labels() {
        let cases: &[(&str, Rating, &str)] = &[
            ("501", Rating::VerySatisfied, "服务热情周到"),
            ("508", Rating::VerySatisfied, "帮办代办贴心"),
            ("403", Rating::Satisfied, "办事效率高"),
            ("301", Rating::BasicallySatisfied, "等候时间可再缩短"),
            ("201", Rating::Dissatisfied, "等候时间过长"),
            ("213", Rating::Dissatisfied, "其他"),
            ("104", Rating::VeryDissatisfied, "未一次性告知所需材料"),
            ("112", Rating::VeryDissatisfied, "推诿扯皮"),
        ];
        for (code, rating, zh) in cases {
            let t = tag(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!((t.rating, t.zh), (*rating, *zh), "{code}");
        }
        for bad in ["", "5", "509", "314", "214", "000", "601", " 501", "5O1"] {
            assert_eq!(tag(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn good_levels_offer_the_positive_tags_and_bad_levels_the_reasons() {
        let positive = [
            "服务热情周到",
            "一次性告知",
            "办事效率高",
            "材料精简",
            "流程清晰",
            "一次办成",
            "环境整洁",
            "帮办代办贴心",
        ];
        let reasons = [
            "等候时间过长",
            "服务态度生硬",
            "业务不熟练、解释不清",
            "未一次性告知所需材料",
            "要求提供办事指南以外材料",
            "多次跑动",
            "超出承诺时限",
            "办事指南不准确",
            "线上线下标准不一致",
            "系统/设备故障",
            "收费不规范",
            "推诿扯皮",
            "其他",
        ];
        let labels = |r: Rating| tags_for(r).iter().map(|t| t.zh).collect::<Vec<_>>();
        assert_eq!(labels(Rating::VerySatisfied), positive);
        assert_eq!(labels(Rating::Satisfied), positive);
        assert_eq!(labels(Rating::Dissatisfied), reasons);
        assert_eq!(labels(Rating::VeryDissatisfied), reasons);
        // Same reason, same suffix at both bad levels.
        for (a, b) in tags_for(Rating::Dissatisfied)
            .iter()
            .zip(tags_for(Rating::VeryDissatisfied))
        {
            assert_eq!(&a.code[1..], &b.code[1..]);
        }
        for t in tags_for(Rating::BasicallySatisfied) {
            assert!(
                !positive.contains(&t.zh) && !reasons.contains(&t.zh),
                "{}",
                t.zh
            );
        }
    }

    // ----- case numbers -----

    #[test]
    fn case_numbers() {
        let fifty = "A".repeat(50);
        let ok: &[(&str, &str)] = &[
            ("320583202405130000127", "320583202405130000127"),
            ("W202009251558", "W202009251558"),
            ("  ab-12 ", "ab-12"),
            ("x", "x"),
            (fifty.as_str(), fifty.as_str()),
        ];
        for (input, want) in ok {
            assert_eq!(validate_case_no(input).as_deref(), Ok(*want), "{input:?}");
        }
        let fifty_one = "1".repeat(51);
        for bad in [
            "",
            "   ",
            "ab 12",
            "a_b",
            "a/b",
            "办件123",
            "１２３",
            "a\n1",
            fifty_one.as_str(),
        ] {
            assert_eq!(
                validate_case_no(bad),
                Err(ProblemCode::InvalidCaseNo),
                "{bad:?}"
            );
        }
    }

    // ----- validation -----

    fn base(rating: Rating) -> ReviewRequest {
        ReviewRequest {
            window_id: Some("A03".into()),
            rating,
            ..ReviewRequest::default()
        }
    }

    fn fp(field: &str, code: ProblemCode) -> FieldProblem {
        FieldProblem::new(field, code)
    }

    fn with(mut r: ReviewRequest, f: impl FnOnce(&mut ReviewRequest)) -> ReviewRequest {
        f(&mut r);
        r
    }

    const ALL_CODES: [ProblemCode; 8] = [
        ProblemCode::RatingRequired,
        ProblemCode::TargetRequired,
        ProblemCode::InvalidCaseNo,
        ProblemCode::TagUnknown,
        ProblemCode::TagNotForLevel,
        ProblemCode::ReasonRequired,
        ProblemCode::CommentTooLong,
        ProblemCode::InvalidPhone,
    ];

    fn refusal_table() -> Vec<(&'static str, ReviewRequest, Vec<FieldProblem>)> {
        let bad = Rating::Dissatisfied;
        let good = Rating::VerySatisfied;
        vec![
            (
                "unknown rating",
                base(Rating::Unknown),
                vec![fp("rating", ProblemCode::RatingRequired)],
            ),
            (
                "no target",
                with(base(good), |r| r.window_id = None),
                vec![fp("target", ProblemCode::TargetRequired)],
            ),
            (
                "blank targets",
                with(base(good), |r| {
                    r.window_id = Some(" ".into());
                    r.case_no = Some("".into());
                    r.service_id = Some("\t".into());
                }),
                vec![fp("target", ProblemCode::TargetRequired)],
            ),
            (
                "bad case number",
                with(base(good), |r| r.case_no = Some("办件-1".into())),
                vec![fp("case_no", ProblemCode::InvalidCaseNo)],
            ),
            (
                "case number too long",
                with(base(good), |r| r.case_no = Some("9".repeat(51))),
                vec![fp("case_no", ProblemCode::InvalidCaseNo)],
            ),
            (
                "unknown tag",
                with(base(good), |r| r.tags = vec!["599".into()]),
                vec![fp("tags", ProblemCode::TagUnknown)],
            ),
            (
                "empty tag",
                with(base(good), |r| r.tags = vec!["".into()]),
                vec![fp("tags", ProblemCode::TagUnknown)],
            ),
            (
                "good review with a bad-level tag",
                with(base(good), |r| r.tags = vec!["501".into(), "201".into()]),
                vec![fp("tags", ProblemCode::TagNotForLevel)],
            ),
            (
                "satisfied with a very-satisfied tag",
                with(base(Rating::Satisfied), |r| r.tags = vec!["501".into()]),
                vec![fp("tags", ProblemCode::TagNotForLevel)],
            ),
            (
                "very dissatisfied with a dissatisfied tag",
                with(base(Rating::VeryDissatisfied), |r| {
                    r.tags = vec!["201".into()]
                }),
                vec![fp("tags", ProblemCode::TagNotForLevel)],
            ),
            (
                "bad review without reason",
                base(bad),
                vec![fp("tags", ProblemCode::ReasonRequired)],
            ),
            (
                "bad review with whitespace-only text",
                with(base(Rating::VeryDissatisfied), |r| {
                    r.comment = " \n\t\u{3000} ".into()
                }),
                vec![fp("tags", ProblemCode::ReasonRequired)],
            ),
            (
                "501 Chinese characters",
                with(base(good), |r| r.comment = "好".repeat(501)),
                vec![fp("comment", ProblemCode::CommentTooLong)],
            ),
            (
                "invalid phone",
                with(base(good), |r| r.phone = Some("12345".into())),
                vec![fp("phone", ProblemCode::InvalidPhone)],
            ),
            (
                "landline is not a mobile",
                with(base(good), |r| r.phone = Some("010-12345678".into())),
                vec![fp("phone", ProblemCode::InvalidPhone)],
            ),
            (
                "everything wrong at once, reported in order and once each",
                ReviewRequest {
                    case_no: Some("a b".into()),
                    window_id: None,
                    service_id: None,
                    rating: bad,
                    tags: vec!["x".into(), "y".into(), "501".into(), "502".into()],
                    comment: "差".repeat(600),
                    phone: Some("110".into()),
                },
                vec![
                    fp("case_no", ProblemCode::InvalidCaseNo),
                    fp("tags", ProblemCode::TagUnknown),
                    fp("tags", ProblemCode::TagNotForLevel),
                    fp("comment", ProblemCode::CommentTooLong),
                    fp("phone", ProblemCode::InvalidPhone),
                ],
            ),
            (
                "unknown rating with a bad tag and no target",
                ReviewRequest {
                    tags: vec!["201".into(), "zzz".into()],
                    ..ReviewRequest::default()
                },
                vec![
                    fp("rating", ProblemCode::RatingRequired),
                    fp("target", ProblemCode::TargetRequired),
                    fp("tags", ProblemCode::TagUnknown),
                ],
            ),
        ]
    }

    #[test]
    fn refusals() {
        for (name, req, want) in refusal_table() {
            assert_eq!(validate_review(&req), Err(want), "{name}");
        }
    }

    #[test]
    fn every_validation_code_is_reached() {
        let reached: HashSet<ProblemCode> = refusal_table()
            .into_iter()
            .flat_map(|(_, _, problems)| problems)
            .map(|p| p.code)
            .collect();
        let all: HashSet<ProblemCode> = ALL_CODES.iter().copied().collect();
        assert_eq!(reached, all);
    }

    #[test]
    fn acceptances() {
        let good = Rating::VerySatisfied;
        let cases: Vec<(&str, ReviewRequest)> = vec![
            ("good review with a window only", base(good)),
            (
                "good review without tags or text",
                base(Rating::BasicallySatisfied),
            ),
            (
                "case only",
                ReviewRequest {
                    case_no: Some("320583202405130000127".into()),
                    rating: Rating::Satisfied,
                    ..ReviewRequest::default()
                },
            ),
            (
                "service only",
                ReviewRequest {
                    service_id: Some("svc-01".into()),
                    rating: good,
                    ..ReviewRequest::default()
                },
            ),
            (
                "bad review with a tag",
                with(base(Rating::Dissatisfied), |r| r.tags = vec!["201".into()]),
            ),
            (
                "bad review with text",
                with(base(Rating::VeryDissatisfied), |r| {
                    r.comment = "等了两个小时".into()
                }),
            ),
            (
                "500 Chinese characters",
                with(base(good), |r| r.comment = "好".repeat(500)),
            ),
            (
                "500 characters plus surrounding blanks",
                with(base(good), |r| {
                    r.comment = format!("  {}\n", "好".repeat(500))
                }),
            ),
            (
                "blank phone",
                with(base(good), |r| r.phone = Some("  ".into())),
            ),
            (
                "valid phone",
                with(base(good), |r| r.phone = Some("13800138000".into())),
            ),
        ];
        for (name, req) in cases {
            assert!(
                validate_review(&req).is_ok(),
                "{name}: {:?}",
                validate_review(&req)
            );
        }
    }

    #[test]
    fn normalisation() {
        let req = ReviewRequest {
            case_no: Some("  W2020-0001 ".into()),
            window_id: Some(" A03 ".into()),
            service_id: Some("   ".into()),
            rating: Rating::Dissatisfied,
            tags: vec!["201".into(), " 201".into(), "205".into(), "201 ".into()],
            comment: "\n  窗口人员不在岗  \n".into(),
            phone: Some("+86 138-0013-8000".into()),
        };
        let want = ReviewRequest {
            case_no: Some("W2020-0001".into()),
            window_id: Some("A03".into()),
            service_id: None,
            rating: Rating::Dissatisfied,
            tags: vec!["201".into(), "205".into()],
            comment: "窗口人员不在岗".into(),
            phone: Some("13800138000".into()),
        };
        assert_eq!(validate_review(&req), Ok(want));
        let blank_phone = with(base(Rating::Satisfied), |r| r.phone = Some(String::new()));
        assert_eq!(validate_review(&blank_phone).map(|r| r.phone), Ok(None));
    }

    proptest! {
        #[test]
        fn validate_review_never_panics(
            case_no in proptest::option::of(".{0,80}"),
            window_id in proptest::option::of("\\PC{0,20}"),
            service_id in proptest::option::of(".*"),
            rating in 0usize..6,
            tags in proptest::collection::vec(
                prop_oneof![Just("501".to_string()), Just("213".to_string()), ".{0,6}"], 0..8),
            comment in ".{0,600}",
            phone in proptest::option::of("[+0-9 -]{0,16}|.{0,16}"),
        ) {
            let rating = Rating::ALL.get(rating).copied().unwrap_or(Rating::Unknown);
            let req = ReviewRequest { case_no, window_id, service_id, rating, tags, comment, phone };
            match validate_review(&req) {
                Ok(v) => {
                    prop_assert!(v.comment.chars().count() <= MAX_COMMENT_CHARS);
                    prop_assert!(v.tags.iter().all(|c| tags_for(rating).iter().any(|t| t.code == c)));
                    prop_assert!(v.case_no.is_some() || v.window_id.is_some() || v.service_id.is_some());
                    // Normalising is idempotent.
                    prop_assert_eq!(validate_review(&v), Ok(v.clone()));
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    for p in problems {
                        prop_assert!(ALL_CODES.contains(&p.code), "{}", p.code);
                    }
                }
            }
        }
    }

    // ----- workflow -----

    const ALLOWED: [(ReviewState, ReviewState); 12] = {
        use ReviewState::*;
        [
            (PendingVerification, Verifying),
            (Verifying, Rectifying),
            (Verifying, Explained),
            (Verifying, Appealing),
            (Rectifying, Rectified),
            (Rectifying, Explained),
            (Rectifying, Appealing),
            (Rectified, Revisited),
            (Explained, Revisited),
            (Appealing, AppealUpheld),
            (Appealing, AppealRevoked),
            (AppealUpheld, Rectifying),
        ]
    };

    fn all_states() -> Vec<ReviewState> {
        let mut v = ReviewState::ALL.to_vec();
        v.push(ReviewState::Unknown);
        v
    }

    #[test]
    fn allowed_transitions_are_accepted() {
        for (from, to) in ALLOWED {
            assert!(can_transition(from, to), "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn illegal_transitions_are_refused() {
        use ReviewState::*;
        let table = [
            (Submitted, PendingVerification),
            (Submitted, Verifying),
            (Revisited, Rectifying),
            (Revisited, Appealing),
            (AppealRevoked, Rectifying),
            (AppealRevoked, AppealUpheld),
            (PendingVerification, Rectified),
            (PendingVerification, Appealing),
            (PendingVerification, Submitted),
            (Verifying, Rectified),
            (Verifying, Revisited),
            (Rectified, Appealing),
            (Rectified, Rectifying),
            (Explained, Rectifying),
            (Appealing, Rectifying),
            (AppealUpheld, Rectified),
            (AppealUpheld, Appealing),
            (Rectifying, Verifying),
            (Verifying, Verifying),
            (Submitted, Submitted),
            (Unknown, Verifying),
            (Verifying, Unknown),
            (Unknown, Unknown),
        ];
        for (from, to) in table {
            assert!(!can_transition(from, to), "{from:?} -> {to:?}");
        }
        // Exhaustively: nothing outside the allowed list.
        for from in all_states() {
            for to in all_states() {
                assert_eq!(
                    can_transition(from, to),
                    ALLOWED.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn finality_matches_the_transition_table() {
        use ReviewState::*;
        let finals = [Submitted, Revisited, AppealRevoked];
        for s in ReviewState::ALL {
            let has_exit = all_states().into_iter().any(|to| can_transition(s, to));
            assert_eq!(is_final(s), finals.contains(&s), "{s:?}");
            assert_eq!(is_final(s), !has_exit, "{s:?}");
        }
        assert!(!is_final(Unknown));
        // Every non-final state can still reach a final one; every state is reachable from an
        // initial state.
        let reachable = |start: ReviewState| {
            let mut seen = vec![start];
            let mut i = 0;
            while i < seen.len() {
                for to in all_states() {
                    if can_transition(seen[i], to) && !seen.contains(&to) {
                        seen.push(to);
                    }
                }
                i += 1;
            }
            seen
        };
        for s in ReviewState::ALL {
            assert!(reachable(s).into_iter().any(is_final), "{s:?}");
        }
        let from_initial: HashSet<_> = reachable(PendingVerification)
            .into_iter()
            .chain(reachable(Submitted))
            .collect();
        assert_eq!(
            from_initial,
            ReviewState::ALL.into_iter().collect::<HashSet<_>>()
        );
    }

    #[test]
    fn initial_states() {
        let table = [
            (Rating::VerySatisfied, ReviewState::Submitted),
            (Rating::Satisfied, ReviewState::Submitted),
            (Rating::BasicallySatisfied, ReviewState::Submitted),
            (Rating::Dissatisfied, ReviewState::PendingVerification),
            (Rating::VeryDissatisfied, ReviewState::PendingVerification),
            (Rating::Unknown, ReviewState::Unknown),
        ];
        for (r, s) in table {
            assert_eq!(initial_state(r), s, "{r:?}");
        }
    }

    #[test]
    fn rectified_states() {
        use ReviewState::*;
        let table = [
            (Submitted, false),
            (PendingVerification, false),
            (Verifying, false),
            (Rectifying, false),
            (Rectified, true),
            (Explained, true),
            (Revisited, true),
            (Appealing, false),
            (AppealUpheld, false),
            (AppealRevoked, false),
            (Unknown, false),
        ];
        for (s, want) in table {
            assert_eq!(counts_as_rectified(s), want, "{s:?}");
        }
    }

    // ----- statistics -----

    fn sample() -> Vec<(Rating, ReviewState)> {
        use Rating::*;
        use ReviewState::*;
        let mut rows = vec![(VerySatisfied, Submitted); 4];
        rows.extend([(Satisfied, Submitted); 2]);
        rows.push((BasicallySatisfied, Submitted));
        rows.push((Dissatisfied, Rectified));
        rows.push((Dissatisfied, Verifying));
        rows.push((VeryDissatisfied, Revisited));
        rows
    }

    #[test]
    fn stats_on_a_known_data_set() {
        let s = compute_stats(sample());
        // Quotients of small integers are correctly rounded, so exact comparison is sound.
        let want = StatsFigures {
            total: 10,
            good: 7,
            good_rate: Some(0.7),
            bad: 3,
            bad_rate: Some(0.3),
            bad_rectified: 2,
            rectify_rate: Some(2.0 / 3.0),
            average: Some(3.6), // (4·5 + 2·4 + 3 + 2·2 + 1) / 10
            bad_on_time: 0,
            on_time_rate: None,
        };
        assert_eq!(s, want);
    }

    #[test]
    fn stats_ignore_unknown_ratings_and_revoked_reviews() {
        let mut rows = sample();
        rows.push((Rating::Unknown, ReviewState::Submitted));
        rows.push((Rating::Unknown, ReviewState::Rectified));
        rows.push((Rating::VeryDissatisfied, ReviewState::AppealRevoked));
        assert_eq!(compute_stats(rows), compute_stats(sample()));

        // An upheld appeal keeps the review as an unrectified 差评.
        let s = compute_stats([
            (Rating::Dissatisfied, ReviewState::AppealUpheld),
            (Rating::Satisfied, ReviewState::Submitted),
        ]);
        assert_eq!((s.total, s.bad, s.bad_rectified), (2, 1, 0));
        assert_eq!((s.rectify_rate, s.average), (Some(0.0), Some(3.0)));
    }

    #[test]
    fn stats_with_nothing_to_divide_by() {
        let empty = compute_stats(Vec::new());
        assert_eq!(empty, StatsFigures::default());
        assert_eq!(
            (
                empty.good_rate,
                empty.bad_rate,
                empty.rectify_rate,
                empty.average
            ),
            (None, None, None, None)
        );
        let only_unknown = compute_stats([(Rating::Unknown, ReviewState::Submitted)]);
        assert_eq!(only_unknown, StatsFigures::default());

        let all_good = compute_stats([
            (Rating::VerySatisfied, ReviewState::Submitted),
            (Rating::BasicallySatisfied, ReviewState::Submitted),
        ]);
        assert_eq!(all_good.good_rate, Some(1.0));
        assert_eq!(all_good.bad_rate, Some(0.0));
        assert_eq!(all_good.rectify_rate, None);
        assert_eq!(all_good.average, Some(4.0));
    }

    // ----- deadlines and numbers -----

    #[test]
    fn due_dates_count_working_days() {
        let table = [
            (d(2026, 11, 20), 5, d(2026, 11, 27)),  // Fri + 5 → next Fri
            (d(2026, 11, 21), 1, d(2026, 11, 23)),  // Sat + 1 → Mon
            (d(2026, 11, 23), 15, d(2026, 12, 14)), // Mon + 15 → Mon three weeks on
            (d(2026, 12, 30), 3, d(2027, 1, 4)),    // across the year end
            (d(2026, 11, 22), 0, d(2026, 11, 22)),
        ];
        for (created, n, want) in table {
            assert_eq!(due_date(created, n), want, "{created} + {n}");
        }
    }

    #[test]
    fn check_code_vectors() {
        let table: [(u64, &str); 6] = [
            (0, "222222"),
            (31, "22222Z"),
            (32, "222232"),
            ((1 << 30) - 1, "ZZZZZZ"),
            (1 << 30, "222223"),  // bit 30 folds onto bit 0
            (u64::MAX, "22222H"), // 30 ones ^ 30 ones ^ 0b1111
        ];
        for (r, want) in table {
            assert_eq!(check_code_from(r), want, "{r:#x}");
        }
    }

    #[test]
    fn check_codes_use_the_unambiguous_alphabet() {
        assert_eq!(CHECK_CODE_ALPHABET.len(), 32);
        assert_eq!(CHECK_CODE_ALPHABET.iter().collect::<HashSet<_>>().len(), 32);
        for b in b"01OI" {
            assert!(!CHECK_CODE_ALPHABET.contains(b));
        }
        let mut distinct = HashSet::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let c = check_code_from(x);
            assert_eq!(c.chars().count(), 6, "{c}");
            assert!(c.bytes().all(|b| CHECK_CODE_ALPHABET.contains(&b)), "{c}");
            assert!(!c.contains(['0', 'O', '1', 'I']), "{c}");
            assert_eq!(
                normalize_check_code(&c.to_lowercase()).as_deref(),
                Some(c.as_str())
            );
            distinct.insert(c);
        }
        assert!(distinct.len() > 1990, "{}", distinct.len());
    }

    #[test]
    fn typed_check_codes() {
        assert_eq!(normalize_check_code(" abc23z ").as_deref(), Some("ABC23Z"));
        for bad in [
            "",
            "ABC23",
            "ABC23ZZ",
            "ABC230",
            "ABCO23",
            "ABCI23",
            "ABC12Z",
            "ＡＢＣ２３Ｚ",
        ] {
            assert_eq!(normalize_check_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn review_numbers() {
        let day = d(2026, 11, 22);
        let table = [
            (123, "HC20261122000123"),
            (0, "HC20261122000000"),
            (999_999, "HC20261122999999"),
            (1_000_000, "HC202611221000000"),
            (u32::MAX, "HC202611224294967295"),
        ];
        for (seq, want) in table {
            assert_eq!(review_no(day, seq), want);
            assert_eq!(parse_review_no(want), Some((day, seq)), "{want}");
        }
        assert_eq!(review_no(d(2027, 1, 5), 7), "HC20270105000007");
        assert_eq!(parse_review_no(" hc20261122000123 "), Some((day, 123)));
        for bad in [
            "",
            "HC",
            "HC2026112200012",   // 5-digit sequence
            "HC202611220001234", // 7 digits with a leading zero: not made by review_no
            "HC20261131000123",  // 31 November
            "XX20261122000123",
            "HC2026112200012a",
            "HC202611224294967296", // beyond u32
            "HC20261122+00123",
            "HC２0261122000123",
        ] {
            assert_eq!(parse_review_no(bad), None, "{bad:?}");
        }
    }

    // ----- opening a review -----

    #[test]
    fn check_code_or_phone_tail_opens_a_review() {
        let phone = Some("13812345678");
        assert!(check_opens("K7M2QX", "K7M2QX", None));
        assert!(check_opens(" k7m2qx ", "K7M2QX", None));
        assert!(!check_opens("K7M2QY", "K7M2QX", None));
        assert!(!check_opens("K7M2Q", "K7M2QX", None));
        assert!(check_opens("5678", "K7M2QX", phone));
        assert!(check_opens(" 5678\t", "K7M2QX", phone));
        assert!(check_opens("5678", "K7M2QX", Some("138-1234-5678")));
        assert!(!check_opens("5679", "K7M2QX", phone));
        assert!(!check_opens("5678", "K7M2QX", None));
        assert!(!check_opens("", "K7M2QX", phone));
        assert!(!check_opens("   ", "K7M2QX", phone));
        assert!(!check_opens("45678", "K7M2QX", phone));
        assert!(!check_opens("678", "K7M2QX", Some("678")));
        assert!(!check_opens("5678", "K7M2QX", Some("5 6 7")));
        // A stored code that is not of the printed shape opens nothing by itself.
        assert!(!check_opens("k7m2qx", "k7m2qx", None));
    }

    #[test]
    fn implausible_checks_are_refused_before_a_look_up() {
        assert!(plausible_check("5678"));
        assert!(plausible_check(&format!(
            " {} ",
            "x".repeat(MAX_CHECK_CHARS)
        )));
        assert!(!plausible_check(&"x".repeat(MAX_CHECK_CHARS + 1)));
        assert!(!plausible_check(" \t"));
        let padded = format!("K7M2QX{}", " ".repeat(MAX_CHECK_CHARS));
        assert!(check_opens(&padded, "K7M2QX", None), "trimmed first");
        assert!(!check_opens(
            &"5".repeat(MAX_CHECK_CHARS + 1),
            "K7M2QX",
            Some("5555")
        ));
    }

    #[test]
    fn review_numbers_have_one_spelling() {
        assert_eq!(
            canonical_review_no(" hc20261122000123 ").as_deref(),
            Some("HC20261122000123")
        );
        assert_eq!(
            canonical_review_no("HC20261122000123").as_deref(),
            Some("HC20261122000123")
        );
        assert_eq!(canonical_review_no("HC20261322000123"), None);
        assert_eq!(canonical_review_no("20261122000123"), None);
    }

    // ----- statistics over rows -----

    fn row(
        rating: Rating,
        state: ReviewState,
        w: Option<&str>,
        s: Option<&str>,
        day: &str,
    ) -> StatsRow {
        StatsRow {
            rating,
            state,
            window_id: w.map(str::to_string),
            service_id: s.map(str::to_string),
            day: day.into(),
            ..Default::default()
        }
    }

    #[test]
    fn on_time_counts_handled_bad_reviews_by_their_deadline_and_months_trend() {
        let bad = |state: ReviewState, day: &str, due: &str, handled: Option<&str>, demo: bool| {
            StatsRow {
                rating: Rating::Dissatisfied,
                state,
                day: day.into(),
                due_by: Some(due.into()),
                handled_on: handled.map(String::from),
                demo,
                ..Default::default()
            }
        };
        let rows = vec![
            bad(
                ReviewState::Rectified,
                "2026-10-02",
                "2026-10-13",
                Some("2026-10-13"),
                true,
            ),
            bad(
                ReviewState::Revisited,
                "2026-10-05",
                "2026-10-14",
                Some("2026-10-20"),
                true,
            ),
            bad(
                ReviewState::Rectifying,
                "2026-11-02",
                "2026-11-11",
                None,
                false,
            ),
            // Revoked on appeal: not a 差评 at all.
            bad(
                ReviewState::AppealRevoked,
                "2026-11-03",
                "2026-11-12",
                Some("2026-11-04"),
                false,
            ),
            StatsRow {
                rating: Rating::Satisfied,
                state: ReviewState::Submitted,
                day: "2026-11-04".into(),
                ..Default::default()
            },
        ];
        assert!(handled_on_time(&rows[0]) && !handled_on_time(&rows[1]));
        assert!(!handled_on_time(&rows[2]) && !handled_on_time(&rows[3]));
        let f = row_stats(&rows);
        assert_eq!((f.bad, f.bad_rectified, f.bad_on_time), (3, 2, 1));
        assert_eq!(f.on_time_rate, Some(1.0 / 3.0));
        let q = StatsQuery {
            from: None,
            to: None,
            group_by: StatsGroupBy::Window,
        };
        let s = build_stats(&[], &[], &q, &rows);
        assert_eq!(s.demo_reviews, 2);
        let m: Vec<(&str, u64, u64, Option<f64>)> = s
            .months
            .iter()
            .map(|g| {
                (
                    g.key.as_str(),
                    g.figures.total,
                    g.figures.bad_on_time,
                    g.figures.on_time_rate,
                )
            })
            .collect();
        assert_eq!(
            m,
            vec![("2026-10", 2, 1, Some(0.5)), ("2026-11", 2, 0, Some(0.0))]
        );
        // Merging keeps the on-time counts.
        let both = merge_stats(&s.months[0].figures, &s.months[1].figures);
        assert_eq!((both.bad, both.bad_on_time), (3, 1));
        assert_eq!(both.on_time_rate, Some(1.0 / 3.0));
    }

    fn hall() -> (Vec<Window>, Vec<ServiceItem>) {
        let w = |id: &str, name: &str| Window {
            id: id.into(),
            name: name.into(),
            ..Default::default()
        };
        let s = |id: &str, name: &str| ServiceItem {
            id: id.into(),
            name: name.into(),
            ..Default::default()
        };
        (
            vec![w("w2", "二号窗口"), w("w1", "一号窗口")],
            vec![s("s1", "营业执照"), s("s2", "税务登记")],
        )
    }

    #[test]
    fn groups_follow_the_hall_order_then_unknown_then_none() {
        let (windows, services) = hall();
        let rows = vec![
            row(
                Rating::VerySatisfied,
                ReviewState::Submitted,
                Some("w1"),
                Some("s2"),
                "2026-10-03",
            ),
            row(
                Rating::Dissatisfied,
                ReviewState::Rectified,
                Some("w9"),
                None,
                "2026-11-01",
            ),
            row(
                Rating::Satisfied,
                ReviewState::Submitted,
                None,
                Some("s1"),
                "2026-10-30",
            ),
            row(
                Rating::Satisfied,
                ReviewState::Submitted,
                Some("w2"),
                Some("s1"),
                "2026-11-20",
            ),
        ];
        let q = |g: &str| StatsQuery {
            from: Date::new(2026, 10, 1),
            to: None,
            group_by: StatsGroupBy::parse(g).unwrap_or_default(),
        };
        let by_window = build_stats(&windows, &services, &q("window"), &rows);
        let keys: Vec<(&str, &str)> = by_window
            .groups
            .iter()
            .map(|g| (g.key.as_str(), g.label.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("w2", "二号窗口"),
                ("w1", "一号窗口"),
                ("w9", "w9"),
                ("none", "未指定")
            ]
        );
        assert_eq!(by_window.from.as_deref(), Some("2026-10-01"));
        assert_eq!(by_window.to, None);
        assert_eq!(by_window.group_by, "window");
        assert_eq!(by_window.overall.total, 4);
        assert_eq!(by_window.overall.bad_rectified, 1);
        let by_service = build_stats(&windows, &services, &q("service"), &rows);
        let keys: Vec<&str> = by_service.groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["s1", "s2", "none"]);
        assert_eq!(by_service.groups[0].figures.total, 2);
        let by_month = build_stats(&windows, &services, &q("month"), &rows);
        let keys: Vec<(&str, u64)> = by_month
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.figures.total))
            .collect();
        assert_eq!(keys, [("2026-10", 2), ("2026-11", 2)]);
        let none = build_stats(&windows, &services, &q("month"), &[]);
        assert!(none.groups.is_empty());
        assert_eq!(none.overall, compute_stats(Vec::new()));
    }

    #[test]
    fn merged_figures_are_the_figures_of_the_union() {
        let a = sample();
        let b = vec![
            (Rating::VeryDissatisfied, ReviewState::PendingVerification),
            (Rating::VerySatisfied, ReviewState::Submitted),
        ];
        let merged = merge_stats(&compute_stats(a.clone()), &compute_stats(b.clone()));
        let whole = compute_stats(a.iter().chain(&b).copied());
        assert_eq!(
            (merged.total, merged.good, merged.bad, merged.bad_rectified),
            (whole.total, whole.good, whole.bad, whole.bad_rectified)
        );
        for (m, w) in [
            (merged.good_rate, whole.good_rate),
            (merged.bad_rate, whole.bad_rate),
            (merged.rectify_rate, whole.rectify_rate),
            (merged.average, whole.average),
        ] {
            assert!((m.unwrap() - w.unwrap()).abs() < 1e-12, "{m:?} vs {w:?}");
        }
        let empty = compute_stats(Vec::new());
        assert_eq!(merge_stats(&empty, &empty), empty);
    }

    proptest! {
        #[test]
        fn review_numbers_round_trip(days in -1000i64..40_000, seq in any::<u32>()) {
            let day = Date::from_days(days);
            let no = review_no(day, seq);
            prop_assert_eq!(parse_review_no(&no), Some((day, seq)));
        }

        #[test]
        fn parse_review_no_never_panics(s in "\\PC{0,24}") {
            let _ = parse_review_no(&s);
            let _ = normalize_check_code(&s);
            let _ = validate_case_no(&s);
        }
    }
}
