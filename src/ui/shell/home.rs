//! Home: the services as large tiles (a pictogram, a short name, one line of what it does) in
//! the interaction zone, the most used lowest, nearest the hand.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::Feature;
use crate::ui::i18n::{use_i18n, ShellMsg};
use crate::ui::kiosk::{use_config, use_session};

/// How long the "take your documents" reminder stays after an idle wipe.
const TAKE_DOCUMENTS_REMINDER: std::time::Duration = std::time::Duration::from_secs(10);

/// A service on the home screen and the attract screen.
pub struct Service {
    pub feature: Feature,
    pub href: &'static str,
    pub title: ShellMsg,
    pub desc: ShellMsg,
    pub testid: &'static str,
    /// SVG path data on a 48-unit grid.
    pub icon: &'static str,
}

/// The services, in the default order of the home screen (`Config::home_order` sets a hall's).
pub static SERVICES: [Service; 3] = [
    Service {
        feature: Feature::Certificates,
        href: "/certs",
        title: ShellMsg::Certs,
        desc: ShellMsg::CertsDesc,
        testid: "home-certs",
        icon: "M6 10h36v28H6zM12 18h10v12H12zM27 19h10M27 25h10M27 31h6",
    },
    Service {
        feature: Feature::Lenient,
        href: "/lenient",
        title: ShellMsg::Lenient,
        desc: ShellMsg::LenientDesc,
        testid: "home-lenient",
        icon: "M24 5 8 11v11c0 10 7 17 16 21 9-4 16-11 16-21V11zM16 24l6 6 11-12",
    },
    Service {
        feature: Feature::Reviews,
        href: "/reviews",
        title: ShellMsg::Reviews,
        desc: ShellMsg::ReviewsDesc,
        testid: "home-reviews",
        icon: "M24 5l5.6 11.5 12.4 1.8-9 8.8 2.1 12.4L24 33.6l-11.1 5.9 2.1-12.4-9-8.8 12.4-1.8z",
    },
];

/// The services in a hall's order, top to bottom (`Config::home_order`; any it leaves out
/// follow in [`SERVICES`]' order, none twice).
pub fn in_order(order: &[Feature]) -> Vec<&'static Service> {
    let mut out: Vec<&'static Service> = Vec::new();
    for f in order.iter().chain(SERVICES.iter().map(|s| &s.feature)) {
        if out.iter().any(|o| o.feature == *f) {
            continue;
        }
        if let Some(s) = SERVICES.iter().find(|s| s.feature == *f) {
            out.push(s);
        }
    }
    out
}

/// A service's pictogram, drawn inline (no icon font, no file to fetch), hidden from assistive
/// technology: the text beside it names the service.
#[component]
pub fn ServiceIcon(
    /// SVG path data on a 48-unit grid.
    d: &'static str,
) -> impl IntoView {
    view! {
        <svg class="service-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <path d=d fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let session = use_session();
    let tile = move |s: &'static Service| {
        cfg.with(|c| c.is_enabled(s.feature)).then(|| {
            view! {
                <A href=s.href attr:class="tile" attr:data-testid=s.testid>
                    <ServiceIcon d=s.icon />
                    <span class="tile-text">
                        <span class="tile-title">{move || i18n.t(s.title)}</span>
                        <span class="tile-desc">{move || i18n.t(s.desc)}</span>
                    </span>
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
            <h1>{i18n.tr(ShellMsg::AppTitle)}</h1>
            <p class="instruction">{i18n.tr(ShellMsg::HomeHint)}</p>
            <Show when=move || session.show_take_documents.get()>
                <p class="notice" data-testid="take-documents" role="status">{i18n.tr(ShellMsg::TakeDocuments)}</p>
            </Show>
            <div class="tiles">
                {move || cfg.with(|c| in_order(&c.home_order)).into_iter().map(tile).collect_view()}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(order: &[Feature]) -> Vec<&'static str> {
        in_order(order).into_iter().map(|s| s.testid).collect()
    }

    #[test]
    fn services_follow_the_hall_order() {
        assert_eq!(
            ids(&[Feature::Certificates, Feature::Lenient, Feature::Reviews]),
            ["home-certs", "home-lenient", "home-reviews"]
        );
        assert_eq!(
            ids(&[Feature::Reviews, Feature::Certificates, Feature::Reviews]),
            ["home-reviews", "home-certs", "home-lenient"]
        );
        assert_eq!(ids(&[]), ["home-certs", "home-lenient", "home-reviews"]);
    }
}
