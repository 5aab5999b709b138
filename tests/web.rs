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

/// The app reads config.json with the browser's JSON.parse (config::Json::parse on wasm32):
/// the same file gives the same configuration and reasons as the native tests check.
#[wasm_bindgen_test]
fn config_json_reads_in_the_browser_as_natively() {
    use enforcement_kiosk::config::{Feature, Json};
    let l = Config::from_json(Some(
        r#"{"api_base":"https://x.example/api/v1/","mode":"demo","kiosk_id":"k-01",
            "idle_seconds":"soon","idle_warning_seconds":5,"default_locale":"en",
            "features":["lenient","bogus","reviews"],"hall_name":"苏州市政务服务中心",
            "request_timeout_ms":9000.0,"elder_default":true,"elder_default":false}"#,
    ));
    let c = &l.config;
    assert_eq!(c.api_base, "https://x.example/api/v1");
    assert_eq!(c.mode, Mode::Demo);
    assert_eq!(c.kiosk_id, "k-01");
    assert_eq!(c.idle_seconds, 120);
    assert_eq!(c.idle_warning_seconds, 30);
    assert_eq!(c.default_locale, "en");
    assert_eq!(c.features, vec![Feature::Lenient, Feature::Reviews]);
    assert_eq!(c.hall_name, "苏州市政务服务中心");
    assert_eq!(c.request_timeout_ms, 9000);
    assert!(!c.elder_default, "the last of a repeated key counts");
    assert_eq!(
        l.fallbacks,
        [
            "idle_seconds must be a number, got \"soon\"",
            "idle_warning_seconds must be a whole number 20..=300",
            "features: unknown entry \"bogus\"",
        ]
    );
    let bad = Config::from_json(Some("{not json"));
    assert_eq!(bad.config, Config::default());
    assert!(
        bad.fallbacks[0].contains("malformed"),
        "{:?}",
        bad.fallbacks
    );
    assert!(Config::from_json(Some("[1]")).fallbacks[0].contains("not a JSON object"));
    assert_eq!(
        Json::parse(r#"{"a":[1,null,{"b":"c"}]}"#),
        Ok(Json::Obj(vec![(
            "a".into(),
            Json::Arr(vec![
                Json::Num(1.0),
                Json::Null,
                Json::Obj(vec![("b".into(), Json::Str("c".into()))])
            ])
        )]))
    );
}
