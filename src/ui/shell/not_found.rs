//! Unknown routes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::i18n::{use_i18n, ShellMsg};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{i18n.tr(ShellMsg::PageNotFound)}</h1>
            <A href="/" attr:class="btn btn-primary">{i18n.tr(ShellMsg::Home)}</A>
        </section>
    }
}
