//! Home: the three modules as large tiles.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::Feature;
use crate::ui::i18n::{use_i18n, ShellMsg};
use crate::ui::kiosk::{use_config, use_session};

/// How long the "take your documents" reminder stays after an idle wipe.
const TAKE_DOCUMENTS_REMINDER: std::time::Duration = std::time::Duration::from_secs(10);

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let session = use_session();
    let tile =
        move |f: Feature, href: &'static str, title: ShellMsg, desc: ShellMsg, id: &'static str| {
            cfg.with(|c| c.is_enabled(f)).then(|| {
                view! {
                    <A href=href attr:class="tile" attr:data-testid=id>
                        <span class="tile-title">{move || i18n.t(title)}</span>
                        <span class="tile-desc">{move || i18n.t(desc)}</span>
                    </A>
                }
            })
        };
    // Mark the moment the home screen can be used (read by the cold-start benchmark): after
    // the first frame that shows it has been painted (a task queued from the frame callback
    // runs after that frame's paint), so the mark is never earlier than what a person sees.
    // Once per page load: marks are kept by the browser, and the home screen mounts all day.
    static MARK_ONCE: std::sync::Once = std::sync::Once::new();
    MARK_ONCE.call_once(|| {
        request_animation_frame(|| {
            set_timeout(
                || {
                    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                        let _ = p.mark("interactive");
                    }
                },
                std::time::Duration::ZERO,
            );
        })
    });
    // The reminder after an idle wipe stays a while.
    Effect::new(move |_| {
        if session.show_take_documents.get() {
            set_timeout(
                move || {
                    let _ = session.show_take_documents.try_set(false);
                },
                TAKE_DOCUMENTS_REMINDER,
            );
        }
    });
    view! {
        <section class="home" data-read>
            <h1>{move || i18n.t(ShellMsg::AppTitle)}</h1>
            <Show when=move || session.show_take_documents.get()>
                <p class="notice" data-testid="take-documents" role="status">{move || i18n.t(ShellMsg::TakeDocuments)}</p>
            </Show>
            <div class="tiles">
                {tile(Feature::Lenient, "/lenient", ShellMsg::Lenient, ShellMsg::LenientDesc, "home-lenient")}
                {tile(Feature::Certificates, "/certs", ShellMsg::Certs, ShellMsg::CertsDesc, "home-certs")}
                {tile(Feature::Reviews, "/reviews", ShellMsg::Reviews, ShellMsg::ReviewsDesc, "home-reviews")}
            </div>
        </section>
    }
}
