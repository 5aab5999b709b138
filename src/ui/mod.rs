//! The Leptos app: the shell and its router ([`shell`]), the features ([`features`]: lenient
//! lists, certificates, reviews, admin — each owns its routes, pages, widgets, context and
//! messages), widgets shared by several features ([`components`]), kiosk-wide behaviour
//! ([`kiosk`]: idle reset and the privacy-wipe registry, speech, scanner, crash policy, online)
//! and the i18n layer ([`i18n`]).

pub mod components;
pub mod features;
pub mod i18n;
pub mod kiosk;
pub mod shell;

use crate::config::{Config, LoadedConfig};

/// Starts the kiosk: panic policy, config, mount.
pub fn start() {
    kiosk::crash::install_panic_hook();
    // The Leptos executor exists only after mount, so this first task uses wasm-bindgen-futures.
    wasm_bindgen_futures::spawn_local(async {
        let text = config_text().await;
        let mut loaded: LoadedConfig = Config::from_json(text.as_deref());
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        loaded.config.apply_query(&query);
        leptos::mount::mount_to_body(
            move || leptos::view! { <shell::App loaded=loaded.clone() /> },
        );
    });
}

/// The text of `config.json`: the fetch the page's boot script started while the HTML was parsed
/// (`window.__ekBoot.config`, a promise of the text or `null`), else a fetch of our own (a page
/// without the boot script: the dev loop's tests, an integrator's own index.html).
async fn config_text() -> Option<String> {
    use wasm_bindgen::JsCast;
    let started = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__ekBoot".into()).ok())
        .filter(|boot| boot.is_object())
        .and_then(|boot| js_sys::Reflect::get(&boot, &"config".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    match started {
        Some(p) => wasm_bindgen_futures::JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string()),
        None => crate::client::http::fetch_static_text("/config.json").await,
    }
}
