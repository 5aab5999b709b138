//! Lenient lists, step 2: one domain's (or every domain's) entries, filtered by list kind and
//! searched as you type. Domain, kind and query live in the URL (`/lenient/list?domain=&kind=&q=`):
//! typing replaces the history entry, chip and domain changes push one.

use crate::ui::components::when::When;
use leptos::prelude::*;

use crate::ui::features::lenient::widgets::results;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::lenient::context::use_lenient;
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::state::{clamp_query, ListState, MAX_QUERY_CHARS};
use crate::ui::features::lenient::url_follow::UrlFollow;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::catalog::use_catalog_feed;

#[component]
pub fn LenientList() -> impl IntoView {
    let i18n = use_i18n();
    // The catalog this screen is built from (a version published meanwhile waits for the
    // next screen).
    let feed = use_catalog_feed();
    let query = use_query_map();
    let url_state = Memo::new(move |_| {
        query.with(|m| {
            ListState::from_params_with_regions(
                m.get("domain").as_deref(),
                m.get("kind").as_deref(),
                m.get("q").as_deref(),
                m.get("regions").as_deref(),
            )
        })
    });
    // The query as typed: drives the search at once; the URL follows with `replace`.
    let text = RwSignal::new(url_state.get_untracked().q);
    let input = NodeRef::<leptos::html::Input>::new();

    // Safari would "correct" pinyin; the attribute has no typed setter in the view macro.
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.set_attribute("autocorrect", "off");
        }
    });
    // Remember this list for the entry page's back link.
    let session = use_lenient();
    Effect::new(move |_| session.remember_list(url_state.with(ListState::href)));

    let navigate = use_navigate();
    let go = Callback::new(move |(s, replace): (ListState, bool)| {
        navigate(
            &s.href(),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    });
    // Replace the URL with the typed query (see `url_follow`).
    let write_url = move || {
        let (Some(q), Some(now)) = (text.try_get_untracked(), url_state.try_get_untracked()) else {
            return None;
        };
        let s = ListState { q, ..now.clone() };
        if s == now {
            return None;
        }
        let q = s.q.clone();
        go.run((s, true));
        Some(q)
    };
    let follow = UrlFollow::new(write_url);
    // Back/forward (or any link) changed the URL's query: show it in the box. Our own
    // navigations always carry the typed query, so a different one comes from outside and
    // wins over a pending update.
    Effect::new(move |_| {
        let q = url_state.with(|s| s.q.clone());
        let own = follow.reported(&q);
        if text.get_untracked() != q && !own {
            follow.cancel();
            if let Some(el) = input.get_untracked() {
                el.set_value(&q);
            }
            text.set(q);
        }
    });
    let on_input = move |ev| {
        text.set(clamp_query(&event_target_value(&ev)));
        follow.schedule();
    };
    let clear = move |_| {
        text.set(String::new());
        if let Some(el) = input.get_untracked() {
            el.set_value("");
            let _ = el.focus();
        }
        follow.cancel();
        follow.write_now();
    };
    // Enter / the phone's search key: the list is already there; close the keyboard.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        follow.flush();
        if let Some(el) = input.get_untracked() {
            let _ = el.blur();
        }
    };

    let decoder = use_lenient();
    let catalog = LocalResource::new(move || async move {
        let text = feed.catalog().await?;
        decoder.decode(&text)
    });

    view! {
        <section class="page lenient-list" data-read>
            <h1>{i18n.tr(LenientMsg::Title)}</h1>
            <A href="/lenient" attr:class="link-back no-print" attr:data-testid="lenient-back-grid">
                "← " {i18n.tr(LenientMsg::AllDomains)}
            </A>
            <form class="search-row" role="search" on:submit=submit>
                <label for="lenient-q">{i18n.tr(LenientMsg::SearchLabel)}</label>
                <div class="search-box">
                    <input id="lenient-q" type="search" data-testid="lenient-search" node_ref=input
                        prop:value=text.get_untracked() maxlength=MAX_QUERY_CHARS.to_string()
                        inputmode="search" enterkeyhint="search" autocomplete="off" autocapitalize="off"
                        spellcheck="false"
                        placeholder=i18n.tr(LenientMsg::SearchPlaceholder) on:input=on_input />
                    <When when=move || !text.with(String::is_empty)>
                        <button type="button" class="btn" data-testid="lenient-clear" on:click=clear>
                            {i18n.tr(LenientMsg::SearchClear)}
                        </button>
                    </When>
                </div>
            </form>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| catalog.refetch() /> }>
                    {move || Suspend::new(async move {
                        let cat = catalog.await?;
                        let index = session.index_for(&cat);
                        Ok::<_, crate::client::error::ApiError>(view! {
                            <results::Results cat index state=url_state text go />
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
