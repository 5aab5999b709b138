//! A feature page whose code is a wasm chunk of its own (wasm-split, `scripts/build-wasm.sh`).
//! When the chunk cannot be fetched (the server went away before the service worker had it),
//! the page shows the localized error panel, and its retry fetches the chunk again; a failed
//! fetch is not remembered, so the next try starts afresh.

use std::future::Future;

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

/// The page `load` renders, or the error panel while its chunk cannot be fetched.
pub async fn lazy_page<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    match load().await {
        Ok(page) => page,
        Err(ChunkError) => chunk_retry(load),
    }
}

fn chunk_retry<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    let page = StoredValue::new_local(None::<AnyView>);
    let ready = RwSignal::new(false);
    // The page is built when the split function runs, so under this owner (its contexts: i18n,
    // the feature's state); a click handler has no owner of its own.
    let owner = Owner::current();
    let retry = Callback::new(move |()| {
        let run = move || {
            leptos::task::spawn_local_scoped(async move {
                if let Ok(view) = load().await {
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
