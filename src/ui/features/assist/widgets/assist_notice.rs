//! The full-screen notice "工作人员马上就到" with the kiosk id and the window to go to
//! (`assist_window`), and the call itself (`POST /assist`), one per tap on the button. Part of
//! the shell's deferred half (`shell::deferred`); the notice closes with its button, Escape, or
//! the idle wipe. `data-testid="assist-notice"` (`data-state` = `calling`, `called` or
//! `failed`), its close button `assist-close`.

use leptos::prelude::*;

use crate::contract::AssistRequest;
use crate::ui::features::assist::context::{AssistState, Notice};
use crate::ui::features::assist::messages::AssistMsg;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::{use_backend, use_config};

/// The notice, and the sender of the calls the button asks for.
#[component]
pub fn AssistNotice() -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let backend = use_backend();
    let state = expect_context::<AssistState>();
    let notice = state.notice;
    let (kiosk_id, window) = cfg.with(|c| (c.kiosk_id.clone(), c.assist_window.clone()));
    let send = Action::new_local(move |w: &String| {
        let req = AssistRequest { window: w.clone() };
        let b = backend.get();
        async move {
            let r = b.call_assist(req).await;
            // Closed (or wiped) meanwhile: stay closed.
            if notice.try_get_untracked() == Some(Notice::Calling) {
                notice.set(match r {
                    Ok(call) => Notice::Called(call),
                    Err(_) => Notice::Failed,
                });
            }
        }
    });
    let window = StoredValue::new(window);
    let kiosk_id = StoredValue::new(kiosk_id);
    // One call per tap, including a tap that came before this half was loaded.
    Effect::new(move |sent: Option<u32>| {
        let n = state.calls.get();
        if sent != Some(n) && n > 0 && notice.get_untracked() == Notice::Calling {
            send.dispatch(window.get_value());
        }
        n
    });
    let close_btn = NodeRef::<leptos::html::Button>::new();
    // The notice takes the focus while it shows (a screen reader reads it, Enter closes it).
    Effect::new(move |_| {
        if notice.with(|n| *n != Notice::Hidden) {
            if let Some(b) = close_btn.get() {
                let _ = b.focus();
            }
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            notice.set(Notice::Hidden);
        }
    };
    let state_name = move || match notice.get() {
        Notice::Hidden => "",
        Notice::Calling => "calling",
        Notice::Called(_) => "called",
        Notice::Failed => "failed",
    };
    let has_window = window.with_value(|w| !w.is_empty());
    let call = move || state.call();
    view! {
        <Show when=move || notice.with(|n| *n != Notice::Hidden)>
            <div class="assist-notice" data-testid="assist-notice" data-state=state_name
                role="alertdialog" aria-modal="true" aria-labelledby="assist-title"
                aria-describedby="assist-status" on:keydown=on_key>
                <div class="assist-box">
                    <h2 id="assist-title">{i18n.tr(AssistMsg::Title)}</h2>
                    <p id="assist-status" role="status" aria-live="polite">
                        {move || i18n.t(match notice.get() {
                            Notice::Calling | Notice::Hidden => AssistMsg::Calling,
                            Notice::Called(_) => AssistMsg::Called,
                            Notice::Failed => AssistMsg::Failed,
                        })}
                    </p>
                    <dl class="kv assist-where">
                        <dt>{i18n.tr(AssistMsg::KioskId)}</dt>
                        <dd data-testid="assist-kiosk">{move || kiosk_id.get_value()}</dd>
                        {has_window.then(|| view! {
                            <dt>{i18n.tr(AssistMsg::GoTo)}</dt>
                            <dd data-testid="assist-window">{move || window.get_value()}</dd>
                        })}
                    </dl>
                    <div class="btn-row">
                        <Show when=move || notice.with(|n| *n == Notice::Failed)>
                            <button type="button" class="btn" data-testid="assist-retry"
                                on:click=move |_| call()>
                                {i18n.tr(AssistMsg::Retry)}
                            </button>
                        </Show>
                        <button type="button" class="btn btn-primary btn-huge" data-testid="assist-close"
                            node_ref=close_btn on:click=move |_| notice.set(Notice::Hidden)>
                            {i18n.tr(AssistMsg::Close)}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
