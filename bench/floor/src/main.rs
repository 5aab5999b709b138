//! The floor: the smallest Leptos 0.8 CSR app with the router that a kiosk shell needs
//! (two routes, links, a signal, a Show), built like the kiosk's main module.
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
    view! { <h1>"Other"</h1><A href="/">"home"</A> }
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
