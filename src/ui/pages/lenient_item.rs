//! Lenient lists, step 3: one entry with every column, a QR code of its public URL, print,
//! and the start of the eligibility self-check.

#[path = "lenient/entry_view.rs"]
mod entry_view;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::lenient_list::state::last_list;
use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::i18n::{use_i18n, L};
use crate::ui::kiosk::use_kiosk;

#[component]
pub fn LenientItem() -> impl IntoView {
    let i18n = use_i18n();
    let k = use_kiosk();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let entry = LocalResource::new(move || {
        let id = id.get();
        let b = k.backend();
        async move { b.lenient_item(id).await }
    });
    // Back to the list the user came from (with its query), else the domain grid.
    let back = move || last_list(k.wipe_epoch.get()).unwrap_or_else(|| "/lenient".to_string());
    view! {
        <section class="page lenient-item" data-read>
            <A href=back attr:class="link-back no-print" attr:data-testid="lenient-back">
                "← " {move || i18n.t(L::BackToList)}
            </A>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| entry.refetch() /> }>
                    {move || Suspend::new(async move {
                        let e = entry.await?;
                        Ok::<_, crate::client::error::ApiError>(view! { <entry_view::EntryView entry=e /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
