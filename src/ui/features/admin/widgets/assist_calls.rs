//! 呼叫工作人员 on the admin screen: staff type the admin token (kept in this widget's
//! signals only: never stored, gone when the page is left or locked), see the open calls and
//! mark them answered.

use leptos::prelude::*;

use crate::client::error::ApiError;
use crate::contract::AssistCall;
use crate::ui::features::assist::messages::AssistMsg;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::use_backend;

/// The calls card: `admin-assist-token`, `admin-assist-load`, one `admin-assist-call` per call
/// (`data-id`, `data-state` = `open` | `answered`) with `admin-assist-answer` while open.
#[component]
pub fn AssistCalls() -> impl IntoView {
    let i18n = use_i18n();
    let backend = use_backend();
    // The token as typed, and the one the list was asked with.
    let typed = RwSignal::new(String::new());
    let token = RwSignal::new(None::<String>);
    let calls = LocalResource::new(move || {
        let t = token.get();
        let b = backend.get();
        async move {
            match t {
                Some(t) => b.admin_assist_calls(t).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let answer = Action::new_local(move |id: &u64| {
        let (id, t, b) = (
            *id,
            token.get_untracked().unwrap_or_default(),
            backend.get(),
        );
        async move {
            let _ = b.admin_assist_answer(t, id).await;
            calls.refetch();
        }
    });
    let load = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = typed.get_untracked().trim().to_string();
        if token.get_untracked().as_deref() == Some(t.as_str()) {
            calls.refetch();
        } else {
            token.set(Some(t));
        }
    };
    let row = move |c: AssistCall| {
        let open = c.answered_at.is_none();
        let id = c.id;
        view! {
            <li data-testid="admin-assist-call" data-id=c.id.to_string()
                data-state=if open { "open" } else { "answered" }>
                <span>{c.kiosk_id}</span> " · " <span>{c.window}</span> " · " <span>{c.created_at}</span>
                " · " {move || i18n.t(if open { AssistMsg::AdminOpen } else { AssistMsg::AdminAnswered })}
                {open.then(|| view! {
                    <button type="button" class="btn" data-testid="admin-assist-answer"
                        on:click=move |_| { answer.dispatch(id); }>
                        {i18n.tr(AssistMsg::AdminAnswer)}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <div class="card" data-testid="admin-assist">
            <h2>{i18n.tr(AssistMsg::Admin)}</h2>
            <form on:submit=load>
                <label for="admin-assist-token">{i18n.tr(AssistMsg::AdminToken)}</label>
                <input id="admin-assist-token" type="password" autocomplete="off" data-testid="admin-assist-token"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                <div class="btn-row">
                    <button class="btn" type="submit" data-testid="admin-assist-load">{i18n.tr(AssistMsg::AdminLoad)}</button>
                </div>
            </form>
            {move || calls.get().map(|r| match r {
                Ok(None) => ().into_any(),
                Ok(Some(list)) => view! {
                    {list.iter().all(|c| c.answered_at.is_some()).then(|| view! {
                        <p data-testid="admin-assist-none">{i18n.tr(AssistMsg::AdminNone)}</p>
                    })}
                    <ul class="list">{list.into_iter().map(row).collect_view()}</ul>
                }.into_any(),
                Err(e) => {
                    let msg = if is_bad_token(&e) { AssistMsg::AdminBadToken } else { AssistMsg::AdminFailed };
                    view! { <p class="field-error" role="alert" data-testid="admin-assist-error">{i18n.tr(msg)}</p> }.into_any()
                }
            })}
        </div>
    }
}

/// Whether an error is the server refusing the token.
fn is_bad_token(e: &ApiError) -> bool {
    e.status() == Some(401)
}
