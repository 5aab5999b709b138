//! An input row with a kiosk-only toggle (`keypad-toggle`) that opens the on-screen keypad
//! under it (hidden on phones, which have their own keyboard).

use crate::ui::components::when::When;
use leptos::prelude::*;

use crate::ui::components::error_summary::focus_by_id;
use crate::ui::components::keypad::{Keypad, KeypadLayout};
use crate::ui::features::reviews::messages::ReviewMsg;
use crate::ui::i18n::use_i18n;

/// The input (as children), the toggle beside it and, when open, the keypad below.
#[component]
pub fn KeyedRow(
    /// The value the keypad edits (the same signal the input shows).
    value: RwSignal<String>,
    /// Which keys the keypad shows.
    layout: KeypadLayout,
    /// Longest value the keypad types.
    max_len: usize,
    /// Id of the input: focused again when the keypad closes without `on_done`.
    field_id: &'static str,
    /// Called by the keypad's "done" key (after the keypad closes).
    #[prop(optional, into)]
    on_done: Option<Callback<()>>,
    /// The input element.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let done = Callback::new(move |_: ()| {
        open.set(false);
        match on_done {
            Some(cb) => cb.run(()),
            None => focus_by_id(field_id),
        }
    });
    view! {
        <div class="field-row">
            {children()}
            <button type="button" class="btn kiosk-only keypad-toggle" data-testid="keypad-toggle"
                data-field=field_id aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() { i18n.t(ReviewMsg::KeypadClose) } else { i18n.t(ReviewMsg::KeypadOpen) }}
            </button>
        </div>
        <When when=move || open.get()>
            <Keypad value layout max_len=max_len on_done=done />
        </When>
    }
}
