//! Lenient lists, step 3: one entry with every column, a QR code of its public URL, print,
//! and the start of the eligibility self-check.

use leptos::prelude::*;

use crate::ui::features::lenient::widgets::entry_view;
use leptos_router::components::A;

use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::lenient::context::use_lenient;
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::routes::ItemParams;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::use_backend;

#[component]
pub fn LenientItem() -> impl IntoView {
    let i18n = use_i18n();
    let backend = use_backend();
    let id = ItemParams::current();
    let entry = LocalResource::new(move || {
        let id = id.get();
        let b = backend.get();
        async move { b.lenient_item(id).await }
    });
    // Back to the list the user came from (with its query), else the domain grid.
    let session = use_lenient();
    let back = move || {
        session
            .last_list()
            .unwrap_or_else(|| "/lenient".to_string())
    };
    view! {
        <section class="page lenient-item" data-read>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| entry.refetch() /> }>
                    {move || Suspend::new(async move {
                        let e = entry.await?;
                        Ok::<_, crate::client::error::ApiError>(view! { <entry_view::EntryView entry=e /> })
                    })}
                </ErrorBoundary>
            </Transition>
            <A href=back attr:class="link-back no-print" attr:data-testid="lenient-back">
                "← " {i18n.tr(LenientMsg::BackToList)}
            </A>
        </section>
    }
}
