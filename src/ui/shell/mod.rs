//! The app shell, in zones: a status band at the top (hall, step, countdown, time; no controls),
//! the page (title and instruction, then the interaction zone), the services' navigation, and a
//! fixed bottom bar (home, back, read aloud, 长辈版, language) within reach; banners, the
//! attract screen, the idle guard.

pub mod attract;
pub mod back;
pub mod deferred;
pub mod home;
pub mod not_found;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::config::LoadedConfig;
use crate::domain::scan::classify_burst;
use crate::ui::components::long_press::LongPress;
use crate::ui::features::{
    admin::AdminRoutes, assist::AssistButton, certs::CertsRoutes, lenient::LenientRoutes,
    reviews::ReviewsRoutes,
};
use crate::ui::i18n::{fill, provide_i18n, use_i18n, Locale, ShellMsg};
use crate::ui::kiosk::scanner::{use_scan_inbox, use_wedge_scanner};
use crate::ui::kiosk::status::{clock_parts, provide_status_band, step_text, use_status_band};
use crate::ui::kiosk::{
    catalog, provide_kiosk, speech, use_backend, use_config, use_connectivity, use_elder, wipe,
};
use back::parent_path;

/// The root. Never unmounts on a kiosk: everything it owns lives for the whole day.
#[component]
pub fn App(
    /// The runtime configuration in force (with the reasons for any fallback).
    loaded: LoadedConfig,
) -> impl IntoView {
    let locale = Locale::parse(&loaded.config.default_locale);
    wipe::provide_wipe_registry();
    crate::ui::kiosk::scanner::provide_scan_inbox();
    provide_kiosk(loaded);
    provide_i18n(locale);
    provide_status_band();
    // The features' root contexts; each registers its state with the privacy wipe.
    crate::ui::features::lenient::context::provide_lenient();
    crate::ui::features::reviews::context::provide_review_context();
    crate::ui::kiosk::online::watch_online(use_connectivity().online);
    // The outbox's sender, the health check and the catalog's prefetch and refresh start from
    // the shell's deferred chunk, right after the first screen (`deferred`).

    view! {
        <Router>
            <Shell />
        </Router>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let backend = use_backend();
    let cfg = use_config();
    let elder = use_elder();
    let conn = use_connectivity();
    let i18n = use_i18n();
    let location = use_location();
    let feed = catalog::use_catalog_feed();
    // Stop speech and abort stale requests when the screen changes; a catalog version that
    // arrived while the last screen showed becomes the one the next screens read.
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.is_some_and(|p| p != path) {
            feed.screen_changed();
            speech::stop();
            backend.get().abort_all();
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        path
    });
    let root_class = move || if elder.on.get() { "app elder" } else { "app" };
    let hall = cfg.with(|c| c.hall_name.clone());
    let navigate = leptos_router::hooks::use_navigate();
    let to_admin = {
        let navigate = navigate.clone();
        Callback::new(move |_: ()| navigate("/admin", Default::default()))
    };
    // A burst typed with nothing focused, from any screen: to the screen that uses it (the
    // payload waits in the inbox, never in the URL), or into the notice below.
    let inbox = use_scan_inbox();
    use_wedge_scanner(Callback::new(move |payload: String| {
        if let Some(path) = inbox.file(classify_burst(&payload)) {
            if location.pathname.get_untracked() != path {
                navigate(path, Default::default());
            }
        }
    }));
    // The kiosk layer's timers: the idle countdown and wipe, the attract screen (their screens
    // come with the deferred chunk; the timers, the band's countdown and the wipe never wait).
    crate::ui::kiosk::idle::start_idle_guard();
    attract::start_attract();

    // The root element carries the mode too: its font size is the `rem` every size scales by.
    Effect::new(move |_| {
        let on = elder.on.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.class_list().toggle_with_force("elder", on);
        }
    });

    view! {
        <div class=root_class
            data-catalog-version=move || feed.current_version.get().unwrap_or_default()
            data-catalog-pending=move || feed.pending_version.get().unwrap_or_default()>
            <StatusBand hall=hall to_admin=to_admin />
            <Show when=move || cfg.is_demo()>
                <div class="banner banner-demo" data-testid="demo-banner" role="status">{i18n.tr(ShellMsg::DemoBanner)}</div>
            </Show>
            <Show when=move || !conn.online.get()>
                <div class="banner banner-offline" data-testid="offline-banner" role="status">{i18n.tr(ShellMsg::OfflineBanner)}</div>
            </Show>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <not_found::NotFound /> }>
                    <Route path=path!("/") view=home::Home />
                    <LenientRoutes />
                    <CertsRoutes />
                    <ReviewsRoutes />
                    <AdminRoutes />
                </Routes>
            </main>
            // The services, low on the screen below every page (the home tiles are the main way).
            <nav class="mainnav" aria-label=i18n.tr(ShellMsg::SectionsNav)>
                <A href="/lenient" attr:data-testid="nav-lenient" attr:class="nav-btn">{i18n.tr(ShellMsg::Lenient)}</A>
                <A href="/certs" attr:data-testid="nav-certs" attr:class="nav-btn">{i18n.tr(ShellMsg::Certs)}</A>
                <A href="/reviews" attr:data-testid="nav-reviews" attr:class="nav-btn">{i18n.tr(ShellMsg::Reviews)}</A>
            </nav>
            <footer class="footbar">
                <span>{i18n.tr(ShellMsg::TakeDocuments)}</span>
                <span class="backend-status" data-testid="backend-status"
                    data-ok=move || conn.backend_ok.get().map(|b| b.to_string()).unwrap_or_default()>
                    {move || match conn.backend_ok.get() {
                        Some(true) => i18n.t(ShellMsg::BackendOk),
                        Some(false) => i18n.t(ShellMsg::BackendDown),
                        None => "",
                    }}
                </span>
            </footer>
            <BottomBar />
            <deferred::Deferred />
        </div>
    }
}

/// The thin band at the top: hall name (a long press opens the admin screen: staff only, no
/// visible control), the step of a flow, the idle countdown while it runs, date and time.
/// Nothing here is for the public to touch (out of reach from a wheelchair on a portrait kiosk).
#[component]
fn StatusBand(
    /// The hall's name from the configuration.
    hall: String,
    /// Opens the admin screen (after the long press).
    to_admin: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let band = use_status_band();
    let now = RwSignal::new(crate::client::clock::now_ms());
    let tick = gloo_timers::callback::Interval::new(CLOCK_TICK_MS, move || {
        let _ = now.try_set(crate::client::clock::now_ms());
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || tick.update_value(|t| drop(t.take())));
    let zh = move || i18n.locale() == Locale::ZhCn;
    view! {
        <header class="statusband" data-testid="status-band">
            <LongPress on_long_press=to_admin>
                <span class="hall-name">{hall}</span>
            </LongPress>
            <span class="band-step" data-testid="status-step">
                {move || band.step.get().and_then(|(n, of)| step_text(zh(), n, of))}
            </span>
            <span class="band-idle" data-testid="status-idle">
                {move || band.idle_left.get().map(|n| fill(i18n.t(ShellMsg::IdleBand), n as i64))}
            </span>
            <span class="band-clock" data-testid="status-clock">
                <span class="clock-date">{move || clock_parts(zh(), (now.get() / 1000.0) as i64).0}</span>
                " "
                <span class="clock-time">{move || clock_parts(zh(), (now.get() / 1000.0) as i64).1}</span>
            </span>
        </header>
    }
}

/// How often the band's clock is refreshed (it shows minutes).
const CLOCK_TICK_MS: u32 = 15_000;

/// The fixed bar at the bottom, within reach on every form factor: home, back, read aloud,
/// 长辈版, language. Every control's accessible name is its visible text (WCAG 2.5.3).
#[component]
fn BottomBar() -> impl IntoView {
    let i18n = use_i18n();
    let elder = use_elder();
    let pathname = use_location().pathname;
    let navigate = leptos_router::hooks::use_navigate();
    let lenient = crate::ui::features::lenient::context::use_lenient();
    let up = move || parent_path(&pathname.get(), lenient.last_list().as_deref());
    let go_back = move |_| {
        if let Some(p) = up() {
            navigate(&p, Default::default());
        }
    };
    let other_lang = move || match i18n.locale() {
        Locale::ZhCn => "en",
        Locale::En => "zh-CN",
    };
    view! {
        <nav class="bottombar no-print" data-testid="bottom-bar" aria-label=i18n.tr(ShellMsg::BarLabel)>
            <A href="/" exact=true attr:data-testid="nav-home" attr:class="bar-btn">
                <BarIcon d=ICON_HOME />
                <span>{i18n.tr(ShellMsg::Home)}</span>
            </A>
            <button type="button" class="bar-btn" data-testid="nav-back" disabled=move || up().is_none() on:click=go_back>
                <BarIcon d=ICON_BACK />
                <span>{i18n.tr(ShellMsg::Back)}</span>
            </button>
            <ReadAloudButton />
            <button type="button" class="bar-btn" data-testid="elder-toggle"
                aria-pressed=move || elder.on.get().to_string()
                on:click=move |_| elder.on.update(|e| *e = !*e)>
                <BarIcon d=ICON_ELDER />
                <span>{i18n.tr(ShellMsg::ElderOn)}</span>
            </button>
            <button type="button" class="bar-btn" data-testid="lang-toggle" on:click=move |_| i18n.toggle()>
                <BarIcon d=ICON_LANG />
                <span class="bar-label" lang=other_lang>
                    <span class="lbl-full">{i18n.tr(ShellMsg::LangToggle)}</span>
                    <span class="lbl-short">{i18n.tr(ShellMsg::LangToggleShort)}</span>
                </span>
            </button>
            <AssistButton />
        </nav>
    }
}

/// A bar button's pictogram: one SVG path on a 24-unit grid, hidden from assistive technology
/// (the button's text names it).
#[component]
fn BarIcon(
    /// The path data.
    d: &'static str,
) -> impl IntoView {
    view! {
        <svg class="bar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=d fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

const ICON_HOME: &str = "M3 11 12 3l9 8M5 9.5V21h5v-6h4v6h5V9.5";
const ICON_BACK: &str = "M10 5 3 12l7 7M3 12h18";
const ICON_READ: &str = "M4 9v6h4l5 4V5L8 9H4zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11";
const ICON_ELDER: &str = "M4 19 9 5l5 14M6 14h6M15 19l3-8 3 8M16 16.5h4";
const ICON_LANG: &str =
    "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3.2 3 14.8 0 18M12 3c-3 3.2-3 14.8 0 18";

/// A scanned burst the kiosk did not recognise: said so, with the text kept readable until
/// closed (or the idle wipe), never routed silently to nowhere.
#[component]
pub(crate) fn ScanUnknownNotice() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_scan_inbox();
    view! {
        <Show when=move || inbox.unknown.with(Option::is_some)>
            <div class="banner banner-scan" role="alert" data-testid="scan-unknown">
                <p>{i18n.tr(ShellMsg::ScanUnknown)}</p>
                <p><output class="scan-text" data-testid="scan-unknown-text">{move || inbox.unknown.get().unwrap_or_default()}</output></p>
                <p class="hint">{i18n.tr(ShellMsg::ScanUnknownHint)}</p>
                <button type="button" class="btn" data-testid="scan-unknown-close" on:click=move |_| inbox.unknown.set(None)>
                    {i18n.tr(ShellMsg::ScanUnknownClose)}
                </button>
            </div>
        </Show>
    }
}

/// Reads the current screen aloud in the current language.
#[component]
fn ReadAloudButton() -> impl IntoView {
    let i18n = use_i18n();
    let speaking = RwSignal::new(false);
    let click = move |_| {
        if speaking.get_untracked() {
            speech::stop();
            speaking.set(false);
        } else {
            speaking.set(speech::speak_screen(i18n.locale().tag()));
        }
    };
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        speaking.set(false);
    });
    view! {
        <Show when=speech::is_supported>
            <button type="button" class="bar-btn" data-testid="read-aloud" aria-pressed=move || speaking.get().to_string() on:click=click>
                <BarIcon d=ICON_READ />
                <span>{move || if speaking.get() { i18n.t(ShellMsg::StopReading) } else { i18n.t(ShellMsg::ReadAloud) }}</span>
            </button>
        </Show>
    }
}
