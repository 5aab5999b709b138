//! The 呼叫工作人员 button on the bottom bar. Tapping it shows the notice and records the call
//! (both in [`super::assist_notice`]). Hidden when `assist_enabled` is off.

use leptos::prelude::*;

use crate::ui::features::assist::context::provide_assist;
use crate::ui::features::assist::messages::AssistMsg;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::use_config;

/// A person with a raised hand, on the bottom bar's 24-unit grid.
const ICON_ASSIST: &str =
    "M12 3.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM7 21v-6l-2-5 4 1.5h6L19 10l-2 5v6M19 10V4";

/// A bottom-bar button, `data-testid="assist-button"`. Its notice ([`super::assist_notice`])
/// and the request come with the shell's deferred half: the button only records the tap.
#[component]
pub fn AssistButton() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = use_config().with(|c| c.assist_enabled);
    let state = provide_assist();
    enabled.then(move || {
        view! {
            // The label is the visible text (WCAG 2.5.3).
            <button type="button" class="bar-btn" data-testid="assist-button"
                on:click=move |_| state.call()>
                <svg class="bar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d=ICON_ASSIST fill="none" stroke="currentColor" stroke-width="2.2"
                        stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                <span class="bar-label">
                    <span class="lbl-full">{i18n.tr(AssistMsg::Button)}</span>
                    <span class="lbl-short">{i18n.tr(AssistMsg::ButtonShort)}</span>
                </span>
            </button>
        }
    })
}
