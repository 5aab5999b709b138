//! The privacy wipe: abort requests, clear every form, result and personal value, return home.
//! Form state lives in page-scoped signals, so leaving the page disposes it; this clears what
//! lives anywhere else (storage, focus, selection, in-flight requests).

use leptos::prelude::*;
use leptos_router::NavigateOptions;

use super::Kiosk;
use crate::client::outbox::STORAGE_KEY;
use crate::ui::i18n::{I18n, Locale};

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

pub fn wipe(k: &Kiosk, i18n: &I18n, navigate: &impl Fn(&str, NavigateOptions)) {
    k.backend().abort_all();
    clear_storage();
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(el) = doc.active_element() {
            if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = h.blur();
            }
        }
    }
    super::speech::stop();
    k.personal.set(false);
    k.elder.set(false);
    i18n.set(Locale::parse(&k.config().default_locale));
    k.wipe_epoch.update(|e| *e += 1);
    k.show_take_documents.set(true);
    navigate(
        "/",
        NavigateOptions {
            replace: true,
            ..Default::default()
        },
    );
}
