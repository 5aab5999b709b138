//! The eligibility self-check (domain.md §1.7): a short series of yes/no questions about one
//! list entry that ends in a caveated outcome. The rules live here; the view only renders
//! [`SelfCheck::step`] and feeds [`SelfCheck::answer`].
//!
//! Every question is a [`Fact`] and "yes" always means the fact holds. The order is fixed:
//! decided → excluded → first_time (first-violation lists) → no_harm (→ minor_harm) →
//! corrected → threshold (when the entry has one) → no_fault → mitigating. A question is
//! asked only while its answer can still change the outcome, so most flows are short.
//!
//! Outcomes by list kind (行政处罚法 arts. 32-33, 行政强制法 art. 16):
//! - any kind: a penalty decision exists → not applicable (复议/诉讼, art. 7); an exclusion
//!   applies → not applicable.
//! - `minor`: no harm ∧ corrected ∧ threshold → no penalty (art. 33 ¶1 s1, "应当不予"); minor
//!   harm ∧ first time ∧ corrected ∧ threshold → may waive (art. 33 ¶1 s2).
//! - `first_violation`: first time ∧ (no or minor harm) ∧ corrected ∧ threshold → may waive.
//! - otherwise (and for `no_fault`, `lighter`, `mitigated`): no fault → no penalty (art. 33 ¶2);
//!   an art. 32 fact → mitigated (`mitigated` entries whose threshold is met) or lighter;
//!   else penalty within the discretion standard (art. 34).
//! - `no_coercion`: (no or minor harm) ∧ corrected ∧ threshold → no coercive measures
//!   (行政强制法 art. 16 ¶2), else coercive measures may be taken (art. 16 ¶1).
//! - an unknown kind is treated like `minor` (art. 33 applies to every violation).

use crate::contract::{LenientEntry, ListKind};

/// A fact the self-check asks about; "yes" means it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// A penalty decision already exists.
    Decided,
    /// An exclusion applies: food/drug/special equipment/public safety/life-health, intent, fraud.
    Excluded,
    /// No same-kind violation within the entry's look-back period (or ever).
    FirstTime,
    /// No harmful consequence.
    NoHarm,
    /// The harm is minor.
    MinorHarm,
    /// Corrected before discovery or within the ordered deadline.
    Corrected,
    /// Evidence sufficient to prove no subjective fault.
    NoFault,
    /// The entry's own quantitative limits are met.
    Threshold,
    /// An art. 32 fact: eliminated/reduced harm, coerced/deceived, confessed an unknown
    /// violation, meritorious service.
    Mitigating,
}

impl Fact {
    pub const ALL: [Fact; 9] = [
        Fact::Decided,
        Fact::Excluded,
        Fact::FirstTime,
        Fact::NoHarm,
        Fact::MinorHarm,
        Fact::Corrected,
        Fact::NoFault,
        Fact::Threshold,
        Fact::Mitigating,
    ];

    /// The `data-question` value (design.md "Stable test hooks").
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::Decided => "decided",
            Fact::Excluded => "excluded",
            Fact::FirstTime => "first_time",
            Fact::NoHarm => "no_harm",
            Fact::MinorHarm => "minor_harm",
            Fact::Corrected => "corrected",
            Fact::NoFault => "no_fault",
            Fact::Threshold => "threshold",
            Fact::Mitigating => "mitigating",
        }
    }
}

/// The result of the self-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 轻微不罚: shall not be punished (art. 33 ¶1 s1), or for `no_coercion` entries: no
    /// coercive measures (行政强制法 art. 16 ¶2).
    NoPenalty,
    /// 首违不罚: may be exempted (art. 33 ¶1 s2).
    MayWaive,
    /// 无过错不罚 (art. 33 ¶2).
    NoFault,
    /// 减轻 (art. 32).
    Mitigated,
    /// 从轻 (art. 32).
    Lighter,
    /// The list does not apply (decision exists, or an exclusion).
    NotApplicable,
    /// 依法处罚.
    Penalty,
}

impl Outcome {
    /// The `data-outcome` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NoPenalty => "no_penalty",
            Outcome::MayWaive => "may_waive",
            Outcome::NoFault => "no_fault",
            Outcome::Mitigated => "mitigated",
            Outcome::Lighter => "lighter",
            Outcome::NotApplicable => "not_applicable",
            Outcome::Penalty => "penalty",
        }
    }
}

/// What the user should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// 请在期限内改正 (免罚不免责).
    CorrectWithinDeadline,
    /// 签订承诺书.
    SignCommitment,
    /// Keep evidence of the correction / of no fault.
    KeepEvidence,
    /// Ask the enforcing authority.
    ContactAuthority,
    /// 申请行政复议或者提起行政诉讼.
    ReviewOrLitigation,
    /// Cooperate with the investigation (state mitigating facts in the 陈述申辩).
    CooperateWithInvestigation,
}

/// The end of the self-check.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// The legal basis, zh-CN.
    pub article: &'static str,
    pub article_en: &'static str,
    pub next: Vec<NextStep>,
    /// The answers that decided the outcome, in question order.
    pub decisive: Vec<Fact>,
}

/// Either the next question or the verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Ask(Fact),
    Done(Verdict),
}

struct Basis {
    zh: &'static str,
    en: &'static str,
}

const ART_7: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第七条",
    en: "Administrative Penalty Law, art. 7 (statement, defence, review and litigation)",
};
const ART_5_2: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第五条第二款",
    en: "Administrative Penalty Law, art. 5(2) (penalty proportionate to the facts and harm)",
};
const ART_33_1_S1: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十三条第一款",
    en: "Administrative Penalty Law, art. 33(1), first sentence (minor violation: shall not be punished)",
};
const ART_33_1_S2: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十三条第一款",
    en:
        "Administrative Penalty Law, art. 33(1), second sentence (first violation: may be exempted)",
};
const ART_33_2: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十三条第二款",
    en: "Administrative Penalty Law, art. 33(2) (no subjective fault)",
};
const ART_32: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十二条",
    en: "Administrative Penalty Law, art. 32 (lighter or mitigated penalty)",
};
const ART_34: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十四条",
    en: "Administrative Penalty Law, art. 34 (penalty under the published discretion standard)",
};
const ACE_16_2: Basis = Basis {
    zh: "《中华人民共和国行政强制法》第十六条第二款",
    en: "Administrative Coercion Law, art. 16(2) (coercive measures may be withheld)",
};
const ACE_16_1: Basis = Basis {
    zh: "《中华人民共和国行政强制法》第十六条第一款",
    en: "Administrative Coercion Law, art. 16(1) (coercive measures under law)",
};

/// The flow's view of one entry.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Flow {
    kind: ListKind,
    has_threshold: bool,
}

/// The self-check for one entry: its kind and limits, and the answers so far.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfCheck {
    flow: Flow,
    lookback_months: Option<u32>,
    answers: Vec<(Fact, bool)>,
}

impl SelfCheck {
    pub fn new(entry: &LenientEntry) -> SelfCheck {
        let has_threshold = entry
            .thresholds
            .question_zh
            .as_deref()
            .is_some_and(|q| !q.trim().is_empty());
        SelfCheck {
            flow: Flow {
                kind: entry.kind,
                has_threshold,
            },
            lookback_months: entry.thresholds.lookback_months,
            answers: Vec::new(),
        }
    }

    /// The next question, or the verdict.
    pub fn step(&self) -> Step {
        evaluate(self.flow, &self.answers)
    }

    /// Answer the current question; no-op when the check is done.
    pub fn answer(&mut self, yes: bool) {
        if let Step::Ask(fact) = self.step() {
            self.answers.push((fact, yes));
        }
    }

    /// Undo the last answer; `false` at the start.
    pub fn back(&mut self) -> bool {
        self.answers.pop().is_some()
    }

    pub fn answered(&self) -> &[(Fact, bool)] {
        &self.answers
    }

    /// `(answered, upper bound)`: the bound is the answers so far plus the longest flow that
    /// can still follow, so it never grows and equals `answered` once done.
    pub fn progress(&self) -> (usize, usize) {
        let mut scratch = self.answers.clone();
        let remaining = longest_remaining(self.flow, &mut scratch);
        (self.answers.len(), self.answers.len() + remaining)
    }

    /// The "first time" look-back period in months; `None` = ever.
    pub fn lookback_months(&self) -> Option<u32> {
        self.lookback_months
    }

    /// Whether the entry asks its own `threshold` question.
    pub fn has_threshold(&self) -> bool {
        self.flow.has_threshold
    }
}

fn longest_remaining(flow: Flow, answers: &mut Vec<(Fact, bool)>) -> usize {
    match evaluate(flow, answers) {
        Step::Done(_) => 0,
        Step::Ask(fact) => {
            let mut best = 0;
            for yes in [true, false] {
                answers.push((fact, yes));
                best = best.max(longest_remaining(flow, answers));
                answers.pop();
            }
            1 + best
        }
    }
}

/// The answer given for a fact so far.
fn get(answers: &[(Fact, bool)], fact: Fact) -> Option<bool> {
    answers.iter().find(|(f, _)| *f == fact).map(|(_, v)| *v)
}

fn verdict(outcome: Outcome, basis: Basis, next: Vec<NextStep>, decisive: Vec<Fact>) -> Step {
    Step::Done(Verdict {
        outcome,
        article: basis.zh,
        article_en: basis.en,
        next,
        decisive,
    })
}

/// A favourable outcome still pending the threshold: outcome, basis, decisive facts.
type Candidate = (Outcome, Basis, Vec<Fact>);

/// The whole rule set: the next question for these answers, or the verdict.
fn evaluate(flow: Flow, a: &[(Fact, bool)]) -> Step {
    // Ask `fact` unless already answered.
    macro_rules! ask {
        ($fact:expr) => {
            match get(a, $fact) {
                Some(v) => v,
                None => return Step::Ask($fact),
            }
        };
    }
    use NextStep::*;

    if ask!(Fact::Decided) {
        return verdict(
            Outcome::NotApplicable,
            ART_7,
            vec![ReviewOrLitigation],
            vec![Fact::Decided],
        );
    }
    if ask!(Fact::Excluded) {
        return verdict(
            Outcome::NotApplicable,
            ART_5_2,
            vec![CorrectWithinDeadline, ContactAuthority],
            vec![Fact::Excluded],
        );
    }

    // The list's own favourable outcome, if the answers so far allow it; otherwise the fact
    // that blocked it.
    let (candidate, blocker): (Option<Candidate>, Option<Fact>) = match flow.kind {
        ListKind::NoCoercion => {
            let harm = if ask!(Fact::NoHarm) {
                Fact::NoHarm
            } else if ask!(Fact::MinorHarm) {
                Fact::MinorHarm
            } else {
                return verdict(
                    Outcome::Penalty,
                    ACE_16_1,
                    vec![CorrectWithinDeadline, CooperateWithInvestigation],
                    vec![Fact::MinorHarm],
                );
            };
            if !ask!(Fact::Corrected) {
                return verdict(
                    Outcome::Penalty,
                    ACE_16_1,
                    vec![CorrectWithinDeadline, CooperateWithInvestigation],
                    vec![Fact::Corrected],
                );
            }
            let mut decisive = vec![harm, Fact::Corrected];
            if flow.has_threshold {
                if !ask!(Fact::Threshold) {
                    return verdict(
                        Outcome::Penalty,
                        ACE_16_1,
                        vec![CooperateWithInvestigation],
                        vec![Fact::Threshold],
                    );
                }
                decisive.push(Fact::Threshold);
            }
            return verdict(
                Outcome::NoPenalty,
                ACE_16_2,
                vec![KeepEvidence, CooperateWithInvestigation],
                decisive,
            );
        }
        ListKind::FirstViolation => {
            if !ask!(Fact::FirstTime) {
                (None, Some(Fact::FirstTime))
            } else {
                let harm = if ask!(Fact::NoHarm) {
                    Some(Fact::NoHarm)
                } else if ask!(Fact::MinorHarm) {
                    Some(Fact::MinorHarm)
                } else {
                    None
                };
                match harm {
                    None => (None, Some(Fact::MinorHarm)),
                    Some(h) => {
                        if ask!(Fact::Corrected) {
                            (
                                Some((
                                    Outcome::MayWaive,
                                    ART_33_1_S2,
                                    vec![Fact::FirstTime, h, Fact::Corrected],
                                )),
                                None,
                            )
                        } else {
                            (None, Some(Fact::Corrected))
                        }
                    }
                }
            }
        }
        ListKind::Minor | ListKind::Unknown => {
            if ask!(Fact::NoHarm) {
                if ask!(Fact::Corrected) {
                    (
                        Some((
                            Outcome::NoPenalty,
                            ART_33_1_S1,
                            vec![Fact::NoHarm, Fact::Corrected],
                        )),
                        None,
                    )
                } else {
                    (None, Some(Fact::Corrected))
                }
            } else if !ask!(Fact::MinorHarm) {
                (None, Some(Fact::MinorHarm))
            } else if !ask!(Fact::FirstTime) {
                (None, Some(Fact::FirstTime))
            } else if ask!(Fact::Corrected) {
                (
                    Some((
                        Outcome::MayWaive,
                        ART_33_1_S2,
                        vec![Fact::MinorHarm, Fact::FirstTime, Fact::Corrected],
                    )),
                    None,
                )
            } else {
                (None, Some(Fact::Corrected))
            }
        }
        ListKind::NoFault | ListKind::Lighter | ListKind::Mitigated => (None, None),
    };

    // The entry's own limits: asked only when they can still change the outcome.
    let mut threshold_met = true;
    let mut blocker = blocker;
    if flow.has_threshold && (candidate.is_some() || flow.kind == ListKind::Mitigated) {
        threshold_met = ask!(Fact::Threshold);
    }
    if let Some((outcome, basis, mut decisive)) = candidate {
        if threshold_met {
            if flow.has_threshold {
                decisive.push(Fact::Threshold);
            }
            let next = match outcome {
                Outcome::MayWaive => vec![SignCommitment, KeepEvidence],
                _ => vec![KeepEvidence],
            };
            return verdict(outcome, basis, next, decisive);
        }
        blocker = Some(Fact::Threshold);
    }

    // No list outcome: art. 33 ¶2, then art. 32, else a penalty.
    let corrected = get(a, Fact::Corrected) == Some(true);
    let with_correction = |mut steps: Vec<NextStep>| {
        if !corrected {
            steps.insert(0, CorrectWithinDeadline);
        }
        steps
    };
    if ask!(Fact::NoFault) {
        return verdict(
            Outcome::NoFault,
            ART_33_2,
            with_correction(vec![KeepEvidence, ContactAuthority]),
            vec![Fact::NoFault],
        );
    }
    if ask!(Fact::Mitigating) {
        let mitigated = flow.kind == ListKind::Mitigated && threshold_met;
        let mut decisive = vec![Fact::Mitigating];
        if flow.kind == ListKind::Mitigated && flow.has_threshold {
            decisive.insert(0, Fact::Threshold);
        }
        return verdict(
            if mitigated {
                Outcome::Mitigated
            } else {
                Outcome::Lighter
            },
            ART_32,
            with_correction(vec![CooperateWithInvestigation, KeepEvidence]),
            decisive,
        );
    }
    let mut decisive: Vec<Fact> = blocker.into_iter().collect();
    decisive.extend([Fact::NoFault, Fact::Mitigating]);
    verdict(
        Outcome::Penalty,
        ART_34,
        with_correction(vec![CooperateWithInvestigation, ContactAuthority]),
        decisive,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Thresholds;

    fn entry(kind: ListKind, threshold: Option<&str>, lookback: Option<u32>) -> LenientEntry {
        LenientEntry {
            id: format!("t-{}", kind.as_str()),
            domain: "market".into(),
            kind,
            title: "未按规定公示年度报告".into(),
            thresholds: Thresholds {
                lookback_months: lookback,
                correction_days: Some(30),
                question_zh: threshold.map(str::to_owned),
                question_en: threshold.map(|_| "Within the limit?".to_owned()),
            },
            ..Default::default()
        }
    }

    /// Real-looking entries of each kind (shapes from shared/data).
    fn tax_first_violation() -> LenientEntry {
        LenientEntry {
            title: "未按规定向税务机关报送全部银行账号".into(),
            domain: "tax".into(),
            ..entry(ListKind::FirstViolation, None, None)
        }
    }
    fn samr_first_violation_with_limit() -> LenientEntry {
        LenientEntry {
            title: "未取得营业执照从事经营活动（已申请）".into(),
            ..entry(
                ListKind::FirstViolation,
                Some("无照经营时间不超过30日？"),
                Some(24),
            )
        }
    }
    fn safety_minor() -> LenientEntry {
        LenientEntry {
            title: "危化品生产企业未提供安全技术说明书或未贴安全标签".into(),
            domain: "safety".into(),
            ..entry(ListKind::Minor, None, None)
        }
    }
    fn eco_minor_with_limit() -> LenientEntry {
        LenientEntry {
            title: "危险废物识别标志设置不规范".into(),
            domain: "eco".into(),
            ..entry(
                ListKind::Minor,
                Some("年产生危险废物不超过1吨且5日内改正？"),
                Some(12),
            )
        }
    }
    fn health_lighter() -> LenientEntry {
        LenientEntry {
            title: "公共场所本年度未做卫生检测（从轻处罚）".into(),
            domain: "health".into(),
            ..entry(ListKind::Lighter, Some("在限定期限内完成卫生检测？"), None)
        }
    }
    fn health_mitigated() -> LenientEntry {
        LenientEntry {
            title: "公共场所本年度未做卫生检测（减轻处罚）".into(),
            domain: "health".into(),
            ..entry(
                ListKind::Mitigated,
                Some("在限定期限内完成卫生检测？"),
                None,
            )
        }
    }
    fn no_fault_entry() -> LenientEntry {
        LenientEntry {
            title: "销售的商品标签不合格但有合法进货来源".into(),
            ..entry(ListKind::NoFault, None, None)
        }
    }
    fn market_no_coercion() -> LenientEntry {
        LenientEntry {
            title: "已申请营业执照但尚未领取即经营".into(),
            ..entry(ListKind::NoCoercion, None, None)
        }
    }

    /// Run a flow with scripted answers; every question asked must be the next scripted one.
    fn run(e: &LenientEntry, script: &[(Fact, bool)]) -> (Verdict, SelfCheck) {
        let mut c = SelfCheck::new(e);
        for (i, &(fact, yes)) in script.iter().enumerate() {
            match c.step() {
                Step::Ask(f) => assert_eq!(f, fact, "question {i} for {:?}", e.kind),
                Step::Done(v) => panic!("done early at {i} with {v:?}"),
            }
            c.answer(yes);
        }
        match c.step() {
            Step::Done(v) => (v, c),
            Step::Ask(f) => panic!("still asking {f:?} after the script for {:?}", e.kind),
        }
    }

    use Fact::*;

    #[test]
    fn table_of_flows_reaches_every_outcome() {
        struct Case {
            entry: LenientEntry,
            script: Vec<(Fact, bool)>,
            outcome: Outcome,
            article: &'static str,
            decisive: Vec<Fact>,
        }
        let cases = vec![
            // --- decided / excluded, any kind
            Case {
                entry: tax_first_violation(),
                script: vec![(Decided, true)],
                outcome: Outcome::NotApplicable,
                article: "《中华人民共和国行政处罚法》第七条",
                decisive: vec![Decided],
            },
            Case {
                entry: safety_minor(),
                script: vec![(Decided, false), (Excluded, true)],
                outcome: Outcome::NotApplicable,
                article: "《中华人民共和国行政处罚法》第五条第二款",
                decisive: vec![Excluded],
            },
            // --- minor
            Case {
                entry: safety_minor(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, true),
                    (Corrected, true),
                ],
                outcome: Outcome::NoPenalty,
                article: "《中华人民共和国行政处罚法》第三十三条第一款",
                decisive: vec![NoHarm, Corrected],
            },
            Case {
                entry: eco_minor_with_limit(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, true),
                    (Corrected, true),
                    (Threshold, true),
                ],
                outcome: Outcome::NoPenalty,
                article: "《中华人民共和国行政处罚法》第三十三条第一款",
                decisive: vec![NoHarm, Corrected, Threshold],
            },
            Case {
                entry: safety_minor(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, false),
                    (MinorHarm, true),
                    (FirstTime, true),
                    (Corrected, true),
                ],
                outcome: Outcome::MayWaive,
                article: "《中华人民共和国行政处罚法》第三十三条第一款",
                decisive: vec![MinorHarm, FirstTime, Corrected],
            },
            Case {
                entry: safety_minor(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, true),
                    (Corrected, false),
                    (NoFault, false),
                    (Mitigating, false),
                ],
                outcome: Outcome::Penalty,
                article: "《中华人民共和国行政处罚法》第三十四条",
                decisive: vec![Corrected, NoFault, Mitigating],
            },
            Case {
                entry: eco_minor_with_limit(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, true),
                    (Corrected, true),
                    (Threshold, false),
                    (NoFault, false),
                    (Mitigating, true),
                ],
                outcome: Outcome::Lighter,
                article: "《中华人民共和国行政处罚法》第三十二条",
                decisive: vec![Mitigating],
            },
            Case {
                entry: safety_minor(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, false),
                    (MinorHarm, false),
                    (NoFault, true),
                ],
                outcome: Outcome::NoFault,
                article: "《中华人民共和国行政处罚法》第三十三条第二款",
                decisive: vec![NoFault],
            },
            // --- first violation
            Case {
                entry: tax_first_violation(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (FirstTime, true),
                    (NoHarm, false),
                    (MinorHarm, true),
                    (Corrected, true),
                ],
                outcome: Outcome::MayWaive,
                article: "《中华人民共和国行政处罚法》第三十三条第一款",
                decisive: vec![FirstTime, MinorHarm, Corrected],
            },
            Case {
                entry: samr_first_violation_with_limit(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (FirstTime, true),
                    (NoHarm, true),
                    (Corrected, true),
                    (Threshold, true),
                ],
                outcome: Outcome::MayWaive,
                article: "《中华人民共和国行政处罚法》第三十三条第一款",
                decisive: vec![FirstTime, NoHarm, Corrected, Threshold],
            },
            Case {
                entry: samr_first_violation_with_limit(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (FirstTime, true),
                    (NoHarm, true),
                    (Corrected, true),
                    (Threshold, false),
                    (NoFault, false),
                    (Mitigating, false),
                ],
                outcome: Outcome::Penalty,
                article: "《中华人民共和国行政处罚法》第三十四条",
                decisive: vec![Threshold, NoFault, Mitigating],
            },
            Case {
                // not the first time: harm and correction cannot change the outcome
                entry: tax_first_violation(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (FirstTime, false),
                    (NoFault, false),
                    (Mitigating, false),
                ],
                outcome: Outcome::Penalty,
                article: "《中华人民共和国行政处罚法》第三十四条",
                decisive: vec![FirstTime, NoFault, Mitigating],
            },
            // --- no fault
            Case {
                entry: no_fault_entry(),
                script: vec![(Decided, false), (Excluded, false), (NoFault, true)],
                outcome: Outcome::NoFault,
                article: "《中华人民共和国行政处罚法》第三十三条第二款",
                decisive: vec![NoFault],
            },
            Case {
                entry: no_fault_entry(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoFault, false),
                    (Mitigating, true),
                ],
                outcome: Outcome::Lighter,
                article: "《中华人民共和国行政处罚法》第三十二条",
                decisive: vec![Mitigating],
            },
            // --- lighter: its threshold cannot change the outcome, so it is not asked
            Case {
                entry: health_lighter(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoFault, false),
                    (Mitigating, true),
                ],
                outcome: Outcome::Lighter,
                article: "《中华人民共和国行政处罚法》第三十二条",
                decisive: vec![Mitigating],
            },
            // --- mitigated
            Case {
                entry: health_mitigated(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (Threshold, true),
                    (NoFault, false),
                    (Mitigating, true),
                ],
                outcome: Outcome::Mitigated,
                article: "《中华人民共和国行政处罚法》第三十二条",
                decisive: vec![Threshold, Mitigating],
            },
            Case {
                entry: health_mitigated(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (Threshold, false),
                    (NoFault, false),
                    (Mitigating, true),
                ],
                outcome: Outcome::Lighter,
                article: "《中华人民共和国行政处罚法》第三十二条",
                decisive: vec![Threshold, Mitigating],
            },
            Case {
                entry: health_mitigated(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (Threshold, true),
                    (NoFault, false),
                    (Mitigating, false),
                ],
                outcome: Outcome::Penalty,
                article: "《中华人民共和国行政处罚法》第三十四条",
                decisive: vec![NoFault, Mitigating],
            },
            // --- no coercion
            Case {
                entry: market_no_coercion(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, false),
                    (MinorHarm, true),
                    (Corrected, true),
                ],
                outcome: Outcome::NoPenalty,
                article: "《中华人民共和国行政强制法》第十六条第二款",
                decisive: vec![MinorHarm, Corrected],
            },
            Case {
                entry: market_no_coercion(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, true),
                    (Corrected, false),
                ],
                outcome: Outcome::Penalty,
                article: "《中华人民共和国行政强制法》第十六条第一款",
                decisive: vec![Corrected],
            },
            Case {
                entry: market_no_coercion(),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, false),
                    (MinorHarm, false),
                ],
                outcome: Outcome::Penalty,
                article: "《中华人民共和国行政强制法》第十六条第一款",
                decisive: vec![MinorHarm],
            },
            // --- unknown kind behaves like minor
            Case {
                entry: entry(ListKind::Unknown, None, None),
                script: vec![
                    (Decided, false),
                    (Excluded, false),
                    (NoHarm, true),
                    (Corrected, true),
                ],
                outcome: Outcome::NoPenalty,
                article: "《中华人民共和国行政处罚法》第三十三条第一款",
                decisive: vec![NoHarm, Corrected],
            },
        ];

        let mut seen = std::collections::HashSet::new();
        for (i, case) in cases.iter().enumerate() {
            let (v, check) = run(&case.entry, &case.script);
            assert_eq!(v.outcome, case.outcome, "case {i}");
            assert_eq!(v.article, case.article, "case {i}");
            assert_eq!(v.decisive, case.decisive, "case {i}");
            assert!(!v.article_en.is_empty());
            assert_eq!(check.answered(), case.script.as_slice(), "case {i}");
            seen.insert(v.outcome.as_str());
        }
        for o in [
            "no_penalty",
            "may_waive",
            "no_fault",
            "mitigated",
            "lighter",
            "not_applicable",
            "penalty",
        ] {
            assert!(seen.contains(o), "outcome {o} never reached");
        }
    }

    #[test]
    fn next_steps_follow_the_outcome() {
        let (v, _) = run(&tax_first_violation(), &[(Decided, true)]);
        assert_eq!(v.next, vec![NextStep::ReviewOrLitigation]);

        let (v, _) = run(
            &tax_first_violation(),
            &[
                (Decided, false),
                (Excluded, false),
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

        // not corrected → the penalty verdict tells the user to correct first
        let (v, _) = run(
            &safety_minor(),
            &[
                (Decided, false),
                (Excluded, false),
                (NoHarm, true),
                (Corrected, false),
                (NoFault, false),
                (Mitigating, false),
            ],
        );
        assert_eq!(v.next.first(), Some(&NextStep::CorrectWithinDeadline));

        // corrected → no correction step
        let (v, _) = run(
            &eco_minor_with_limit(),
            &[
                (Decided, false),
                (Excluded, false),
                (NoHarm, true),
                (Corrected, true),
                (Threshold, false),
                (NoFault, false),
                (Mitigating, false),
            ],
        );
        assert_eq!(v.outcome, Outcome::Penalty);
        assert!(!v.next.contains(&NextStep::CorrectWithinDeadline));
    }

    #[test]
    fn decided_short_circuits_every_kind() {
        for kind in ListKind::ALL.into_iter().chain([ListKind::Unknown]) {
            for threshold in [None, Some("不超过30日？")] {
                let mut c = SelfCheck::new(&entry(kind, threshold, None));
                assert_eq!(c.step(), Step::Ask(Decided));
                c.answer(true);
                match c.step() {
                    Step::Done(v) => {
                        assert_eq!(v.outcome, Outcome::NotApplicable);
                        assert_eq!(v.next, vec![NextStep::ReviewOrLitigation]);
                    }
                    s => panic!("{kind:?}: {s:?}"),
                }
                assert_eq!(c.progress(), (1, 1));
                // answering after the verdict changes nothing
                c.answer(false);
                assert_eq!(c.answered(), &[(Decided, true)]);
            }
        }
    }

    #[test]
    fn back_restores_the_previous_question() {
        let mut c = SelfCheck::new(&tax_first_violation());
        assert!(!c.back());
        c.answer(false); // decided
        c.answer(false); // excluded
        assert_eq!(c.step(), Step::Ask(FirstTime));
        c.answer(true);
        assert_eq!(c.step(), Step::Ask(NoHarm));
        assert!(c.back());
        assert_eq!(c.step(), Step::Ask(FirstTime));
        c.answer(false);
        assert_eq!(c.step(), Step::Ask(NoFault));
        c.answer(true);
        assert!(matches!(
            c.step(),
            Step::Done(Verdict {
                outcome: Outcome::NoFault,
                ..
            })
        ));
        assert!(c.back());
        assert_eq!(c.step(), Step::Ask(NoFault));
        while c.back() {}
        assert_eq!(c.step(), Step::Ask(Decided));
        assert!(c.answered().is_empty());
    }

    /// Every answer sequence of every kind, with and without a threshold: progress is
    /// monotonic, never asks a fact twice, follows the fixed order, and ends.
    #[test]
    fn progress_is_monotonic_on_every_path() {
        fn order(f: Fact) -> usize {
            [
                Decided, Excluded, FirstTime, NoHarm, MinorHarm, Corrected, Threshold, NoFault,
                Mitigating,
            ]
            .iter()
            .position(|x| *x == f)
            .unwrap_or(usize::MAX)
        }
        fn walk(c: &mut SelfCheck, last: (usize, usize), paths: &mut usize) {
            let (done, total) = c.progress();
            assert_eq!(done, c.answered().len());
            assert!(
                total <= last.1,
                "upper bound grew: {last:?} → {:?}",
                (done, total)
            );
            assert!(done >= last.0);
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
                    // ordering: minor entries ask first_time after the harm questions
                    if let Some((prev, _)) = c.answered().last() {
                        let minor_first = f == FirstTime && *prev == MinorHarm;
                        assert!(
                            minor_first || order(f) > order(*prev),
                            "{prev:?} then {f:?}"
                        );
                    }
                    for yes in [true, false] {
                        c.answer(yes);
                        walk(c, (done, total), paths);
                        assert!(c.back());
                    }
                }
            }
        }
        for kind in ListKind::ALL.into_iter().chain([ListKind::Unknown]) {
            for threshold in [None, Some("不超过30日？")] {
                let mut c = SelfCheck::new(&entry(kind, threshold, Some(24)));
                let mut paths = 0;
                walk(&mut c, (0, usize::MAX), &mut paths);
                assert!(paths >= 3, "{kind:?}");
            }
        }
    }

    #[test]
    fn progress_bounds_of_known_flows() {
        // minor without threshold: decided, excluded, no_harm, minor_harm, first_time,
        // corrected, no_fault, mitigating
        assert_eq!(SelfCheck::new(&safety_minor()).progress(), (0, 8));
        assert_eq!(SelfCheck::new(&eco_minor_with_limit()).progress(), (0, 9));
        assert_eq!(SelfCheck::new(&no_fault_entry()).progress(), (0, 4));
        assert_eq!(SelfCheck::new(&health_lighter()).progress(), (0, 4));
        assert_eq!(SelfCheck::new(&health_mitigated()).progress(), (0, 5));
        assert_eq!(SelfCheck::new(&market_no_coercion()).progress(), (0, 5));
        let mut c = SelfCheck::new(&tax_first_violation());
        assert_eq!(c.progress(), (0, 8));
        c.answer(false);
        c.answer(false);
        c.answer(false); // not the first time: only no_fault and mitigating remain
        assert_eq!(c.progress(), (3, 5));
    }

    fn asks(e: &LenientEntry, fact: Fact) -> bool {
        fn walk(c: &mut SelfCheck, fact: Fact) -> bool {
            match c.step() {
                Step::Done(_) => false,
                Step::Ask(f) if f == fact => true,
                Step::Ask(_) => [true, false].into_iter().any(|yes| {
                    c.answer(yes);
                    let found = walk(c, fact);
                    c.back();
                    found
                }),
            }
        }
        walk(&mut SelfCheck::new(e), fact)
    }

    #[test]
    fn threshold_is_asked_only_when_the_entry_has_one() {
        assert!(asks(&eco_minor_with_limit(), Threshold));
        assert!(asks(&samr_first_violation_with_limit(), Threshold));
        assert!(asks(&health_mitigated(), Threshold));
        assert!(asks(
            &entry(
                ListKind::NoCoercion,
                Some("扣押物品价值不超过1万元？"),
                None
            ),
            Threshold
        ));
        assert!(!asks(&safety_minor(), Threshold));
        assert!(!asks(&tax_first_violation(), Threshold));
        assert!(!asks(&market_no_coercion(), Threshold));
        // blank question text counts as none
        assert!(!asks(&entry(ListKind::Minor, Some("  "), None), Threshold));
        assert!(SelfCheck::new(&eco_minor_with_limit()).has_threshold());
    }

    #[test]
    fn first_time_only_where_it_can_matter() {
        assert!(asks(&tax_first_violation(), FirstTime));
        assert!(asks(&safety_minor(), FirstTime));
        assert!(!asks(&no_fault_entry(), FirstTime));
        assert!(!asks(&market_no_coercion(), FirstTime));
        assert!(!asks(&health_lighter(), FirstTime));
        // minor entry with no harm never needs first_time
        let mut c = SelfCheck::new(&safety_minor());
        c.answer(false);
        c.answer(false);
        c.answer(true); // no harm
        assert_eq!(c.step(), Step::Ask(Corrected));
    }

    #[test]
    fn lookback_is_the_entrys() {
        assert_eq!(
            SelfCheck::new(&samr_first_violation_with_limit()).lookback_months(),
            Some(24)
        );
        assert_eq!(
            SelfCheck::new(&eco_minor_with_limit()).lookback_months(),
            Some(12)
        );
        assert_eq!(
            SelfCheck::new(&tax_first_violation()).lookback_months(),
            None
        );
    }

    #[test]
    fn names_match_the_test_hooks() {
        let names: Vec<&str> = Fact::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(
            names,
            [
                "decided",
                "excluded",
                "first_time",
                "no_harm",
                "minor_harm",
                "corrected",
                "no_fault",
                "threshold",
                "mitigating"
            ]
        );
        assert_eq!(Outcome::MayWaive.as_str(), "may_waive");
        assert_eq!(Outcome::NotApplicable.as_str(), "not_applicable");
    }
}
