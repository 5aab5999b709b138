//! The `/lenient` route subtree. Its pages live in wasm chunks of their own (wasm-split, see
//! `scripts/build-wasm.sh`), fetched on first use, not with the shell: the entry page
//! (`/lenient/item/:id`, what a phone opens from a QR code) in one, the lists, search and
//! self-check in the other, so a deep link shows the entry's title and legal basis without
//! waiting for the search's code (issue 14, item 5).

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::{check::Eligibility, home::LenientHome, item::LenientItem, list::LenientList};
use crate::ui::components::lazy_page::{
    feature_segments, segment_value, ChunkError, ChunkFuture, FeaturePage,
};

/// `/lenient` (domains and search), `/lenient/list?domain=&kind=&q=`, `/lenient/item/:id` and
/// `/lenient/item/:id/check` (the self-check): one route, its pages told apart by [`page_of`]
/// (see [`FeaturePage`]).
#[component(transparent)]
pub fn LenientRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/lenient/*rest") view={FeaturePage::new(load, page_of)} /> }
        .into_inner()
}

const HOME: u8 = 0;
const LIST: u8 = 1;
const ITEM: u8 = 2;
const CHECK: u8 = 3;

/// The page a `/lenient` path shows.
fn page_of(path: &str) -> Option<u8> {
    match feature_segments(path, "lenient")?.as_slice() {
        [] => Some(HOME),
        ["list"] => Some(LIST),
        ["item", _] => Some(ITEM),
        ["item", _, "check"] => Some(CHECK),
        _ => None,
    }
}

/// The `:id` of `/lenient/item/:id` and `/lenient/item/:id/check`.
fn item_id(path: &str) -> Option<String> {
    match feature_segments(path, "lenient")?.as_slice() {
        ["item", id] | ["item", id, "check"] => Some(segment_value(id)),
        _ => None,
    }
}

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

/// The entry a page's URL names.
pub struct ItemParams;

impl ItemParams {
    /// The entry id in the page's URL (`/lenient/item/:id[/check]`); empty when absent.
    pub fn current() -> Memo<String> {
        let url = leptos_router::hooks::use_url();
        Memo::new(move |_| url.with(|u| item_id(u.path())).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lenient_path_names_its_page() {
        assert_eq!(page_of("/lenient"), Some(HOME));
        assert_eq!(page_of("/lenient/"), Some(HOME));
        assert_eq!(page_of("/lenient/list"), Some(LIST));
        assert_eq!(page_of("/lenient/item/tax-001"), Some(ITEM));
        assert_eq!(page_of("/lenient/item/tax-001/"), Some(ITEM));
        assert_eq!(page_of("/lenient/item/tax-001/check"), Some(CHECK));
        for unknown in [
            "/lenient/nope",
            "/lenient/item",
            "/lenient/item/a/b",
            "/lenient/list/x",
            "/lenientx",
            "/certs",
        ] {
            assert_eq!(page_of(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn the_entry_id_comes_from_the_path_decoded() {
        assert_eq!(item_id("/lenient/item/tax-001").as_deref(), Some("tax-001"));
        assert_eq!(
            item_id("/lenient/item/tax-001/check").as_deref(),
            Some("tax-001")
        );
        assert_eq!(item_id("/lenient/item/a%20b").as_deref(), Some("a b"));
        assert_eq!(item_id("/lenient/list"), None);
        assert_eq!(item_id("/lenient"), None);
    }
}
