//! Lenient lists, step 1: the domain grid with entry counts.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::i18n::{use_i18n, L};
use crate::ui::kiosk::use_kiosk;

#[component]
pub fn LenientHome() -> impl IntoView {
    let i18n = use_i18n();
    let k = use_kiosk();
    let catalog = LocalResource::new(move || {
        let b = k.backend();
        async move { b.catalog().await }
    });
    view! {
        <section class="page" data-read>
            <h1>{move || i18n.t(L::Title)}</h1>
            <h2 class="sub">{move || i18n.t(L::ChooseDomain)}</h2>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| catalog.refetch() /> }>
                    {move || Suspend::new(async move {
                        let cat = catalog.await?;
                        let counts = cat.domains.iter().map(|d| {
                            let n = cat.entries.iter().filter(|e| e.entry.domain == d.code).count();
                            (d.clone(), n)
                        }).filter(|(_, n)| *n > 0).collect::<Vec<_>>();
                        Ok::<_, crate::api::error::ApiError>(view! {
                            <div class="domain-grid">
                                {counts.into_iter().map(|(d, n)| {
                                    let href = format!("/lenient/list?domain={}", d.code);
                                    let (zh, en) = (d.name_zh.clone(), d.name_en.clone());
                                    view! {
                                        <A href=href attr:class="domain-tile" attr:data-testid="lenient-domain" attr:data-domain=d.code.clone()>
                                            <span class="domain-name">{move || i18n.pick(&zh, &en).to_string()}</span>
                                            <span class="domain-count">{n} " " {move || i18n.t(L::Entries)}</span>
                                        </A>
                                    }
                                }).collect_view()}
                            </div>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
