//! Plain logic of the review screens (no Leptos): the review target from the URL, the draft →
//! request → problems mapping, the comment counter, the idempotency key, tag re-mapping between
//! levels, look-up input checks, time display and the chart rows of the statistics.

use crate::client::outbox::is_local_review_no;
use crate::contract::{FieldProblem, Rating, ReviewRequest, StatsGroup, StatsGroupBy};
use crate::domain::date;
use crate::domain::review::{self, tag, tags_for, MAX_COMMENT_CHARS};
use crate::ui::features::reviews::messages::{problem_msg, ReviewMsg};

/// What a review is about. Only identifiers, never personal data: it travels in the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Case(String),
    Window(String),
    Service(String),
}

/// A window or service id from a URL: 1–32 of `[A-Za-z0-9_-]`.
fn is_ref_id(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Target {
    /// From the query values `case`, `window`, `service` (checked in that order; the first
    /// well-formed one wins).
    pub fn from_query(
        case: Option<&str>,
        window: Option<&str>,
        service: Option<&str>,
    ) -> Option<Target> {
        if let Some(c) = case.and_then(|c| review::validate_case_no(c).ok()) {
            return Some(Target::Case(c));
        }
        let id = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| is_ref_id(v))
                .map(str::to_string)
        };
        id(window)
            .map(Target::Window)
            .or_else(|| id(service).map(Target::Service))
    }

    /// The form's address for this target (ids are URL-safe by construction).
    pub fn form_href(&self) -> String {
        match self {
            Target::Case(c) => format!("/reviews/new?case={c}"),
            Target::Window(w) => format!("/reviews/new?window={w}"),
            Target::Service(s) => format!("/reviews/new?service={s}"),
        }
    }
}

/// The answers on the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub rating: Option<Rating>,
    pub tags: Vec<String>,
    pub comment: String,
    pub phone: String,
}

/// The request the draft stands for (not yet validated).
pub fn build_request(target: Option<&Target>, d: &Draft) -> ReviewRequest {
    let mut req = ReviewRequest {
        rating: d.rating.unwrap_or(Rating::Unknown),
        tags: d.tags.clone(),
        comment: d.comment.clone(),
        phone: Some(d.phone.trim().to_string()).filter(|p| !p.is_empty()),
        ..Default::default()
    };
    match target {
        Some(Target::Case(c)) => req.case_no = Some(c.clone()),
        Some(Target::Window(w)) => req.window_id = Some(w.clone()),
        Some(Target::Service(s)) => req.service_id = Some(s.clone()),
        None => {}
    }
    req
}

/// Where a field's problem is shown on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// About the target (shown at the top of the form).
    Target,
    Rating,
    Tags,
    Comment,
    Phone,
}

impl Slot {
    /// The id of the element the error summary links to.
    pub fn anchor(self) -> &'static str {
        match self {
            Slot::Target => "review-target",
            Slot::Rating => "review-rating-group",
            Slot::Tags => "review-reasons",
            Slot::Comment => "review-comment",
            Slot::Phone => "review-phone",
        }
    }
}

/// The slot of a problem's field (client and server field names).
pub fn slot_of(field: &str) -> Slot {
    match field {
        "rating" => Slot::Rating,
        "tags" => Slot::Tags,
        "comment" => Slot::Comment,
        "phone" => Slot::Phone,
        _ => Slot::Target,
    }
}

/// One message per slot and problem, in form order, without repeats.
pub fn messages(problems: &[FieldProblem]) -> Vec<(Slot, ReviewMsg)> {
    let order = [
        Slot::Target,
        Slot::Rating,
        Slot::Tags,
        Slot::Comment,
        Slot::Phone,
    ];
    let mut out: Vec<(Slot, ReviewMsg)> = Vec::new();
    for slot in order {
        for p in problems.iter().filter(|p| slot_of(&p.field) == slot) {
            let m = (slot, problem_msg(p.code));
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out
}

/// Checks the draft as the server will: the request to send, or the messages to show.
pub fn check(target: Option<&Target>, d: &Draft) -> Result<ReviewRequest, Vec<(Slot, ReviewMsg)>> {
    review::validate_review(&build_request(target, d)).map_err(|p| messages(&p))
}

/// The live counter under the comment: `N/500` (characters, as the server counts them).
pub fn counter(comment: &str) -> String {
    format!("{}/{}", comment.chars().count(), MAX_COMMENT_CHARS)
}

/// Keeps the chosen reasons that exist under the new level (same wording), with that level's
/// codes: switching 不满意 ↔ 非常不满意 keeps them; switching to a good level drops them.
pub fn remap_tags(tags: &[String], to: Rating) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in tags {
        let Some(old) = tag(code) else { continue };
        if let Some(new) = tags_for(to).iter().find(|t| t.zh == old.zh) {
            if !out.iter().any(|c| c == new.code) {
                out.push(new.code.to_string());
            }
        }
    }
    out
}

/// A version-4 UUID from 16 random bytes: the idempotency key (36 chars of `[0-9a-f-]`).
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A fresh idempotency key, made once per form: `crypto.getRandomValues` (available outside
/// secure contexts too), `Math.random` only if that fails.
pub fn new_key() -> String {
    let mut b = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    if !filled {
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(b)
}

/// What is wrong with the look-up inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupProblem {
    BadNumber,
    /// A local outbox number (`Q…`): not on the server yet.
    LocalNumber,
    BadCheck,
}

/// The canonical review number and check value, or what is wrong (number first).
pub fn check_lookup(no: &str, check: &str) -> Result<(String, String), LookupProblem> {
    let no = no.trim();
    let canon = match review::canonical_review_no(no) {
        Some(canon) => canon,
        None if is_local_review_no(no) => return Err(LookupProblem::LocalNumber),
        None => return Err(LookupProblem::BadNumber),
    };
    let check = check.trim();
    let check = if check.len() == 4 && check.bytes().all(|b| b.is_ascii_digit()) {
        check.to_string()
    } else {
        review::normalize_check_code(check).ok_or(LookupProblem::BadCheck)?
    };
    Ok((canon, check))
}

/// An RFC 3339 time shown in China Standard Time as `YYYY-MM-DD HH:MM`; anything unreadable is
/// shown as it came.
pub fn format_time(s: &str) -> String {
    date::rfc3339_to_cst_minute(s).unwrap_or_else(|| s.to_string())
}

/// The statistics grouping from the URL: `window`, `service` or `month` (the default).
pub fn group_by(q: Option<&str>) -> StatsGroupBy {
    q.and_then(|q| StatsGroupBy::parse(q.trim()))
        .unwrap_or_default()
}

/// At most this many bars are drawn for windows and services.
pub const MAX_BARS: usize = 20;

/// The groups to chart: months in time order (the latest [`MAX_BARS`]); windows and services by
/// most reviews first (ties keep the server's order), at most [`MAX_BARS`]. The flag says
/// whether some were left out.
pub fn chart_groups(groups: &[StatsGroup], group_by: StatsGroupBy) -> (Vec<StatsGroup>, bool) {
    let mut v = groups.to_vec();
    let cut = v.len() > MAX_BARS;
    if group_by == StatsGroupBy::Month {
        v.sort_by(|a, b| a.key.cmp(&b.key));
        let skip = v.len().saturating_sub(MAX_BARS);
        return (v.split_off(skip), cut);
    }
    v.sort_by_key(|g| std::cmp::Reverse(g.figures.total));
    v.truncate(MAX_BARS);
    (v, cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{ProblemCode, StatsFigures};

    fn draft(rating: Option<Rating>, tags: &[&str], comment: &str, phone: &str) -> Draft {
        Draft {
            rating,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            comment: comment.into(),
            phone: phone.into(),
        }
    }

    #[test]
    fn targets_from_the_query() {
        assert_eq!(
            Target::from_query(None, Some("A03"), None),
            Some(Target::Window("A03".into()))
        );
        assert_eq!(
            Target::from_query(None, None, Some("S06")),
            Some(Target::Service("S06".into()))
        );
        assert_eq!(
            Target::from_query(Some(" 32050820260923000055 "), Some("A03"), None),
            Some(Target::Case("32050820260923000055".into()))
        );
        // A malformed case falls through to the next well-formed value.
        assert_eq!(
            Target::from_query(Some("x y"), Some("A03"), None),
            Some(Target::Window("A03".into()))
        );
        for bad in ["", " ", "A 03", "<script>", "窗口", &"A".repeat(33)] {
            assert_eq!(
                Target::from_query(None, Some(bad), Some(bad)),
                None,
                "{bad:?}"
            );
        }
        assert_eq!(
            Target::Window("A03".into()).form_href(),
            "/reviews/new?window=A03"
        );
        assert_eq!(
            Target::Case("C-1".into()).form_href(),
            "/reviews/new?case=C-1"
        );
    }

    #[test]
    fn a_good_draft_becomes_a_clean_request() {
        let t = Target::Window("A03".into());
        let req = check(
            Some(&t),
            &draft(
                Some(Rating::Satisfied),
                &["401"],
                "  很好 ",
                " 138-1234-5678 ",
            ),
        )
        .unwrap();
        assert_eq!(req.window_id.as_deref(), Some("A03"));
        assert_eq!((req.case_no, req.service_id), (None, None));
        assert_eq!(req.rating, Rating::Satisfied);
        assert_eq!(req.tags, vec!["401".to_string()]);
        assert_eq!(req.comment, "很好");
        assert_eq!(req.phone.as_deref(), Some("13812345678"));
        // An empty phone is no phone.
        let req = check(Some(&t), &draft(Some(Rating::VerySatisfied), &[], "", "  ")).unwrap();
        assert_eq!(req.phone, None);
    }

    #[test]
    fn problems_map_to_slots_and_messages() {
        let t = Target::Service("S06".into());
        // No level chosen.
        assert_eq!(
            check(Some(&t), &Draft::default()),
            Err(vec![(Slot::Rating, ReviewMsg::ErrRatingRequired)])
        );
        // A 差评 without a reason: reported on the tags, in plain words.
        assert_eq!(
            check(Some(&t), &draft(Some(Rating::Dissatisfied), &[], "   ", "")),
            Err(vec![(Slot::Tags, ReviewMsg::ErrReasonRequired)])
        );
        // Text alone is a reason.
        assert!(check(
            Some(&t),
            &draft(Some(Rating::VeryDissatisfied), &[], "等了两小时", "")
        )
        .is_ok());
        // Several problems, in form order.
        let long = "字".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            check(
                None,
                &draft(Some(Rating::Satisfied), &["201"], &long, "12345")
            ),
            Err(vec![
                (Slot::Target, ReviewMsg::ErrTargetRequired),
                (Slot::Tags, ReviewMsg::ErrTagInvalid),
                (Slot::Comment, ReviewMsg::ErrCommentTooLong),
                (Slot::Phone, ReviewMsg::ErrPhoneInvalid),
            ])
        );
        // Server fields: unknown case and the per-case limit land on the target.
        let server = [
            FieldProblem {
                field: "case_no".into(),
                code: ProblemCode::UnknownCase,
            },
            FieldProblem {
                field: "case_no".into(),
                code: ProblemCode::CaseReviewLimit,
            },
            FieldProblem {
                field: "phone".into(),
                code: ProblemCode::InvalidPhone,
            },
            FieldProblem {
                field: "phone".into(),
                code: ProblemCode::InvalidPhone,
            },
        ];
        assert_eq!(
            messages(&server),
            vec![
                (Slot::Target, ReviewMsg::ErrUnknownCase),
                (Slot::Target, ReviewMsg::ErrCaseLimit),
                (Slot::Phone, ReviewMsg::ErrPhoneInvalid)
            ]
        );
        assert_eq!(Slot::Tags.anchor(), "review-reasons");
        assert_eq!(slot_of("window_id"), Slot::Target);
    }

    #[test]
    fn counter_counts_characters() {
        assert_eq!(counter(""), "0/500");
        assert_eq!(counter("等候时间过长"), "6/500");
        assert_eq!(counter("ab c"), "4/500");
        assert_eq!(counter(&"字".repeat(500)), "500/500");
    }

    #[test]
    fn reasons_follow_the_level() {
        let tags = vec!["201".to_string(), "213".to_string(), "999".to_string()];
        assert_eq!(
            remap_tags(&tags, Rating::VeryDissatisfied),
            vec!["101", "113"]
        );
        assert!(remap_tags(&tags, Rating::Satisfied).is_empty());
        assert_eq!(
            remap_tags(&["503".to_string()], Rating::Satisfied),
            vec!["403"]
        );
        assert!(remap_tags(&["503".to_string()], Rating::BasicallySatisfied).is_empty());
    }

    #[test]
    fn idempotency_keys_are_uuid_v4() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let k = uuid_v4([
            0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
            0xcd, 0xef,
        ]);
        assert_eq!(k, "12345678-9abc-4ef0-8123-456789abcdef");
        // The server accepts 1–64 of [A-Za-z0-9_-].
        assert!(k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }

    #[test]
    fn lookup_inputs() {
        assert_eq!(
            check_lookup(" hc20261122000123 ", " abc23z "),
            Ok(("HC20261122000123".into(), "ABC23Z".into()))
        );
        assert_eq!(
            check_lookup("HC20261122000123", "5678"),
            Ok(("HC20261122000123".into(), "5678".into()))
        );
        assert_eq!(
            check_lookup("HC2026112200012", "ABC23Z"),
            Err(LookupProblem::BadNumber)
        );
        assert_eq!(check_lookup("", ""), Err(LookupProblem::BadNumber));
        assert_eq!(
            check_lookup("Q1A2B3C4D5E6F", "ABC23Z"),
            Err(LookupProblem::LocalNumber)
        );
        for bad in ["", "567", "56789", "ABC230", "ABCDEFG"] {
            assert_eq!(
                check_lookup("HC20261122000123", bad),
                Err(LookupProblem::BadCheck),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn times_are_shown_in_china_time_or_as_they_came() {
        // The conversion itself is domain::date's (tested there); unreadable times stay as sent.
        assert_eq!(format_time("2026-11-22T06:03:05Z"), "2026-11-22 14:03");
        for raw in [
            "",
            "yesterday",
            "2026-11-22",
            "2026-11-22T25:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-22T10:00",
        ] {
            assert_eq!(format_time(raw), raw, "{raw:?}");
        }
    }

    #[test]
    fn stats_grouping_and_chart_rows() {
        assert_eq!(group_by(Some("window")), StatsGroupBy::Window);
        assert_eq!(group_by(Some("service")), StatsGroupBy::Service);
        assert_eq!(group_by(Some("year")), StatsGroupBy::Month);
        assert_eq!(group_by(None), StatsGroupBy::Month);
        let g = |key: &str, total: u64| StatsGroup {
            key: key.into(),
            label: key.into(),
            figures: StatsFigures {
                total,
                ..Default::default()
            },
        };
        let months = [g("2026-11", 3), g("2026-09", 9), g("2026-10", 1)];
        let (v, cut) = chart_groups(&months, StatsGroupBy::Month);
        assert_eq!(
            v.iter().map(|x| x.key.as_str()).collect::<Vec<_>>(),
            ["2026-09", "2026-10", "2026-11"]
        );
        assert!(!cut);
        let many: Vec<_> = (1..=25)
            .rev()
            .map(|i| g(&format!("20{i:02}-01"), 1))
            .collect();
        let (v, cut) = chart_groups(&many, StatsGroupBy::Month);
        assert!(cut);
        assert_eq!(v.len(), MAX_BARS);
        assert_eq!(
            (v[0].key.as_str(), v[MAX_BARS - 1].key.as_str()),
            ("2006-01", "2025-01")
        );
        let windows: Vec<_> = (0..25)
            .map(|i| g(&format!("W{i:02}"), (i % 7) as u64))
            .collect();
        let (v, cut) = chart_groups(&windows, StatsGroupBy::Window);
        assert!(cut);
        assert_eq!(v.len(), MAX_BARS);
        assert_eq!(v[0].key, "W06");
        assert!(v
            .windows(2)
            .all(|p| p[0].figures.total >= p[1].figures.total));
    }
}
