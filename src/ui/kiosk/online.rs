//! Online state from the browser's online/offline events (leptos-use has no such hook).

use leptos::prelude::*;

pub fn watch_online(online: RwSignal<bool>) {
    let on = window_event_listener_untyped("online", move |_| online.set(true));
    let off = window_event_listener_untyped("offline", move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
}
