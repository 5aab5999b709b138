//! Lenient-list messages, plus the plain functions that pick the right message for a list
//! kind, an outcome, a next step or a self-check question.

use crate::contract::{ListKind, Thresholds};
use crate::domain::eligibility::{Fact, NextStep, Outcome};
use crate::ui::i18n::{Locale, Msg};

crate::messages!(
    /// Lenient-enforcement list messages.
    L {
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
    QExcluded => "这一行为是否涉及下列任一情形？", "Does the conduct involve any of the following?";
    HExcluded => "食品、药品、特种设备安全；公共安全、人身健康或生命安全；故意违法、弄虚作假或欺诈；拒绝、阻碍执法检查。", "Food, drug or special-equipment safety; public safety, health or life; intentional violation, falsification or fraud; refusing or obstructing an inspection.";
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
    HCorrectedDaysPost => "日内改正。", "days.";
    QNoFault => "您能否提供足以证明自己没有主观过错的证据？", "Can you provide evidence that proves you were not at fault?";
    HNoFault => "供货方提供了伪造的合格证明而您已尽查验义务；政务系统故障有记录；不可抗力致使无法按期办理。", "A supplier gave you a forged certificate although you checked it; a documented failure of a government system; force majeure prevented timely action.";
    QThresholdDefault => "是否符合本条清单规定的具体限定条件？", "Are the entry's specific limits met?";
    HThreshold => "这是本条清单自身规定的具体限定，请对照适用条件回答。", "This limit is set by the entry itself; compare it with the conditions.";
    QMitigating => "是否存在下列任一情形？", "Does any of the following apply?";
    HMitigating => "主动消除或者减轻了危害后果；受他人胁迫或者诱骗实施；主动供述执法机关尚未掌握的违法行为；配合查处违法行为有立功表现。", "You actively removed or reduced the harm; you were coerced or deceived; you confessed violations the authority did not know of; you rendered meritorious service in the investigation.";
    // Short fact names (the decisive answers).
    FDecided => "已作出处罚决定", "A penalty decision exists";
    FExcluded => "涉及除外情形", "An exclusion applies";
    FFirstTime => "首次违法", "First violation";
    FNoHarm => "没有危害后果", "No harm";
    FMinorHarm => "危害后果轻微", "Minor harm";
    FCorrected => "及时改正", "Corrected in time";
    FNoFault => "能证明没有主观过错", "No fault can be proven";
    FThreshold => "符合具体限定", "Specific limits met";
    FMitigating => "有从轻、减轻情节", "Mitigating circumstances";
    // Outcomes in plain words.
    ONoPenalty => "应当不予处罚", "Shall not be punished";
    ONoCoercion => "可以不采取行政强制措施", "Coercive measures may be withheld";
    OMayWaive => "可以不予处罚", "May go unpunished";
    ONoFault => "不予处罚（无主观过错）", "Not punished (no fault)";
    OMitigated => "可以减轻处罚", "A mitigated penalty is possible";
    OLighter => "可以从轻处罚", "A lighter penalty is possible";
    ONotApplicable => "本清单不适用", "This list does not apply";
    OPenalty => "可能依法处罚", "A penalty under the law is possible";
    OCoercion => "可能依法采取行政强制措施", "Coercive measures under the law are possible";
    ExemptNotExcused => "免罚不免责：仍须改正违法行为，执法机关会对您进行批评教育。", "Exemption is not absolution: you must still correct the violation, and the authority will give guidance.";
    // Next steps.
    NCorrect => "请在规定期限内改正违法行为", "Correct the violation within the deadline";
    NCommitment => "按要求签订承诺书", "Sign a letter of commitment if asked";
    NEvidence => "保留改正情况或无过错的相关证据", "Keep evidence of the correction or of no fault";
    NContact => "向实施机关咨询具体要求", "Ask the enforcing authority about the details";
    NReview => "对处罚决定不服的，可以依法申请行政复议或者提起行政诉讼", "If you disagree with the decision, you may apply for administrative review or bring a lawsuit";
    NCooperate => "如实陈述、配合调查，在陈述申辩中说明从轻、减轻情节", "Cooperate with the investigation and state mitigating facts in your defence";
});

/// A number followed by a unit in the locale's order ("共 12 条" / "12 entries").
pub fn count_text(l: Locale, n: usize) -> String {
    match l {
        Locale::ZhCn => format!(
            "{} {} {}",
            L::CountPrefix.text(l),
            n,
            L::CountSuffix.text(l)
        ),
        Locale::En => format!("{} {}", n, L::CountSuffix.text(l)),
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
pub fn kind_short(k: ListKind) -> L {
    match k {
        ListKind::Minor => L::KindMinor,
        ListKind::FirstViolation => L::KindFirstViolation,
        ListKind::NoFault => L::KindNoFault,
        ListKind::Lighter => L::KindLighter,
        ListKind::Mitigated => L::KindMitigated,
        ListKind::NoCoercion => L::KindNoCoercion,
        ListKind::Unknown => L::KindUnknown,
    }
}

/// Full name of a list kind (entry detail).
pub fn kind_long(k: ListKind) -> L {
    match k {
        ListKind::Minor => L::KindMinorLong,
        ListKind::FirstViolation => L::KindFirstViolationLong,
        ListKind::NoFault => L::KindNoFaultLong,
        ListKind::Lighter => L::KindLighterLong,
        ListKind::Mitigated => L::KindMitigatedLong,
        ListKind::NoCoercion => L::KindNoCoercionLong,
        ListKind::Unknown => L::KindUnknown,
    }
}

/// The outcome in plain words; a `no_coercion` entry speaks of coercive measures, not penalties.
pub fn outcome_text(o: Outcome, kind: ListKind) -> L {
    let coercion = kind == ListKind::NoCoercion;
    match o {
        Outcome::NoPenalty if coercion => L::ONoCoercion,
        Outcome::NoPenalty => L::ONoPenalty,
        Outcome::MayWaive => L::OMayWaive,
        Outcome::NoFault => L::ONoFault,
        Outcome::Mitigated => L::OMitigated,
        Outcome::Lighter => L::OLighter,
        Outcome::NotApplicable => L::ONotApplicable,
        Outcome::Penalty if coercion => L::OCoercion,
        Outcome::Penalty => L::OPenalty,
    }
}

/// Whether an outcome spares the party a penalty (the result is then shown as good news,
/// with the "免罚不免责" reminder).
pub fn is_exempt(o: Outcome) -> bool {
    matches!(o, Outcome::NoPenalty | Outcome::MayWaive | Outcome::NoFault)
}

pub fn next_step_text(n: NextStep) -> L {
    match n {
        NextStep::CorrectWithinDeadline => L::NCorrect,
        NextStep::SignCommitment => L::NCommitment,
        NextStep::KeepEvidence => L::NEvidence,
        NextStep::ContactAuthority => L::NContact,
        NextStep::ReviewOrLitigation => L::NReview,
        NextStep::CooperateWithInvestigation => L::NCooperate,
    }
}

/// Short name of a fact (the decisive answers on the result screen).
pub fn fact_short(f: Fact) -> L {
    match f {
        Fact::Decided => L::FDecided,
        Fact::Excluded => L::FExcluded,
        Fact::FirstTime => L::FFirstTime,
        Fact::NoHarm => L::FNoHarm,
        Fact::MinorHarm => L::FMinorHarm,
        Fact::Corrected => L::FCorrected,
        Fact::NoFault => L::FNoFault,
        Fact::Threshold => L::FThreshold,
        Fact::Mitigating => L::FMitigating,
    }
}

/// The question for a fact, using the entry's own look-back period and threshold question.
pub fn question_text(f: Fact, t: &Thresholds, l: Locale) -> String {
    let fixed = |k: L| k.text(l).to_string();
    match f {
        Fact::Decided => fixed(L::QDecided),
        Fact::Excluded => fixed(L::QExcluded),
        Fact::FirstTime => match t.lookback_months {
            Some(n) if n > 0 => format!(
                "{}{}{}{}",
                L::QFirstTimePre.text(l),
                if l == Locale::En { " " } else { "" },
                n,
                match l {
                    Locale::ZhCn => L::QFirstTimePost.text(l).to_string(),
                    Locale::En => format!(" {}", L::QFirstTimePost.text(l)),
                }
            ),
            _ => fixed(L::QFirstTimeEver),
        },
        Fact::NoHarm => fixed(L::QNoHarm),
        Fact::MinorHarm => fixed(L::QMinorHarm),
        Fact::Corrected => fixed(L::QCorrected),
        Fact::NoFault => fixed(L::QNoFault),
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
                None => fixed(L::QThresholdDefault),
            }
        }
        Fact::Mitigating => fixed(L::QMitigating),
    }
}

/// The examples / explanation under a question (`None` when the question says it all).
pub fn question_hint(f: Fact, t: &Thresholds, l: Locale) -> Option<String> {
    let fixed = |k: L| Some(k.text(l).to_string());
    match f {
        Fact::Decided => fixed(L::HDecided),
        Fact::Excluded => fixed(L::HExcluded),
        Fact::FirstTime => None,
        Fact::NoHarm => fixed(L::HNoHarm),
        Fact::MinorHarm => fixed(L::HMinorHarm),
        Fact::Corrected => {
            let base = L::HCorrected.text(l);
            match t.correction_days {
                Some(n) if n > 0 => Some(match l {
                    Locale::ZhCn => format!(
                        "{base}{}{n}{}",
                        L::HCorrectedDaysPre.text(l),
                        L::HCorrectedDaysPost.text(l)
                    ),
                    Locale::En => format!(
                        "{base} {} {n} {}",
                        L::HCorrectedDaysPre.text(l),
                        L::HCorrectedDaysPost.text(l)
                    ),
                }),
                _ => Some(base.to_string()),
            }
        }
        Fact::NoFault => fixed(L::HNoFault),
        Fact::Threshold => fixed(L::HThreshold),
        Fact::Mitigating => fixed(L::HMitigating),
    }
}

/// Whether a question's hint is a list of cases (rendered after "例如：" only for the
/// example-style hints).
pub fn hint_is_examples(f: Fact) -> bool {
    matches!(
        f,
        Fact::Excluded | Fact::NoHarm | Fact::MinorHarm | Fact::NoFault | Fact::Mitigating
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn th(
        lookback: Option<u32>,
        days: Option<u32>,
        zh: Option<&str>,
        en: Option<&str>,
    ) -> Thresholds {
        Thresholds {
            lookback_months: lookback,
            correction_days: days,
            question_zh: zh.map(String::from),
            question_en: en.map(String::from),
        }
    }

    #[test]
    fn first_time_question_uses_the_entry_period() {
        let t = th(Some(24), None, None, None);
        assert_eq!(
            question_text(Fact::FirstTime, &t, Locale::ZhCn),
            "这是否是您第一次出现这类违法行为（近24个月内未因同类行为被执法机关发现）？"
        );
        assert_eq!(
            question_text(Fact::FirstTime, &t, Locale::En),
            "Is this the first time (no similar violation of yours found by an authority in the last 24 months)?"
        );
        let ever = question_text(Fact::FirstTime, &th(None, None, None, None), Locale::ZhCn);
        assert!(ever.contains("从未"), "{ever}");
        // 0 months makes no sense as a period: treated as "ever".
        let zero = question_text(
            Fact::FirstTime,
            &th(Some(0), None, None, None),
            Locale::ZhCn,
        );
        assert_eq!(zero, ever);
    }

    #[test]
    fn threshold_question_comes_from_the_entry() {
        let t = th(
            None,
            None,
            Some("无照经营时间不超过30日？"),
            Some("Unlicensed for at most 30 days?"),
        );
        assert_eq!(
            question_text(Fact::Threshold, &t, Locale::ZhCn),
            "无照经营时间不超过30日？"
        );
        assert_eq!(
            question_text(Fact::Threshold, &t, Locale::En),
            "Unlicensed for at most 30 days?"
        );
        // No English question: the Chinese one, never an empty screen.
        let t = th(None, None, Some("数量不超过1吨？"), Some("  "));
        assert_eq!(
            question_text(Fact::Threshold, &t, Locale::En),
            "数量不超过1吨？"
        );
        // No question at all: the generic one.
        let t = th(None, None, Some(" "), None);
        assert_eq!(
            question_text(Fact::Threshold, &t, Locale::ZhCn),
            L::QThresholdDefault.text(Locale::ZhCn)
        );
    }

    #[test]
    fn correction_hint_names_the_deadline() {
        let t = th(None, Some(5), None, None);
        let zh = question_hint(Fact::Corrected, &t, Locale::ZhCn).unwrap_or_default();
        assert!(zh.ends_with("本清单要求在5日内改正。"), "{zh}");
        let en = question_hint(Fact::Corrected, &t, Locale::En).unwrap_or_default();
        assert!(en.ends_with("within 5 days."), "{en}");
        let none = question_hint(Fact::Corrected, &th(None, None, None, None), Locale::ZhCn)
            .unwrap_or_default();
        assert!(!none.contains("日内改正"), "{none}");
    }

    #[test]
    fn every_fact_has_a_question_in_both_languages() {
        let t = Thresholds::default();
        for f in Fact::ALL {
            for l in [Locale::ZhCn, Locale::En] {
                let q = question_text(f, &t, l);
                assert!(q.ends_with('？') || q.ends_with('?'), "{f:?} {l:?}: {q}");
            }
            let zh = question_text(f, &t, Locale::ZhCn);
            let en = question_text(f, &t, Locale::En);
            assert_ne!(zh, en);
        }
        // The hints give concrete cases for the example-style questions.
        assert!(question_hint(Fact::Excluded, &t, Locale::ZhCn)
            .unwrap_or_default()
            .contains("食品"));
        assert!(question_hint(Fact::Mitigating, &t, Locale::ZhCn)
            .unwrap_or_default()
            .contains("胁迫"));
        assert!(question_hint(Fact::NoFault, &t, Locale::ZhCn)
            .unwrap_or_default()
            .contains("伪造"));
    }

    #[test]
    fn outcome_words() {
        assert_eq!(
            outcome_text(Outcome::NoPenalty, ListKind::Minor).text(Locale::ZhCn),
            "应当不予处罚"
        );
        assert_eq!(
            outcome_text(Outcome::MayWaive, ListKind::FirstViolation).text(Locale::ZhCn),
            "可以不予处罚"
        );
        assert_eq!(
            outcome_text(Outcome::NotApplicable, ListKind::Minor).text(Locale::ZhCn),
            "本清单不适用"
        );
        assert_eq!(
            outcome_text(Outcome::Penalty, ListKind::Lighter).text(Locale::ZhCn),
            "可能依法处罚"
        );
        assert_eq!(
            outcome_text(Outcome::NoPenalty, ListKind::NoCoercion),
            L::ONoCoercion
        );
        assert_eq!(
            outcome_text(Outcome::Penalty, ListKind::NoCoercion),
            L::OCoercion
        );
        assert!(is_exempt(Outcome::MayWaive) && !is_exempt(Outcome::Lighter));
    }

    #[test]
    fn table_has_both_languages() {
        for k in L::ALL {
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
            assert_ne!(kind_short(k), L::KindUnknown);
            assert_ne!(kind_long(k), L::KindUnknown);
        }
        assert_eq!(kind_short(ListKind::Unknown), L::KindUnknown);
    }
}
