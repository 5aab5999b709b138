//! Kiosk behaviour shared by every screen: small contexts with one purpose each (configuration,
//! backend, elder mode, connectivity, session, outbox), idle reset and the privacy-wipe
//! registry, crash policy, online state, speech, scanner input.

pub mod catalog;
pub mod crash;
pub mod heap;
pub mod idle;
pub mod online;
pub mod outbox;
pub mod scanner;
pub mod speech;
pub mod status;
pub mod wipe;

use std::rc::Rc;

use leptos::prelude::*;

use crate::client::backend::AnyBackend;
use crate::client::demo::DemoBackend;
use crate::client::http::HttpBackend;
use crate::config::{Config, LoadedConfig, Mode};

/// How often the footer's backend status is refreshed.
const HEALTH_INTERVAL_MS: u32 = 60_000;

/// The runtime configuration in force, read in place (never cloned whole on a read).
#[derive(Clone, Copy)]
pub struct KioskConfig(StoredValue<LoadedConfig, LocalStorage>);

impl KioskConfig {
    /// Reads the configuration: `cfg.with(|c| c.hall_name.clone())`.
    pub fn with<R>(&self, f: impl FnOnce(&Config) -> R) -> R {
        self.0.with_value(|l| f(&l.config))
    }
    /// The configuration with the reasons for any fallback (the admin screen).
    pub fn loaded(&self) -> LoadedConfig {
        self.0.get_value()
    }
    pub fn is_demo(&self) -> bool {
        self.with(|c| c.mode == Mode::Demo)
    }
}

/// The backend every screen talks to (live server or offline demo).
#[derive(Clone, Copy)]
pub struct BackendHandle(StoredValue<Rc<AnyBackend>, LocalStorage>);

impl BackendHandle {
    pub fn get(&self) -> Rc<AnyBackend> {
        self.0.get_value()
    }
}

/// 长辈版: larger type and targets, simpler screens. Lasts until the idle wipe.
#[derive(Clone, Copy)]
pub struct ElderMode {
    pub on: RwSignal<bool>,
}

/// Whether the kiosk can reach the network and the backend.
#[derive(Clone, Copy)]
pub struct Connectivity {
    /// `navigator.onLine`, kept current by the online/offline events.
    pub online: RwSignal<bool>,
    /// Last `/health` answer: `None` before the first check.
    pub backend_ok: RwSignal<Option<bool>>,
}

/// The person's session on the kiosk, as far as the shell needs to know it.
#[derive(Clone, Copy)]
pub struct Session {
    /// Set while a screen shows or collects personal data: the idle timeout is shorter.
    pub personal: RwSignal<bool>,
    /// Shown on the home screen after an idle wipe.
    pub show_take_documents: RwSignal<bool>,
}

/// The review outbox as the screens see it.
#[derive(Clone, Copy)]
pub struct OutboxStatus {
    /// Reviews waiting to be sent.
    pub len: RwSignal<usize>,
}

/// Provides the kiosk-wide contexts (configuration, backend, elder mode, connectivity,
/// session, outbox, the catalog in force) once at the root.
pub fn provide_kiosk(loaded: LoadedConfig) {
    let c = &loaded.config;
    let backend = Rc::new(match c.mode {
        Mode::Live => AnyBackend::Http(HttpBackend::new(
            &c.api_base,
            &c.kiosk_id,
            c.request_timeout_ms,
        )),
        Mode::Demo => AnyBackend::Demo(DemoBackend::new("/demo")),
    });
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    let elder_default = c.elder_default;
    provide_context(KioskConfig(StoredValue::new_local(loaded)));
    let backend = BackendHandle(StoredValue::new_local(backend));
    provide_context(backend);
    catalog::provide_catalog_feed(backend);
    provide_context(ElderMode {
        on: RwSignal::new(elder_default),
    });
    provide_context(Connectivity {
        online: RwSignal::new(online),
        backend_ok: RwSignal::new(None),
    });
    provide_context(Session {
        personal: RwSignal::new(false),
        show_take_documents: RwSignal::new(false),
    });
    provide_context(OutboxStatus {
        len: RwSignal::new(0),
    });
}

pub fn use_config() -> KioskConfig {
    expect_context::<KioskConfig>()
}
pub fn use_backend() -> BackendHandle {
    expect_context::<BackendHandle>()
}
pub fn use_elder() -> ElderMode {
    expect_context::<ElderMode>()
}
pub fn use_connectivity() -> Connectivity {
    expect_context::<Connectivity>()
}
pub fn use_session() -> Session {
    expect_context::<Session>()
}
pub fn use_outbox_status() -> OutboxStatus {
    expect_context::<OutboxStatus>()
}

/// Marks the current screen as holding personal data for as long as it is mounted.
pub fn use_personal_screen() {
    let session = use_session();
    session.personal.set(true);
    on_cleanup(move || {
        let _ = session.personal.try_set(false);
    });
}

/// Checks `/health` at start and every minute; the footer shows the result.
pub fn watch_health() {
    let backend = use_backend();
    let conn = use_connectivity();
    let check = move || {
        let b = backend.get();
        leptos::task::spawn_local(async move {
            let ok = b.health().await.map(|h| h.status == "ok").unwrap_or(false);
            let _ = conn.backend_ok.try_set(Some(ok));
        });
    };
    check();
    let interval = gloo_timers::callback::Interval::new(HEALTH_INTERVAL_MS, check);
    let interval = StoredValue::new_local(Some(interval));
    let back_online = window_event_listener_untyped("online", move |_| check());
    on_cleanup(move || {
        interval.update_value(|i| drop(i.take()));
        back_online.remove();
    });
}
