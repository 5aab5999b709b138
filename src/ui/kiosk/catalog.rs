//! The lenient catalog the screens show, kept fresh while the kiosk runs (issue 13, item 4).
//!
//! A timer revalidates the catalog every `catalog_refresh_seconds` (through the service worker,
//! whose NetworkFirst cache is replaced by the answer). A new version is kept *pending*: a
//! screen that is showing keeps the catalog it was built from, so a person in the middle of a
//! list or a self-check is never interrupted; the next screen change or the idle wipe makes the
//! pending version current, and every screen built after that reads it.

//!
//! The shell handles the catalog as text ([`CatalogText`]): decoding it is the lenient screens'
//! work, in their chunk.

use leptos::prelude::*;

use super::BackendHandle;
use crate::client::backend::CatalogText;
use crate::client::error::ApiError;

/// When a fetched catalog becomes the one the screens read. Plain logic, tested natively.
#[derive(Debug, Default, Clone)]
pub struct CatalogSwitch {
    current: Option<CatalogText>,
    pending: Option<CatalogText>,
}

impl CatalogSwitch {
    /// A catalog just fetched. The first one becomes current at once (no screen shows one
    /// yet); a different version waits as pending; the version already current drops any
    /// pending one (a rollback to what is shown).
    pub fn offer(&mut self, cat: CatalogText) {
        match &self.current {
            None => self.current = Some(cat),
            Some(cur) if cur.version == cat.version => {
                self.pending = None;
            }
            Some(_) => self.pending = Some(cat),
        }
    }

    /// The screen changed (or the idle wipe ran): a pending version becomes current.
    /// True when the current catalog changed.
    pub fn screen_changed(&mut self) -> bool {
        match self.pending.take() {
            Some(p) => {
                self.current = Some(p);
                true
            }
            None => false,
        }
    }

    /// The catalog the screens read.
    pub fn current(&self) -> Option<CatalogText> {
        self.current.clone()
    }

    /// The version of the current catalog.
    pub fn current_version(&self) -> Option<String> {
        self.current.as_ref().map(|c| c.version.clone())
    }

    /// The version waiting for the next screen change.
    pub fn pending_version(&self) -> Option<String> {
        self.pending.as_ref().map(|c| c.version.clone())
    }
}

/// The catalog context: a copyable handle provided once at the root.
#[derive(Clone, Copy)]
pub struct CatalogFeed {
    backend: BackendHandle,
    switch: StoredValue<CatalogSwitch, LocalStorage>,
    /// The version the screens read (the admin screen, `data-catalog-version`).
    pub current_version: RwSignal<Option<String>>,
    /// A newer version waiting for the next screen change (`data-catalog-pending`).
    pub pending_version: RwSignal<Option<String>>,
}

impl CatalogFeed {
    fn publish(&self) {
        let (cur, pending) = self
            .switch
            .with_value(|s| (s.current_version(), s.pending_version()));
        if self.current_version.get_untracked() != cur {
            self.current_version.set(cur);
        }
        if self.pending_version.get_untracked() != pending {
            self.pending_version.set(pending);
        }
    }

    /// Files a fetched catalog (see [`CatalogSwitch::offer`]).
    pub fn offer(&self, cat: CatalogText) {
        self.switch.update_value(|s| s.offer(cat));
        self.publish();
    }

    /// The screen changed or the idle wipe ran: a pending version becomes current.
    pub fn screen_changed(&self) {
        if self.switch.try_update_value(|s| s.screen_changed()) == Some(true) {
            self.publish();
        }
    }

    /// The catalog for a screen being built: the current one (a pending one first becomes
    /// current, since a new screen is a screen change), fetched when there is none yet.
    pub async fn catalog(self) -> Result<CatalogText, ApiError> {
        self.screen_changed();
        if let Some(cat) = self.switch.with_value(CatalogSwitch::current) {
            return Ok(cat);
        }
        let cat = self.backend.get().catalog().await?;
        self.offer(cat.clone());
        Ok(self
            .switch
            .try_with_value(CatalogSwitch::current)
            .flatten()
            .unwrap_or(cat))
    }

    /// Revalidates the catalog now; a new version waits as pending.
    pub fn refresh(&self) {
        let this = *self;
        let b = self.backend.get();
        leptos::task::spawn_local(async move {
            if let Ok(cat) = b.catalog().await {
                if !this.switch.is_disposed() {
                    this.offer(cat);
                }
            }
        });
    }
}

/// Provides the catalog context (after the backend's).
pub fn provide_catalog_feed(backend: BackendHandle) -> CatalogFeed {
    let feed = CatalogFeed {
        backend,
        switch: StoredValue::new_local(CatalogSwitch::default()),
        current_version: RwSignal::new(None),
        pending_version: RwSignal::new(None),
    };
    provide_context(feed);
    feed
}

/// The root's catalog context.
pub fn use_catalog_feed() -> CatalogFeed {
    expect_context::<CatalogFeed>()
}

/// Revalidates the catalog every `seconds` for the life of the calling scope (the root).
pub fn start_catalog_refresh(feed: CatalogFeed, seconds: u32) {
    let ms = seconds.max(1).saturating_mul(1000);
    let interval = gloo_timers::callback::Interval::new(ms, move || feed.refresh());
    let interval = StoredValue::new_local(Some(interval));
    on_cleanup(move || interval.update_value(|i| drop(i.take())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn cat(version: &str) -> CatalogText {
        CatalogText {
            version: version.into(),
            json: format!("{{\"version\":\"{version}\"}}").into(),
        }
    }

    fn same(a: &CatalogText, b: &CatalogText) -> bool {
        Rc::ptr_eq(&a.json, &b.json)
    }

    #[test]
    fn the_first_catalog_is_current_at_once() {
        let mut s = CatalogSwitch::default();
        assert!(s.current().is_none());
        s.offer(cat("v1"));
        assert_eq!(s.current_version().as_deref(), Some("v1"));
        assert_eq!(s.pending_version(), None);
        assert!(!s.screen_changed());
    }

    #[test]
    fn a_new_version_waits_for_the_next_screen() {
        let mut s = CatalogSwitch::default();
        let v1 = cat("v1");
        s.offer(v1.clone());
        s.offer(cat("v2"));
        // The screen showing keeps the catalog it was built from.
        assert!(same(&s.current().expect("current"), &v1));
        assert_eq!(s.pending_version().as_deref(), Some("v2"));
        // A later poll with an even newer version replaces the pending one.
        s.offer(cat("v3"));
        assert_eq!(s.current_version().as_deref(), Some("v1"));
        assert_eq!(s.pending_version().as_deref(), Some("v3"));
        assert!(s.screen_changed());
        assert_eq!(s.current_version().as_deref(), Some("v3"));
        assert_eq!(s.pending_version(), None);
        assert!(!s.screen_changed());
    }

    #[test]
    fn the_same_version_again_changes_nothing_and_a_rollback_cancels_pending() {
        let mut s = CatalogSwitch::default();
        let v1 = cat("v1");
        s.offer(v1.clone());
        // A 200 with the same content (another copy of the text) is not a new version.
        s.offer(cat("v1"));
        assert_eq!(s.pending_version(), None);
        assert!(same(&s.current().expect("current"), &v1));
        s.offer(cat("v2"));
        s.offer(cat("v1"));
        assert_eq!(s.pending_version(), None);
        assert!(!s.screen_changed());
        assert!(same(&s.current().expect("current"), &v1));
    }
}
