//! The `/reviews` route subtree. Its pages live in a wasm chunk of their own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of any `/reviews` URL, not with the shell.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::{
    form::ReviewForm, home::ReviewsHome, lookup::ReviewLookup, receipt::ReviewReceiptPage,
    stats::ReviewStatsPage,
};
use crate::ui::components::lazy_page::{ChunkError, ChunkFuture, FeaturePage};

/// `/reviews` (choose what to rate), `/reviews/new`, `/reviews/receipt`, `/reviews/status`
/// (`/reviews/status/:no` from a receipt's QR code) and `/reviews/stats`.
#[component(transparent)]
pub fn ReviewsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/reviews") view=Outlet>
            <Route path=path!("") view={FeaturePage::new(load, HOME)} />
            <Route path=path!("new") view={FeaturePage::new(load, NEW)} />
            <Route path=path!("receipt") view={FeaturePage::new(load, RECEIPT)} />
            <Route path=path!("status") view={FeaturePage::new(load, STATUS)} />
            <Route path=path!("status/:no") view={FeaturePage::new(load, STATUS)} />
            <Route path=path!("stats") view={FeaturePage::new(load, STATS)} />
        </ParentRoute>
    }
    .into_inner()
}

const HOME: u8 = 0;
const NEW: u8 = 1;
const RECEIPT: u8 = 2;
const STATUS: u8 = 3;
const STATS: u8 = 4;

/// The feature's loader (see [`FeaturePage`]).
fn load(page: u8) -> ChunkFuture {
    Box::pin(reviews_page(page))
}

/// Every `/reviews` page: one split function, so the feature is one chunk (`fallible`: a
/// failed fetch shows the error panel instead of panicking, see [`FeaturePage`]).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(reviews_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reviews_page(page: u8) -> Result<AnyView, ChunkError> {
    Ok(reviews_view(page))
}

/// Without the `split` feature (the in-browser tests, clippy): the same pages in the one module.
#[cfg(not(feature = "split"))]
async fn reviews_page(page: u8) -> Result<AnyView, ChunkError> {
    Ok(reviews_view(page))
}

/// The page itself (with `split`, reached only from the split function, so in its chunk).
fn reviews_view(page: u8) -> AnyView {
    match page {
        HOME => view! { <ReviewsHome /> }.into_any(),
        NEW => view! { <ReviewForm /> }.into_any(),
        RECEIPT => view! { <ReviewReceiptPage /> }.into_any(),
        STATUS => view! { <ReviewLookup /> }.into_any(),
        _ => view! { <ReviewStatsPage /> }.into_any(),
    }
}

/// The `:no` of `/reviews/status/:no`.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct StatusParams {
    pub no: Option<String>,
}
