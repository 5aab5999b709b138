//! The eligibility self-check (domain.md §1.7, issue 16): yes/no questions about one list entry
//! that end in a caveated outcome. The rules live here; the view only renders
//! [`SelfCheck::step`] and feeds [`SelfCheck::answer`]. docs/self-check.md states every path.
//!
//! Every question is a [`Fact`] and "yes" always means the fact holds. The flow:
//!
//! 1. `no_coercion` entries (行政强制法 art. 16(2)) first ask whether a coercive measure has
//!    already been taken (→ art. 8 remedies); every other entry asks whether a penalty
//!    decision exists (→ art. 7 review / litigation).
//! 2. **The entry's own conditions**, in their order, each checked by its requirement
//!    ([`crate::domain::requirements`]): first time, harm, correction (with the deadline: not
//!    yet corrected but still inside it → "在…内改正完毕即可适用"), the numeric limit, an
//!    exclusion the entry states, or the condition's own question. The list's outcome is given
//!    only when every condition holds; the first that fails ends the list part.
//! 3. **The general law** when the list did not apply (penalty entries only): art. 36
//!    limitation, art. 30 age, art. 31 incapacity, art. 33(2) no fault (with the entry's
//!    statutory override), art. 33(1) first sentence (only for entries that state no 不罚
//!    conditions of their own), art. 32 (all five grounds: 应当从轻或者减轻), else art. 34.
//!    A `no_coercion` entry whose conditions fail may be subject to coercive measures (art. 16(1)).

use crate::contract::{
    Covered, Deadline, HarmAllowed, LenientEntry, ListKind, NoFaultEffect, NoFaultRule,
    Requirements,
};
use crate::domain::requirements;

/// A fact the self-check asks about; "yes" means it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// A penalty decision already exists.
    Decided,
    /// A coercive measure (查封、扣押 …) has already been taken (`no_coercion` entries).
    MeasureTaken,
    /// The exclusion stated by condition `i` applies.
    Excluded(usize),
    /// No same-kind violation within the entry's look-back period (or ever).
    FirstTime,
    /// No harmful consequence.
    NoHarm,
    /// The harm is minor.
    MinorHarm,
    /// Corrected before discovery or within the ordered deadline.
    Corrected,
    /// Not corrected yet, but the correction deadline has not passed.
    WithinDeadline,
    /// The entry's own numeric limit is met.
    Threshold,
    /// Condition `i` of the entry holds.
    Condition(usize),
    /// The act was discovered within two years (or is less than two years old) (art. 36).
    WithinLimitation,
    /// It concerns citizens' life/health safety or financial safety and had harmful consequences.
    GraveHarm,
    /// The act was discovered within five years (or is less than five years old).
    WithinLimitationLong,
    /// The person was under 18 at the time (art. 30).
    Under18,
    /// The person was under 14 at the time.
    Under14,
    /// Mental illness / intellectual disability, unable to recognise or control the conduct (art. 31).
    Incapacity,
    /// Evidence sufficient to prove no subjective fault (art. 33(2)).
    NoFault,
    /// The violation is minor (art. 33(1), first sentence).
    MinorViolation,
    /// One of the five art. 32 grounds.
    Mitigating,
}

impl Fact {
    /// The `data-question` value (design.md "Stable test hooks").
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::Decided => "decided",
            Fact::MeasureTaken => "measure_taken",
            Fact::Excluded(_) => "excluded",
            Fact::FirstTime => "first_time",
            Fact::NoHarm => "no_harm",
            Fact::MinorHarm => "minor_harm",
            Fact::Corrected => "corrected",
            Fact::WithinDeadline => "deadline",
            Fact::Threshold => "threshold",
            Fact::Condition(_) => "condition",
            Fact::WithinLimitation => "limitation",
            Fact::GraveHarm => "grave_harm",
            Fact::WithinLimitationLong => "limitation_long",
            Fact::Under18 => "age",
            Fact::Under14 => "age_under_14",
            Fact::Incapacity => "incapacity",
            Fact::NoFault => "no_fault",
            Fact::MinorViolation => "minor_violation",
            Fact::Mitigating => "mitigating",
        }
    }

    /// The entry condition a question is about (`data-condition`).
    pub fn condition(self) -> Option<usize> {
        match self {
            Fact::Excluded(i) | Fact::Condition(i) => Some(i),
            _ => None,
        }
    }
}

/// The result of the self-check (the `data-outcome` hook).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not punished: art. 33(1) s1, art. 30, art. 31, art. 36.
    NoPenalty,
    /// 首违不罚: may be exempted (art. 33(1) s2).
    MayWaive,
    /// 无过错: art. 33(2) or the statute that provides otherwise (可以免予处罚).
    NoFault,
    /// 减轻, where the entry provides it.
    Mitigated,
    /// 从轻 (or 从轻或者减轻 under art. 30 / 32 / a statute).
    Lighter,
    /// 可以不采取行政强制措施 (行政强制法 art. 16(2)).
    NoCoercion,
    /// The list does not apply (a decision exists, or a coercive measure was taken).
    NotApplicable,
    /// The list applies once corrected within the deadline.
    PendingCorrection,
    /// 依法处罚 (or coercive measures under art. 16(1)).
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
            Outcome::NoCoercion => "no_coercion",
            Outcome::NotApplicable => "not_applicable",
            Outcome::PendingCorrection => "pending_correction",
            Outcome::Penalty => "penalty",
        }
    }
}

/// The exact statement shown for a verdict (texts in `ui::i18n::lenient`, both languages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// 应当不予处罚 (art. 33(1) s1).
    ShallNotPunish,
    /// 可以不予处罚 (art. 33(1) s2).
    MayNotPunish,
    /// 不予行政处罚（无主观过错） (art. 33(2)).
    NoFaultNotPunished,
    /// 可以免予处罚 (a statute's own rule).
    MayExempt,
    /// 可以从轻或者减轻处罚 (a statute's own rule).
    MayLighterOrMitigate,
    /// 应当从轻或者减轻处罚 (arts. 30, 32).
    ShallLighterOrMitigate,
    /// 依照本清单从轻处罚.
    ListLighter,
    /// 依照本清单可以减轻处罚.
    ListMitigated,
    /// 不予行政处罚（不满十四周岁） (art. 30).
    UnderFourteen,
    /// 不予行政处罚（不能辨认或者不能控制自己行为） (art. 31).
    Incapacity,
    /// 不再给予行政处罚（二年内未被发现） (art. 36).
    TimeBarred,
    /// 不再给予行政处罚（五年内未被发现） (art. 36).
    TimeBarredLong,
    /// 在…内改正完毕即可适用本清单.
    PendingCorrection,
    /// 可以不采取行政强制措施 (行政强制法 art. 16(2)).
    NoCoercion,
    /// 可能依法采取行政强制措施 (art. 16(1)).
    Coercion,
    /// A coercive measure was taken: art. 8 remedies.
    MeasureTaken,
    /// 本清单不适用（已作出处罚决定）.
    Decided,
    /// 可能依法处罚.
    Penalty,
}

/// A fixed notice under the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// 免罚不免责.
    ExemptNotExcused,
    /// 法律、行政法规另有规定的，从其规定 (art. 33(2)).
    StatuteOtherwise,
    /// 不采取行政强制措施不等于不予行政处罚.
    NotAPenaltyWaiver,
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
    /// 行政强制法 art. 8: statement, defence, review, litigation, compensation.
    CoercionRemedies,
}

/// The end of the self-check.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    pub wording: Wording,
    /// The legal basis, zh-CN.
    pub article: String,
    pub article_en: String,
    /// True when the entry's own list gave the outcome (every condition held); false for the
    /// general law and for a failed list.
    pub by_list: bool,
    /// The correction deadline, for [`Outcome::PendingCorrection`].
    pub deadline: Option<Deadline>,
    /// What the list gives once corrected, for [`Outcome::PendingCorrection`].
    pub then: Option<Wording>,
    pub notices: Vec<Notice>,
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

/// Where one condition of the entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CondState {
    Open,
    Met,
    /// Correction not done yet, still inside the deadline.
    Pending,
    Unmet,
}

impl CondState {
    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            CondState::Open => "open",
            CondState::Met => "met",
            CondState::Pending => "pending",
            CondState::Unmet => "unmet",
        }
    }
}

#[derive(Clone, Copy)]
struct Basis {
    zh: &'static str,
    en: &'static str,
}

const ART_7: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第七条",
    en: "Administrative Penalty Law, art. 7 (statement, defence, review and litigation)",
};
const ART_30: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十条",
    en: "Administrative Penalty Law, art. 30 (minors)",
};
const ART_30_32: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十条、第三十二条",
    en: "Administrative Penalty Law, arts. 30 and 32",
};
const ART_31: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十一条",
    en: "Administrative Penalty Law, art. 31 (mental illness, intellectual disability)",
};
const ART_32: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十二条",
    en: "Administrative Penalty Law, art. 32 (lighter or mitigated penalty)",
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
const ART_34: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十四条",
    en: "Administrative Penalty Law, art. 34 (penalty under the published discretion standard)",
};
const ART_36: Basis = Basis {
    zh: "《中华人民共和国行政处罚法》第三十六条",
    en: "Administrative Penalty Law, art. 36 (limitation period)",
};
const ACE_8: Basis = Basis {
    zh: "《中华人民共和国行政强制法》第八条",
    en:
        "Administrative Coercion Law, art. 8 (statement, defence, review, litigation, compensation)",
};
const ACE_16_2: Basis = Basis {
    zh: "《中华人民共和国行政强制法》第十六条第二款",
    en: "Administrative Coercion Law, art. 16(2) (coercive measures may be withheld)",
};
const ACE_16_1: Basis = Basis {
    zh: "《中华人民共和国行政强制法》第十六条第一款",
    en: "Administrative Coercion Law, art. 16(1) (coercive measures under law)",
};

/// The self-check for one entry: its kind and requirements, and the answers so far.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfCheck {
    kind: ListKind,
    req: Requirements,
    answers: Vec<(Fact, bool)>,
}

impl SelfCheck {
    pub fn new(entry: &LenientEntry) -> SelfCheck {
        SelfCheck {
            kind: entry.kind,
            req: requirements::effective(entry),
            answers: Vec::new(),
        }
    }

    /// The next question, or the verdict.
    pub fn step(&self) -> Step {
        evaluate(self.kind, &self.req, &self.answers)
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

    pub fn requirements(&self) -> &Requirements {
        &self.req
    }

    /// `(answered, upper bound)`: the bound is the answers so far plus the longest flow that
    /// can still follow, so it never grows and equals `answered` once done.
    pub fn progress(&self) -> (usize, usize) {
        let mut scratch = self.answers.clone();
        let remaining = longest_remaining(self.kind, &self.req, &mut scratch);
        (self.answers.len(), self.answers.len() + remaining)
    }

    /// The "first time" look-back period in months; `None` = ever.
    pub fn lookback_months(&self) -> Option<u32> {
        self.req.lookback_months
    }

    /// Where each condition of the entry stands after the answers so far.
    pub fn condition_states(&self) -> Vec<CondState> {
        (0..self.req.conditions.len())
            .map(|i| match condition_holds(&self.req, i, &self.answers) {
                Ok(Held::Yes) => CondState::Met,
                Ok(Held::Pending) => CondState::Pending,
                Ok(Held::No(_)) => CondState::Unmet,
                Err(_) => CondState::Open,
            })
            .collect()
    }
}

fn longest_remaining(kind: ListKind, req: &Requirements, answers: &mut Vec<(Fact, bool)>) -> usize {
    match evaluate(kind, req, answers) {
        Step::Done(_) => 0,
        Step::Ask(fact) => {
            let mut best = 0;
            for yes in [true, false] {
                answers.push((fact, yes));
                best = best.max(longest_remaining(kind, req, answers));
                answers.pop();
            }
            1 + best
        }
    }
}

/// The answer for `fact`, or `Err(fact)`: ask it.
fn ans(a: &[(Fact, bool)], fact: Fact) -> Result<bool, Fact> {
    a.iter()
        .find(|(f, _)| *f == fact)
        .map(|(_, v)| *v)
        .ok_or(fact)
}

/// Whether one condition holds; `No(fact)` names the answer that failed it.
enum Held {
    Yes,
    Pending,
    No(Fact),
}

fn condition_holds(req: &Requirements, i: usize, a: &[(Fact, bool)]) -> Result<Held, Fact> {
    let yes_or = |ok: bool, f: Fact| if ok { Held::Yes } else { Held::No(f) };
    let Some(c) = req.conditions.get(i) else {
        return Ok(Held::Yes);
    };
    Ok(match c.covered_by {
        Covered::Exclusion => yes_or(!ans(a, Fact::Excluded(i))?, Fact::Excluded(i)),
        Covered::FirstTime => yes_or(ans(a, Fact::FirstTime)?, Fact::FirstTime),
        Covered::Harm => match req.harm {
            HarmAllowed::None => yes_or(ans(a, Fact::NoHarm)?, Fact::NoHarm),
            HarmAllowed::Minor | HarmAllowed::Unstated => {
                let ok = ans(a, Fact::NoHarm)? || ans(a, Fact::MinorHarm)?;
                yes_or(ok, Fact::MinorHarm)
            }
        },
        Covered::Correction => {
            if ans(a, Fact::Corrected)? {
                Held::Yes
            } else if ans(a, Fact::WithinDeadline)? {
                Held::Pending
            } else {
                Held::No(Fact::WithinDeadline)
            }
        }
        Covered::Limit => yes_or(ans(a, Fact::Threshold)?, Fact::Threshold),
        Covered::Question | Covered::Unknown => {
            yes_or(ans(a, Fact::Condition(i))?, Fact::Condition(i))
        }
    })
}

enum ListResult {
    Met(Vec<Fact>),
    Pending(Vec<Fact>),
    Failed(Fact),
}

/// The entry's own conditions, in order; stops at the first that fails.
fn list_part(req: &Requirements, a: &[(Fact, bool)]) -> Result<ListResult, Fact> {
    let mut pending = false;
    let mut facts: Vec<Fact> = Vec::new();
    for i in 0..req.conditions.len() {
        match condition_holds(req, i, a)? {
            Held::Yes => {}
            Held::Pending => pending = true,
            Held::No(f) => return Ok(ListResult::Failed(f)),
        }
    }
    for (f, _) in a {
        if is_list_fact(*f) && !facts.contains(f) {
            facts.push(*f);
        }
    }
    Ok(if pending {
        ListResult::Pending(facts)
    } else {
        ListResult::Met(facts)
    })
}

fn is_list_fact(f: Fact) -> bool {
    matches!(
        f,
        Fact::Excluded(_)
            | Fact::FirstTime
            | Fact::NoHarm
            | Fact::MinorHarm
            | Fact::Corrected
            | Fact::WithinDeadline
            | Fact::Threshold
            | Fact::Condition(_)
    )
}

struct V {
    outcome: Outcome,
    wording: Wording,
    zh: String,
    en: String,
    by_list: bool,
    notices: Vec<Notice>,
    next: Vec<NextStep>,
    decisive: Vec<Fact>,
}

impl V {
    fn new(outcome: Outcome, wording: Wording, basis: Basis) -> V {
        V {
            outcome,
            wording,
            zh: basis.zh.to_string(),
            en: basis.en.to_string(),
            by_list: false,
            notices: Vec::new(),
            next: Vec::new(),
            decisive: Vec::new(),
        }
    }
    fn statute(outcome: Outcome, wording: Wording, rule: &NoFaultRule) -> V {
        let mut v = V::new(outcome, wording, ART_33_2);
        let en = if rule.basis_en.trim().is_empty() {
            rule.basis.as_str()
        } else {
            rule.basis_en.as_str()
        };
        v.zh = format!("{}；{}", rule.basis, ART_33_2.zh);
        v.en = format!("{en}; {}", ART_33_2.en);
        v.notices.push(Notice::StatuteOtherwise);
        v
    }
    fn list(mut self, yes: bool) -> V {
        self.by_list = yes;
        self
    }
    fn notice(mut self, n: Notice) -> V {
        self.notices.push(n);
        self
    }
    fn next(mut self, n: Vec<NextStep>) -> V {
        self.next = n;
        self
    }
    fn decisive(mut self, d: Vec<Fact>) -> V {
        self.decisive = d;
        self
    }
    fn done(self) -> Step {
        self.into_step(None, None)
    }
    fn into_step(self, deadline: Option<Deadline>, then: Option<Wording>) -> Step {
        Step::Done(Verdict {
            outcome: self.outcome,
            wording: self.wording,
            article: self.zh,
            article_en: self.en,
            by_list: self.by_list,
            deadline,
            then,
            notices: self.notices,
            next: self.next,
            decisive: self.decisive,
        })
    }
}

fn evaluate(kind: ListKind, req: &Requirements, a: &[(Fact, bool)]) -> Step {
    match flow(kind, req, a) {
        Ok(step) => step,
        Err(fact) => Step::Ask(fact),
    }
}

/// What the list gives when every condition holds (`None`: nothing of its own).
fn list_outcome(kind: ListKind, req: &Requirements) -> Option<V> {
    use NextStep::*;
    let rule = req
        .no_fault
        .as_ref()
        .filter(|r| r.effect != NoFaultEffect::NotPunished);
    Some(match kind {
        ListKind::Minor => V::new(Outcome::NoPenalty, Wording::ShallNotPunish, ART_33_1_S1)
            .notice(Notice::ExemptNotExcused)
            .next(vec![KeepEvidence]),
        ListKind::FirstViolation => V::new(Outcome::MayWaive, Wording::MayNotPunish, ART_33_1_S2)
            .notice(Notice::ExemptNotExcused)
            .next(vec![SignCommitment, KeepEvidence]),
        ListKind::NoFault => match rule {
            Some(r) => no_fault_by_statute(r),
            None => V::new(Outcome::NoFault, Wording::NoFaultNotPunished, ART_33_2)
                .notice(Notice::StatuteOtherwise)
                .notice(Notice::ExemptNotExcused)
                .next(vec![KeepEvidence, ContactAuthority]),
        },
        ListKind::Lighter => match rule {
            Some(r) if r.effect == NoFaultEffect::MayLighterOrMitigate => no_fault_by_statute(r),
            _ => V::new(Outcome::Lighter, Wording::ListLighter, ART_32)
                .next(vec![CooperateWithInvestigation, KeepEvidence]),
        },
        ListKind::Mitigated if req.mitigation => {
            V::new(Outcome::Mitigated, Wording::ListMitigated, ART_32)
                .next(vec![CooperateWithInvestigation, KeepEvidence])
        }
        ListKind::NoCoercion => V::new(Outcome::NoCoercion, Wording::NoCoercion, ACE_16_2)
            .notice(Notice::NotAPenaltyWaiver)
            .next(vec![KeepEvidence, CooperateWithInvestigation]),
        ListKind::Mitigated | ListKind::Unknown => return None,
    })
}

/// The list's outcome for these answers, or the fact that keeps the list from giving it.
/// A 轻微 entry that allows minor harm cannot give art. 33(1) s1 (which needs no harm) when the
/// harm was minor: then only s2 (first time ∧ minor harm ∧ corrected, "可以不予") is open.
fn list_outcome_for(
    kind: ListKind,
    req: &Requirements,
    a: &[(Fact, bool)],
) -> Result<V, Option<Fact>> {
    if kind == ListKind::Minor && ans(a, Fact::NoHarm) == Ok(false) {
        return if ans(a, Fact::FirstTime) == Ok(true) {
            Ok(
                V::new(Outcome::MayWaive, Wording::MayNotPunish, ART_33_1_S2)
                    .notice(Notice::ExemptNotExcused)
                    .next(vec![NextStep::SignCommitment, NextStep::KeepEvidence]),
            )
        } else {
            Err(Some(Fact::MinorHarm))
        };
    }
    list_outcome(kind, req).ok_or(None)
}

fn no_fault_by_statute(r: &NoFaultRule) -> V {
    use NextStep::*;
    match r.effect {
        NoFaultEffect::MayExempt => V::statute(Outcome::NoFault, Wording::MayExempt, r)
            .notice(Notice::ExemptNotExcused)
            .next(vec![KeepEvidence, ContactAuthority]),
        NoFaultEffect::MayLighterOrMitigate => {
            V::statute(Outcome::Lighter, Wording::MayLighterOrMitigate, r)
                .next(vec![KeepEvidence, CooperateWithInvestigation])
        }
        NoFaultEffect::NotPunished => V::statute(Outcome::NoFault, Wording::NoFaultNotPunished, r)
            .notice(Notice::ExemptNotExcused)
            .next(vec![KeepEvidence, ContactAuthority]),
    }
}

/// The whole rule set: `Err(fact)` = ask `fact` next.
fn flow(kind: ListKind, req: &Requirements, a: &[(Fact, bool)]) -> Result<Step, Fact> {
    use NextStep::*;
    if kind == ListKind::NoCoercion {
        if ans(a, Fact::MeasureTaken)? {
            return Ok(V::new(Outcome::NotApplicable, Wording::MeasureTaken, ACE_8)
                .notice(Notice::NotAPenaltyWaiver)
                .next(vec![CoercionRemedies])
                .decisive(vec![Fact::MeasureTaken])
                .done());
        }
    } else if ans(a, Fact::Decided)? {
        return Ok(V::new(Outcome::NotApplicable, Wording::Decided, ART_7)
            .next(vec![ReviewOrLitigation])
            .decisive(vec![Fact::Decided])
            .done());
    }

    let blocker = match list_part(req, a)? {
        ListResult::Met(facts) => match list_outcome_for(kind, req, a) {
            Ok(v) => return Ok(v.list(true).decisive(facts).done()),
            Err(blocker) => blocker,
        },
        ListResult::Pending(facts) => {
            // The article is the one the list will give once corrected (art. 34 when the
            // list gives nothing of its own).
            let once = list_outcome_for(kind, req, a).ok();
            let then = once.as_ref().map(|v| v.wording);
            let mut v = V::new(
                Outcome::PendingCorrection,
                Wording::PendingCorrection,
                ART_34,
            )
            .next(vec![CorrectWithinDeadline, KeepEvidence])
            .decisive(facts);
            if let Some(o) = once {
                v.zh = o.zh;
                v.en = o.en;
            }
            if kind == ListKind::NoCoercion {
                v = v.notice(Notice::NotAPenaltyWaiver);
            }
            return Ok(v.into_step(req.deadline, then));
        }
        ListResult::Failed(f) => Some(f),
    };

    let corrected = ans(a, Fact::Corrected).unwrap_or(false);
    let with_correction = |mut steps: Vec<NextStep>| {
        if !corrected {
            steps.insert(0, CorrectWithinDeadline);
        }
        steps
    };
    let lead = |f: Fact| -> Vec<Fact> { blocker.into_iter().chain([f]).collect() };

    if kind == ListKind::NoCoercion {
        return Ok(V::new(Outcome::Penalty, Wording::Coercion, ACE_16_1)
            .notice(Notice::NotAPenaltyWaiver)
            .next(with_correction(vec![CooperateWithInvestigation]))
            .decisive(blocker.into_iter().collect())
            .done());
    }

    // Art. 36: not discovered within two years (five for life/health or financial safety
    // with harmful consequences).
    if !ans(a, Fact::WithinLimitation)? {
        if !ans(a, Fact::GraveHarm)? {
            return Ok(V::new(Outcome::NoPenalty, Wording::TimeBarred, ART_36)
                .next(vec![ContactAuthority])
                .decisive(vec![Fact::WithinLimitation, Fact::GraveHarm])
                .done());
        }
        if !ans(a, Fact::WithinLimitationLong)? {
            return Ok(V::new(Outcome::NoPenalty, Wording::TimeBarredLong, ART_36)
                .next(vec![ContactAuthority])
                .decisive(vec![Fact::GraveHarm, Fact::WithinLimitationLong])
                .done());
        }
    }
    // Art. 30: under 14 not punished; 14-18 shall be lighter or mitigated (kept for the end:
    // a better ground may still follow).
    let minor_age = if ans(a, Fact::Under18)? {
        if ans(a, Fact::Under14)? {
            return Ok(V::new(Outcome::NoPenalty, Wording::UnderFourteen, ART_30)
                .notice(Notice::ExemptNotExcused)
                .next(with_correction(vec![ContactAuthority]))
                .decisive(lead(Fact::Under14))
                .done());
        }
        true
    } else {
        false
    };
    // Art. 31.
    if ans(a, Fact::Incapacity)? {
        return Ok(V::new(Outcome::NoPenalty, Wording::Incapacity, ART_31)
            .notice(Notice::ExemptNotExcused)
            .next(with_correction(vec![ContactAuthority]))
            .decisive(lead(Fact::Incapacity))
            .done());
    }
    // Art. 33(2), unless a law or administrative regulation provides otherwise.
    let mut statute_lighter = None;
    if ans(a, Fact::NoFault)? {
        match req.no_fault.as_ref() {
            Some(r) if r.effect == NoFaultEffect::MayLighterOrMitigate => {
                statute_lighter = Some(r.clone());
            }
            Some(r) => {
                return Ok(no_fault_by_statute(r)
                    .next(with_correction(vec![KeepEvidence, ContactAuthority]))
                    .decisive(lead(Fact::NoFault))
                    .done())
            }
            None => {
                return Ok(
                    V::new(Outcome::NoFault, Wording::NoFaultNotPunished, ART_33_2)
                        .notice(Notice::StatuteOtherwise)
                        .notice(Notice::ExemptNotExcused)
                        .next(with_correction(vec![KeepEvidence, ContactAuthority]))
                        .decisive(lead(Fact::NoFault))
                        .done(),
                )
            }
        }
    }
    // Art. 33(1) s1 for any minor, corrected violation without harm, unless the entry requires
    // more: 轻微 and 首违 entries state their own conditions for not punishing.
    let states_own_exemption = matches!(kind, ListKind::Minor | ListKind::FirstViolation);
    if !states_own_exemption
        && ans(a, Fact::MinorViolation)?
        && ans(a, Fact::NoHarm)?
        && ans(a, Fact::Corrected)?
    {
        return Ok(
            V::new(Outcome::NoPenalty, Wording::ShallNotPunish, ART_33_1_S1)
                .notice(Notice::ExemptNotExcused)
                .next(vec![KeepEvidence])
                .decisive(vec![Fact::MinorViolation, Fact::NoHarm, Fact::Corrected])
                .done(),
        );
    }
    // Art. 32 (all five grounds) and art. 30 for 14-18: 应当从轻或者减轻.
    let ground = ans(a, Fact::Mitigating)?;
    if ground || minor_age {
        let basis = match (ground, minor_age) {
            (true, true) => ART_30_32,
            (false, true) => ART_30,
            _ => ART_32,
        };
        let mut d: Vec<Fact> = blocker.into_iter().collect();
        if minor_age {
            d.push(Fact::Under18);
        }
        if ground {
            d.push(Fact::Mitigating);
        }
        return Ok(
            V::new(Outcome::Lighter, Wording::ShallLighterOrMitigate, basis)
                .next(with_correction(vec![
                    CooperateWithInvestigation,
                    KeepEvidence,
                ]))
                .decisive(d)
                .done(),
        );
    }
    if let Some(r) = statute_lighter {
        return Ok(no_fault_by_statute(&r)
            .next(with_correction(vec![
                KeepEvidence,
                CooperateWithInvestigation,
            ]))
            .decisive(lead(Fact::NoFault))
            .done());
    }
    let mut d: Vec<Fact> = blocker.into_iter().collect();
    d.extend([Fact::NoFault, Fact::Mitigating]);
    Ok(V::new(Outcome::Penalty, Wording::Penalty, ART_34)
        .next(with_correction(vec![
            CooperateWithInvestigation,
            ContactAuthority,
        ]))
        .decisive(d)
        .done())
}

#[cfg(test)]
mod tests;
