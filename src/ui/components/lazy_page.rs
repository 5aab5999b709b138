//! A feature page whose code is a wasm chunk of its own (wasm-split, `scripts/build-wasm.sh`).
//! When the chunk cannot be fetched (the server went away before the service worker had it),
//! the page shows the localized error panel, and its retry fetches the chunk again; a failed
//! fetch is not remembered, so the next try starts afresh.

use std::future::Future;
use std::pin::Pin;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::tachys::reactive_graph::OwnedView;
use leptos_router::location::Url;

use super::error_panel::ErrorMessage;
use crate::client::error::ApiError;
use crate::ui::shell::not_found::NotFound;

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
/// pointer, so every feature shares one copy of [`lazy_page`] and its retry (issue 14: a
/// generic loader put thirteen copies into the shell's module).
pub type ChunkLoader = fn(u8) -> ChunkFuture;

/// Which of a feature's pages a pathname shows (`None`: no such page, the not-found screen).
pub type PageOf = fn(&str) -> Option<u8>;

/// A whole feature behind one route: `<Route path=path!("/lenient/*rest")
/// view={FeaturePage::new(load, page_of)} />`.
///
/// One route per feature, not one per page, because every route is code in the shell's module
/// (the router's matching and view choosing are generic over each route's path and view: one
/// route per feature took 2,805 B brotli off the shell, this switcher included; bench/README.md,
/// issue 14). The pages are
/// switched here instead, by [`PageOf`] on the URL's path:
/// - entering the feature, the router waits for the first page as for a `Lazy` route (the screen
///   before stays until the page's chunk came);
/// - moving between pages, the page before stays until the next one is ready, and each page
///   lives under an owner of its own, dropped with it;
/// - each page sees its own URL: it follows the address bar only while the address is one of
///   its own (a list never sees the entry's URL while the entry's chunk loads, so it never
///   mistakes that for its query being cleared). [`use_url`](leptos_router::hooks::use_url)
///   and `use_query_map` read it; params are parsed from its path.
#[derive(Clone, Copy)]
pub struct FeaturePage {
    load: ChunkLoader,
    page_of: PageOf,
    setup: fn(),
}

impl FeaturePage {
    /// The feature whose pages `load` makes, for the paths `page_of` knows.
    pub const fn new(load: ChunkLoader, page_of: PageOf) -> Self {
        Self {
            load,
            page_of,
            setup: no_setup,
        }
    }

    /// `setup` runs once per visit of the feature, under the owner that outlives its pages
    /// (what a parent route's view did: provide state that survives moving between pages).
    pub const fn with_setup(self, setup: fn()) -> Self {
        Self { setup, ..self }
    }
}

fn no_setup() {}

impl leptos_router::ChooseView for FeaturePage {
    async fn choose(self) -> AnyView {
        (self.setup)();
        let route_url = leptos_router::hooks::use_url();
        let url = route_url.get_untracked();
        let kind = (self.page_of)(url.path());
        let first = page(self.load, kind, url).await;
        switcher(self, route_url, first)
    }

    async fn preload(&self) {}
}

/// A page made for a kind of path, with the URL it sees.
struct Page {
    kind: Option<u8>,
    url: ArcRwSignal<Url>,
    view: AnyView,
}

/// Page `kind` of `load` under a new owner (a child of the current one), seeing `url`.
async fn page(load: ChunkLoader, kind: Option<u8>, url: Url) -> Page {
    let owner = Owner::new();
    let url = ArcRwSignal::new(url);
    let view = owner
        .with(|| {
            provide_context(url.clone());
            ScopedFuture::new(async move {
                match kind {
                    Some(p) => lazy_page(load, p).await,
                    None => view! { <NotFound /> }.into_any(),
                }
            })
        })
        .await;
    Page {
        kind,
        url,
        view: OwnedView::new_with_owner(view, owner).into_any(),
    }
}

/// Shows `first`, then whichever page the route's URL asks for (see [`FeaturePage`]).
fn switcher(feature: FeaturePage, route_url: ReadSignal<Url>, first: Page) -> AnyView {
    // Weak: this owner holds the effect below, so a strong handle in it would be a cycle.
    let owner = Owner::current().map(|o| o.downgrade());
    let shown = StoredValue::new_local((first.kind, first.url));
    let next = StoredValue::new_local(Some(first.view));
    // Bumped by every change of the URL: a page that comes after a newer change is dropped.
    let latest = StoredValue::new(0u32);
    let swapped = Trigger::new();
    Effect::new(move || {
        let url = route_url.get();
        let kind = (feature.page_of)(url.path());
        let seq = latest.get_value().wrapping_add(1);
        latest.set_value(seq);
        let same = shown.with_value(|(k, u)| {
            if *k == kind && u.with_untracked(|now| *now != url) {
                u.set(url.clone());
            }
            *k == kind
        });
        let Some(owner) = owner.as_ref().and_then(|o| o.upgrade()).filter(|_| !same) else {
            return;
        };
        owner.with(|| {
            leptos::task::spawn_local_scoped(async move {
                let p = page(feature.load, kind, url).await;
                if latest.try_get_value() == Some(seq) {
                    shown.set_value((p.kind, p.url));
                    next.set_value(Some(p.view));
                    swapped.notify();
                }
            })
        });
    });
    (move || {
        swapped.track();
        next.try_update_value(Option::take).flatten()
    })
    .into_any()
}

/// The path below `/{feature}`, as segments (`/lenient/item/a` → `["item", "a"]`), or `None`
/// when `path` is not in the feature. Empty segments (a trailing slash) are skipped.
pub fn feature_segments<'a>(path: &'a str, feature: &str) -> Option<Vec<&'a str>> {
    let rest = path.strip_prefix('/')?.strip_prefix(feature)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    Some(rest.split('/').filter(|s| !s.is_empty()).collect())
}

/// A path segment as the page reads it (percent-escapes decoded).
pub fn segment_value(seg: &str) -> String {
    percent_encoding::percent_decode_str(seg)
        .decode_utf8_lossy()
        .into_owned()
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
