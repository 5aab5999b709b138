//! (placeholder until the module lands)

use leptos::prelude::*;

use crate::ui::i18n::{use_i18n, R};

#[component]
pub fn ReviewReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page"><h1>{move || i18n.t(R::Title)}</h1></section> }
}
