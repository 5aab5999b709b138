//! Minimal Leptos 0.8 CSR app with one `#[lazy_route]`, to probe wasm-split without trunk.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};
use wasm_bindgen::prelude::wasm_bindgen;

struct LazyPage {
    greeting: LocalResource<String>,
}

#[lazy_route]
impl LazyRoute for LazyPage {
    fn data() -> Self {
        Self {
            greeting: LocalResource::new(|| async { "from the lazy chunk".to_string() }),
        }
    }

    fn view(this: Self) -> AnyView {
        let LazyPage { greeting } = this;
        let (count, set_count) = signal(0u32);
        // A closure type used nowhere else (leptos#4347: Closure::wrap inside a split function).
        let cb = wasm_bindgen::closure::Closure::wrap(
            Box::new(move |a: u32, b: u32| set_count.set(a + b)) as Box<dyn FnMut(u32, u32)>,
        );
        let f: &js_sys::Function = wasm_bindgen::JsCast::unchecked_ref(cb.as_ref());
        let _ = f.call2(&wasm_bindgen::JsValue::NULL, &40.into(), &2.into());
        cb.forget();
        view! {
            <section id="lazy">
                <p id="lazy-text">"Lazy page " {move || greeting.get().unwrap_or_default()}</p>
                <button id="lazy-btn" on:click=move |_| set_count.update(|c| *c += 1)>{count}</button>
                <p>{format!("{:?}", std::collections::BTreeMap::from([(1, "a"), (2, "b")]))}</p>
            </section>
        }
        .into_any()
    }
}

#[component]
fn Home() -> impl IntoView {
    view! { <p id="home">"Home"</p> <A href="/lazy">"go lazy"</A> }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Home />
                <Route path=path!("/lazy") view={Lazy::<LazyPage>::new()} />
            </Routes>
        </Router>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
