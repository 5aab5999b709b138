//! The privacy wipe and its registry.
//!
//! Every piece of personal or session state that outlives a page is registered here by the
//! feature that holds it, in that feature's `context.rs` (one file per feature to review):
//! a signal, a cache, a browser-storage key. The idle wipe ([`wipe`]) clears exactly that list,
//! then the kiosk-wide values (storage, focus, speech, modes) and goes home, which drops every
//! page-scoped signal. State created by a page and held only in that page's signals needs no
//! entry: leaving the page disposes it.

use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;

use super::{
    use_backend, use_config, use_elder, use_session, BackendHandle, ElderMode, KioskConfig, Session,
};
use crate::client::outbox::STORAGE_KEY;
use crate::ui::i18n::{use_i18n, I18n, Locale};

/// What kind of state a registered item is (for the admin screen and the test report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WipeKind {
    /// A reactive value (signal, memo source).
    Signal,
    /// A cache of data fetched or derived (search index, last list).
    Cache,
    /// A `sessionStorage` / `localStorage` key.
    Storage,
}

/// One registered item: who holds it, what it is, how to clear it and how to tell it is clear.
#[derive(Clone)]
pub struct WipeItem {
    /// The feature (or kiosk layer) that holds it: `lenient`, `certs`, `reviews`, `admin`, `kiosk`.
    pub feature: &'static str,
    /// A short name, e.g. `last_receipt`.
    pub name: &'static str,
    pub kind: WipeKind,
    /// Set while the item is registered by a scope that is still alive.
    id: u64,
    clear: Rc<dyn Fn()>,
    is_clear: Rc<dyn Fn() -> bool>,
}

impl WipeItem {
    /// Whether the item holds nothing now.
    pub fn is_clear(&self) -> bool {
        (self.is_clear)()
    }
}

/// The registry: provided once at the root, before any feature context.
#[derive(Clone, Copy)]
pub struct WipeRegistry {
    items: StoredValue<Vec<WipeItem>, LocalStorage>,
    next_id: StoredValue<u64, LocalStorage>,
}

impl WipeRegistry {
    /// Registers an item for as long as the current reactive owner lives (a root context lives
    /// all day; a route-scoped one is removed when its route is left).
    pub fn register(
        &self,
        feature: &'static str,
        name: &'static str,
        kind: WipeKind,
        clear: impl Fn() + 'static,
        is_clear: impl Fn() -> bool + 'static,
    ) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update_value(|v| {
            v.push(WipeItem {
                feature,
                name,
                kind,
                id,
                clear: Rc::new(clear),
                is_clear: Rc::new(is_clear),
            })
        });
        let items = self.items;
        on_cleanup(move || {
            let _ = items.try_update_value(|v| v.retain(|i| i.id != id));
        });
    }

    /// Registers a signal whose empty value is `T::default()`.
    pub fn register_signal<T>(&self, feature: &'static str, name: &'static str, s: RwSignal<T>)
    where
        T: Default + PartialEq + Send + Sync + 'static,
    {
        self.register(
            feature,
            name,
            WipeKind::Signal,
            move || {
                let _ = s.try_set(T::default());
            },
            move || s.try_with_untracked(|v| *v == T::default()).unwrap_or(true),
        );
    }

    /// Registers a `sessionStorage` key.
    pub fn register_session_key(&self, feature: &'static str, key: &'static str) {
        self.register(
            feature,
            key,
            WipeKind::Storage,
            move || {
                if let Some(s) = session_storage() {
                    let _ = s.remove_item(key);
                }
            },
            move || session_storage().is_none_or(|s| s.get_item(key).ok().flatten().is_none()),
        );
    }

    /// A snapshot of what is registered now.
    pub fn items(&self) -> Vec<WipeItem> {
        self.items.get_value()
    }

    /// Clears every registered item.
    pub fn clear_all(&self) {
        // Clone first: a clear may dispose a scope that unregisters items.
        for item in self.items.get_value() {
            (item.clear)();
        }
    }
}

/// Provides the registry (once, at the root).
pub fn provide_wipe_registry() -> WipeRegistry {
    let r = WipeRegistry {
        items: StoredValue::new_local(Vec::new()),
        next_id: StoredValue::new_local(0),
    };
    provide_context(r);
    r
}

/// The root's registry.
pub fn use_wipe_registry() -> WipeRegistry {
    expect_context::<WipeRegistry>()
}

fn session_storage() -> Option<web_sys::Storage> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()?.session_storage().ok()?
    } else {
        None
    }
}

/// Clear browser storage except the review outbox.
pub fn clear_storage() {
    let Some(w) = web_sys::window() else { return };
    if let Ok(Some(s)) = w.session_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = w.local_storage() {
        let keep = s.get_item(STORAGE_KEY).ok().flatten();
        let _ = s.clear();
        if let Some(v) = keep {
            let _ = s.set_item(STORAGE_KEY, &v);
        }
    }
}

/// Everything the idle wipe touches: a copyable handle taken in the idle guard's setup.
#[derive(Clone, Copy)]
pub struct Wiper {
    backend: BackendHandle,
    cfg: KioskConfig,
    elder: ElderMode,
    session: Session,
    i18n: I18n,
    registry: WipeRegistry,
    catalog: super::catalog::CatalogFeed,
}

/// The wiper built from the root's contexts.
pub fn use_wiper() -> Wiper {
    Wiper {
        backend: use_backend(),
        cfg: use_config(),
        elder: use_elder(),
        session: use_session(),
        i18n: use_i18n(),
        registry: use_wipe_registry(),
        catalog: super::catalog::use_catalog_feed(),
    }
}

impl Wiper {
    /// The idle wipe: abort requests, clear every registered item, storage, focus, speech and
    /// the modes, make a pending catalog version current, then go home (which drops every page-scoped signal).
    pub fn wipe(&self, navigate: &impl Fn(&str, NavigateOptions)) {
        self.backend.get().abort_all();
        self.registry.clear_all();
        // The next person sees the catalog version in force.
        self.catalog.screen_changed();
        clear_storage();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(el) = doc.active_element() {
                if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = h.blur();
                }
            }
        }
        super::speech::stop();
        self.session.personal.set(false);
        self.elder.on.set(self.cfg.with(|c| c.elder_default));
        self.i18n
            .set(Locale::parse(&self.cfg.with(|c| c.default_locale.clone())));
        self.session.show_take_documents.set(true);
        navigate(
            "/",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    }
}
