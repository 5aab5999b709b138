//! Kiosk behaviour shared by every screen: the kiosk context (config, backend, modes), idle
//! reset and privacy wipe, crash policy, online state.

pub mod crash;
pub mod heap;
pub mod idle;
pub mod online;
pub mod outbox;
pub mod scanner;
pub mod speech;
pub mod wipe;

use std::rc::Rc;

use leptos::prelude::*;

use crate::client::backend::Backend;
use crate::client::demo::DemoBackend;
use crate::client::http::HttpBackend;
use crate::config::{Config, LoadedConfig, Mode};

/// The kiosk context: a copyable handle provided once at the root.
#[derive(Clone, Copy)]
pub struct Kiosk {
    loaded: StoredValue<LoadedConfig, LocalStorage>,
    backend: StoredValue<Rc<dyn Backend>, LocalStorage>,
    /// 长辈版: larger type and targets, simpler screens.
    pub elder: RwSignal<bool>,
    /// `navigator.onLine`, kept current by the online/offline events.
    pub online: RwSignal<bool>,
    /// Set while a screen shows or collects personal data: the idle timeout is shorter.
    pub personal: RwSignal<bool>,
    /// Reviews waiting in the outbox.
    pub outbox_len: RwSignal<usize>,
    /// Shown on the home screen after an idle wipe.
    pub show_take_documents: RwSignal<bool>,
    /// Last `/health` answer: `None` before the first check.
    pub backend_ok: RwSignal<Option<bool>>,
}

impl Kiosk {
    pub fn config(&self) -> Config {
        self.loaded.with_value(|l| l.config.clone())
    }
    pub fn loaded(&self) -> LoadedConfig {
        self.loaded.get_value()
    }
    pub fn backend(&self) -> Rc<dyn Backend> {
        self.backend.get_value()
    }
    pub fn is_demo(&self) -> bool {
        self.loaded.with_value(|l| l.config.mode == Mode::Demo)
    }
}

pub fn provide_kiosk(loaded: LoadedConfig) -> Kiosk {
    let c = &loaded.config;
    let backend: Rc<dyn Backend> = match c.mode {
        Mode::Live => Rc::new(HttpBackend::new(
            &c.api_base,
            &c.kiosk_id,
            c.request_timeout_ms,
        )),
        Mode::Demo => Rc::new(DemoBackend::new("/demo")),
    };
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    let k = Kiosk {
        loaded: StoredValue::new_local(loaded),
        backend: StoredValue::new_local(backend),
        elder: RwSignal::new(false),
        online: RwSignal::new(online),
        personal: RwSignal::new(false),
        outbox_len: RwSignal::new(0),
        show_take_documents: RwSignal::new(false),
        backend_ok: RwSignal::new(None),
    };
    provide_context(k);
    k
}

pub fn use_kiosk() -> Kiosk {
    expect_context::<Kiosk>()
}

/// Marks the current screen as holding personal data for as long as it is mounted.
pub fn use_personal_screen() {
    let k = use_kiosk();
    k.personal.set(true);
    on_cleanup(move || {
        let _ = k.personal.try_set(false);
    });
}

/// Checks `/health` at start and every minute; the footer shows the result.
pub fn watch_health(k: Kiosk) {
    let check = move || {
        let b = k.backend();
        leptos::task::spawn_local(async move {
            let ok = b.health().await.map(|h| h.status == "ok").unwrap_or(false);
            let _ = k.backend_ok.try_set(Some(ok));
        });
    };
    check();
    let interval = gloo_timers::callback::Interval::new(60_000, check);
    let interval = StoredValue::new_local(Some(interval));
    let back_online = window_event_listener_untyped("online", move |_| check());
    on_cleanup(move || {
        interval.update_value(|i| drop(i.take()));
        back_online.remove();
    });
}
