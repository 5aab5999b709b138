//! The `/reviews` route subtree. Its pages live in a wasm chunk of their own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of any `/reviews` URL, not with the shell.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, Lazy, LazyRoute, MatchNestedRoutes};

use super::pages::{
    form::ReviewForm, home::ReviewsHome, lookup::ReviewLookup, receipt::ReviewReceiptPage,
    stats::ReviewStatsPage,
};
use crate::ui::components::lazy_page::{lazy_page, ChunkError};

/// `/reviews` (choose what to rate), `/reviews/new`, `/reviews/receipt`, `/reviews/status`
/// (`/reviews/status/:no` from a receipt's QR code) and `/reviews/stats`.
#[component(transparent)]
pub fn ReviewsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/reviews") view=Outlet>
            <Route path=path!("") view={Lazy::<Page<HOME>>::new()} />
            <Route path=path!("new") view={Lazy::<Page<NEW>>::new()} />
            <Route path=path!("receipt") view={Lazy::<Page<RECEIPT>>::new()} />
            <Route path=path!("status") view={Lazy::<Page<STATUS>>::new()} />
            <Route path=path!("status/:no") view={Lazy::<Page<STATUS>>::new()} />
            <Route path=path!("stats") view={Lazy::<Page<STATS>>::new()} />
        </ParentRoute>
    }
    .into_inner()
}

const HOME: u8 = 0;
const NEW: u8 = 1;
const RECEIPT: u8 = 2;
const STATUS: u8 = 3;
const STATS: u8 = 4;

/// One `/reviews` page, rendered from the feature's chunk.
pub struct Page<const P: u8>;

impl<const P: u8> LazyRoute for Page<P> {
    fn data() -> Self {
        Page
    }

    async fn view(_this: Self) -> AnyView {
        lazy_page(|| reviews_page(P)).await
    }
}

/// Every `/reviews` page: one split function, so the feature is one chunk (`fallible`: a
/// failed fetch shows the error panel instead of panicking, see [`lazy_page`]).
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
