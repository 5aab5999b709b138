//! The `/certs` route subtree. Its pages live in a wasm chunk of their own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of any `/certs` URL, not with the shell.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, MatchNestedRoutes};

use super::context::CertsModule;
use super::pages::{detail::CertDetailPage, search::Certs};
use crate::ui::components::lazy_page::{ChunkError, ChunkFuture, FeaturePage};

/// `/certs` (search and verify) and `/certs/item/:identifier`. Nested under [`CertsModule`] so
/// the results survive a look at a detail; leaving `/certs` (or the idle wipe) drops them.
#[component(transparent)]
pub fn CertsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/certs") view=CertsModule>
            <Route path=path!("") view={FeaturePage::new(load, SEARCH)} />
            <Route path=path!("item/:identifier") view={FeaturePage::new(load, DETAIL)} />
        </ParentRoute>
    }
    .into_inner()
}

const SEARCH: u8 = 0;
const DETAIL: u8 = 1;

/// The feature's loader (see [`FeaturePage`]).
fn load(page: u8) -> ChunkFuture {
    Box::pin(certs_page(page))
}

/// Every `/certs` page: one split function, so the feature is one chunk (`fallible`: a
/// failed fetch shows the error panel instead of panicking, see [`FeaturePage`]).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(certs_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn certs_page(page: u8) -> Result<AnyView, ChunkError> {
    Ok(certs_view(page))
}

/// Without the `split` feature (the in-browser tests, clippy): the same pages in the one module.
#[cfg(not(feature = "split"))]
async fn certs_page(page: u8) -> Result<AnyView, ChunkError> {
    Ok(certs_view(page))
}

/// The page itself (with `split`, reached only from the split function, so in its chunk).
fn certs_view(page: u8) -> AnyView {
    match page {
        SEARCH => view! { <Certs /> }.into_any(),
        _ => view! { <CertDetailPage /> }.into_any(),
    }
}

/// The `:identifier` of `/certs/item/:identifier`.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct CertParams {
    pub identifier: Option<String>,
}
