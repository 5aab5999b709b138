//! A feature page whose code is a wasm chunk of its own (wasm-split, `scripts/build-wasm.sh`).
//! When the chunk cannot be fetched (the server went away before the service worker had it),
//! the page shows the localized error panel, and its retry fetches the chunk again; a failed
//! fetch is not remembered, so the next try starts afresh.

use std::future::Future;
use std::pin::Pin;

use leptos::either::Either;
use leptos::prelude::*;

use super::error_panel::ErrorMessage;
use crate::client::error::ApiError;

/// A feature chunk could not be fetched or instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A feature's page, fetched with the feature's chunk: what its split function returns.
pub type ChunkFuture = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// A feature's loader: page number → the page from the feature's chunk. A plain function
/// pointer, so every route of every feature shares one copy of [`lazy_page`] and its retry
/// (issue 14: a generic loader put thirteen copies into the shell's module).
pub type ChunkLoader = fn(u8) -> ChunkFuture;

/// A feature's page as a route's view: `view={FeaturePage::new(load, PAGE)}`. The router waits
/// for it as for a `Lazy` route (the screen before stays until the page is ready), and every
/// route of every feature has this one view type, so the router's code for choosing a view is
/// one copy in the shell's module, not one per route.
#[derive(Clone, Copy)]
pub struct FeaturePage {
    load: ChunkLoader,
    page: u8,
}

impl FeaturePage {
    /// Page `page` of the feature whose loader is `load`.
    pub const fn new(load: ChunkLoader, page: u8) -> Self {
        Self { load, page }
    }
}

impl leptos_router::ChooseView for FeaturePage {
    async fn choose(self) -> AnyView {
        lazy_page(self.load, self.page).await
    }

    async fn preload(&self) {}
}

/// The page `load` renders for `page`, or the error panel while its chunk cannot be fetched.
pub async fn lazy_page(load: ChunkLoader, page: u8) -> AnyView {
    match fetch(load, page).await {
        Ok(view) => view,
        Err(ChunkError) => chunk_retry(load, page),
    }
}

/// `load(page)`, counted in [`FETCHING`] while it runs.
async fn fetch(load: ChunkLoader, page: u8) -> Result<AnyView, ChunkError> {
    let _fetching = Fetching::start();
    load(page).await
}

thread_local! {
    /// Feature page chunks being fetched now.
    static FETCHING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether a feature page's chunk is on its way. The shell's deferred half waits for it: on a
/// phone's deep link the page the person opened comes first.
pub fn feature_chunk_fetching() -> bool {
    FETCHING.with(|n| n.get() > 0)
}

/// Counts one fetch in [`FETCHING`] while it lives (also when the navigation that wanted the
/// page moves on and drops the future).
struct Fetching;

impl Fetching {
    fn start() -> Fetching {
        FETCHING.with(|n| n.set(n.get() + 1));
        Fetching
    }
}

impl Drop for Fetching {
    fn drop(&mut self) {
        FETCHING.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

fn chunk_retry(load: ChunkLoader, page_no: u8) -> AnyView {
    let page = StoredValue::new_local(None::<AnyView>);
    let ready = RwSignal::new(false);
    // The page is built when the split function runs, so under this owner (its contexts: i18n,
    // the feature's state); a click handler has no owner of its own.
    let owner = Owner::current();
    let retry = Callback::new(move |()| {
        let run = move || {
            leptos::task::spawn_local_scoped(async move {
                if let Ok(view) = fetch(load, page_no).await {
                    page.set_value(Some(view));
                    ready.set(true);
                }
            })
        };
        match &owner {
            Some(owner) => owner.with(run),
            None => run(),
        }
    });
    (move || {
        if ready.get() {
            Either::Left(page.try_update_value(Option::take).flatten())
        } else {
            Either::Right(view! {
                <ErrorMessage error=ApiError::Network("feature chunk".into()) on_retry=retry />
            })
        }
    })
    .into_any()
}
