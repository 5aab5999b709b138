//! The `/reviews` route subtree. Its pages live in a wasm chunk of their own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of any `/reviews` URL, not with the shell.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::{
    form::ReviewForm, home::ReviewsHome, lookup::ReviewLookup, receipt::ReviewReceiptPage,
    stats::ReviewStatsPage,
};
use crate::ui::components::lazy_page::{
    feature_segments, segment_value, ChunkError, ChunkFuture, FeaturePage,
};

/// `/reviews` (choose what to rate), `/reviews/new`, `/reviews/receipt`, `/reviews/status`
/// (`/reviews/status/:no` from a receipt's QR code) and `/reviews/stats`: one route, its pages
/// told apart by [`page_of`] (see [`FeaturePage`]).
#[component(transparent)]
pub fn ReviewsRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/reviews/*rest") view={FeaturePage::new(load, page_of)} /> }
        .into_inner()
}

const HOME: u8 = 0;
const NEW: u8 = 1;
const RECEIPT: u8 = 2;
const STATUS: u8 = 3;
const STATS: u8 = 4;
/// `/reviews/status/:no`: the lookup page too, but a page of its own, so going from
/// `/reviews/status` to a case's URL makes a new lookup that reads the number.
const STATUS_NO: u8 = 5;

/// The page a `/reviews` path shows.
fn page_of(path: &str) -> Option<u8> {
    match feature_segments(path, "reviews")?.as_slice() {
        [] => Some(HOME),
        ["new"] => Some(NEW),
        ["receipt"] => Some(RECEIPT),
        ["status"] => Some(STATUS),
        ["status", _] => Some(STATUS_NO),
        ["stats"] => Some(STATS),
        _ => None,
    }
}

/// The `:no` of `/reviews/status/:no`.
pub fn case_no(path: &str) -> Option<String> {
    match feature_segments(path, "reviews")?.as_slice() {
        ["status", no] => Some(segment_value(no)),
        _ => None,
    }
}

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
        STATUS | STATUS_NO => view! { <ReviewLookup /> }.into_any(),
        _ => view! { <ReviewStatsPage /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reviews_path_names_its_page() {
        assert_eq!(page_of("/reviews"), Some(HOME));
        assert_eq!(page_of("/reviews/new"), Some(NEW));
        assert_eq!(page_of("/reviews/receipt"), Some(RECEIPT));
        assert_eq!(page_of("/reviews/status"), Some(STATUS));
        assert_eq!(page_of("/reviews/status/HC-1"), Some(STATUS_NO));
        assert_eq!(page_of("/reviews/stats"), Some(STATS));
        for unknown in ["/reviews/x", "/reviews/status/a/b", "/reviews/new/1"] {
            assert_eq!(page_of(unknown), None, "{unknown}");
        }
        assert_eq!(case_no("/reviews/status/HC-1").as_deref(), Some("HC-1"));
        assert_eq!(case_no("/reviews/status"), None);
    }
}
