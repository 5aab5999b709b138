//! The 呼叫工作人员 button and its full-screen notice "工作人员马上就到" with the kiosk id and
//! the window to go to (`assist_window`). Tapping records the call (`POST /assist`); the
//! notice closes with its button, Escape, or the idle wipe. Hidden when `assist_enabled` is off.

use leptos::prelude::*;

use crate::contract::AssistRequest;
use crate::ui::features::assist::context::{provide_assist, Notice};
use crate::ui::features::assist::messages::AssistMsg;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::{use_backend, use_config};

/// A person with a raised hand, on the bottom bar's 24-unit grid.
const ICON_ASSIST: &str =
    "M12 3.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM7 21v-6l-2-5 4 1.5h6L19 10l-2 5v6M19 10V4";

/// A bottom-bar button, `data-testid="assist-button"`; the notice is `assist-notice` (`data-state` = `calling`,
/// `called` or `failed`), its close button `assist-close`.
#[component]
pub fn AssistButton() -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let backend = use_backend();
    let state = provide_assist();
    let notice = state.notice;
    let (enabled, kiosk_id, window) = cfg.with(|c| {
        (
            c.assist_enabled,
            c.kiosk_id.clone(),
            c.assist_window.clone(),
        )
    });
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
    let call = Callback::new(move |_: ()| {
        notice.set(Notice::Calling);
        send.dispatch(window.get_value());
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
    enabled.then(move || {
        view! {
            // The label is the visible text (WCAG 2.5.3).
            <button type="button" class="bar-btn" data-testid="assist-button"
                on:click=move |_| call.run(())>
                <svg class="bar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d=ICON_ASSIST fill="none" stroke="currentColor" stroke-width="2.2"
                        stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                <span class="bar-label">
                    <span class="lbl-full">{i18n.tr(AssistMsg::Button)}</span>
                    <span class="lbl-short">{i18n.tr(AssistMsg::ButtonShort)}</span>
                </span>
            </button>
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
                                    on:click=move |_| call.run(())>
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
    })
}
