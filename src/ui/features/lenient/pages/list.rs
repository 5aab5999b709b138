//! Lenient lists, step 2: one domain's (or every domain's) entries, filtered by list kind and
//! searched as you type. Domain, kind and query live in the URL (`/lenient/list?domain=&kind=&q=`):
//! typing replaces the history entry, chip and domain changes push one.

use leptos::prelude::*;

use crate::ui::features::lenient::widgets::results;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::lenient::context::use_lenient;
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::state::{clamp_query, ListState, MAX_QUERY_CHARS};
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::use_backend;

/// Pause in typing after which the URL catches up with the query.
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

#[component]
pub fn LenientList() -> impl IntoView {
    let i18n = use_i18n();
    let backend = use_backend();
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

    // A URL update waiting for a pause in typing (see `schedule` below).
    let pending = StoredValue::new_local(None::<TimeoutHandle>);

    // Back/forward (or any link) changed the URL's query: show it in the box. Our own
    // navigations always carry the typed query, so a different one comes from outside and
    // wins over a pending update.
    Effect::new(move |_| {
        let q = url_state.with(|s| s.q.clone());
        if text.get_untracked() != q {
            if let Some(h) = pending.try_update_value(Option::take).flatten() {
                h.clear();
            }
            if let Some(el) = input.get_untracked() {
                el.set_value(&q);
            }
            text.set(q);
        }
    });
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
    // The URL follows the typing a moment later (one `replace` per pause, not per key): the
    // keystroke path is only search + render, and a fast typist never hits the browser's
    // history rate limit. Any tap or key press elsewhere writes it at once, so a navigation
    // started from this page always leaves the typed query in this history entry.
    // Replace the URL with the typed query (no-op when it is there already, or once the page
    // is gone).
    let write_url = move || {
        let (Some(q), Some(now)) = (text.try_get_untracked(), url_state.try_get_untracked()) else {
            return;
        };
        let s = ListState { q, ..now.clone() };
        if s != now {
            go.run((s, true));
        }
    };
    let cancel = move || {
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
            true
        } else {
            false
        }
    };
    let flush = move || {
        if cancel() {
            write_url();
        }
    };
    let schedule = move || {
        cancel();
        let h = set_timeout_with_handle(
            move || {
                let _ = pending.try_update_value(|p| *p = None);
                write_url();
            },
            URL_DELAY,
        );
        let _ = pending.try_update_value(|p| *p = h.ok());
    };
    let on_tap = window_event_listener(leptos::ev::pointerdown, move |_| flush());
    let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Enter" || ev.key() == " " {
            flush();
        }
    });
    on_cleanup(move || {
        on_tap.remove();
        on_key.remove();
        // Leaving the page: never navigate afterwards.
        cancel();
    });
    let on_input = move |ev| {
        text.set(clamp_query(&event_target_value(&ev)));
        schedule();
    };
    let clear = move |_| {
        text.set(String::new());
        if let Some(el) = input.get_untracked() {
            el.set_value("");
            let _ = el.focus();
        }
        cancel();
        write_url();
    };
    // Enter / the phone's search key: the list is already there; close the keyboard.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        flush();
        if let Some(el) = input.get_untracked() {
            let _ = el.blur();
        }
    };

    let catalog = LocalResource::new(move || {
        let b = backend.get();
        async move { b.catalog().await }
    });

    view! {
        <section class="page lenient-list" data-read>
            <A href="/lenient" attr:class="link-back no-print" attr:data-testid="lenient-back-grid">
                "← " {move || i18n.t(LenientMsg::AllDomains)}
            </A>
            <h1>{move || i18n.t(LenientMsg::Title)}</h1>
            <form class="search-row" role="search" on:submit=submit>
                <label for="lenient-q">{move || i18n.t(LenientMsg::SearchLabel)}</label>
                <div class="search-box">
                    <input id="lenient-q" type="search" data-testid="lenient-search" node_ref=input
                        prop:value=text.get_untracked() maxlength=MAX_QUERY_CHARS.to_string()
                        inputmode="search" enterkeyhint="search" autocomplete="off" autocapitalize="off"
                        spellcheck="false"
                        placeholder=move || i18n.t(LenientMsg::SearchPlaceholder) on:input=on_input />
                    <Show when=move || !text.with(String::is_empty)>
                        <button type="button" class="btn" data-testid="lenient-clear" on:click=clear>
                            {move || i18n.t(LenientMsg::SearchClear)}
                        </button>
                    </Show>
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
