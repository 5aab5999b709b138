//! The assist notice's state: what the notice shows, held at the root (the button lives in
//! the shell all day) and registered with the privacy wipe, so the idle reset closes a notice
//! the last person left open. A call holds no personal data (kiosk id, window, times).

use leptos::prelude::*;

use crate::contract::AssistCall;
use crate::ui::kiosk::wipe::use_wipe_registry;

/// What the notice shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Notice {
    /// No notice.
    #[default]
    Hidden,
    /// The call is on its way to the server.
    Calling,
    /// The server recorded the call (or had this kiosk's open call).
    Called(AssistCall),
    /// The call did not reach the server; the notice says where to go instead.
    Failed,
}

/// The assist context: a copyable handle.
#[derive(Clone, Copy)]
pub struct AssistState {
    pub notice: RwSignal<Notice>,
    /// Bumped by each tap on the button or on "try again": the notice's sender (in the shell's
    /// deferred half) sends one call per bump.
    pub calls: RwSignal<u32>,
}

impl AssistState {
    /// A tap on the button or on "try again": the notice shows "calling", the call goes out.
    pub fn call(&self) {
        self.notice.set(Notice::Calling);
        self.calls.update(|n| *n = n.wrapping_add(1));
    }
}

/// Creates the notice state under the current owner (the shell's) and registers it with the
/// wipe.
pub fn provide_assist() -> AssistState {
    let s = AssistState {
        notice: RwSignal::new(Notice::Hidden),
        calls: RwSignal::new(0),
    };
    use_wipe_registry().register_signal("assist", "notice", s.notice);
    provide_context(s);
    s
}
