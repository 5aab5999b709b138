//! Admin screen messages.

crate::messages!(
    /// The hidden admin screen.
    AdminMsg {
    Title => "管理页面", "Admin";
    Pin => "请输入管理密码", "Enter the admin PIN";
    WrongPin => "密码错误", "Wrong PIN";
    Version => "版本", "Version";
    Config => "当前配置", "Configuration in force";
    Fallbacks => "配置回退原因", "Configuration fallbacks";
    Health => "后端状态", "Backend health";
    Outbox => "待发送评价", "Queued reviews";
    SendNow => "立即发送", "Send now";
    Reload => "重新加载", "Reload";
    Memory => "内存（在用 / 已分配）", "Memory (in use / reserved)";
    CrashTest => "测试故障自动恢复", "Test crash recovery";
    Exit => "退出管理", "Leave admin";
    Empty => "无", "None";
    Catalog => "清单版本", "Catalog version";
    CatalogInForce => "服务器现行版本", "In force on the server";
    CatalogShown => "本机显示版本", "Shown on this kiosk";
    CatalogPending => "待切换版本（下一屏生效）", "Waiting for the next screen";
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{Locale, Msg};

    #[test]
    fn every_message_has_both_languages() {
        for k in AdminMsg::ALL {
            assert!(!k.text(Locale::ZhCn).trim().is_empty(), "{k:?}");
            assert!(!k.text(Locale::En).trim().is_empty(), "{k:?}");
        }
    }
}
