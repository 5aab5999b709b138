//! The `/certs` route subtree. Its pages live in a wasm chunk of their own (wasm-split, see
//! `scripts/build-wasm.sh`): fetched on the first visit of any `/certs` URL, not with the shell.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use super::context::provide_certs_module;
use super::pages::{detail::CertDetailPage, search::Certs};
use crate::ui::components::lazy_page::{
    feature_segments, segment_value, ChunkError, ChunkFuture, FeaturePage,
};

/// `/certs` (search and verify) and `/certs/item/:identifier`: one route, its pages told apart
/// by [`page_of`] (see [`FeaturePage`]). The feature's owner holds the search
/// ([`provide_certs_module`]), so the results survive a look at a detail; leaving `/certs`
/// (or the idle wipe) drops them.
#[component(transparent)]
pub fn CertsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/certs/*rest")
            view={FeaturePage::new(load, page_of).with_setup(provide_certs_module)} />
    }
    .into_inner()
}

const SEARCH: u8 = 0;
const DETAIL: u8 = 1;

/// The page a `/certs` path shows.
fn page_of(path: &str) -> Option<u8> {
    match feature_segments(path, "certs")?.as_slice() {
        [] => Some(SEARCH),
        ["item", _] => Some(DETAIL),
        _ => None,
    }
}

/// The `:identifier` of `/certs/item/:identifier`.
pub fn cert_identifier(path: &str) -> Option<String> {
    match feature_segments(path, "certs")?.as_slice() {
        ["item", id] => Some(segment_value(id)),
        _ => None,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_certs_path_names_its_page() {
        assert_eq!(page_of("/certs"), Some(SEARCH));
        assert_eq!(page_of("/certs/item/ABC"), Some(DETAIL));
        for unknown in ["/certs/item", "/certs/x", "/certs/item/a/b", "/certsx"] {
            assert_eq!(page_of(unknown), None, "{unknown}");
        }
        assert_eq!(
            cert_identifier("/certs/item/ABC%2D1").as_deref(),
            Some("ABC-1")
        );
        assert_eq!(cert_identifier("/certs"), None);
    }
}
