//! A polite loading indicator.

use leptos::prelude::*;

use crate::ui::i18n::{use_i18n, ShellMsg};

/// Shown while data loads for the first time.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status" aria-live="polite">{i18n.tr(ShellMsg::Loading)}</p> }
}
