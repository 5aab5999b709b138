//! The eligibility self-check for one entry: one yes/no question per screen, back undoes the
//! last answer, the end is a caveated outcome. The rules are `domain::eligibility`; the
//! answers live only in this page's signals (leaving the page or the idle wipe forgets them).

use leptos::prelude::*;

use crate::ui::features::lenient::widgets::check_view;
use leptos_router::components::A;

use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::routes::ItemParams;
use crate::ui::features::lenient::state::item_href;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::use_backend;

#[component]
pub fn Eligibility() -> impl IntoView {
    let i18n = use_i18n();
    let backend = use_backend();
    let id = ItemParams::current();
    let entry = LocalResource::new(move || {
        let id = id.get();
        let b = backend.get();
        async move { b.lenient_item(id).await }
    });
    view! {
        <section class="page eligibility" data-read>
            <h1>{i18n.tr(LenientMsg::CheckTitle)}</h1>
            <A href=move || item_href(&id.get()) attr:class="link-back no-print" attr:data-testid="eligibility-to-entry-top">
                "← " {i18n.tr(LenientMsg::BackToEntry)}
            </A>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| entry.refetch() /> }>
                    {move || Suspend::new(async move {
                        let e = entry.await?;
                        Ok::<_, crate::client::error::ApiError>(view! { <check_view::CheckFlow entry=e /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
