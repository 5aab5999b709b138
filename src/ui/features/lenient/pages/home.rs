//! Lenient lists, step 1: a search over every domain, answered as you type with the list
//! screen's ranking and highlighting (its `Results` widget and the cached search index), and
//! the domain grid with entry counts while nothing is typed. The query lives in the URL
//! (`/lenient?q=`), which follows the typing as on the list screen; Enter opens the list screen
//! searched over every domain.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::contract::Catalog;
use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::lenient::context::use_lenient;
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::state::{
    clamp_query, domain_counts, home_href, ListState, MAX_QUERY_CHARS,
};
use crate::ui::features::lenient::url_follow::UrlFollow;
use crate::ui::features::lenient::widgets::results;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::catalog::use_catalog_feed;
use crate::ui::kiosk::use_config;

#[component]
pub fn LenientHome() -> impl IntoView {
    let i18n = use_i18n();
    // The catalog this screen is built from (a version published meanwhile waits for the
    // next screen).
    let feed = use_catalog_feed();
    let decoder = use_lenient();
    let catalog = LocalResource::new(move || async move {
        let text = feed.catalog().await?;
        decoder.decode(&text)
    });
    let query = use_query_map();
    let url_q = Memo::new(move |_| query.with(|m| clamp_query(&m.get("q").unwrap_or_default())));
    // The query as typed: drives the search at once; the URL follows with `replace`.
    let text = RwSignal::new(url_q.get_untracked());
    let input = NodeRef::<leptos::html::Input>::new();
    let session = use_lenient();
    // An entry opened from here comes back to this screen with its query.
    Effect::new(move |_| session.remember_list(home_href(&url_q.get())));

    let navigate = use_navigate();
    let go = {
        let navigate = navigate.clone();
        Callback::new(move |(s, replace): (ListState, bool)| {
            navigate(
                &s.href(),
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        })
    };
    let follow = {
        let navigate = navigate.clone();
        UrlFollow::new(move || {
            let (Some(q), Some(now)) = (text.try_get_untracked(), url_q.try_get_untracked()) else {
                return None;
            };
            if q == now {
                return None;
            }
            navigate(
                &home_href(&q),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
            Some(q)
        })
    };
    // Back/forward changed the URL's query: show it in the box (it wins over a pending update).
    Effect::new(move |_| {
        let q = url_q.get();
        let own = follow.reported(&q);
        if text.get_untracked() != q && !own {
            follow.cancel();
            if let Some(el) = input.get_untracked() {
                el.set_value(&q);
            }
            text.set(q);
        }
    });
    // Enter, the phone's search key or the button: the list over every domain, searched.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        follow.cancel();
        let s = ListState {
            q: clamp_query(&text.get_untracked()),
            ..Default::default()
        };
        navigate(&s.href(), Default::default());
    };
    let on_input = move |ev| {
        text.set(clamp_query(&event_target_value(&ev)));
        follow.schedule();
    };
    let typed = Memo::new(move |_| !text.with(|t| t.trim().is_empty()));
    let body = move |cat: std::rc::Rc<Catalog>, typed: bool| {
        if typed {
            let index = session.index_for(&cat);
            let state = Signal::derive(ListState::default);
            view! { <results::Results cat index state text go /> }.into_any()
        } else {
            domain_grid(&cat).into_any()
        }
    };
    view! {
        <section class="page" data-read>
            <h1>{i18n.tr(LenientMsg::Title)}</h1>
            <form class="search-row" role="search" on:submit=submit>
                <label for="lenient-home-q">{i18n.tr(LenientMsg::SearchLabel)}</label>
                <div class="search-box">
                    <input id="lenient-home-q" type="search" data-testid="lenient-search" node_ref=input
                        prop:value=text.get_untracked() maxlength=MAX_QUERY_CHARS.to_string()
                        inputmode="search" enterkeyhint="search"
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        placeholder=i18n.tr(LenientMsg::SearchPlaceholder)
                        on:input=on_input />
                    <button type="submit" class="btn btn-primary" data-testid="lenient-search-submit">
                        {i18n.tr(LenientMsg::SearchButton)}
                    </button>
                </div>
            </form>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| catalog.refetch() /> }>
                    {move || {
                        // Results while something is typed, the grid otherwise (read outside
                        // the future so the switch is tracked).
                        let typed = typed.get();
                        Suspend::new(async move {
                            let cat = catalog.await?;
                            Ok::<_, crate::client::error::ApiError>(body(cat, typed))
                        })
                    }}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// The domain tiles with the counts of their entries that apply in the kiosk's region, and the
/// link to every entry.
fn domain_grid(cat: &Catalog) -> impl IntoView {
    let i18n = use_i18n();
    let region_code = use_config().with(|c| c.region_code.clone());
    let counts = domain_counts(cat, &region_code)
        .into_iter()
        .filter_map(|(i, n)| cat.domains.get(i).map(|d| (d.clone(), n)))
        .collect::<Vec<_>>();
    view! {
        <h2 class="sub">{i18n.tr(LenientMsg::ChooseDomain)}</h2>
        <div class="domain-grid">
            {counts.into_iter().map(|(d, n)| {
                let href = ListState { domain: Some(d.code.clone()), ..Default::default() }.href();
                let (zh, en) = (d.name_zh.clone(), d.name_en.clone());
                view! {
                    <A href=href attr:class="domain-tile" attr:data-testid="lenient-domain" attr:data-domain=d.code.clone()>
                        <span class="domain-name">{move || i18n.pick(&zh, &en).to_string()}</span>
                        <span class="domain-count">{n} " " {i18n.tr(LenientMsg::Entries)}</span>
                    </A>
                }
            }).collect_view()}
        </div>
        <p class="btn-row">
            <A href="/lenient/list" attr:class="btn" attr:data-testid="lenient-all">{i18n.tr(LenientMsg::BrowseAll)}</A>
        </p>
    }
}
