//! (placeholder until the module lands)

use leptos::prelude::*;

use crate::ui::i18n::{use_i18n, S};

#[component]
pub fn Admin() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page"><h1>{move || i18n.t(S::AdminTitle)}</h1></section> }
}
