//! The `/admin` route. Its page lives in a wasm chunk of its own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of `/admin`, not with the shell.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, Lazy, LazyRoute, MatchNestedRoutes};

use super::pages::admin::Admin;

/// `/admin`: reached by a long press on the hall name; the PIN guards it.
#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/admin") view={Lazy::<AdminPage>::new()} /> }.into_inner()
}

/// The `/admin` page, rendered from the feature's chunk.
pub struct AdminPage;

impl LazyRoute for AdminPage {
    fn data() -> Self {
        AdminPage
    }

    async fn view(_this: Self) -> AnyView {
        admin_page().await
    }
}

/// The admin page: a split function, so the feature is a chunk.
#[leptos::lazy]
fn admin_page() -> AnyView {
    view! { <Admin /> }.into_any()
}
