//! The Leptos app: shell and router ([`app`]), one file per route ([`pages`]), reusable
//! widgets ([`components`]), kiosk behaviour ([`kiosk`]) and the i18n layer ([`i18n`]).

pub mod app;
pub mod components;
pub mod i18n;
pub mod kiosk;
pub mod pages;

use crate::config::{Config, LoadedConfig};

/// Starts the kiosk: panic policy, config, mount.
pub fn start() {
    kiosk::crash::install_panic_hook();
    // The Leptos executor exists only after mount, so this first task uses wasm-bindgen-futures.
    wasm_bindgen_futures::spawn_local(async {
        let text = crate::client::http::fetch_static_text("/config.json").await;
        let mut loaded: LoadedConfig = Config::from_json(text.as_deref());
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        loaded.config.apply_query(&query);
        leptos::mount::mount_to_body(move || leptos::view! { <app::App loaded=loaded.clone() /> });
    });
}
