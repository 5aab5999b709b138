//! A long press (2 s) on its children: the hidden way into the admin screen.

use leptos::prelude::*;

/// How long the pointer must stay down.
pub const HOLD_MS: u32 = 2_000;

/// Wraps content that reacts to a long press only (no visible affordance).
#[component]
pub fn LongPress(
    /// Called after the pointer stayed down for 2 seconds.
    on_long_press: Callback<()>,
    children: Children,
) -> impl IntoView {
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let start = move |_| {
        let t = gloo_timers::callback::Timeout::new(HOLD_MS, move || on_long_press.run(()));
        timer.set_value(Some(t));
    };
    let cancel = move |_| timer.set_value(None);
    on_cleanup(move || timer.set_value(None));
    view! {
        <span class="long-press" data-testid="hall-name"
            on:pointerdown=start on:pointerup=cancel on:pointerleave=cancel on:pointercancel=cancel>
            {children()}
        </span>
    }
}
