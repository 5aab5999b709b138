//! 好差评 messages, and the mappings from domain values and problem codes to messages.

use crate::contract::{ProblemCode, Rating, ReviewState};
use crate::domain::review::{MAX_CASE_NO_CHARS, MAX_COMMENT_CHARS};
use crate::ui::features::reviews::logic::MAX_BARS;
use crate::ui::i18n::{fill, Locale, Msg};

crate::messages!(
    /// Review messages.
    ReviewMsg {
    Title => "政务服务好差评", "Rate our service";
    Intro => "评价自愿、匿名可选，不影响您办理的事项。", "Rating is voluntary and does not affect your application.";
    ByCase => "按办件编号评价", "Rate a case";
    CaseLabel => "办件编号", "Case number";
    CaseHint => "见受理回执；也可把回执上的二维码对准扫码口。", "It is on your receipt; or hold the receipt's QR code to the scanner.";
    CaseGo => "查找办件并评价", "Find the case and rate it";
    CaseInvalid => "办件编号格式不正确：只含数字、字母和短横线，最多{n}位。", "This case number is not valid: digits, letters and hyphens only, at most {n}.";
    CaseNotFound => "没有找到这个办件，请核对编号，或改为按窗口、事项评价。", "No case with this number. Please check it, or rate a window or a service instead.";
    CaseCheckFailed => "暂时无法核对办件编号，请稍后重试，或改为按窗口、事项评价。", "The case number cannot be checked right now. Try again later, or rate a window or a service.";
    ByWindow => "按服务窗口评价", "Rate a service window";
    WindowLabel => "选择窗口", "Choose a window";
    ByService => "按办理事项评价", "Rate a service";
    ServiceLabel => "选择事项", "Choose a service";
    ChoosePlaceholder => "请选择…", "Choose…";
    ChooseFirst => "请先选择一项。", "Please choose one first.";
    StartReview => "开始评价", "Start rating";
    ToStatus => "查询评价处理进度", "Track a review";
    ToStats => "查看满意度统计", "Satisfaction figures";
    Target => "评价对象", "You are rating";
    TargetCase => "办件", "Case";
    TargetWindow => "窗口", "Window";
    TargetService => "事项", "Service";
    TargetMissing => "没有选择评价对象，请返回选择窗口、事项，或输入办件编号。", "Nothing was chosen to rate. Please go back and choose a window, a service or a case.";
    BackToReviews => "返回好差评", "Back to reviews";
    ChooseLevel => "您对这次服务满意吗？", "How satisfied are you with this service?";
    VerySatisfied => "非常满意", "Very satisfied";
    Satisfied => "满意", "Satisfied";
    BasicallySatisfied => "基本满意", "Fairly satisfied";
    Dissatisfied => "不满意", "Dissatisfied";
    VeryDissatisfied => "非常不满意", "Very dissatisfied";
    StarsSuffix => "星", " stars";
    ReasonsBad => "请告诉我们哪里不满意：至少选择一项原因，或在下方填写具体情况（二者选一即可）。", "Please tell us what went wrong: choose at least one reason, or describe it below (either is enough).";
    ReasonsGood => "您满意的方面（可选，可多选）", "What went well (optional, choose any)";
    ReasonsNeutral => "哪些方面可以改进（可选，可多选）", "What could be better (optional, choose any)";
    CommentLabel => "意见和建议", "Comments";
    CommentHint => "可选；差评未选原因时请在此说明。", "Optional; for a bad rating without a reason, please describe it here.";
    PhoneLabel => "手机号码（可选）", "Mobile number (optional)";
    PhoneHint => "留下号码，工作人员可就差评与您核实并回访。", "Leave a number so staff can call you back about a bad rating.";
    PhoneEdit => "修改号码", "Change number";
    Privacy => "隐私说明：手机号码只用于工作人员就差评与您核实情况和回访，由本大厅保存，屏幕和回执上都不会完整显示，也不会公开或用于其他用途。不留号码也可以评价。", "Privacy: your number is used only by staff to call you back about a bad rating. The hall keeps it; it is never shown in full on screen or on the receipt, never published and never used for anything else. You can rate without it.";
    KeypadOpen => "屏幕键盘", "Keypad";
    KeypadClose => "收起键盘", "Hide keypad";
    Submit => "提交评价", "Submit";
    Submitting => "正在提交…", "Submitting…";
    ErrRatingRequired => "请选择满意程度。", "Please choose how satisfied you are.";
    ErrTargetRequired => "缺少评价对象，请返回重新选择。", "Nothing to rate: please go back and choose again.";
    ErrUnknownCase => "没有找到这个办件，请返回核对办件编号。", "This case was not found. Please go back and check the case number.";
    ErrUnknownTarget => "这个窗口或事项已不在评价范围内，请返回重新选择。", "This window or service can no longer be rated. Please go back and choose again.";
    ErrTagInvalid => "所选原因与满意程度不符，请重新选择。", "The reasons chosen do not match the rating. Please choose again.";
    ErrReasonRequired => "差评请至少选择一项原因，或在“意见和建议”中写明情况。", "For a bad rating, choose at least one reason or describe what happened under Comments.";
    ErrCommentTooLong => "意见和建议最多{n}字。", "Comments can be at most {n} characters.";
    ErrPhoneInvalid => "请输入正确的11位手机号码，或清空不填。", "Enter a valid 11-digit mobile number, or leave it empty.";
    ErrFieldInvalid => "此项填写有误，请检查。", "Please check this entry.";
    ErrCaseLimit => "这个办件已经评价过2次，不能再评价。您可以改为评价窗口或事项。", "This case has already been rated twice and cannot be rated again. You can rate the window or the service instead.";
    ReceiptTitle => "评价已提交，谢谢！", "Review submitted. Thank you!";
    ReviewNo => "评价编号", "Review number";
    CheckCode => "查询码", "Check code";
    CheckCodeHint => "请保存评价编号和查询码，可凭二者（或所留手机号后4位）查询处理进度。", "Keep the review number and check code: with them (or the last 4 digits of your phone) you can track the review.";
    Level => "满意程度", "Rating";
    SubmittedAt => "提交时间", "Submitted";
    NextBad => "我们将核实情况并整改，办理时限：", "We will look into it and put things right by:";
    NextBadCallback => "如您留了手机号码，工作人员会与您联系核实，并在整改后回访。", "If you left a number, staff will call you, and call again once it is resolved.";
    NextGood => "感谢您的评价！我们会继续努力。", "Thank you for your rating! We will keep it up.";
    QueuedTitle => "评价已保存", "Review saved";
    Queued => "您的评价已保存，网络恢复后将自动提交", "Your review is saved and will be sent automatically when the network is back";
    QueuedHint => "无需重复评价。送达后可凭评价编号查询进度。", "No need to rate again. Once it is delivered you can track it with its review number.";
    LocalNo => "本机暂存编号", "Local number";
    ScanStatus => "扫码在手机上查询处理进度（需输入查询码）", "Scan to track it on your phone (you will need the check code)";
    PrintReceipt => "打印回执", "Print receipt";
    RateAnother => "继续评价", "Rate something else";
    NoReceipt => "没有可显示的评价回执。", "There is no receipt to show.";
    LookupTitle => "查询评价处理进度", "Track a review";
    LookupNo => "评价编号", "Review number";
    LookupNoHint => "见评价回执，如 HC20261122000123。", "On your receipt, e.g. HC20261122000123.";
    LookupCheck => "查询码或手机号后4位", "Check code or last 4 digits of your phone";
    LookupCheckHint => "回执上的6位查询码，或评价时所留手机号码的后4位。", "The 6-character check code on the receipt, or the last 4 digits of the number you left.";
    LookupSubmit => "查询", "Look up";
    LookupNoInvalid => "评价编号格式不正确，应为 HC 加数字，如 HC20261122000123。", "This review number is not valid; it looks like HC20261122000123.";
    LookupLocalNo => "这是本机暂存编号：评价送达后才能查询。", "This is a local number: the review can be tracked once it has been delivered.";
    LookupCheckInvalid => "请输入6位查询码，或手机号后4位数字。", "Enter the 6-character check code or the last 4 digits of your phone.";
    LookupNotFound => "未找到该评价，或查询码不正确。请核对后重试。", "No review found, or the check value is wrong. Please check and try again.";
    Status => "处理状态", "Status";
    DueBy => "办理时限", "Due by";
    History => "处理记录", "History";
    StSubmitted => "已提交", "Submitted";
    StPending => "待核实", "Awaiting review";
    StVerifying => "核实中", "Being verified";
    StRectifying => "整改中", "Being put right";
    StRectified => "已整改", "Put right";
    StExplained => "已解释", "Explained";
    StRevisited => "已回访", "Followed up";
    StAppealing => "申诉中", "Under appeal";
    StAppealUpheld => "复核维持", "Upheld on appeal";
    StAppealRevoked => "复核撤销", "Revoked on appeal";
    Unknown => "未知", "Unknown";
    StatsTitle => "满意度统计", "Satisfaction figures";
    StatsTotal => "评价总数", "Reviews";
    StatsGoodRate => "好评率", "Good rate";
    StatsBad => "差评数", "Bad reviews";
    StatsRectifyRate => "差评整改率", "Bad reviews resolved";
    StatsAverage => "平均分", "Average score";
    GroupBy => "分组方式", "Group by";
    GroupWindow => "按窗口", "By window";
    GroupService => "按事项", "By service";
    GroupMonth => "按月份", "By month";
    ChartTitle => "各组评价数及好评率", "Reviews and good rate per group";
    ChartTop => "只显示评价数最多的前{n}项。", "Only the {n} groups with the most reviews are shown.";
    ChartRecent => "只显示最近20个月。", "Only the latest 20 months are shown.";
    NoData => "暂无评价数据。", "No reviews yet.";
    CountUnit => "条", "reviews";
    FormulaGood => "好评率 = 好评数（非常满意、满意、基本满意）÷ 评价总数", "Good rate = good reviews (very satisfied, satisfied, fairly satisfied) ÷ all reviews";
    FormulaRectify => "差评整改率 = 已整改差评数（已整改、已解释、已回访）÷ 差评数（不满意、非常不满意）", "Resolved = bad reviews put right, explained or followed up ÷ bad reviews (dissatisfied, very dissatisfied)";
    FormulaAverage => "平均分 = 星级的平均值（非常满意5分 … 非常不满意1分）", "Average score = mean of the stars (very satisfied 5 … very dissatisfied 1)";
    FormulaRevoked => "经申诉复核撤销的差评不计入统计。", "Bad reviews revoked on appeal are not counted.";
    FormulaOnTime => "差评按时处理率 = 在整改期限内已整改、已解释或已回访的差评数 ÷ 差评数", "Handled on time = bad reviews put right, explained or followed up by their deadline ÷ bad reviews";
    StatsOnTimeRate => "差评按时处理率", "Bad reviews handled on time";
    TrendTitle => "按月评价数、好评率和差评按时处理率", "Reviews, good rate and bad reviews handled on time per month";
    TrendAria => "按月趋势图：柱为评价数，实线为好评率，虚线为差评按时处理率；数据见下表。", "Monthly trend: columns are reviews, the solid line the good rate, the dashed line bad reviews handled on time; the table below has the numbers.";
    LegendTotal => "评价数", "Reviews";
    ColMonth => "月份", "Month";
    DemoData => "演示数据：以上统计含演示评价", "Demo data: these figures include demo reviews";
});

/// The name of a level; `Unknown` for anything the kiosk does not know.
pub fn rating_msg(r: Rating) -> ReviewMsg {
    match r {
        Rating::VerySatisfied => ReviewMsg::VerySatisfied,
        Rating::Satisfied => ReviewMsg::Satisfied,
        Rating::BasicallySatisfied => ReviewMsg::BasicallySatisfied,
        Rating::Dissatisfied => ReviewMsg::Dissatisfied,
        Rating::VeryDissatisfied => ReviewMsg::VeryDissatisfied,
        Rating::Unknown => ReviewMsg::Unknown,
    }
}

/// The name of a handling state.
pub fn state_msg(s: ReviewState) -> ReviewMsg {
    match s {
        ReviewState::Submitted => ReviewMsg::StSubmitted,
        ReviewState::PendingVerification => ReviewMsg::StPending,
        ReviewState::Verifying => ReviewMsg::StVerifying,
        ReviewState::Rectifying => ReviewMsg::StRectifying,
        ReviewState::Rectified => ReviewMsg::StRectified,
        ReviewState::Explained => ReviewMsg::StExplained,
        ReviewState::Revisited => ReviewMsg::StRevisited,
        ReviewState::Appealing => ReviewMsg::StAppealing,
        ReviewState::AppealUpheld => ReviewMsg::StAppealUpheld,
        ReviewState::AppealRevoked => ReviewMsg::StAppealRevoked,
        ReviewState::Unknown => ReviewMsg::Unknown,
    }
}

/// The text of a message, with the number of the rule it states filled in (comment length,
/// case-number length, bars shown), so the message and the validator cannot disagree.
pub fn review_text(m: ReviewMsg, l: Locale) -> String {
    let n = match m {
        ReviewMsg::ErrCommentTooLong => Some(MAX_COMMENT_CHARS),
        ReviewMsg::CaseInvalid => Some(MAX_CASE_NO_CHARS),
        ReviewMsg::ChartTop => Some(MAX_BARS),
        _ => None,
    };
    match n {
        Some(n) => fill(m.text(l), n as i64),
        None => m.text(l).to_string(),
    }
}

/// The message for a field problem (client `validate_review` or the server's 422/409 `fields`).
pub fn problem_msg(code: ProblemCode) -> ReviewMsg {
    match code {
        ProblemCode::RatingRequired => ReviewMsg::ErrRatingRequired,
        ProblemCode::TargetRequired => ReviewMsg::ErrTargetRequired,
        ProblemCode::InvalidCaseNo | ProblemCode::UnknownCase => ReviewMsg::ErrUnknownCase,
        ProblemCode::UnknownWindow | ProblemCode::UnknownService => ReviewMsg::ErrUnknownTarget,
        ProblemCode::TagUnknown | ProblemCode::TagNotForLevel => ReviewMsg::ErrTagInvalid,
        ProblemCode::ReasonRequired => ReviewMsg::ErrReasonRequired,
        ProblemCode::CommentTooLong => ReviewMsg::ErrCommentTooLong,
        ProblemCode::InvalidPhone => ReviewMsg::ErrPhoneInvalid,
        ProblemCode::CaseReviewLimit => ReviewMsg::ErrCaseLimit,
        _ => ReviewMsg::ErrFieldInvalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{Locale, Msg};

    #[test]
    fn every_level_and_state_has_its_own_name() {
        let names: Vec<_> = Rating::ALL
            .iter()
            .map(|r| rating_msg(*r).text(Locale::ZhCn))
            .collect();
        assert_eq!(
            names,
            ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
        );
        let states: Vec<_> = ReviewState::ALL
            .iter()
            .map(|s| state_msg(*s).text(Locale::ZhCn))
            .collect();
        assert_eq!(
            states,
            [
                "已提交",
                "待核实",
                "核实中",
                "整改中",
                "已整改",
                "已解释",
                "已回访",
                "申诉中",
                "复核维持",
                "复核撤销"
            ]
        );
        assert_eq!(rating_msg(Rating::Unknown), ReviewMsg::Unknown);
        assert_eq!(state_msg(ReviewState::Unknown), ReviewMsg::Unknown);
    }

    #[test]
    fn every_message_has_both_languages() {
        for k in ReviewMsg::ALL {
            let (zh, en) = (k.text(Locale::ZhCn), k.text(Locale::En));
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{k:?}");
            assert!(!zh.is_ascii(), "{k:?}: {zh}");
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k:?}: {en}"
            );
        }
    }

    #[test]
    fn numbers_in_messages_come_from_the_rules() {
        for &m in ReviewMsg::ALL {
            for l in [Locale::ZhCn, Locale::En] {
                assert!(!review_text(m, l).contains("{n}"), "{m:?} {l:?}");
            }
        }
        assert_eq!(
            review_text(ReviewMsg::ErrCommentTooLong, Locale::ZhCn),
            format!("意见和建议最多{MAX_COMMENT_CHARS}字。")
        );
        assert!(review_text(ReviewMsg::CaseInvalid, Locale::En).contains("at most 50."));
    }

    #[test]
    fn problem_codes_map_to_messages() {
        assert_eq!(
            problem_msg(ProblemCode::ReasonRequired),
            ReviewMsg::ErrReasonRequired
        );
        assert_eq!(
            problem_msg(ProblemCode::InvalidPhone),
            ReviewMsg::ErrPhoneInvalid
        );
        assert_eq!(
            problem_msg(ProblemCode::UnknownCase),
            ReviewMsg::ErrUnknownCase
        );
        assert_eq!(
            problem_msg(ProblemCode::CaseReviewLimit),
            ReviewMsg::ErrCaseLimit
        );
        assert_eq!(
            problem_msg(ProblemCode::CommentTooLong),
            ReviewMsg::ErrCommentTooLong
        );
        assert_eq!(
            problem_msg(ProblemCode::parse("from_mars")),
            ReviewMsg::ErrFieldInvalid
        );
        assert_eq!(
            problem_msg(ProblemCode::Unknown),
            ReviewMsg::ErrFieldInvalid
        );
    }
}
