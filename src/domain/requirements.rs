//! Structured requirements of a list entry, derived from its own condition texts.
//!
//! [`derive`] reads each condition of an entry and decides which requirement checks it:
//! "first time" (with its look-back), harm (none / minor), correction (with its deadline), the
//! entry's numeric limit, an exclusion the entry states ("…不适用"), or, for everything else,
//! a yes/no question in the condition's own words. The rule is conservative: a condition is
//! folded into a structured requirement only when its whole text is one of the standard
//! phrasings; anything else is asked as written, so no part of a condition is ever dropped.
//!
//! Used by the server when it builds the catalog, and by an importer of spreadsheets; the
//! self-check derives them itself when an entry arrives without them ([`effective`]).

use crate::contract::{
    ConditionReq, Covered, Deadline, DeadlineUnit, HarmAllowed, LenientEntry, ListKind,
    Requirements,
};

/// The entry's requirements as carried, or derived when absent, not matching its conditions,
/// or carrying a value this client does not know.
pub fn effective(entry: &LenientEntry) -> Requirements {
    match &entry.requirements {
        Some(r)
            if r.conditions.len() == entry.conditions.len()
                && r.conditions
                    .iter()
                    .all(|c| c.covered_by != Covered::Unknown) =>
        {
            r.clone()
        }
        _ => derive(entry),
    }
}

/// Derives the requirements from the condition texts, the kind and the thresholds.
pub fn derive(entry: &LenientEntry) -> Requirements {
    let t = &entry.thresholds;
    let mut req = Requirements {
        no_fault: entry.no_fault_rule.clone(),
        mitigation: entry.kind == ListKind::Mitigated,
        ..Default::default()
    };
    let limit_q = t
        .question_zh
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty());
    let mut limit_used = false;
    let mut parsed_lookback = None;
    let mut parsed_deadline = None;
    for raw in &entry.conditions {
        let c = norm(raw);
        let covered = if let Some(lb) = first_time(c) {
            parsed_lookback = parsed_lookback.or(lb);
            Covered::FirstTime
        } else if let Some(h) = harm(c) {
            req.harm = stricter(req.harm, h);
            Covered::Harm
        } else if let Some(d) = correction(c) {
            parsed_deadline = parsed_deadline.or(d);
            Covered::Correction
        } else if c.ends_with("不适用") && c.chars().count() > 3 {
            Covered::Exclusion
        } else if !limit_used && limit_q.is_some_and(|q| limit_covers(q, c)) {
            limit_used = true;
            Covered::Limit
        } else {
            Covered::Question
        };
        let (question_zh, question_en) = match covered {
            Covered::Question => (condition_question_zh(c), condition_question_en(c)),
            Covered::Exclusion => exclusion_question(c),
            _ => (String::new(), String::new()),
        };
        req.conditions.push(ConditionReq {
            covered_by: covered,
            question_zh,
            question_en,
        });
    }
    let has = |k: Covered| req.conditions.iter().any(|c| c.covered_by == k);
    if has(Covered::FirstTime) {
        req.lookback_months = t.lookback_months.filter(|m| *m > 0).or(parsed_lookback);
    }
    if has(Covered::Correction) {
        req.deadline = parsed_deadline.or(t
            .correction_days
            .filter(|d| *d > 0)
            .map(|d| Deadline::new(d, DeadlineUnit::Days)));
    }
    req
}

fn norm(s: &str) -> &str {
    s.trim().trim_end_matches(['。', '；', ';', '.'])
}

fn stricter(a: HarmAllowed, b: HarmAllowed) -> HarmAllowed {
    use HarmAllowed::*;
    match (a, b) {
        (None, _) | (_, None) => None,
        (Minor, _) | (_, Minor) => Minor,
        _ => Unstated,
    }
}

/// `Some(lookback)` when the condition is exactly a "first time" requirement.
fn first_time(c: &str) -> Option<Option<u32>> {
    const EVER: [&str; 12] = [
        "首次被发现",
        "属于初次违反",
        "属于初次违法",
        "属于首次违法",
        "系首次违法",
        "初次违法",
        "首次违法",
        "首次发生该项税务违法行为",
        "首次发生该项违法行为",
        "首次实施该违法行为",
        "第一次被发现有此类违法行为",
        "第一次违法",
    ];
    if EVER.contains(&c) {
        return Some(None);
    }
    const REST: [&str; 8] = [
        "未因同类违法行为被查处",
        "未因同类事项被查处",
        "未因同类违法行为受到行政处罚",
        "未因同类违法行为被处罚",
        "第一次发生同类违法行为",
        "首次发生该项违法行为",
        "第一次发生该类交通违法",
        "首次发生同类违法行为",
    ];
    let c = c.strip_prefix('近').unwrap_or(c);
    let (months, rest) = period(c)?;
    let rest = rest.strip_prefix('内')?;
    REST.contains(&rest).then_some(Some(months))
}

/// A leading period ("两年", "半年", "12个月", "3年") in months, and the rest.
fn period(c: &str) -> Option<(u32, &str)> {
    for (w, m) in [
        ("两年", 24),
        ("二年", 24),
        ("一年", 12),
        ("半年", 6),
        ("三年", 36),
    ] {
        if let Some(rest) = c.strip_prefix(w) {
            return Some((m, rest));
        }
    }
    let digits: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    let rest = &c[digits.len()..];
    if let Some(r) = rest.strip_prefix("个月") {
        return Some((n, r));
    }
    rest.strip_prefix('年').map(|r| (n.saturating_mul(12), r))
}

fn harm(c: &str) -> Option<HarmAllowed> {
    const NONE: [&str; 4] = [
        "未造成危害后果",
        "没有造成危害后果",
        "未产生危害后果",
        "无危害后果",
    ];
    const MINOR: [&str; 4] = [
        "危害后果轻微",
        "没有造成危害后果或者危害后果轻微",
        "未造成危害后果或者危害后果轻微",
        "危害后果较轻微",
    ];
    if NONE.contains(&c) {
        Some(HarmAllowed::None)
    } else if MINOR.contains(&c) || c.starts_with("危害后果轻微（") {
        Some(HarmAllowed::Minor)
    } else {
        None
    }
}

/// `Some(deadline)` when the condition is exactly a "corrected in time" requirement.
fn correction(c: &str) -> Option<Option<Deadline>> {
    const PLAIN: [&str; 25] = [
        "及时改正",
        "已及时改正",
        "能够及时改正",
        "积极改正",
        "及时纠正",
        "及时整改",
        "发现后及时纠正",
        "被发现后及时主动纠正",
        "在规定期限内改正完毕",
        "在规定期限内整改完毕",
        "在限定期限内整改完毕",
        "在责令限期改正的期限内改正到位",
        "在责令限期改正的期限内改正",
        "自行改正，或者在责令改正期限内改正",
        "立即改正，或者在责令改正期限内改正",
        "立即自行改正，或者在责令期限内改正",
        "立即改正，或者在执法机关限定的期限内改正",
        "在税务机关发现前主动改正，或者在税务机关责令限期改正的期限内改正",
        "在税务机关发现前主动改正，或者在责令限期改正的期限内改正",
        "在公安机关发现前主动改正，或者在责令限期改正的期限内改正",
        "自行改正，或者经责令改正后及时改正",
        "经责令限期改正后按期改正",
        "经责令改正后已改正到位",
        "责令限期改正后及时整改完毕",
        "经责令改正后及时改正",
    ];
    if PLAIN.contains(&c) || c.starts_with("及时改正（") {
        return Some(None);
    }
    // "[自检查发现之日起|经责令改正后|自责令改正之日起|责令改正后]N(日|个工作日|小时|个月)内[按要求](整改|改正)完毕"
    let mut rest = c;
    for p in [
        "自检查发现之日起",
        "经责令改正后",
        "自责令改正之日起",
        "责令改正后",
    ] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    let digits: String = rest.chars().take_while(|ch| ch.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    let rest = &rest[digits.len()..];
    let (unit, rest) = if let Some(r) = rest.strip_prefix("个工作日内") {
        (DeadlineUnit::WorkingDays, r)
    } else if let Some(r) = rest.strip_prefix("日内") {
        (DeadlineUnit::Days, r)
    } else if let Some(r) = rest.strip_prefix("小时内") {
        (DeadlineUnit::Hours, r)
    } else if let Some(r) = rest.strip_prefix("个月内") {
        (DeadlineUnit::Months, r)
    } else {
        return None;
    };
    let d = Deadline::new(n, unit);
    let rest = rest.strip_prefix("按要求").unwrap_or(rest);
    matches!(rest, "整改完毕" | "改正完毕").then_some(Some(d))
}

/// The runs of digits (and decimal points) in a text.
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        if ch.is_ascii_digit() || (ch == '.' && !cur.is_empty()) {
            cur.push(ch);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether the entry's limit question says all of this condition: the condition is one
/// clause (alternatives joined by "或者" allowed), states a limit, and every number of the
/// question appears in it.
fn limit_covers(question: &str, c: &str) -> bool {
    let one_clause = !c.replace("，或者", "或者").contains(['，', '；', ',', ';']);
    let limit_word = ["以下", "以内", "不超过", "未超过", "不足", "之间"]
        .iter()
        .any(|w| c.contains(w));
    let q = numbers(question);
    let have = numbers(c);
    one_clause && limit_word && !q.is_empty() && q.iter().all(|n| have.contains(n))
}

fn exclusion_question(c: &str) -> (String, String) {
    let what = c.trim_end_matches("不适用").trim_end_matches(['，', ',']);
    (
        format!("本条清单规定“{c}”。您的情况是否属于“{what}”？"),
        format!("The list states «{c}» (does not apply). Is your case one of these: «{what}»?"),
    )
}

/// The condition in its own words as a yes/no question (zh-CN).
pub fn condition_question_zh(c: &str) -> String {
    const PREDICATES: [&str; 48] = [
        "已",
        "未",
        "没有",
        "能",
        "属于",
        "不属于",
        "首次",
        "初次",
        "第一次",
        "系",
        "在",
        "经",
        "按",
        "积极",
        "主动",
        "及时",
        "立即",
        "接受",
        "取得",
        "自",
        "被",
        "当场",
        "承诺",
        "书面",
        "如实",
        "仅",
        "有",
        "不存在",
        "不在",
        "违法",
        "危害",
        "尚",
        "发现",
        "检查",
        "次日",
        "此后",
        "对",
        "近",
        "两年",
        "半年",
        "一年",
        "不涉及",
        "不会",
        "对食品",
        "处于",
        "所建",
        "行为人",
        "取土",
    ];
    if PREDICATES.iter().any(|p| c.starts_with(p)) {
        format!("是否{c}？")
    } else {
        format!("您的情况是否符合：{c}？")
    }
}

/// The condition as a yes/no question in English: a translation for common phrasings, else
/// the Chinese words quoted.
pub fn condition_question_en(c: &str) -> String {
    const KNOWN: [(&str, &str); 24] = [
        ("违法情节轻微", "Was the violation minor?"),
        ("违法行为轻微", "Was the violation minor?"),
        (
            "积极配合调查",
            "Did you actively cooperate with the investigation?",
        ),
        (
            "如实陈述违法事实",
            "Did you truthfully state the facts of the violation?",
        ),
        (
            "如实陈述自己的违法行为",
            "Did you truthfully state your violation?",
        ),
        (
            "不属于依法应当从重处罚的情形",
            "Is it not a case the law requires to be punished more heavily?",
        ),
        (
            "能如实说明进货来源",
            "Can you truthfully state where you bought the goods?",
        ),
        ("没有造成严重后果", "Was there no serious consequence?"),
        ("未造成严重后果", "Was there no serious consequence?"),
        (
            "未对劳动者权益造成严重损害",
            "Was no serious harm done to the workers' rights?",
        ),
        (
            "能够当场按规定悬挂",
            "Can you put it up as required on the spot?",
        ),
        ("当场整改到位", "Was it put right on the spot?"),
        ("当场改正到位", "Was it put right on the spot?"),
        ("未引发交通事故", "Was no traffic accident caused?"),
        (
            "经指出后立即改正",
            "Did you correct it as soon as it was pointed out?",
        ),
        ("不属于主观故意", "Was it not intentional?"),
        (
            "未造成危害后果或者不良社会影响",
            "Was there no harm and no adverse public impact?",
        ),
        ("未引发火灾", "Was no fire caused?"),
        (
            "未造成明显扬尘污染",
            "Was there no noticeable dust pollution?",
        ),
        ("已依法取得营业执照", "Do you hold a business licence?"),
        ("属于首次发布", "Is this the first publication?"),
        ("尚处于建设阶段", "Is the project still under construction?"),
        ("不会误导消费者", "Is it unable to mislead consumers?"),
        (
            "对食品安全没有影响",
            "Does it have no effect on food safety?",
        ),
    ];
    match KNOWN.iter().find(|(zh, _)| *zh == c) {
        Some((_, en)) => (*en).to_string(),
        None => format!("Does this condition of the list hold for you: «{c}»?"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Thresholds;

    fn entry(kind: ListKind, conditions: &[&str], t: Thresholds) -> LenientEntry {
        LenientEntry {
            id: "t-1".into(),
            kind,
            conditions: conditions.iter().map(|s| s.to_string()).collect(),
            thresholds: t,
            ..Default::default()
        }
    }

    fn covered(r: &Requirements) -> Vec<Covered> {
        r.conditions.iter().map(|c| c.covered_by).collect()
    }

    #[test]
    fn standard_phrasings_become_structured() {
        let e = entry(
            ListKind::FirstViolation,
            &[
                "两年内未因同类违法行为受到行政处罚",
                "危害后果轻微",
                "及时改正",
            ],
            Thresholds::default(),
        );
        let r = derive(&e);
        assert_eq!(
            covered(&r),
            [Covered::FirstTime, Covered::Harm, Covered::Correction]
        );
        assert_eq!(r.lookback_months, Some(24));
        assert_eq!(r.harm, HarmAllowed::Minor);
        assert_eq!(r.deadline, None);
    }

    #[test]
    fn none_beats_minor_and_deadlines_are_parsed() {
        let e = entry(
            ListKind::Minor,
            &[
                "危害后果轻微",
                "经责令改正后5个工作日内整改完毕",
                "未造成危害后果",
            ],
            Thresholds::default(),
        );
        let r = derive(&e);
        assert_eq!(r.harm, HarmAllowed::None);
        assert_eq!(
            r.deadline,
            Some(Deadline::new(5, DeadlineUnit::WorkingDays))
        );
        let e = entry(
            ListKind::Minor,
            &["及时改正"],
            Thresholds {
                correction_days: Some(10),
                ..Default::default()
            },
        );
        assert_eq!(
            derive(&e).deadline,
            Some(Deadline::new(10, DeadlineUnit::Days))
        );
    }

    #[test]
    fn compound_or_specific_conditions_are_asked_as_written() {
        let e = entry(
            ListKind::Minor,
            &[
                "首次被发现，且违法情节轻微",
                "违法行为和危害后果轻微",
                "当场整改到位",
                "两年内未因同类事项被查处并已缴纳罚款",
            ],
            Thresholds::default(),
        );
        let r = derive(&e);
        assert!(r
            .conditions
            .iter()
            .all(|c| c.covered_by == Covered::Question));
        assert_eq!(
            r.conditions[0].question_zh,
            "是否首次被发现，且违法情节轻微？"
        );
        assert_eq!(r.conditions[2].question_en, "Was it put right on the spot?");
        assert!(r.conditions[3]
            .question_en
            .contains("«两年内未因同类事项被查处并已缴纳罚款»"));
    }

    #[test]
    fn limit_only_covers_a_condition_it_states_whole() {
        let t = Thresholds {
            question_zh: Some("取土、挖砂、采石量是否在200立方米以下？".into()),
            ..Default::default()
        };
        let r = derive(&entry(
            ListKind::Lighter,
            &["取土、挖砂、采石总量在200立方米以下"],
            t.clone(),
        ));
        assert_eq!(covered(&r), [Covered::Limit]);
        // A second clause the question does not state: asked as written.
        let r = derive(&entry(
            ListKind::Lighter,
            &["仅单项污染物超标，超标幅度在200立方米以下"],
            t.clone(),
        ));
        assert_eq!(covered(&r), [Covered::Question]);
        // A number the condition does not contain: not the limit's condition.
        let r = derive(&entry(ListKind::Lighter, &["总量在300立方米以下"], t));
        assert_eq!(covered(&r), [Covered::Question]);
    }

    #[test]
    fn exclusions_are_the_entrys_own() {
        let r = derive(&entry(
            ListKind::FirstViolation,
            &["属于初次违法", "重污染天气预警期间不适用"],
            Thresholds::default(),
        ));
        assert_eq!(covered(&r), [Covered::FirstTime, Covered::Exclusion]);
        assert!(r.conditions[1].question_zh.contains("重污染天气预警期间"));
        // No "…不适用" condition: no exclusion at all.
        let r = derive(&entry(
            ListKind::Minor,
            &["及时改正"],
            Thresholds::default(),
        ));
        assert!(!covered(&r).contains(&Covered::Exclusion));
    }

    #[test]
    fn effective_prefers_carried_requirements_that_fit() {
        let mut e = entry(ListKind::Minor, &["及时改正"], Thresholds::default());
        let mut carried = derive(&e);
        carried.conditions[0].covered_by = Covered::Question;
        e.requirements = Some(carried.clone());
        assert_eq!(effective(&e), carried);
        // Carried for another set of conditions: derived again.
        e.conditions.push("未造成危害后果".into());
        assert_eq!(effective(&e).conditions.len(), 2);
        // A coverage this client does not know (a newer server): derived again.
        let json = r#"{"conditions":[{"covered_by":"zz_unknown","zz_extra":[1]}],"harm":"zz_unknown",
            "deadline":{"amount":3,"unit":"zz_unknown","zz_extra":[1]},"zz_extra":[1]}"#;
        let odd: Requirements = serde_json::from_str(json).expect("unknown values parse");
        assert_eq!(odd.harm, HarmAllowed::None);
        assert_eq!(odd.deadline.map(|d| d.unit), Some(DeadlineUnit::Unknown));
        e.conditions.pop();
        e.requirements = Some(odd);
        assert_eq!(effective(&e).conditions[0].covered_by, Covered::Correction);
    }
}
