//! The `/admin` route. Its page lives in a wasm chunk of its own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of `/admin`, not with the shell.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::admin::Admin;
use crate::ui::components::lazy_page::{ChunkError, ChunkFuture, FeaturePage};

/// `/admin`: reached by a long press on the hall name; the PIN guards it.
#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/admin") view={FeaturePage::new(load, page_of)} /> }.into_inner()
}

/// The route matches `/admin` only: its one page.
fn page_of(_path: &str) -> Option<u8> {
    Some(0)
}

/// The feature's loader (see [`FeaturePage`]): one page.
fn load(_page: u8) -> ChunkFuture {
    Box::pin(admin_page())
}

/// The admin page: a split function, so the feature is a chunk (`fallible`: see [`FeaturePage`]).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(admin_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn admin_page() -> Result<AnyView, ChunkError> {
    Ok(admin_view())
}

/// Without the `split` feature (the in-browser tests, clippy): the same pages in the one module.
#[cfg(not(feature = "split"))]
async fn admin_page() -> Result<AnyView, ChunkError> {
    Ok(admin_view())
}

/// The page itself (with `split`, reached only from the split function, so in its chunk).
fn admin_view() -> AnyView {
    view! { <Admin /> }.into_any()
}
