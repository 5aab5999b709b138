//! The floor: the smallest Leptos 0.8 CSR app with the router that a kiosk shell needs
//! (two routes, links, a signal, a Show), built like the kiosk's main module.
//! With `json-serde` or `json-swb` it also decodes a Problem-shaped body (the shell's commonest
//! decode) from the URL's hash, with serde_json or with serde-wasm-bindgen over `JSON.parse`.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
fn Home() -> impl IntoView {
    let n = RwSignal::new(0);
    view! {
        <h1>"Home"</h1>
        <button on:click=move |_| n.update(|n| *n += 1)>{move || n.get()}</button>
        <Show when=move || n.get() % 2 == 1><p>"odd"</p></Show>
        <A href="/other">"other"</A>
    }
}

#[component]
fn Other() -> impl IntoView {
    view! { <h1>"Other"</h1><A href="/">"home"</A><p>{json::decoded()}</p> }
}

#[cfg(any(feature = "json-serde", feature = "json-swb"))]
mod json {
    use serde::Deserialize;

    /// Like the app's `ProblemCode`: known codes, anything else `Unknown`.
    #[derive(Deserialize, Debug, Default, Clone, Copy, PartialEq, Eq)]
    #[serde(rename_all = "snake_case")]
    pub enum Code {
        NotFound,
        RateLimited,
        InvalidIdNumber,
        Unavailable,
        #[default]
        #[serde(other)]
        Unknown,
    }

    #[derive(Deserialize, Debug, Default)]
    pub struct FieldProblem {
        pub field: String,
        pub code: Code,
    }

    /// Like the app's `Problem` (`application/problem+json`).
    #[derive(Deserialize, Debug, Default)]
    pub struct Problem {
        #[serde(rename = "type", default)]
        pub type_: String,
        #[serde(default)]
        pub title: String,
        #[serde(default)]
        pub status: u16,
        #[serde(default)]
        pub detail: String,
        #[serde(default)]
        pub code: Code,
        #[serde(default)]
        pub retry_after: Option<u32>,
        #[serde(default)]
        pub fields: Vec<FieldProblem>,
    }

    /// The body, from the URL's hash (so it is not known at build time).
    fn text() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    #[cfg(feature = "json-serde")]
    fn decode(text: &str) -> Option<Problem> {
        serde_json::from_str(text).ok()
    }

    #[cfg(feature = "json-swb")]
    fn decode(text: &str) -> Option<Problem> {
        let v = js_sys::JSON::parse(text).ok()?;
        serde_wasm_bindgen::from_value(v).ok()
    }

    /// What the page shows of the decoded body, so the decode is not dead code.
    pub fn decoded() -> String {
        match decode(text().trim_start_matches('#')) {
            Some(p) => format!(
                "{} {} {} {:?} {:?} {} {}",
                p.status,
                p.title,
                p.detail,
                p.code,
                p.retry_after,
                p.fields.len(),
                p.type_
            ),
            None => String::new(),
        }
    }
}

#[cfg(not(any(feature = "json-serde", feature = "json-swb")))]
mod json {
    pub fn decoded() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(|| {
        view! {
            <Router>
                <main>
                    <Routes fallback=|| "not found">
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/other") view=Other />
                    </Routes>
                </main>
            </Router>
        }
    });
}
