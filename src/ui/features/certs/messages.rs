//! Certificate messages. `{n}` in a message is replaced by a number at render time
//! ([`fill`]).

crate::messages!(
    /// E-certificate messages.
    CertMsg {
    Title => "电子证照查询与核验", "E-certificate lookup and verification";
    Intro => "可按证照编号或电子证照标识查询，也可按持证人查询；输入核验码或扫描证照二维码可核验真伪。", "Search by certificate number or identifier, or by holder; enter the verification code or scan the certificate's QR code to check that it is authentic.";
    PrivacyNote => "您输入的内容不会被保存，离开本页即清除；个人信息已部分隐藏。", "Nothing you enter is stored and it is cleared when you leave this screen; personal data are partly hidden.";
    MaskedNote => "为保护隐私，个人信息已由系统部分隐藏。", "Personal data are partly hidden to protect privacy.";
    ModeLabel => "查询方式", "Search by";
    ModeNumber => "按证照编号或标识", "Number or identifier";
    ModeHolder => "按持证人", "Holder";
    NumberLabel => "证照编号或电子证照标识", "Certificate number or e-certificate identifier";
    NumberHint => "证照编号按证照上印刷的内容输入；电子证照标识以 1.2.156.3005.2. 开头。", "Type the number as printed on the certificate; an e-certificate identifier starts with 1.2.156.3005.2.";
    HolderNameLabel => "持证人姓名或单位名称", "Holder's name (person or organisation)";
    HolderNameHint => "须与证照上的名称完全一致。", "Exactly as on the certificate.";
    HolderIdLabel => "公民身份号码或统一社会信用代码", "Citizen ID number or unified social credit code";
    HolderIdHint => "18 位；身份证号最后一位可能是 X。", "18 characters; an ID number may end in X.";
    Search => "查询", "Search";
    Searching => "正在查询…", "Searching…";
    KeypadFor => "打开屏幕键盘", "Open the on-screen keypad";
    KeypadClose => "收起键盘", "Hide keypad";
    VerifyTitle => "核验证照真伪", "Verify a certificate";
    VerifyHint => "输入证照上印的核验码，或用扫码器扫描证照上的二维码。", "Enter the verification code printed on the certificate, or scan its QR code with the scanner.";
    VerifyTarget => "待核验的电子证照标识", "Identifier to verify";
    VerifyTargetFromNumber => "使用上方输入的电子证照标识", "The identifier typed above";
    VerifyTargetClear => "改为使用上方输入", "Use the identifier typed above";
    VerifyCodeLabel => "核验码", "Verification code";
    Verify => "核验", "Verify";
    Verifying => "正在核验…", "Verifying…";
    VerifyThis => "核验此证照", "Verify this certificate";
    VerifyOk => "核验通过：证照标识与核验码一致，该证照真实。", "Verified: the identifier and the code match; the certificate is authentic.";
    VerifyOkNotUsable => "注意：该证照当前状态不是“有效”，不能作为有效证照使用。", "Note: this certificate is not currently valid and must not be accepted as valid.";
    VerifyFail => "未通过核验：证照标识与核验码不一致，无法确认该证照的真实性。请核对后重试，或到人工窗口咨询。", "Not verified: the identifier and the code do not match, so the certificate cannot be confirmed as authentic. Check them and try again, or ask at a service window.";
    Results => "查询结果", "Results";
    ResultsCount => "共找到 {n} 个证照", "{n} certificate(s) found";
    NoResults => "没有找到符合条件的证照。", "No certificate matches what you entered.";
    NoResultsHelp => "请核对：姓名或单位名称须与证照完全一致；证件号码须完整；证照编号按证照上印刷的内容输入。仍有疑问请到人工窗口咨询。", "Please check that the name is exactly as on the certificate, that the ID number is complete, and that the certificate number is typed as printed. If in doubt, ask at a service window.";
    Details => "查看详情", "Details";
    DetailTitle => "证照详情", "Certificate details";
    BackToSearch => "返回查询", "Back to search";
    FieldIdentifier => "电子证照标识", "E-certificate identifier";
    FieldName => "证照名称", "Certificate";
    FieldType => "证照类型代码", "Certificate type code";
    FieldNumber => "证照编号", "Certificate number";
    FieldHolder => "持证主体", "Holder";
    FieldHolderCode => "持证主体代码", "Holder's code";
    FieldHolderKind => "持证主体类型", "Holder type";
    FieldIssuer => "颁证单位", "Issued by";
    FieldIssueDate => "颁证日期", "Issued on";
    FieldValidity => "有效期", "Valid";
    FieldStatus => "证照状态", "Status";
    FieldArea => "管辖属地编码", "Area code";
    FieldLevel => "可信等级", "Trust level";
    FieldVersion => "版本号", "Version";
    Extra => "照面信息", "Face data";
    HolderPerson => "自然人", "Person";
    HolderOrg => "法人和其他组织", "Organisation";
    Permanent => "长期有效", "No expiry date";
    ValidFromTo => "{from} 至 {to}", "{from} to {to}";
    ValidFromPermanent => "{from} 起长期有效", "from {from}, no expiry date";
    LevelA => "A 级：由实施机构签发，可直接使用", "A: issued by the competent authority, usable directly";
    LevelB => "B 级：经窗口人员核验", "B: checked by service-window staff";
    LevelC => "C 级：由本人上传，须核对原件", "C: uploaded by the holder; the original must be checked";
    LevelD => "D 级：本人承诺", "D: made by the holder under a commitment";
    StValid => "有效", "Valid";
    StExpiring => "即将到期", "Expiring soon";
    StExpired => "已过期", "Expired";
    StSuspended => "暂扣", "Suspended";
    StRevoked => "撤销", "Revoked";
    StCancelled => "注销", "Cancelled";
    StWithdrawn => "吊销", "Withdrawn";
    StSuperseded => "已变更（旧版本）", "Superseded (older version)";
    StUnknown => "状态未知", "Status unknown";
    ExpiresIn => "{n} 天后到期", "expires in {n} days";
    ExpiresTomorrow => "明天到期", "expires tomorrow";
    ExpiresToday => "今天到期", "expires today";
    ExpiredAgo => "已过期 {n} 天", "expired {n} days ago";
    ExpiredYesterday => "昨天已过期", "expired yesterday";
    ErrNumberRequired => "请输入证照编号或电子证照标识。", "Enter a certificate number or an e-certificate identifier.";
    ErrNameRequired => "请输入持证人姓名或单位名称。", "Enter the holder's name.";
    ErrHolderIdRequired => "请输入公民身份号码或统一社会信用代码。", "Enter a citizen ID number or a unified social credit code.";
    ErrCodeRequired => "请输入核验码。", "Enter the verification code.";
    ErrTooLong => "内容过长：最多 {n} 个字符。", "Too long: at most {n} characters.";
    ErrTooLongPlain => "内容过长，请核对。", "Too long; please check.";
    ErrIdLength => "公民身份号码应为 18 位，您输入了 {n} 位。", "A citizen ID number has 18 characters; you entered {n}.";
    ErrIdCharset => "公民身份号码只能包含数字，最后一位可以是 X。", "A citizen ID number has digits only; the last character may be X.";
    ErrIdFormat => "公民身份号码的第一位不能是 0。", "A citizen ID number cannot start with 0.";
    ErrIdRegion => "公民身份号码的前两位不是有效的省级行政区划代码。", "The first two digits of the ID number are not a valid province code.";
    ErrIdDate => "公民身份号码中的出生日期（第 7–14 位）不是有效日期。", "The date of birth in the ID number (digits 7–14) is not a real date.";
    ErrIdFutureDate => "公民身份号码中的出生日期（第 7–14 位）晚于今天。", "The date of birth in the ID number (digits 7–14) is after today.";
    ErrIdChecksum => "公民身份号码的校验位（最后一位）不正确，请逐位核对是否输错。", "The check character (last character) of the ID number is wrong; please check each digit.";
    ErrIdInvalid => "公民身份号码不正确，请核对。", "The citizen ID number is not valid; please check it.";
    ErrUsccLength => "统一社会信用代码应为 18 位，您输入了 {n} 位。", "A unified social credit code has 18 characters; you entered {n}.";
    ErrUsccCharset => "统一社会信用代码只能包含数字和大写字母，且不含 I、O、S、V、Z。", "A unified social credit code has digits and capital letters only, never I, O, S, V or Z.";
    ErrUsccFormat => "统一社会信用代码的第 3–8 位应为数字（行政区划代码）。", "Characters 3–8 of a unified social credit code must be digits (the area code).";
    ErrUsccChecksum => "统一社会信用代码的校验位（最后一位）不正确，请逐位核对是否输错。", "The check character (last character) of the credit code is wrong; please check each character.";
    ErrUsccOrgChecksum => "统一社会信用代码第 17 位（组织机构代码校验位）不正确，请核对。", "Character 17 of the credit code (the organisation code check) is wrong; please check it.";
    ErrUsccInvalid => "统一社会信用代码不正确，请核对。", "The unified social credit code is not valid; please check it.";
    ErrHolderIdCharset => "公民身份号码或统一社会信用代码只能包含数字和字母。", "An ID number or credit code has digits and letters only.";
    ErrIdentPrefix => "电子证照标识应以 1.2.156.3005.2. 开头。", "An e-certificate identifier starts with 1.2.156.3005.2.";
    ErrIdentFormat => "电子证照标识格式不正确，应为：1.2.156.3005.2.证照类型代码.颁证单位代码.流水号.版本号.校验位。", "The identifier is not in the form 1.2.156.3005.2.type.issuer.serial.version.check.";
    ErrIdentCharset => "电子证照标识只能包含数字、大写字母和英文句点。", "An identifier has digits, capital letters and dots only.";
    ErrIdentChecksum => "电子证照标识的校验位（最后一位）不正确，请逐位核对是否输错。", "The check character (last character) of the identifier is wrong; please check each character.";
    ErrIdentInvalid => "电子证照标识不正确，请核对。", "The e-certificate identifier is not valid; please check it.";
    ErrCodeCharset => "核验码只能包含字母和数字。", "A verification code has letters and digits only.";
    ErrVerifyNeedsIdentifier => "核验需要电子证照标识（以 1.2.156.3005.2. 开头），证照编号不能用于核验。也可以先查询，再在结果中点“核验此证照”。", "Verification needs the e-certificate identifier (starting 1.2.156.3005.2.), not the certificate number. You can also search first and press “Verify this certificate” on a result.";
    ErrInvalid => "内容不正确，请核对。", "This is not valid; please check it.";
    RateLimited => "查询过于频繁，请 {n} 秒后再试。", "Too many lookups. Please try again in {n} seconds.";
    ScanUnrecognized => "扫描的内容不是电子证照二维码，请扫描证照上的核验二维码。", "What was scanned is not an e-certificate QR code; please scan the verification code on the certificate.";
    CameraScan => "用摄像头扫描二维码", "Scan a QR code with the camera";
    CameraCancel => "停止扫描", "Stop scanning";
    CameraHint => "将证照上的二维码对准摄像头。", "Hold the certificate's QR code in front of the camera.";
    CameraError => "无法打开摄像头，请改为手动输入。", "The camera could not be opened; please type the details instead.";
});

pub use crate::ui::i18n::fill;

/// The validity period as text: `from 至 to`, `from 起长期有效`, or `长期有效`.
pub fn validity_text(l: crate::ui::i18n::Locale, from: &str, to: Option<&str>) -> String {
    use crate::ui::i18n::Msg;
    let from = from.trim();
    match to.map(str::trim).filter(|t| !t.is_empty()) {
        Some(to) if !from.is_empty() => CertMsg::ValidFromTo
            .text(l)
            .replace("{from}", from)
            .replace("{to}", to),
        Some(to) => to.to_string(),
        None if !from.is_empty() => CertMsg::ValidFromPermanent.text(l).replace("{from}", from),
        None => CertMsg::Permanent.text(l).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Locale;

    #[test]
    fn fill_and_validity() {
        use crate::ui::i18n::Msg;
        assert_eq!(
            fill(CertMsg::ExpiresIn.text(Locale::ZhCn), 12),
            "12 天后到期"
        );
        assert_eq!(
            fill(CertMsg::ExpiredAgo.text(Locale::En), 3),
            "expired 3 days ago"
        );
        assert_eq!(
            validity_text(Locale::ZhCn, "2020-01-01", Some("2030-01-01")),
            "2020-01-01 至 2030-01-01"
        );
        assert_eq!(
            validity_text(Locale::ZhCn, "2020-01-01", None),
            "2020-01-01 起长期有效"
        );
        assert_eq!(validity_text(Locale::En, "", None), "No expiry date");
        assert_eq!(
            validity_text(Locale::En, "", Some("2030-01-01")),
            "2030-01-01"
        );
    }
}
