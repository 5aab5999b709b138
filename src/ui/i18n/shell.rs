//! Shell messages: navigation, banners, errors, idle dialog, keypad; shared by every feature.

crate::messages!(
    /// Shell and shared messages.
    ShellMsg {
    AppTitle => "政务服务自助终端", "Government Service Kiosk";
    Home => "首页", "Home";
    Lenient => "包容免罚清单", "Lenient enforcement lists";
    LenientDesc => "查询轻微违法不予处罚、首违不罚等清单，自助判断能否免罚", "Browse no-penalty and first-violation lists and check your case";
    Certs => "电子证照", "E-certificates";
    CertsDesc => "查询、核验电子证照的状态和有效期", "Look up and verify electronic certificates";
    Reviews => "好差评", "Rate our service";
    ReviewsDesc => "评价办事体验，查询差评处理进度，查看满意度", "Rate a service, track a complaint, see satisfaction figures";
    LangToggle => "English", "中文";
    LangToggleLabel => "切换到英文", "Switch to Chinese";
    ElderOn => "长辈版", "Large text";
    ElderOff => "标准版", "Standard";
    ElderLabel => "切换长辈版（大字体、大按钮）", "Switch large text mode";
    ReadAloud => "朗读", "Read aloud";
    StopReading => "停止朗读", "Stop reading";
    DemoBanner => "演示模式：所有数据均为演示数据，不连接政务系统", "Demo mode: all data is synthetic; no government system is connected";
    ScanUnknown => "扫描的内容无法识别，未转到任何页面。扫描内容如下：", "What was scanned was not recognised and was not sent anywhere. It reads:";
    ScanUnknownHint => "请点击要填写的输入框后再扫描，或联系工作人员。", "Tap the field to fill in and scan again, or ask the staff.";
    ScanUnknownClose => "关闭", "Close";
    OfflineBanner => "网络已断开：部分功能暂不可用，清单仍可浏览", "Offline: some functions are unavailable; lists can still be browsed";
    Loading => "正在加载…", "Loading…";
    ErrorTitle => "暂时无法获取数据", "We could not load this right now";
    ErrorNetwork => "网络连接失败，请稍后重试。", "The network connection failed. Please try again.";
    ErrorTimeout => "服务器响应超时，请稍后重试。", "The server took too long to answer. Please try again.";
    ErrorServer => "服务暂时不可用，请稍后重试。", "The service is temporarily unavailable. Please try again.";
    ErrorMalformed => "收到的数据无法识别，请稍后重试。", "The data received could not be read. Please try again.";
    ErrorNotFound => "没有找到相关信息。", "Nothing was found.";
    ErrorRateLimited => "查询过于频繁，请稍候再试。", "Too many lookups. Please wait a moment.";
    Retry => "重试", "Try again";
    Back => "返回", "Back";
    IdleTitle => "您还在使用吗？", "Are you still there?";
    IdleBody => "为保护您的隐私，页面将在倒计时结束后清空并返回首页。", "To protect your privacy, this screen will be cleared and return home when the countdown ends.";
    IdleSeconds => "秒", "seconds";
    IdleContinue => "继续使用", "Continue";
    TakeDocuments => "请取回您的身份证件和打印材料", "Please take your ID card and printouts with you";
    Print => "打印", "Print";
    ScanToPhone => "扫码在手机上继续查看", "Scan to continue on your phone";
    Unknown => "未知", "Unknown";
    Required => "必填", "Required";
    FixErrors => "请修改以下问题后再提交：", "Please fix the following before submitting:";
    Keypad => "屏幕键盘", "On-screen keypad";
    KeypadClear => "清空", "Clear";
    KeypadDelete => "删除", "Delete";
    KeypadDone => "完成", "Done";
    KeypadLetters => "字母", "Letters";
    KeypadDigits => "数字", "Digits";
    ScanCamera => "扫码", "Scan";
    Ok => "正常", "OK";
    Footer => "结果仅供参考，以执法机关认定为准", "For reference only; the enforcement authority decides";
    PageNotFound => "页面不存在", "Page not found";
    BackendOk => "服务连接正常", "Service connected";
    BackendDown => "服务连接中断，部分功能暂不可用", "Service unreachable; some functions are unavailable";
});
