//! 呼叫工作人员 messages.

crate::messages!(
    /// The assist button and its notice.
    AssistMsg {
    Button => "呼叫工作人员", "Call staff";
    ButtonShort => "呼叫", "Call";
    Title => "工作人员马上就到", "Staff are on their way";
    Calling => "正在呼叫工作人员…", "Calling staff…";
    Called => "已通知工作人员，请在本机旁稍候。", "Staff have been told; please wait by this kiosk.";
    Failed => "呼叫未能送达，请直接前往窗口或请身边的工作人员帮助。", "The call did not get through; please go to the window or ask any member of staff.";
    Retry => "再次呼叫", "Call again";
    KioskId => "本机编号", "This kiosk";
    GoTo => "也可前往", "Or go to";
    Close => "关闭", "Close";
    Admin => "呼叫工作人员记录", "Calls for staff";
    AdminToken => "管理令牌（仅保存在本页面）", "Admin token (kept on this page only)";
    AdminLoad => "查看呼叫", "Show calls";
    AdminNone => "没有待处理的呼叫", "No open calls";
    AdminAnswer => "标记为已处理", "Mark answered";
    AdminAnswered => "已处理", "Answered";
    AdminOpen => "待处理", "Open";
    AdminBadToken => "管理令牌无效", "The admin token is not valid";
    AdminFailed => "暂时无法读取呼叫记录，请重试。", "The calls cannot be read right now; try again.";
});
