//! Lenient lists, step 1: a search over every domain and the domain grid with entry counts.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::state::{clamp_query, domain_counts, ListState, MAX_QUERY_CHARS};
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::{use_backend, use_config};

#[component]
pub fn LenientHome() -> impl IntoView {
    let i18n = use_i18n();
    let region_code = StoredValue::new(use_config().with(|c| c.region_code.clone()));
    let backend = use_backend();
    let catalog = LocalResource::new(move || {
        let b = backend.get();
        async move { b.catalog().await }
    });
    let text = RwSignal::new(String::new());
    let navigate = use_navigate();
    // Enter, the phone's search key or the button: the list over every domain, searched.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = ListState {
            q: clamp_query(&text.get_untracked()),
            ..Default::default()
        };
        navigate(&s.href(), Default::default());
    };
    view! {
        <section class="page" data-read>
            <h1>{move || i18n.t(LenientMsg::Title)}</h1>
            <form class="search-row" role="search" on:submit=submit>
                <label for="lenient-home-q">{move || i18n.t(LenientMsg::SearchLabel)}</label>
                <div class="search-box">
                    <input id="lenient-home-q" type="search" data-testid="lenient-search"
                        maxlength=MAX_QUERY_CHARS.to_string() inputmode="search" enterkeyhint="search"
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        placeholder=move || i18n.t(LenientMsg::SearchPlaceholder)
                        on:input=move |ev| text.set(event_target_value(&ev)) />
                    <button type="submit" class="btn btn-primary" data-testid="lenient-search-submit">
                        {move || i18n.t(LenientMsg::SearchButton)}
                    </button>
                </div>
            </form>
            <h2 class="sub">{move || i18n.t(LenientMsg::ChooseDomain)}</h2>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| catalog.refetch() /> }>
                    {move || Suspend::new(async move {
                        let cat = catalog.await?;
                        let counts = region_code.with_value(|r| domain_counts(&cat, r))
                            .into_iter()
                            .filter_map(|(i, n)| cat.domains.get(i).map(|d| (d.clone(), n)))
                            .collect::<Vec<_>>();
                        Ok::<_, crate::client::error::ApiError>(view! {
                            <div class="domain-grid">
                                {counts.into_iter().map(|(d, n)| {
                                    let href = ListState { domain: Some(d.code.clone()), ..Default::default() }.href();
                                    let (zh, en) = (d.name_zh.clone(), d.name_en.clone());
                                    view! {
                                        <A href=href attr:class="domain-tile" attr:data-testid="lenient-domain" attr:data-domain=d.code.clone()>
                                            <span class="domain-name">{move || i18n.pick(&zh, &en).to_string()}</span>
                                            <span class="domain-count">{n} " " {move || i18n.t(LenientMsg::Entries)}</span>
                                        </A>
                                    }
                                }).collect_view()}
                            </div>
                            <p class="btn-row">
                                <A href="/lenient/list" attr:class="btn" attr:data-testid="lenient-all">{move || i18n.t(LenientMsg::BrowseAll)}</A>
                            </p>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
