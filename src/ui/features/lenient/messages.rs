//! Lenient-list messages, plus the plain functions that pick the right message for a list
//! kind, an outcome, a next step or a self-check question.

use crate::contract::{Deadline, DeadlineUnit, ListKind, Requirements, Thresholds};
use crate::domain::eligibility::{CondState, Fact, NextStep, Notice, Outcome, Verdict, Wording};
use crate::ui::i18n::{Locale, Msg};

crate::messages!(
    /// Lenient-enforcement list messages.
    LenientMsg {
    Title => "包容免罚清单", "Lenient enforcement lists";
    ChooseDomain => "请选择领域", "Choose a field";
    Entries => "条", "entries";
    AllDomains => "全部领域", "All fields";
    BrowseAll => "浏览全部清单", "Browse all lists";
    SearchLabel => "搜索事项（可输入汉字、拼音或拼音首字母）", "Search (Chinese characters, pinyin or pinyin initials)";
    SearchPlaceholder => "例如：纳税申报、nashui、nssb", "e.g. 纳税申报, nashui, nssb";
    SearchButton => "搜索", "Search";
    SearchClear => "清空", "Clear";
    FilterDomain => "领域", "Field";
    FilterKind => "清单类型", "List type";
    KindAll => "全部类型", "All types";
    CountPrefix => "共", "Total";
    CountSuffix => "条", "entries";
    ShowMore => "显示更多", "Show more";
    Shown => "已显示", "Showing";
    PrevPage => "上一页", "Previous page";
    NextPage => "下一页", "Next page";
    PageOf => "第{n}页", "Page {n}";
    NoResults => "没有找到符合条件的事项，请换个关键词或类型再试。", "No matching entries. Try another keyword or list type.";
    MatchedOther => "关键词出现在适用条件、依据或实施机关中", "Keyword found in the conditions, legal basis or authority";
    NotHere => "本地区不适用", "Not applicable in this region";
    ShowOtherRegions => "同时显示其他地区的清单", "Also show other regions' lists";
    OtherRegionsShown => "正在显示其他地区的清单（标有“本地区不适用”）", "Showing other regions' lists too (marked \"Not applicable in this region\")";
    OnlyThisRegion => "只看本地区适用的清单", "Only lists that apply here";
    NotHereNote => "此清单由其他地区发布，不适用于本地区，仅供参考。", "This list was issued for another region and does not apply here; for reference only.";
    CheckNotHere => "注意：此清单不适用于本地区，以下自查结果仅供参考，不能作为本地区执法的依据。", "Note: this list does not apply in this region; the self-check below is for reference only and is no basis for enforcement here.";
    // List kinds, short (chips, badges).
    KindMinor => "轻微不罚", "Minor: no penalty";
    KindFirstViolation => "首违不罚", "First violation";
    KindNoFault => "无过错不罚", "No fault";
    KindLighter => "从轻处罚", "Lighter penalty";
    KindMitigated => "减轻处罚", "Mitigated penalty";
    KindNoCoercion => "不予强制", "No coercive measures";
    KindUnknown => "未知类型", "Unknown type";
    // List kinds, long (entry detail).
    KindMinorLong => "轻微违法行为不予行政处罚清单", "List of minor violations not punished";
    KindFirstViolationLong => "首违不罚清单", "List of first violations that may go unpunished";
    KindNoFaultLong => "无主观过错不予处罚", "No penalty without subjective fault";
    KindLighterLong => "从轻行政处罚清单", "List of lighter penalties";
    KindMitigatedLong => "减轻行政处罚清单", "List of mitigated penalties";
    KindNoCoercionLong => "不予实施行政强制措施清单", "List of cases without coercive measures";
    // Entry detail.
    BackToList => "返回清单", "Back to the list";
    Breach => "违法行为", "Violation";
    BreachBasis => "违法依据", "Duty breached";
    PenaltyBasis => "处罚依据", "Penalty provision";
    PenaltyRange => "法定处罚幅度", "Statutory penalty";
    Conditions => "适用条件（需同时满足）", "Conditions (all must be met)";
    Thresholds => "具体限定", "Specific limits";
    Lookback => "首次违法的认定期间", "\"First time\" look-back period";
    LookbackMonths => "个月内未发现同类违法行为", "months without a similar violation";
    CorrectionDays => "改正期限", "Correction deadline";
    LimitRow => "本条限定条件", "This entry's limit";
    Days => "日内", "days";
    Measures => "处理方式", "Measures";
    Authority => "实施机关", "Enforcing authority";
    Region => "适用地区", "Region";
    ListKindLabel => "清单类型", "List type";
    Source => "来源文件", "Source document";
    Validity => "有效期", "Validity";
    ValidUntilRepealed => "长期有效", "until repealed";
    ValidTo => "至", "to";
    Expired => "已失效", "No longer in force";
    NotYetValid => "尚未施行", "Not yet in force";
    Version => "版本", "Version";
    NotListed => "清单未列明", "Not stated in the list";
    DemoData => "演示数据", "Demo data";
    DemoDataNote => "本条为演示数据，不是现行法律文本，不构成法律意见。", "This entry is demo data, not a current legal text and not legal advice.";
    PrintEntry => "打印本条", "Print this entry";
    StartCheck => "自助判断能否免罚", "Check whether this applies to you";
    StartCheckHint => "回答几个“是/否”问题，约1分钟。", "Answer a few yes/no questions; about one minute.";
    // Self-check.
    CheckTitle => "免罚自助判断", "Self-check";
    Yes => "是", "Yes";
    No => "否", "No";
    BackOne => "上一步", "Back";
    Progress => "答题进度", "Progress";
    Examples => "例如：", "For example:";
    ResultTitle => "判断结果", "Result";
    LegalBasis => "法律依据", "Legal basis";
    NextSteps => "接下来您可以", "What to do next";
    YourAnswers => "您的关键回答", "Your decisive answers";
    Caveat => "结果仅供参考，以执法机关认定为准", "For reference only; the enforcement authority decides";
    Restart => "重新判断", "Start again";
    BackToEntry => "返回本条清单", "Back to the entry";
    // Questions ("yes" always means the fact holds).
    QDecided => "执法机关是否已经就这一行为作出了行政处罚决定？", "Has the authority already issued a penalty decision for this conduct?";
    HDecided => "例如您已经收到《行政处罚决定书》。已经作出的决定不会因清单而改变。", "For example, you have received a written penalty decision. A decision already made is not reopened by the list.";
    QMeasureTaken => "执法机关是否已经对这一行为采取了查封、扣押等行政强制措施？", "Has the authority already taken a coercive measure (sealing up, seizure …) over this conduct?";
    HMeasureTaken => "例如您已经收到《查封决定书》或者《扣押决定书》。已经采取的措施不会因清单而解除。", "For example, you have received a sealing or seizure decision. A measure already taken is not lifted by the list.";
    QExcluded => "本条清单规定的除外情形是否适用于您？", "Does an exclusion stated by this entry apply to you?";
    QFirstTimeEver => "这是否是您第一次出现这类违法行为（此前从未因同类行为被执法机关发现）？", "Is this the first time (no similar violation of yours was ever found by an authority before)?";
    QFirstTimePre => "这是否是您第一次出现这类违法行为（近", "Is this the first time (no similar violation of yours found by an authority in the last";
    QFirstTimePost => "个月内未因同类行为被执法机关发现）？", "months)?";
    QNoHarm => "这一行为是否没有造成任何危害后果？", "Did the conduct cause no harm at all?";
    HNoHarm => "没有人员受伤或财产损失，没有误导消费者，没有造成税款损失或环境污染，也没有造成不良社会影响。", "No injury or property loss, no consumers misled, no tax loss or pollution, no adverse public impact.";
    QMinorHarm => "造成的危害后果是否轻微？", "Was the harm minor?";
    HMinorHarm => "持续时间短、范围小、损失很小且已挽回，超标幅度很小；造成无法挽回的税款损失或重大社会影响的，不属于轻微。", "Short duration, small scale, small loss already made good, slight exceedance; an irrecoverable tax loss or a major public impact is never minor.";
    QCorrected => "您是否已经及时改正？", "Have you corrected it in time?";
    HCorrected => "在执法机关发现之前主动改正，或者在责令改正的期限内改正完毕，例如已补办登记、已补报资料、已停止违法行为。", "Corrected before the authority found it, or within the period it set: e.g. registration made, documents filed, the conduct stopped.";
    HCorrectedDaysPre => "本清单要求在", "This list requires the correction within";
    HCorrectedDaysPost => "内改正。", ".";
    QDeadline => "您尚未改正，但改正期限是否还没有届满？", "You have not corrected it yet: is the correction deadline still running?";
    HDeadline => "改正期限是执法机关在责令改正通知中规定的期限，或者本清单规定的期限。", "The deadline is the one set in the authority's correction order, or the one this list sets.";
    QNoFault => "您能否提供足以证明自己没有主观过错的证据？", "Can you provide evidence that proves you were not at fault?";
    HNoFault => "供货方提供了伪造的合格证明而您已尽查验义务；政务系统故障有记录；不可抗力致使无法按期办理。", "A supplier gave you a forged certificate although you checked it; a documented failure of a government system; force majeure prevented timely action.";
    QThresholdDefault => "是否符合本条清单规定的具体限定条件？", "Are the entry's specific limits met?";
    HThreshold => "这是本条清单自身规定的具体限定，请对照适用条件回答。", "This limit is set by the entry itself; compare it with the conditions.";
    HCondition => "这是本条清单自身的适用条件，符合请选“是”。", "This is one of the entry's own conditions; choose “Yes” if it holds.";
    HExclusion => "这是本条清单自身列明的除外情形，属于该情形请选“是”。", "This is an exclusion the entry itself states; choose “Yes” if your case falls under it.";
    QLimitation => "执法机关是否在违法行为发生后两年内发现了这一行为？（至今不满两年的，也请选“是”）", "Did the authority find the conduct within two years of it? (Choose “Yes” also if two years have not yet passed.)";
    HLimitation => "违法行为有连续或者继续状态的，从行为终了之日起计算。", "For continuing conduct the period runs from the day it ended.";
    QGraveHarm => "这一行为是否涉及公民生命健康安全、金融安全，并且造成了危害后果？", "Does the conduct concern citizens' life, health or financial safety, and did it have harmful consequences?";
    QLimitationLong => "执法机关是否在违法行为发生后五年内发现了这一行为？（至今不满五年的，也请选“是”）", "Did the authority find the conduct within five years of it? (Choose “Yes” also if five years have not yet passed.)";
    QUnder18 => "违法行为发生时，行为人是否不满十八周岁？", "Was the person under 18 when the act was committed?";
    HUnder18 => "以违法行为发生时的年龄为准；单位请选“否”。", "The age at the time of the act counts; for an organisation choose “No”.";
    QUnder14 => "违法行为发生时，行为人是否不满十四周岁？", "Was the person under 14 when the act was committed?";
    QIncapacity => "行为人是否为在不能辨认或者不能控制自己行为时实施违法行为的精神病人、智力残疾人？", "Is the person mentally ill or intellectually disabled and unable to recognise or control the conduct at the time?";
    HIncapacity => "需经法定程序确认；单位请选“否”。", "This has to be established by the statutory procedure; for an organisation choose “No”.";
    QMinorViolation => "违法行为是否情节轻微？", "Was the violation minor?";
    HMinorViolation => "持续时间短、涉及范围小、情节简单，由执法机关依法认定。", "Short, small in scope and simple; the authority decides.";
    QMitigating => "是否存在下列任一情形？", "Does any of the following apply?";
    HMitigating => "主动消除或者减轻了违法行为危害后果；受他人胁迫或者诱骗实施违法行为；主动供述行政机关尚未掌握的违法行为；配合行政机关查处违法行为有立功表现；法律、法规、规章规定其他应当从轻或者减轻行政处罚的情形。", "You actively removed or reduced the harm; you were coerced or deceived; you confessed violations the authority did not know of; you rendered meritorious service in the investigation; another case in which laws, regulations or rules require a lighter or mitigated penalty.";
    // Short fact names (the decisive answers).
    FDecided => "已作出处罚决定", "A penalty decision exists";
    FMeasureTaken => "已采取行政强制措施", "A coercive measure was taken";
    FExcluded => "涉及除外情形", "An exclusion applies";
    FFirstTime => "首次违法", "First violation";
    FNoHarm => "没有危害后果", "No harm";
    FMinorHarm => "危害后果轻微", "Minor harm";
    FCorrected => "及时改正", "Corrected in time";
    FDeadline => "改正期限未届满", "Correction deadline still running";
    FNoFault => "能证明没有主观过错", "No fault can be proven";
    FThreshold => "符合具体限定", "Specific limits met";
    FCondition => "符合本条条件", "The entry's condition holds";
    FLimitation => "两年内被发现", "Found within two years";
    FGraveHarm => "涉及生命健康、金融安全且有危害后果", "Life, health or financial safety harmed";
    FLimitationLong => "五年内被发现", "Found within five years";
    FUnder18 => "不满十八周岁", "Under 18";
    FUnder14 => "不满十四周岁", "Under 14";
    FIncapacity => "不能辨认或者控制自己行为", "Unable to recognise or control the conduct";
    FMinorViolation => "情节轻微", "Minor violation";
    FMitigating => "有第三十二条规定的情形", "An art. 32 ground";
    // The statements of a result (docs/self-check.md).
    WShallNotPunish => "应当不予处罚", "Shall not be punished";
    WMayNotPunish => "可以不予处罚", "May go unpunished";
    WNoFaultNotPunished => "不予行政处罚（当事人有证据足以证明没有主观过错）", "Not punished (evidence proves no subjective fault)";
    WMayExempt => "可以免予处罚", "May be exempted from a penalty";
    WMayLighterOrMitigate => "可以从轻或者减轻处罚", "A lighter or mitigated penalty is possible";
    WShallLighterOrMitigate => "应当从轻或者减轻处罚", "The penalty shall be lighter or mitigated";
    WListLighter => "依照本清单从轻处罚", "A lighter penalty under this list";
    WListMitigated => "依照本清单可以减轻处罚", "A mitigated penalty is possible under this list";
    WUnderFourteen => "不予行政处罚（不满十四周岁），责令监护人加以管教", "Not punished (under 14); the guardian is ordered to discipline the child";
    WIncapacity => "不予行政处罚，责令其监护人严加看管和治疗", "Not punished; the guardian is ordered to supervise and treat the person";
    WTimeBarred => "违法行为在二年内未被发现，不再给予行政处罚", "Not discovered within two years: no penalty is imposed any more";
    WTimeBarredLong => "违法行为在五年内未被发现，不再给予行政处罚", "Not discovered within five years: no penalty is imposed any more";
    WPendingPre => "在", "Correct it within";
    WPendingPost => "内改正完毕即可适用本清单", "and this list applies";
    WPendingDefault => "规定期限", "the set period";
    WThenPrefix => "改正完毕后：", "Once corrected:";
    WNoCoercion => "可以不采取行政强制措施", "Coercive measures may be withheld";
    WCoercion => "可能依法采取行政强制措施", "Coercive measures under the law are possible";
    WMeasureTaken => "已经采取的行政强制措施不因本清单而解除", "A coercive measure already taken is not lifted by this list";
    WDecided => "本清单不适用", "This list does not apply";
    WPenalty => "可能依法处罚", "A penalty under the law is possible";
    ExemptNotExcused => "免罚不免责：仍须改正违法行为，执法机关会对您进行批评教育。", "Exemption is not absolution: you must still correct the violation, and the authority will give guidance.";
    StatuteOtherwise => "法律、行政法规另有规定的，从其规定。", "Where a law or administrative regulation provides otherwise, that provision applies.";
    NotAPenaltyWaiver => "不采取行政强制措施不等于不予行政处罚。", "Withholding coercive measures does not mean that no penalty is imposed.";
    // Deadline units.
    UHours => "小时", "hours";
    UDays => "日", "days";
    UWorkingDays => "个工作日", "working days";
    UMonths => "个月", "months";
    // The entry's conditions on the check screen.
    ConditionsChecked => "本条清单的适用条件", "This entry's conditions";
    CondOpen => "待确认", "to be checked";
    CondMet => "符合", "holds";
    CondPending => "期限内改正即可", "holds once corrected in time";
    CondUnmet => "不符合", "does not hold";
    // Next steps.
    NCorrect => "请在规定期限内改正违法行为", "Correct the violation within the deadline";
    NCommitment => "按要求签订承诺书", "Sign a letter of commitment if asked";
    NEvidence => "保留改正情况或无过错的相关证据", "Keep evidence of the correction or of no fault";
    NContact => "向实施机关咨询具体要求", "Ask the enforcing authority about the details";
    NReview => "对处罚决定不服的，可以依法申请行政复议或者提起行政诉讼", "If you disagree with the decision, you may apply for administrative review or bring a lawsuit";
    NCooperate => "如实陈述、配合调查，在陈述申辩中说明从轻、减轻情节", "Cooperate with the investigation and state mitigating facts in your defence";
    NCoercionRemedies => "对行政强制措施，您有权陈述、申辩，可以依法申请行政复议或者提起行政诉讼；因违法实施行政强制受到损害的，有权依法要求赔偿", "Against a coercive measure you may make a statement and a defence, apply for administrative review or bring a lawsuit; if an unlawful measure harmed you, you may claim compensation";
});

/// A number followed by a unit in the locale's order ("共 12 条" / "12 entries").
pub fn count_text(l: Locale, n: usize) -> String {
    match l {
        Locale::ZhCn => format!(
            "{} {} {}",
            LenientMsg::CountPrefix.text(l),
            n,
            LenientMsg::CountSuffix.text(l)
        ),
        Locale::En => format!("{} {}", n, LenientMsg::CountSuffix.text(l)),
    }
}

/// "第 2 题（最多 5 题）" / "Question 2 of at most 5".
pub fn progress_text(l: Locale, current: usize, at_most: usize) -> String {
    match l {
        Locale::ZhCn => format!("第 {current} 题（最多 {at_most} 题）"),
        Locale::En => format!("Question {current} of at most {at_most}"),
    }
}

/// Short name of a list kind (chips, badges).
pub fn kind_short(k: ListKind) -> LenientMsg {
    match k {
        ListKind::Minor => LenientMsg::KindMinor,
        ListKind::FirstViolation => LenientMsg::KindFirstViolation,
        ListKind::NoFault => LenientMsg::KindNoFault,
        ListKind::Lighter => LenientMsg::KindLighter,
        ListKind::Mitigated => LenientMsg::KindMitigated,
        ListKind::NoCoercion => LenientMsg::KindNoCoercion,
        ListKind::Unknown => LenientMsg::KindUnknown,
    }
}

/// Full name of a list kind (entry detail).
pub fn kind_long(k: ListKind) -> LenientMsg {
    match k {
        ListKind::Minor => LenientMsg::KindMinorLong,
        ListKind::FirstViolation => LenientMsg::KindFirstViolationLong,
        ListKind::NoFault => LenientMsg::KindNoFaultLong,
        ListKind::Lighter => LenientMsg::KindLighterLong,
        ListKind::Mitigated => LenientMsg::KindMitigatedLong,
        ListKind::NoCoercion => LenientMsg::KindNoCoercionLong,
        ListKind::Unknown => LenientMsg::KindUnknown,
    }
}

/// The statement of a result.
pub fn wording_text(w: Wording) -> LenientMsg {
    match w {
        Wording::ShallNotPunish => LenientMsg::WShallNotPunish,
        Wording::MayNotPunish => LenientMsg::WMayNotPunish,
        Wording::NoFaultNotPunished => LenientMsg::WNoFaultNotPunished,
        Wording::MayExempt => LenientMsg::WMayExempt,
        Wording::MayLighterOrMitigate => LenientMsg::WMayLighterOrMitigate,
        Wording::ShallLighterOrMitigate => LenientMsg::WShallLighterOrMitigate,
        Wording::ListLighter => LenientMsg::WListLighter,
        Wording::ListMitigated => LenientMsg::WListMitigated,
        Wording::UnderFourteen => LenientMsg::WUnderFourteen,
        Wording::Incapacity => LenientMsg::WIncapacity,
        Wording::TimeBarred => LenientMsg::WTimeBarred,
        Wording::TimeBarredLong => LenientMsg::WTimeBarredLong,
        Wording::PendingCorrection => LenientMsg::WPendingPost,
        Wording::NoCoercion => LenientMsg::WNoCoercion,
        Wording::Coercion => LenientMsg::WCoercion,
        Wording::MeasureTaken => LenientMsg::WMeasureTaken,
        Wording::Decided => LenientMsg::WDecided,
        Wording::Penalty => LenientMsg::WPenalty,
    }
}

/// A deadline in words: "5个工作日" / "5 working days"; `None` = "规定期限".
pub fn deadline_text(d: Option<Deadline>, l: Locale) -> String {
    let Some(d) = d.filter(|d| d.amount > 0) else {
        return LenientMsg::WPendingDefault.text(l).to_string();
    };
    let n = d.amount;
    let unit = match d.unit {
        DeadlineUnit::Hours => LenientMsg::UHours,
        DeadlineUnit::Days => LenientMsg::UDays,
        DeadlineUnit::WorkingDays => LenientMsg::UWorkingDays,
        DeadlineUnit::Months => LenientMsg::UMonths,
        DeadlineUnit::Unknown => return LenientMsg::WPendingDefault.text(l).to_string(),
    };
    match l {
        Locale::ZhCn => format!("{n}{}", unit.text(l)),
        Locale::En => format!("{n} {}", unit.text(l)),
    }
}

/// The full statement of a verdict: "在5个工作日内改正完毕即可适用本清单" for a pending
/// correction, else the wording's text.
pub fn verdict_text(v: &Verdict, l: Locale) -> String {
    match v.wording {
        Wording::PendingCorrection => match l {
            Locale::ZhCn => format!(
                "{}{}{}",
                LenientMsg::WPendingPre.text(l),
                deadline_text(v.deadline, l),
                LenientMsg::WPendingPost.text(l)
            ),
            Locale::En => format!(
                "{} {} {}",
                LenientMsg::WPendingPre.text(l),
                deadline_text(v.deadline, l),
                LenientMsg::WPendingPost.text(l)
            ),
        },
        w => wording_text(w).text(l).to_string(),
    }
}

pub fn notice_text(n: Notice) -> LenientMsg {
    match n {
        Notice::ExemptNotExcused => LenientMsg::ExemptNotExcused,
        Notice::StatuteOtherwise => LenientMsg::StatuteOtherwise,
        Notice::NotAPenaltyWaiver => LenientMsg::NotAPenaltyWaiver,
    }
}

/// Whether an outcome spares the party a penalty or a measure (the result is then shown as
/// good news).
pub fn is_exempt(o: Outcome) -> bool {
    matches!(
        o,
        Outcome::NoPenalty | Outcome::MayWaive | Outcome::NoFault | Outcome::NoCoercion
    )
}

pub fn next_step_text(n: NextStep) -> LenientMsg {
    match n {
        NextStep::CorrectWithinDeadline => LenientMsg::NCorrect,
        NextStep::SignCommitment => LenientMsg::NCommitment,
        NextStep::KeepEvidence => LenientMsg::NEvidence,
        NextStep::ContactAuthority => LenientMsg::NContact,
        NextStep::ReviewOrLitigation => LenientMsg::NReview,
        NextStep::CooperateWithInvestigation => LenientMsg::NCooperate,
        NextStep::CoercionRemedies => LenientMsg::NCoercionRemedies,
    }
}

pub fn cond_state_text(s: CondState) -> LenientMsg {
    match s {
        CondState::Open => LenientMsg::CondOpen,
        CondState::Met => LenientMsg::CondMet,
        CondState::Pending => LenientMsg::CondPending,
        CondState::Unmet => LenientMsg::CondUnmet,
    }
}

/// Short name of a fact (the decisive answers on the result screen).
pub fn fact_short(f: Fact) -> LenientMsg {
    match f {
        Fact::Decided => LenientMsg::FDecided,
        Fact::MeasureTaken => LenientMsg::FMeasureTaken,
        Fact::Excluded(_) => LenientMsg::FExcluded,
        Fact::FirstTime => LenientMsg::FFirstTime,
        Fact::NoHarm => LenientMsg::FNoHarm,
        Fact::MinorHarm => LenientMsg::FMinorHarm,
        Fact::Corrected => LenientMsg::FCorrected,
        Fact::WithinDeadline => LenientMsg::FDeadline,
        Fact::NoFault => LenientMsg::FNoFault,
        Fact::Threshold => LenientMsg::FThreshold,
        Fact::Condition(_) => LenientMsg::FCondition,
        Fact::WithinLimitation => LenientMsg::FLimitation,
        Fact::GraveHarm => LenientMsg::FGraveHarm,
        Fact::WithinLimitationLong => LenientMsg::FLimitationLong,
        Fact::Under18 => LenientMsg::FUnder18,
        Fact::Under14 => LenientMsg::FUnder14,
        Fact::Incapacity => LenientMsg::FIncapacity,
        Fact::MinorViolation => LenientMsg::FMinorViolation,
        Fact::Mitigating => LenientMsg::FMitigating,
    }
}

/// The entry's own question for condition `i` (condition and exclusion questions).
fn own_question(req: &Requirements, i: usize, l: Locale) -> Option<String> {
    let c = req.conditions.get(i)?;
    let q = match l {
        Locale::ZhCn => c.question_zh.as_str(),
        Locale::En if !c.question_en.trim().is_empty() => c.question_en.as_str(),
        Locale::En => c.question_zh.as_str(),
    };
    Some(q.trim().to_string()).filter(|q| !q.is_empty())
}

/// The question for a fact, using the entry's own look-back period, limit and conditions.
pub fn question_text(f: Fact, req: &Requirements, t: &Thresholds, l: Locale) -> String {
    let fixed = |k: LenientMsg| k.text(l).to_string();
    match f {
        Fact::Decided => fixed(LenientMsg::QDecided),
        Fact::MeasureTaken => fixed(LenientMsg::QMeasureTaken),
        Fact::Excluded(i) => {
            own_question(req, i, l).unwrap_or_else(|| fixed(LenientMsg::QExcluded))
        }
        Fact::Condition(i) => {
            own_question(req, i, l).unwrap_or_else(|| fixed(LenientMsg::QThresholdDefault))
        }
        Fact::FirstTime => match req.lookback_months {
            Some(n) if n > 0 => format!(
                "{}{}{}{}",
                LenientMsg::QFirstTimePre.text(l),
                if l == Locale::En { " " } else { "" },
                n,
                match l {
                    Locale::ZhCn => LenientMsg::QFirstTimePost.text(l).to_string(),
                    Locale::En => format!(" {}", LenientMsg::QFirstTimePost.text(l)),
                }
            ),
            _ => fixed(LenientMsg::QFirstTimeEver),
        },
        Fact::NoHarm => fixed(LenientMsg::QNoHarm),
        Fact::MinorHarm => fixed(LenientMsg::QMinorHarm),
        Fact::Corrected => fixed(LenientMsg::QCorrected),
        Fact::WithinDeadline => fixed(LenientMsg::QDeadline),
        Fact::NoFault => fixed(LenientMsg::QNoFault),
        Fact::Threshold => {
            let own = match l {
                Locale::ZhCn => t.question_zh.as_deref(),
                // An entry without an English question falls back to its Chinese one.
                Locale::En => t
                    .question_en
                    .as_deref()
                    .filter(|q| !q.trim().is_empty())
                    .or(t.question_zh.as_deref()),
            };
            match own.map(str::trim).filter(|q| !q.is_empty()) {
                Some(q) => q.to_string(),
                None => fixed(LenientMsg::QThresholdDefault),
            }
        }
        Fact::WithinLimitation => fixed(LenientMsg::QLimitation),
        Fact::GraveHarm => fixed(LenientMsg::QGraveHarm),
        Fact::WithinLimitationLong => fixed(LenientMsg::QLimitationLong),
        Fact::Under18 => fixed(LenientMsg::QUnder18),
        Fact::Under14 => fixed(LenientMsg::QUnder14),
        Fact::Incapacity => fixed(LenientMsg::QIncapacity),
        Fact::MinorViolation => fixed(LenientMsg::QMinorViolation),
        Fact::Mitigating => fixed(LenientMsg::QMitigating),
    }
}

/// The examples / explanation under a question (`None` when the question says it all).
pub fn question_hint(f: Fact, req: &Requirements, l: Locale) -> Option<String> {
    let fixed = |k: LenientMsg| Some(k.text(l).to_string());
    let with_deadline = |base: &str| match req.deadline {
        Some(d) => match l {
            Locale::ZhCn => format!(
                "{base}{}{}{}",
                LenientMsg::HCorrectedDaysPre.text(l),
                deadline_text(Some(d), l),
                LenientMsg::HCorrectedDaysPost.text(l)
            ),
            Locale::En => format!(
                "{base} {} {}{}",
                LenientMsg::HCorrectedDaysPre.text(l),
                deadline_text(Some(d), l),
                LenientMsg::HCorrectedDaysPost.text(l)
            ),
        },
        None => base.to_string(),
    };
    match f {
        Fact::Decided => fixed(LenientMsg::HDecided),
        Fact::MeasureTaken => fixed(LenientMsg::HMeasureTaken),
        Fact::Excluded(_) => fixed(LenientMsg::HExclusion),
        Fact::Condition(_) => fixed(LenientMsg::HCondition),
        Fact::FirstTime | Fact::Under14 | Fact::GraveHarm | Fact::WithinLimitationLong => None,
        Fact::NoHarm => fixed(LenientMsg::HNoHarm),
        Fact::MinorHarm => fixed(LenientMsg::HMinorHarm),
        Fact::Corrected => Some(with_deadline(LenientMsg::HCorrected.text(l))),
        Fact::WithinDeadline => Some(with_deadline(LenientMsg::HDeadline.text(l))),
        Fact::NoFault => fixed(LenientMsg::HNoFault),
        Fact::Threshold => fixed(LenientMsg::HThreshold),
        Fact::WithinLimitation => fixed(LenientMsg::HLimitation),
        Fact::Under18 => fixed(LenientMsg::HUnder18),
        Fact::Incapacity => fixed(LenientMsg::HIncapacity),
        Fact::MinorViolation => fixed(LenientMsg::HMinorViolation),
        Fact::Mitigating => fixed(LenientMsg::HMitigating),
    }
}

/// Whether a question's hint is a list of cases (rendered after "例如：" only for the
/// example-style hints).
pub fn hint_is_examples(f: Fact) -> bool {
    matches!(
        f,
        Fact::NoHarm | Fact::MinorHarm | Fact::NoFault | Fact::Mitigating
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Covered, LenientEntry};
    use crate::domain::requirements;

    fn req(lookback: Option<u32>, deadline: Option<Deadline>) -> Requirements {
        Requirements {
            lookback_months: lookback,
            deadline,
            ..Default::default()
        }
    }

    const ALL_FACTS: [Fact; 19] = [
        Fact::Decided,
        Fact::MeasureTaken,
        Fact::Excluded(0),
        Fact::FirstTime,
        Fact::NoHarm,
        Fact::MinorHarm,
        Fact::Corrected,
        Fact::WithinDeadline,
        Fact::Threshold,
        Fact::Condition(0),
        Fact::WithinLimitation,
        Fact::GraveHarm,
        Fact::WithinLimitationLong,
        Fact::Under18,
        Fact::Under14,
        Fact::Incapacity,
        Fact::NoFault,
        Fact::MinorViolation,
        Fact::Mitigating,
    ];

    #[test]
    fn first_time_question_uses_the_entry_period() {
        let t = Thresholds::default();
        assert_eq!(
            question_text(Fact::FirstTime, &req(Some(24), None), &t, Locale::ZhCn),
            "这是否是您第一次出现这类违法行为（近24个月内未因同类行为被执法机关发现）？"
        );
        assert_eq!(
            question_text(Fact::FirstTime, &req(Some(24), None), &t, Locale::En),
            "Is this the first time (no similar violation of yours found by an authority in the last 24 months)?"
        );
        let ever = question_text(Fact::FirstTime, &req(None, None), &t, Locale::ZhCn);
        assert!(ever.contains("从未"), "{ever}");
        let zero = question_text(Fact::FirstTime, &req(Some(0), None), &t, Locale::ZhCn);
        assert_eq!(zero, ever);
    }

    #[test]
    fn threshold_question_comes_from_the_entry() {
        let r = req(None, None);
        let t = Thresholds {
            question_zh: Some("无照经营时间不超过30日？".into()),
            question_en: Some("Unlicensed for at most 30 days?".into()),
            ..Default::default()
        };
        assert_eq!(
            question_text(Fact::Threshold, &r, &t, Locale::ZhCn),
            "无照经营时间不超过30日？"
        );
        assert_eq!(
            question_text(Fact::Threshold, &r, &t, Locale::En),
            "Unlicensed for at most 30 days?"
        );
        let t = Thresholds {
            question_zh: Some("数量不超过1吨？".into()),
            question_en: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(
            question_text(Fact::Threshold, &r, &t, Locale::En),
            "数量不超过1吨？"
        );
    }

    #[test]
    fn condition_questions_are_the_entrys_own_words() {
        let e = LenientEntry {
            conditions: vec![
                "首次被发现".into(),
                "能够当场按规定悬挂".into(),
                "重污染天气预警期间不适用".into(),
            ],
            ..Default::default()
        };
        let r = requirements::derive(&e);
        assert_eq!(r.conditions[1].covered_by, Covered::Question);
        let t = Thresholds::default();
        assert_eq!(
            question_text(Fact::Condition(1), &r, &t, Locale::ZhCn),
            "是否能够当场按规定悬挂？"
        );
        assert_eq!(
            question_text(Fact::Condition(1), &r, &t, Locale::En),
            "Can you put it up as required on the spot?"
        );
        let ex = question_text(Fact::Excluded(2), &r, &t, Locale::ZhCn);
        assert!(ex.contains("重污染天气预警期间"), "{ex}");
    }

    #[test]
    fn deadlines_in_words() {
        let r = req(None, Some(Deadline::new(5, DeadlineUnit::WorkingDays)));
        let zh = question_hint(Fact::Corrected, &r, Locale::ZhCn).unwrap_or_default();
        assert!(zh.ends_with("本清单要求在5个工作日内改正。"), "{zh}");
        let en = question_hint(Fact::Corrected, &r, Locale::En).unwrap_or_default();
        assert!(en.ends_with("within 5 working days."), "{en}");
        let none =
            question_hint(Fact::Corrected, &req(None, None), Locale::ZhCn).unwrap_or_default();
        assert!(!none.contains("内改正。"), "{none}");
        assert_eq!(
            deadline_text(Some(Deadline::new(24, DeadlineUnit::Hours)), Locale::ZhCn),
            "24小时"
        );
        assert_eq!(deadline_text(None, Locale::ZhCn), "规定期限");
    }

    #[test]
    fn pending_correction_says_the_deadline() {
        let e = LenientEntry {
            kind: ListKind::Minor,
            conditions: vec!["经责令改正后5个工作日内整改完毕".into()],
            ..Default::default()
        };
        let mut c = crate::domain::eligibility::SelfCheck::new(&e);
        c.answer(false); // decided
        c.answer(false); // corrected
        c.answer(true); // still within the deadline
        let crate::domain::eligibility::Step::Done(v) = c.step() else {
            panic!("not done")
        };
        assert_eq!(v.outcome, Outcome::PendingCorrection);
        assert_eq!(
            verdict_text(&v, Locale::ZhCn),
            "在5个工作日内改正完毕即可适用本清单"
        );
        assert_eq!(
            verdict_text(&v, Locale::En),
            "Correct it within 5 working days and this list applies"
        );
    }

    #[test]
    fn every_fact_has_a_question_in_both_languages() {
        let r = req(None, None);
        let t = Thresholds::default();
        for f in ALL_FACTS {
            for l in [Locale::ZhCn, Locale::En] {
                let q = question_text(f, &r, &t, l);
                assert!(
                    q.ends_with('？') || q.ends_with('?') || q.ends_with('）') || q.ends_with(')'),
                    "{f:?} {l:?}: {q}"
                );
            }
            assert_ne!(
                question_text(f, &r, &t, Locale::ZhCn),
                question_text(f, &r, &t, Locale::En)
            );
        }
        assert!(question_hint(Fact::Mitigating, &r, Locale::ZhCn)
            .unwrap_or_default()
            .contains("胁迫"));
        assert!(question_hint(Fact::Mitigating, &r, Locale::ZhCn)
            .unwrap_or_default()
            .contains("规章规定其他应当从轻或者减轻"));
        assert!(question_hint(Fact::NoFault, &r, Locale::ZhCn)
            .unwrap_or_default()
            .contains("伪造"));
    }

    #[test]
    fn result_words() {
        assert_eq!(
            wording_text(Wording::ShallNotPunish).text(Locale::ZhCn),
            "应当不予处罚"
        );
        assert_eq!(
            wording_text(Wording::MayNotPunish).text(Locale::ZhCn),
            "可以不予处罚"
        );
        assert_eq!(
            wording_text(Wording::ShallLighterOrMitigate).text(Locale::ZhCn),
            "应当从轻或者减轻处罚"
        );
        assert_eq!(
            wording_text(Wording::NoCoercion).text(Locale::ZhCn),
            "可以不采取行政强制措施"
        );
        assert_eq!(
            notice_text(Notice::NotAPenaltyWaiver).text(Locale::ZhCn),
            "不采取行政强制措施不等于不予行政处罚。"
        );
        assert_eq!(
            notice_text(Notice::StatuteOtherwise).text(Locale::ZhCn),
            "法律、行政法规另有规定的，从其规定。"
        );
        assert!(is_exempt(Outcome::MayWaive) && !is_exempt(Outcome::Lighter));
        assert!(!is_exempt(Outcome::PendingCorrection));
    }

    #[test]
    fn table_has_both_languages() {
        for k in LenientMsg::ALL {
            let (zh, en) = (k.text(Locale::ZhCn), k.text(Locale::En));
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{k:?}");
            assert!(!zh.is_ascii(), "{k:?}: {zh}");
        }
    }

    #[test]
    fn counts_and_kind_names() {
        assert_eq!(count_text(Locale::ZhCn, 12), "共 12 条");
        assert_eq!(count_text(Locale::En, 12), "12 entries");
        assert_eq!(progress_text(Locale::ZhCn, 2, 5), "第 2 题（最多 5 题）");
        for k in ListKind::ALL {
            assert_ne!(kind_short(k), LenientMsg::KindUnknown);
            assert_ne!(kind_long(k), LenientMsg::KindUnknown);
        }
        assert_eq!(kind_short(ListKind::Unknown), LenientMsg::KindUnknown);
    }
}
