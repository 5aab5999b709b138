//! In-browser tests (wasm-bindgen-test in headless Chromium): mount the real shell, toggle the
//! language and elder mode, check the DOM.
#![cfg(target_arch = "wasm32")]

use enforcement_kiosk::config::{Config, LoadedConfig, Mode};
use enforcement_kiosk::ui::shell::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn by_testid(id: &str) -> web_sys::HtmlElement {
    document()
        .query_selector(&format!("[data-testid='{id}']"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .dyn_into::<web_sys::HtmlElement>()
        .expect("an HTML element")
}

fn demo_config() -> LoadedConfig {
    LoadedConfig {
        config: Config {
            mode: Mode::Demo,
            ..Config::default()
        },
        fallbacks: vec![],
    }
}

#[wasm_bindgen_test]
async fn shell_mounts_and_toggles_language_and_elder_mode() {
    let loaded = demo_config();
    leptos::mount::mount_to_body(move || view! { <App loaded=loaded.clone() /> });
    leptos::task::tick().await;

    let html = document().document_element().expect("html");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert_eq!(
        by_testid("nav-home").text_content().as_deref(),
        Some("首页")
    );
    assert!(by_testid("demo-banner")
        .text_content()
        .unwrap_or_default()
        .contains("演示"));
    for id in [
        "nav-lenient",
        "nav-certs",
        "nav-reviews",
        "home-lenient",
        "home-certs",
        "home-reviews",
    ] {
        by_testid(id);
    }

    by_testid("lang-toggle").click();
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        by_testid("nav-home").text_content().as_deref(),
        Some("Home")
    );
    assert_eq!(
        by_testid("nav-certs").text_content().as_deref(),
        Some("E-certificates")
    );

    let root = document()
        .query_selector(".app")
        .ok()
        .flatten()
        .expect("app root");
    assert!(!root.class_list().contains("elder"));
    by_testid("elder-toggle").click();
    leptos::task::tick().await;
    assert!(root.class_list().contains("elder"));
    assert_eq!(
        by_testid("elder-toggle")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
}
