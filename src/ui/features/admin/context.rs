//! The admin screen's session: whether the PIN was accepted and the PIN being typed. Scoped to
//! the admin page (leaving it locks the screen again) and registered with the privacy wipe, so
//! an idle reset on the admin screen locks it and forgets a half-typed PIN.

use leptos::prelude::*;

use crate::ui::kiosk::wipe::use_wipe_registry;

/// The admin page's state (signals: a copyable handle).
#[derive(Clone, Copy)]
pub struct AdminSession {
    /// The PIN was accepted.
    pub unlocked: RwSignal<bool>,
    /// The PIN as typed so far.
    pub pin: RwSignal<String>,
    /// The last PIN entered was wrong.
    pub wrong: RwSignal<bool>,
}

/// Creates the admin session under the current (page) owner and registers it with the wipe;
/// both go away when the page does.
pub fn use_admin_session() -> AdminSession {
    let s = AdminSession {
        unlocked: RwSignal::new(false),
        pin: RwSignal::new(String::new()),
        wrong: RwSignal::new(false),
    };
    let wipe = use_wipe_registry();
    wipe.register_signal("admin", "unlocked", s.unlocked);
    wipe.register_signal("admin", "pin", s.pin);
    wipe.register_signal("admin", "wrong_pin", s.wrong);
    s
}
