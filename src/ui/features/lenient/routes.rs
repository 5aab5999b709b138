//! The `/lenient` route subtree. Its pages live in wasm chunks of their own (wasm-split, see
//! `scripts/build-wasm.sh`), fetched on first use, not with the shell: the entry page
//! (`/lenient/item/:id`, what a phone opens from a QR code) in one, the lists, search and
//! self-check in the other, so a deep link shows the entry's title and legal basis without
//! waiting for the search's code (issue 14, item 5).

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::{check::Eligibility, home::LenientHome, item::LenientItem, list::LenientList};
use crate::ui::components::lazy_page::{ChunkError, ChunkFuture, FeaturePage};

/// `/lenient` (domains and search), `/lenient/list?domain=&kind=&q=`, `/lenient/item/:id` and
/// `/lenient/item/:id/check` (the self-check).
#[component(transparent)]
pub fn LenientRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/lenient") view=Outlet>
            <Route path=path!("") view={FeaturePage::new(load, HOME)} />
            <Route path=path!("list") view={FeaturePage::new(load, LIST)} />
            <Route path=path!("item/:id") view={FeaturePage::new(load, ITEM)} />
            <Route path=path!("item/:id/check") view={FeaturePage::new(load, CHECK)} />
        </ParentRoute>
    }
    .into_inner()
}

const HOME: u8 = 0;
const LIST: u8 = 1;
const ITEM: u8 = 2;
const CHECK: u8 = 3;

/// The feature's loader (see [`FeaturePage`]): the entry page from its own chunk, every other
/// page from the lists' chunk.
fn load(page: u8) -> ChunkFuture {
    if page == ITEM {
        Box::pin(lenient_entry())
    } else {
        Box::pin(lenient_page(page))
    }
}

/// The entry page: a split function of its own (`fallible`: a failed fetch shows the error
/// panel instead of panicking, see [`FeaturePage`]).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(lenient_entry, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lenient_entry() -> Result<AnyView, ChunkError> {
    Ok(view! { <LenientItem /> }.into_any())
}

/// Without the `split` feature: the entry page in the one module.
#[cfg(not(feature = "split"))]
async fn lenient_entry() -> Result<AnyView, ChunkError> {
    Ok(view! { <LenientItem /> }.into_any())
}

/// Every other `/lenient` page: one split function, so they are one chunk.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(lenient_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lenient_page(page: u8) -> Result<AnyView, ChunkError> {
    Ok(lenient_view(page))
}

/// Without the `split` feature (the in-browser tests, clippy): the same pages in the one module.
#[cfg(not(feature = "split"))]
async fn lenient_page(page: u8) -> Result<AnyView, ChunkError> {
    Ok(lenient_view(page))
}

/// The page itself (with `split`, reached only from the split function, so in its chunk).
fn lenient_view(page: u8) -> AnyView {
    match page {
        HOME => view! { <LenientHome /> }.into_any(),
        LIST => view! { <LenientList /> }.into_any(),
        _ => view! { <Eligibility /> }.into_any(),
    }
}

/// The `:id` of `/lenient/item/:id` and `/lenient/item/:id/check`.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct ItemParams {
    pub id: Option<String>,
}

impl ItemParams {
    /// The entry id in the URL; empty when absent or unreadable.
    pub fn current() -> Memo<String> {
        let params = leptos_router::hooks::use_params::<ItemParams>();
        Memo::new(move |_| params.get().ok().and_then(|p| p.id).unwrap_or_default())
    }
}
