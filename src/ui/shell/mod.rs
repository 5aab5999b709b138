//! The app shell: header (hall name, language, elder mode, read-aloud), in-app navigation for
//! kiosks with no browser chrome, banners, the features' route subtrees, idle guard.

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
use crate::ui::i18n::{provide_i18n, use_i18n, Locale, ShellMsg};
use crate::ui::kiosk::scanner::{use_scan_inbox, use_wedge_scanner};
use crate::ui::kiosk::{
    catalog, idle::IdleGuard, provide_kiosk, speech, use_backend, use_config, use_connectivity,
    use_elder, wipe,
};

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
    // The features' root contexts; each registers its state with the privacy wipe.
    crate::ui::features::lenient::context::provide_lenient();
    crate::ui::features::reviews::context::provide_review_context();
    crate::ui::kiosk::online::watch_online(use_connectivity().online);
    crate::ui::kiosk::outbox::start_outbox_sender();
    crate::ui::kiosk::watch_health();
    catalog::start_catalog_refresh(
        catalog::use_catalog_feed(),
        use_config().with(|c| c.catalog_refresh_seconds),
    );

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
    // The catalog, fetched and cached once the home screen is up, so the lists, their search
    // and every entry work when the network goes later (issue 12, item 9).
    prefetch_catalog(backend, feed, 3);

    view! {
        <div class=root_class
            data-catalog-version=move || feed.current_version.get().unwrap_or_default()
            data-catalog-pending=move || feed.pending_version.get().unwrap_or_default()>
            <header class="topbar">
                <LongPress on_long_press=to_admin>
                    <span class="hall-name">{hall}</span>
                </LongPress>
                <div class="topbar-actions">
                    <ReadAloudButton />
                    // ASSIST: moves to the bottom bar
                    <AssistButton />
                    <button class="btn btn-chip" data-testid="elder-toggle"
                        aria-pressed=move || elder.on.get().to_string()
                        aria-label=move || i18n.t(ShellMsg::ElderLabel)
                        on:click=move |_| elder.on.update(|e| *e = !*e)>
                        {move || if elder.on.get() { i18n.t(ShellMsg::ElderOff) } else { i18n.t(ShellMsg::ElderOn) }}
                    </button>
                    <button class="btn btn-chip" data-testid="lang-toggle"
                        aria-label=move || i18n.t(ShellMsg::LangToggleLabel)
                        on:click=move |_| i18n.toggle()>
                        {move || i18n.t(ShellMsg::LangToggle)}
                    </button>
                </div>
            </header>
            <Show when=move || cfg.is_demo()>
                <div class="banner banner-demo" data-testid="demo-banner" role="status">{move || i18n.t(ShellMsg::DemoBanner)}</div>
            </Show>
            <Show when=move || !conn.online.get()>
                <div class="banner banner-offline" data-testid="offline-banner" role="status">{move || i18n.t(ShellMsg::OfflineBanner)}</div>
            </Show>
            <nav class="mainnav" aria-label=move || i18n.t(ShellMsg::AppTitle)>
                <A href="/" exact=true attr:data-testid="nav-home" attr:class="nav-btn">{move || i18n.t(ShellMsg::Home)}</A>
                <A href="/lenient" attr:data-testid="nav-lenient" attr:class="nav-btn">{move || i18n.t(ShellMsg::Lenient)}</A>
                <A href="/certs" attr:data-testid="nav-certs" attr:class="nav-btn">{move || i18n.t(ShellMsg::Certs)}</A>
                <A href="/reviews" attr:data-testid="nav-reviews" attr:class="nav-btn">{move || i18n.t(ShellMsg::Reviews)}</A>
            </nav>
            <ScanUnknownNotice />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <not_found::NotFound /> }>
                    <Route path=path!("/") view=home::Home />
                    <LenientRoutes />
                    <CertsRoutes />
                    <ReviewsRoutes />
                    <AdminRoutes />
                </Routes>
            </main>
            <footer class="footbar">
                <span>{move || i18n.t(ShellMsg::TakeDocuments)}</span>
                <span class="backend-status" data-testid="backend-status"
                    data-ok=move || conn.backend_ok.get().map(|b| b.to_string()).unwrap_or_default()>
                    {move || match conn.backend_ok.get() {
                        Some(true) => i18n.t(ShellMsg::BackendOk),
                        Some(false) => i18n.t(ShellMsg::BackendDown),
                        None => "",
                    }}
                </span>
            </footer>
            <IdleGuard />
        </div>
    }
}

/// Fetches the catalog once, after the first screen had a chance to render and respond (the
/// client keeps it in memory and the service worker in its cache). A failure is fine: the
/// lists fetch it again when opened.
/// A fetch aborted by a quick change of screen is tried again (at most `tries` times). The
/// catalog fetched is filed with the catalog feed (current when none is yet).
fn prefetch_catalog(
    backend: crate::ui::kiosk::BackendHandle,
    feed: catalog::CatalogFeed,
    tries: u8,
) {
    set_timeout(
        move || {
            let b = backend.get();
            leptos::task::spawn_local(async move {
                match b.catalog().await {
                    Ok(cat) => feed.offer(cat),
                    Err(crate::client::error::ApiError::Aborted) if tries > 1 => {
                        prefetch_catalog(backend, feed, tries - 1);
                    }
                    Err(_) => {}
                }
            });
        },
        CATALOG_PREFETCH_DELAY,
    );
}

/// How long after start the catalog is prefetched (the home screen is interactive by then).
const CATALOG_PREFETCH_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// A scanned burst the kiosk did not recognise: said so, with the text kept readable until
/// closed (or the idle wipe), never routed silently to nowhere.
#[component]
fn ScanUnknownNotice() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_scan_inbox();
    view! {
        <Show when=move || inbox.unknown.with(Option::is_some)>
            <div class="banner banner-scan" role="alert" data-testid="scan-unknown">
                <p>{move || i18n.t(ShellMsg::ScanUnknown)}</p>
                <p><output class="scan-text" data-testid="scan-unknown-text">{move || inbox.unknown.get().unwrap_or_default()}</output></p>
                <p class="hint">{move || i18n.t(ShellMsg::ScanUnknownHint)}</p>
                <button type="button" class="btn" data-testid="scan-unknown-close" on:click=move |_| inbox.unknown.set(None)>
                    {move || i18n.t(ShellMsg::ScanUnknownClose)}
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
            <button class="btn btn-chip" data-testid="read-aloud" aria-pressed=move || speaking.get().to_string() on:click=click>
                {move || if speaking.get() { i18n.t(ShellMsg::StopReading) } else { i18n.t(ShellMsg::ReadAloud) }}
            </button>
        </Show>
    }
}
