//! Tests of the self-check: every entry of the real catalog, every article path, and the
//! regressions of issue 16 by entry id.

use super::*;
use crate::contract::{ConditionReq, Thresholds};
use Fact::*;

const ENTRIES_JSON: &str = include_str!("../../../data/lenient/entries.json");

fn catalog() -> Vec<LenientEntry> {
    let v: Vec<LenientEntry> = serde_json::from_str(ENTRIES_JSON).expect("entries.json parses");
    assert!(v.len() >= 178, "only {} entries", v.len());
    v
}

fn by_id(id: &str) -> LenientEntry {
    catalog()
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

/// Runs a flow answering each question with `answer`; panics on a loop or a repeated fact.
fn run_with(e: &LenientEntry, answer: &dyn Fn(Fact) -> bool) -> (Verdict, SelfCheck) {
    let mut c = SelfCheck::new(e);
    for _ in 0..64 {
        match c.step() {
            Step::Done(v) => return (v, c),
            Step::Ask(f) => {
                assert!(
                    c.answered().iter().all(|(g, _)| *g != f),
                    "{}: asked {f:?} twice",
                    e.id
                );
                c.answer(answer(f));
            }
        }
    }
    panic!("{}: the flow does not end", e.id)
}

/// Run a flow with scripted answers; every question asked must be the next scripted one.
fn run(e: &LenientEntry, script: &[(Fact, bool)]) -> Verdict {
    let mut c = SelfCheck::new(e);
    for (i, &(fact, yes)) in script.iter().enumerate() {
        match c.step() {
            Step::Ask(f) => assert_eq!(f, fact, "{}: question {i}", e.id),
            Step::Done(v) => panic!("{}: done early at {i} with {v:?}", e.id),
        }
        c.answer(yes);
    }
    match c.step() {
        Step::Done(v) => v,
        Step::Ask(f) => panic!("{}: still asking {f:?} after the script", e.id),
    }
}

/// The facts that make up condition `i` of the entry.
fn facts_of(req: &Requirements, i: usize) -> Vec<Fact> {
    match req.conditions[i].covered_by {
        Covered::Exclusion => vec![Excluded(i)],
        Covered::FirstTime => vec![FirstTime],
        Covered::Harm => vec![NoHarm, MinorHarm],
        Covered::Correction => vec![Corrected, WithinDeadline],
        Covered::Limit => vec![Threshold],
        Covered::Question | Covered::Unknown => vec![Condition(i)],
    }
}

/// "Everything holds": no decision, no measure, no exclusion; every other fact yes.
fn all_hold(f: Fact) -> bool {
    !matches!(f, Decided | MeasureTaken | Excluded(_))
}

/// The outcome the entry's own list gives when every condition holds.
fn list_outcome_of(e: &LenientEntry) -> Outcome {
    match e.kind {
        ListKind::Minor => Outcome::NoPenalty,
        ListKind::FirstViolation => Outcome::MayWaive,
        ListKind::NoFault => match e.no_fault_rule.as_ref().map(|r| r.effect) {
            Some(NoFaultEffect::MayLighterOrMitigate) => Outcome::Lighter,
            _ => Outcome::NoFault,
        },
        ListKind::Lighter => Outcome::Lighter,
        ListKind::Mitigated => Outcome::Mitigated,
        ListKind::NoCoercion => Outcome::NoCoercion,
        ListKind::Unknown => Outcome::Penalty,
    }
}

#[test]
fn every_entry_all_conditions_hold_reaches_the_lists_outcome() {
    for e in catalog() {
        assert_eq!(
            requirements::effective(&e).conditions.len(),
            e.conditions.len(),
            "{}",
            e.id
        );
        let (v, c) = run_with(&e, &all_hold);
        assert_eq!(v.outcome, list_outcome_of(&e), "{}: {v:?}", e.id);
        assert!(v.by_list, "{}", e.id);
        assert!(
            c.condition_states().iter().all(|s| *s == CondState::Met),
            "{}: {:?}",
            e.id,
            c.condition_states()
        );
        // The general law is not asked once the list applies.
        for (f, _) in c.answered() {
            assert!(
                !matches!(f, Under18 | NoFault | Mitigating | WithinLimitation),
                "{}: asked {f:?}",
                e.id
            );
        }
    }
}

#[test]
fn every_entry_any_single_condition_failing_never_gives_the_lists_outcome() {
    let mut checked = 0;
    for e in catalog() {
        let req = requirements::effective(&e);
        let favourable = list_outcome_of(&e);
        for i in 0..e.conditions.len() {
            let fail = facts_of(&req, i);
            // (a) everything else yes, the general law included
            let answer = |f: Fact| {
                if fail.contains(&f) {
                    matches!(f, Excluded(_))
                } else {
                    all_hold(f)
                }
            };
            let (v, c) = run_with(&e, &answer);
            assert!(!v.by_list, "{} condition {i}: {v:?}", e.id);
            assert_eq!(
                c.condition_states()[i],
                CondState::Unmet,
                "{} condition {i}",
                e.id
            );
            assert!(
                c.answered().iter().any(|(f, _)| fail.contains(f)),
                "{} condition {i} ({:?}) was never asked",
                e.id,
                e.conditions[i]
            );
            // (b) and with no general-law ground either: a penalty (or coercive measures)
            let answer = |f: Fact| {
                if fail.contains(&f) {
                    matches!(f, Excluded(_))
                } else if matches!(
                    f,
                    Under18
                        | Under14
                        | Incapacity
                        | NoFault
                        | MinorViolation
                        | Mitigating
                        | GraveHarm
                ) {
                    false
                } else {
                    all_hold(f)
                }
            };
            let (v, _) = run_with(&e, &answer);
            assert!(!v.by_list, "{} condition {i}", e.id);
            assert_eq!(v.outcome, Outcome::Penalty, "{} condition {i}: {v:?}", e.id);
            assert_ne!(v.outcome, favourable);
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn every_entry_with_a_correction_tells_the_deadline_instead_of_a_penalty() {
    let mut seen = 0;
    for e in catalog() {
        let req = requirements::effective(&e);
        if !req
            .conditions
            .iter()
            .any(|c| c.covered_by == Covered::Correction)
        {
            continue;
        }
        let (v, _) = run_with(&e, &|f| if f == Corrected { false } else { all_hold(f) });
        assert_eq!(v.outcome, Outcome::PendingCorrection, "{}", e.id);
        assert_eq!(v.deadline, req.deadline, "{}", e.id);
        assert!(v.then.is_some(), "{}", e.id);
        assert!(!v.by_list);
        seen += 1;
    }
    assert!(seen > 60, "{seen}");
}

// --- the article paths, table-driven on a neutral entry -------------------------------------

fn plain(kind: ListKind, conditions: &[&str]) -> LenientEntry {
    LenientEntry {
        id: format!("t-{}", kind.as_str()),
        domain: "market".into(),
        kind,
        title: "未按规定公示年度报告".into(),
        conditions: conditions.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

struct Case {
    name: &'static str,
    entry: LenientEntry,
    script: Vec<(Fact, bool)>,
    outcome: Outcome,
    wording: Wording,
    article: &'static str,
}

#[test]
fn article_paths() {
    let lighter = plain(ListKind::Lighter, &["在责令改正前主动减轻危害后果"]);
    let first = plain(
        ListKind::FirstViolation,
        &["属于初次违法", "危害后果轻微", "及时改正"],
    );
    let override_lighter = LenientEntry {
        no_fault_rule: Some(NoFaultRule {
            effect: NoFaultEffect::MayLighterOrMitigate,
            basis: "《中华人民共和国产品质量法》第五十五条".into(),
            basis_en: "Product Quality Law, art. 55".into(),
        }),
        ..lighter.clone()
    };
    let override_exempt = LenientEntry {
        no_fault_rule: Some(NoFaultRule {
            effect: NoFaultEffect::MayExempt,
            basis: "《中华人民共和国食品安全法》第一百三十六条".into(),
            basis_en: String::new(),
        }),
        ..lighter.clone()
    };
    // The general-law prefix after a failed lighter-list condition.
    let failed = vec![(Decided, false), (Condition(0), false)];
    let adult = |mut v: Vec<(Fact, bool)>| {
        v.extend([
            (WithinLimitation, true),
            (Under18, false),
            (Incapacity, false),
        ]);
        v
    };
    let cat = |a: Vec<(Fact, bool)>, b: &[(Fact, bool)]| {
        let mut a = a;
        a.extend_from_slice(b);
        a
    };
    let cases = vec![
        Case {
            name: "decision exists",
            entry: first.clone(),
            script: vec![(Decided, true)],
            outcome: Outcome::NotApplicable,
            wording: Wording::Decided,
            article: "《中华人民共和国行政处罚法》第七条",
        },
        Case {
            name: "art. 33(1) s2 list",
            entry: first.clone(),
            script: vec![(Decided, false), (FirstTime, true), (NoHarm, false), (MinorHarm, true), (Corrected, true)],
            outcome: Outcome::MayWaive,
            wording: Wording::MayNotPunish,
            article: "《中华人民共和国行政处罚法》第三十三条第一款",
        },
        Case {
            name: "art. 36 two years",
            entry: lighter.clone(),
            script: cat(failed.clone(), &[(WithinLimitation, false), (GraveHarm, false)]),
            outcome: Outcome::NoPenalty,
            wording: Wording::TimeBarred,
            article: "《中华人民共和国行政处罚法》第三十六条",
        },
        Case {
            name: "art. 36 five years",
            entry: lighter.clone(),
            script: cat(failed.clone(), &[(WithinLimitation, false), (GraveHarm, true), (WithinLimitationLong, false)]),
            outcome: Outcome::NoPenalty,
            wording: Wording::TimeBarredLong,
            article: "《中华人民共和国行政处罚法》第三十六条",
        },
        Case {
            name: "art. 36: grave harm found within five years is not barred",
            entry: lighter.clone(),
            script: cat(
                failed.clone(),
                &[
                    (WithinLimitation, false),
                    (GraveHarm, true),
                    (WithinLimitationLong, true),
                    (Under18, false),
                    (Incapacity, false),
                    (NoFault, false),
                    (MinorViolation, false),
                    (Mitigating, false),
                ],
            ),
            outcome: Outcome::Penalty,
            wording: Wording::Penalty,
            article: "《中华人民共和国行政处罚法》第三十四条",
        },
        Case {
            name: "art. 30 under 14",
            entry: lighter.clone(),
            script: cat(failed.clone(), &[(WithinLimitation, true), (Under18, true), (Under14, true)]),
            outcome: Outcome::NoPenalty,
            wording: Wording::UnderFourteen,
            article: "《中华人民共和国行政处罚法》第三十条",
        },
        Case {
            name: "art. 30 14-18",
            entry: lighter.clone(),
            script: cat(
                failed.clone(),
                &[(WithinLimitation, true), (Under18, true), (Under14, false), (Incapacity, false), (NoFault, false), (MinorViolation, false), (Mitigating, false)],
            ),
            outcome: Outcome::Lighter,
            wording: Wording::ShallLighterOrMitigate,
            article: "《中华人民共和国行政处罚法》第三十条",
        },
        Case {
            name: "art. 30 14-18 and art. 32",
            entry: lighter.clone(),
            script: cat(
                failed.clone(),
                &[(WithinLimitation, true), (Under18, true), (Under14, false), (Incapacity, false), (NoFault, false), (MinorViolation, false), (Mitigating, true)],
            ),
            outcome: Outcome::Lighter,
            wording: Wording::ShallLighterOrMitigate,
            article: "《中华人民共和国行政处罚法》第三十条、第三十二条",
        },
        Case {
            name: "art. 31",
            entry: lighter.clone(),
            script: cat(failed.clone(), &[(WithinLimitation, true), (Under18, false), (Incapacity, true)]),
            outcome: Outcome::NoPenalty,
            wording: Wording::Incapacity,
            article: "《中华人民共和国行政处罚法》第三十一条",
        },
        Case {
            name: "art. 33(2) without override",
            entry: lighter.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, true)]),
            outcome: Outcome::NoFault,
            wording: Wording::NoFaultNotPunished,
            article: "《中华人民共和国行政处罚法》第三十三条第二款",
        },
        Case {
            name: "art. 33(2) with a 可以免予处罚 override",
            entry: override_exempt.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, true)]),
            outcome: Outcome::NoFault,
            wording: Wording::MayExempt,
            article: "《中华人民共和国食品安全法》第一百三十六条；《中华人民共和国行政处罚法》第三十三条第二款",
        },
        Case {
            name: "art. 33(2) with a 可以从轻或者减轻 override",
            entry: override_lighter.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, true), (MinorViolation, false), (Mitigating, false)]),
            outcome: Outcome::Lighter,
            wording: Wording::MayLighterOrMitigate,
            article: "《中华人民共和国产品质量法》第五十五条；《中华人民共和国行政处罚法》第三十三条第二款",
        },
        Case {
            name: "art. 32 beats the 可以 of an override",
            entry: override_lighter.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, true), (MinorViolation, false), (Mitigating, true)]),
            outcome: Outcome::Lighter,
            wording: Wording::ShallLighterOrMitigate,
            article: "《中华人民共和国行政处罚法》第三十二条",
        },
        Case {
            name: "art. 33(1) s1 as general law (entry states no exemption of its own)",
            entry: lighter.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, false), (MinorViolation, true), (NoHarm, true), (Corrected, true)]),
            outcome: Outcome::NoPenalty,
            wording: Wording::ShallNotPunish,
            article: "《中华人民共和国行政处罚法》第三十三条第一款",
        },
        Case {
            name: "art. 32 grounds",
            entry: lighter.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, false), (MinorViolation, true), (NoHarm, false), (Mitigating, true)]),
            outcome: Outcome::Lighter,
            wording: Wording::ShallLighterOrMitigate,
            article: "《中华人民共和国行政处罚法》第三十二条",
        },
        Case {
            name: "art. 34 otherwise",
            entry: lighter.clone(),
            script: cat(adult(failed.clone()), &[(NoFault, false), (MinorViolation, false), (Mitigating, false)]),
            outcome: Outcome::Penalty,
            wording: Wording::Penalty,
            article: "《中华人民共和国行政处罚法》第三十四条",
        },
        Case {
            name: "a first-violation entry does not get s1 on top of its own conditions",
            entry: first.clone(),
            script: vec![
                (Decided, false),
                (FirstTime, false),
                (WithinLimitation, true),
                (Under18, false),
                (Incapacity, false),
                (NoFault, false),
                (Mitigating, false),
            ],
            outcome: Outcome::Penalty,
            wording: Wording::Penalty,
            article: "《中华人民共和国行政处罚法》第三十四条",
        },
        Case {
            name: "deadline still running",
            entry: plain(ListKind::Minor, &["经责令改正后5个工作日内整改完毕", "未造成危害后果"]),
            script: vec![(Decided, false), (Corrected, false), (WithinDeadline, true), (NoHarm, true)],
            outcome: Outcome::PendingCorrection,
            wording: Wording::PendingCorrection,
            article: "《中华人民共和国行政处罚法》第三十三条第一款",
        },
        Case {
            name: "deadline passed",
            entry: plain(ListKind::Minor, &["经责令改正后5个工作日内整改完毕", "未造成危害后果"]),
            script: vec![
                (Decided, false),
                (Corrected, false),
                (WithinDeadline, false),
                (WithinLimitation, true),
                (Under18, false),
                (Incapacity, false),
                (NoFault, false),
                (Mitigating, false),
            ],
            outcome: Outcome::Penalty,
            wording: Wording::Penalty,
            article: "《中华人民共和国行政处罚法》第三十四条",
        },
        Case {
            name: "no coercion: a measure already taken",
            entry: plain(ListKind::NoCoercion, &["属于首次发布", "及时改正"]),
            script: vec![(MeasureTaken, true)],
            outcome: Outcome::NotApplicable,
            wording: Wording::MeasureTaken,
            article: "《中华人民共和国行政强制法》第八条",
        },
        Case {
            name: "no coercion",
            entry: plain(ListKind::NoCoercion, &["属于首次发布", "及时改正"]),
            script: vec![(MeasureTaken, false), (Condition(0), true), (Corrected, true)],
            outcome: Outcome::NoCoercion,
            wording: Wording::NoCoercion,
            article: "《中华人民共和国行政强制法》第十六条第二款",
        },
        Case {
            name: "coercion possible",
            entry: plain(ListKind::NoCoercion, &["属于首次发布", "及时改正"]),
            script: vec![(MeasureTaken, false), (Condition(0), false)],
            outcome: Outcome::Penalty,
            wording: Wording::Coercion,
            article: "《中华人民共和国行政强制法》第十六条第一款",
        },
    ];
    let mut seen = std::collections::HashSet::new();
    for case in &cases {
        let v = run(&case.entry, &case.script);
        assert_eq!(v.outcome, case.outcome, "{}", case.name);
        assert_eq!(v.wording, case.wording, "{}", case.name);
        assert_eq!(v.article, case.article, "{}", case.name);
        assert!(!v.article_en.is_empty(), "{}", case.name);
        seen.insert(v.outcome.as_str());
    }
    for o in [
        "no_penalty",
        "may_waive",
        "no_fault",
        "lighter",
        "no_coercion",
        "not_applicable",
        "pending_correction",
        "penalty",
    ] {
        assert!(seen.contains(o), "outcome {o} never reached");
    }
}

#[test]
fn no_fault_always_names_the_statutory_exception() {
    let v = run(
        &plain(ListKind::NoFault, &["能提供系统故障证明"]),
        &[(Decided, false), (Condition(0), true)],
    );
    assert_eq!(v.outcome, Outcome::NoFault);
    assert!(v.notices.contains(&Notice::StatuteOtherwise));
}

#[test]
fn deadline_is_carried_to_the_verdict() {
    let v = run(
        &plain(ListKind::Minor, &["经责令改正后5个工作日内整改完毕"]),
        &[(Decided, false), (Corrected, false), (WithinDeadline, true)],
    );
    assert_eq!(
        v.deadline,
        Some(Deadline::new(5, crate::contract::DeadlineUnit::WorkingDays))
    );
    assert_eq!(v.then, Some(Wording::ShallNotPunish));
}

// --- regressions of issue 16, by entry id -----------------------------------------------

#[test]
fn culture_001_asks_first_time_and_a_repeat_gets_no_exemption() {
    let e = by_id("culture-001");
    let (_, c) = run_with(&e, &all_hold);
    assert!(c.answered().iter().any(|(f, _)| *f == FirstTime));
    // Not the first time, harmless and corrected: not 应当不予处罚 (the entry requires more).
    let (v, _) = run_with(&e, &|f| match f {
        FirstTime => false,
        Under18 | Incapacity | NoFault | Mitigating => false,
        f => all_hold(f),
    });
    assert_eq!(v.outcome, Outcome::Penalty, "{v:?}");
    assert!(!v.by_list);
}

#[test]
fn labor_002_asks_the_two_year_look_back() {
    let e = by_id("labor-002");
    let c = SelfCheck::new(&e);
    assert_eq!(c.lookback_months(), Some(24));
    let (_, c) = run_with(&e, &all_hold);
    assert!(c.answered().iter().any(|(f, _)| *f == FirstTime));
}

#[test]
fn agriculture_001_minor_harm_is_not_enough() {
    let e = by_id("agriculture-001");
    let (v, c) = run_with(&e, &|f| match f {
        NoHarm => false,
        MinorHarm => true,
        Under18 | Incapacity | NoFault | Mitigating => false,
        f => all_hold(f),
    });
    assert_ne!(v.outcome, Outcome::MayWaive, "{v:?}");
    assert_eq!(v.outcome, Outcome::Penalty);
    // minor harm is never even asked: the entry requires no harm
    assert!(c.answered().iter().all(|(f, _)| *f != MinorHarm));
}

#[test]
fn water_009_asks_its_limit() {
    let e = by_id("water-009");
    let (v, c) = run_with(&e, &all_hold);
    assert!(c.answered().contains(&(Threshold, true)));
    assert_eq!(v.outcome, Outcome::Lighter);
    let (v, _) = run_with(&e, &|f| match f {
        Threshold => false,
        Under18 | Incapacity | NoFault | MinorViolation | Mitigating => false,
        f => all_hold(f),
    });
    assert_eq!(v.outcome, Outcome::Penalty);
}

#[test]
fn police_012_and_013_reach_lighter_by_their_own_conditions() {
    for id in ["police-012", "police-013"] {
        let (v, _) = run_with(&by_id(id), &all_hold);
        assert_eq!(v.outcome, Outcome::Lighter, "{id}");
        assert!(v.by_list, "{id}");
    }
    // police-012 failing its age condition still meets art. 30 in the general law.
    let v = run(
        &by_id("police-012"),
        &[
            (Decided, false),
            (Condition(0), false),
            (WithinLimitation, true),
            (Under18, true),
            (Under14, false),
            (Incapacity, false),
            (NoFault, false),
            (MinorViolation, false),
            (Mitigating, false),
        ],
    );
    assert_eq!(v.outcome, Outcome::Lighter);
    assert_eq!(v.article, "《中华人民共和国行政处罚法》第三十条");
}

#[test]
fn fire_001_has_no_generic_exclusion_question() {
    for id in ["fire-001", "safety-001", "market-004"] {
        let e = by_id(id);
        let (v, c) = run_with(&e, &all_hold);
        assert!(v.by_list, "{id}");
        assert!(
            c.answered().iter().all(|(f, _)| !matches!(f, Excluded(_))),
            "{id}"
        );
    }
}

#[test]
fn an_exclusion_goes_on_to_the_general_law() {
    let e = by_id("ecology-002");
    let req = requirements::effective(&e);
    let i = req
        .conditions
        .iter()
        .position(|c| c.covered_by == Covered::Exclusion)
        .expect("ecology-002 states an exclusion");
    let (v, c) = run_with(&e, &|f| match f {
        Excluded(_) => true,
        Under18 | Incapacity => false,
        f => all_hold(f),
    });
    assert!(c.answered().contains(&(Excluded(i), true)));
    assert!(c.answered().iter().any(|(f, _)| *f == NoFault));
    assert_eq!(v.outcome, Outcome::NoFault);
}

#[test]
fn market_020_no_fault_gives_only_lighter_or_mitigated() {
    let e = by_id("market-020");
    let (v, _) = run_with(&e, &all_hold);
    assert_eq!(v.outcome, Outcome::Lighter);
    assert_eq!(v.wording, Wording::MayLighterOrMitigate);
    assert!(v.article.contains("产品质量法"), "{}", v.article);
    // failing a condition, then proving no fault in general: still not 不予处罚
    let (v, _) = run_with(&e, &|f| match f {
        Condition(1) => false,
        Under18 | Incapacity | MinorViolation | Mitigating => false,
        f => all_hold(f),
    });
    assert_ne!(v.outcome, Outcome::NoFault);
    assert_eq!(v.wording, Wording::MayLighterOrMitigate);
}

#[test]
fn market_022_no_fault_may_be_exempted() {
    let e = by_id("market-022");
    let (v, _) = run_with(&e, &all_hold);
    assert_eq!(v.outcome, Outcome::NoFault);
    assert_eq!(v.wording, Wording::MayExempt);
    assert!(v.article.contains("食品安全法"), "{}", v.article);
    assert!(v.notices.contains(&Notice::StatuteOtherwise));
}

#[test]
fn no_coercion_entries_end_in_no_coercion_without_a_penalty_waiver() {
    let ids: Vec<LenientEntry> = catalog()
        .into_iter()
        .filter(|e| e.kind == ListKind::NoCoercion)
        .collect();
    assert!(ids.len() >= 7);
    for e in ids {
        let c = SelfCheck::new(&e);
        assert_eq!(c.step(), Step::Ask(MeasureTaken), "{}", e.id);
        let (v, c) = run_with(&e, &all_hold);
        assert_eq!(v.outcome, Outcome::NoCoercion, "{}", e.id);
        assert!(v.notices.contains(&Notice::NotAPenaltyWaiver));
        assert!(!v.notices.contains(&Notice::ExemptNotExcused));
        // no correction unless the entry has one
        let req = requirements::effective(&e);
        let has_correction = req
            .conditions
            .iter()
            .any(|c| c.covered_by == Covered::Correction);
        assert_eq!(
            c.answered().iter().any(|(f, _)| *f == Corrected),
            has_correction,
            "{}",
            e.id
        );
        assert!(c.answered().iter().all(|(f, _)| *f != Decided));
    }
    // market-004 has no correction condition at all
    let (_, c) = run_with(&by_id("market-004"), &all_hold);
    assert!(c.answered().iter().all(|(f, _)| *f != Corrected));
}

#[test]
fn tax_first_violation_accepts_no_harm_as_minor() {
    let v = run(
        &by_id("tax-001"),
        &[
            (Decided, false),
            (FirstTime, true),
            (NoHarm, true),
            (Corrected, true),
        ],
    );
    assert_eq!(v.outcome, Outcome::MayWaive);
    assert_eq!(
        v.next,
        vec![NextStep::SignCommitment, NextStep::KeepEvidence]
    );
}

#[test]
fn minor_list_with_minor_harm_gives_only_the_second_sentence() {
    // culture-008 allows 没有造成危害后果或者危害后果轻微; minor harm cannot be 应当不予 (s1).
    let v = run_with(&by_id("culture-008"), &|f| {
        if f == NoHarm {
            false
        } else {
            all_hold(f)
        }
    })
    .0;
    assert_eq!(v.outcome, Outcome::MayWaive);
    assert_eq!(v.article, "《中华人民共和国行政处罚法》第三十三条第一款");
}

// --- flow mechanics ---------------------------------------------------------------------

#[test]
fn back_restores_the_previous_question() {
    let e = by_id("tax-001");
    let mut c = SelfCheck::new(&e);
    assert!(!c.back());
    c.answer(false); // decided
    assert_eq!(c.step(), Step::Ask(FirstTime));
    c.answer(true);
    assert_eq!(c.step(), Step::Ask(NoHarm));
    assert!(c.back());
    assert_eq!(c.step(), Step::Ask(FirstTime));
    while c.back() {}
    assert_eq!(c.step(), Step::Ask(Decided));
    assert!(c.answered().is_empty());
}

/// Every answer sequence of a few entries: progress is monotonic, never asks a fact twice, ends.
#[test]
fn progress_is_monotonic_on_every_path() {
    fn walk(c: &mut SelfCheck, last: (usize, usize), paths: &mut usize) {
        let (done, total) = c.progress();
        assert_eq!(done, c.answered().len());
        assert!(
            total <= last.1,
            "upper bound grew: {last:?} → {:?}",
            (done, total)
        );
        match c.step() {
            Step::Done(_) => {
                assert_eq!(done, total);
                *paths += 1;
            }
            Step::Ask(f) => {
                assert!(done < total);
                assert!(
                    c.answered().iter().all(|(g, _)| *g != f),
                    "asked {f:?} twice"
                );
                for yes in [true, false] {
                    c.answer(yes);
                    walk(c, (done, total), paths);
                    assert!(c.back());
                }
            }
        }
    }
    for id in [
        "tax-001",
        "culture-008",
        "market-002",
        "water-009",
        "market-020",
        "ecology-002",
    ] {
        let mut c = SelfCheck::new(&by_id(id));
        let mut paths = 0;
        walk(&mut c, (0, usize::MAX), &mut paths);
        assert!(paths >= 3, "{id}");
    }
}

#[test]
fn condition_states_tick_off_as_answered() {
    let e = by_id("agriculture-001");
    let mut c = SelfCheck::new(&e);
    assert!(c.condition_states().iter().all(|s| *s == CondState::Open));
    c.answer(false); // decided
    c.answer(true); // first time (condition 0)
    assert_eq!(c.condition_states()[0], CondState::Met);
    assert_eq!(c.condition_states()[1], CondState::Open);
    c.answer(false); // 违法情节轻微 (condition 1)
    assert_eq!(c.condition_states()[1], CondState::Unmet);
}

#[test]
fn names_match_the_test_hooks() {
    assert_eq!(Condition(3).as_str(), "condition");
    assert_eq!(Condition(3).condition(), Some(3));
    assert_eq!(Excluded(1).as_str(), "excluded");
    assert_eq!(Under18.as_str(), "age");
    assert_eq!(NoHarm.condition(), None);
    assert_eq!(Outcome::NoCoercion.as_str(), "no_coercion");
    assert_eq!(Outcome::MayWaive.as_str(), "may_waive");
    assert_eq!(Outcome::NotApplicable.as_str(), "not_applicable");
}

#[test]
fn carried_requirements_are_used() {
    // An importer may carry its own requirements: a condition turned into a plain question.
    let mut e = plain(ListKind::Minor, &["及时改正"]);
    e.requirements = Some(Requirements {
        conditions: vec![ConditionReq {
            covered_by: Covered::Question,
            question_zh: "是否及时改正？".into(),
            question_en: "Corrected in time?".into(),
        }],
        ..Default::default()
    });
    let c = SelfCheck::new(&e);
    let mut c2 = c.clone();
    c2.answer(false);
    assert_eq!(c2.step(), Step::Ask(Condition(0)));
    let _ = Thresholds::default();
}

#[test]
fn progress_bound_is_cheap_for_every_entry() {
    // progress() explores every remaining path on each screen: keep it bounded for the kiosk.
    let mut worst = (std::time::Duration::ZERO, String::new(), 0);
    for e in catalog() {
        let c = SelfCheck::new(&e);
        let t = std::time::Instant::now();
        let (_, total) = c.progress();
        let took = t.elapsed();
        assert!((2..=40).contains(&total), "{}: {total}", e.id);
        if took > worst.0 {
            worst = (took, e.id.clone(), total);
        }
    }
    println!("slowest progress(): {worst:?}");
    assert!(worst.0 < std::time::Duration::from_millis(200), "{worst:?}");
}

/// A newer server may add fields and enum values (the fault proxy's `unknown_enums`): entries
/// with requirements still parse, and the check still runs on what this client understands.
#[test]
fn requirements_on_the_wire_tolerate_unknown_fields_and_values() {
    fn rewrite(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, val) in o.iter_mut() {
                    if ["kind", "covered_by", "unit", "harm", "effect"].contains(&k.as_str())
                        && val.is_string()
                    {
                        *val = serde_json::Value::String("zz_unknown".into());
                    } else {
                        rewrite(val);
                    }
                }
                o.insert("zz_extra".into(), serde_json::json!([1, 2, 3]));
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(rewrite),
            _ => {}
        }
    }
    let entries: Vec<LenientEntry> = catalog()
        .into_iter()
        .map(|mut e| {
            e.requirements = Some(requirements::derive(&e));
            e
        })
        .collect();
    assert!(entries.iter().any(|e| e
        .requirements
        .as_ref()
        .is_some_and(|r| r.deadline.is_some())));
    let mut v = serde_json::to_value(&entries).expect("serializes");
    rewrite(&mut v);
    let back: Vec<LenientEntry> = serde_json::from_value(v).expect("still parses");
    for e in back {
        assert_eq!(e.kind, ListKind::Unknown);
        let (v, _) = run_with(&e, &|f| {
            if f == Decided {
                false
            } else {
                all_hold(f) && f != Mitigating
            }
        });
        assert!(
            !v.by_list,
            "{}: an unknown kind gives no list outcome",
            e.id
        );
    }
}
