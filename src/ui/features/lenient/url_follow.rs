//! The URL follows the typed query a moment later (one `replace` per pause, not per key): the
//! keystroke path is only search + render, and a fast typist never hits the browser's history
//! rate limit. Any tap, Enter or space writes it at once, so a navigation started from the page
//! always leaves the typed query in its history entry. Used by the list screen and the first
//! screen (`/lenient?q=`), which both keep their state in the URL.

use leptos::prelude::*;

/// Pause in typing after which the URL catches up with the query.
pub const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// A URL update waiting for a pause in typing. Copyable handle; its listeners and timer go with
/// the page that created it (never navigates after the page is gone).
#[derive(Clone, Copy)]
pub struct UrlFollow {
    pending: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    write: StoredValue<std::rc::Rc<dyn Fn() -> Option<String>>, LocalStorage>,
    /// The query of our own last URL write: when the router reports it, it is no news from
    /// outside (keys typed since then must stay in the box).
    written: StoredValue<Option<String>, LocalStorage>,
}

impl UrlFollow {
    /// `write` replaces the URL with the typed query and returns that query (`None`, doing
    /// nothing, when it is there already or the page is gone).
    pub fn new(write: impl Fn() -> Option<String> + 'static) -> UrlFollow {
        let f = UrlFollow {
            pending: StoredValue::new_local(None),
            write: StoredValue::new_local(std::rc::Rc::new(write)),
            written: StoredValue::new_local(None),
        };
        let on_tap = window_event_listener(leptos::ev::pointerdown, move |_| f.flush());
        let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Enter" || ev.key() == " " {
                f.flush();
            }
        });
        on_cleanup(move || {
            on_tap.remove();
            on_key.remove();
            f.cancel();
        });
        f
    }

    /// Drops the waiting update; whether there was one.
    pub fn cancel(&self) -> bool {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
            true
        } else {
            false
        }
    }

    /// Writes the URL now.
    pub fn write_now(&self) {
        if let Some(q) = self.write.try_get_value().and_then(|w| w()) {
            let _ = self.written.try_set_value(Some(q));
        }
    }

    /// Called with each query the router reports: whether it is the one this page wrote last
    /// (the router reports its own navigations a moment later, when more keys may have been
    /// typed, so it is no news from outside). Forgets that write either way, so a later
    /// back/forward to the same query is news again.
    pub fn reported(&self, q: &str) -> bool {
        self.written
            .try_update_value(|w| w.take().as_deref() == Some(q))
            .unwrap_or(false)
    }

    /// Writes the waiting update now, if there is one.
    pub fn flush(&self) {
        if self.cancel() {
            self.write_now();
        }
    }

    /// Writes the URL after the next pause in typing.
    pub fn schedule(&self) {
        self.cancel();
        let f = *self;
        let h = set_timeout_with_handle(
            move || {
                let _ = f.pending.try_update_value(|p| *p = None);
                f.write_now();
            },
            URL_DELAY,
        );
        let _ = self.pending.try_update_value(|p| *p = h.ok());
    }
}
