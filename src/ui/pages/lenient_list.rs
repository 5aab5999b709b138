//! (placeholder until the module lands)

use leptos::prelude::*;

use crate::ui::i18n::{use_i18n, L};

#[component]
pub fn LenientList() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page"><h1>{move || i18n.t(L::Title)}</h1></section> }
}
