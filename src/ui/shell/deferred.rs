//! The shell's deferred half: what the kiosk needs soon after the home screen is up, but not to
//! draw it or to take the first touch. The background tasks (the outbox's sender, the health
//! check, the catalog's prefetch and refresh) and the screens that only ever show later (the
//! idle countdown, the attract screen, the notice for an unrecognised scan, the assist notice and
//! its call) are one wasm chunk
//! of their own (`shell_deferred`, see `scripts/build-wasm.sh`), fetched right after the first
//! screen, or at once when one of those screens is due first (issue 14: the first visit carries
//! only what the first screen needs).
//!
//! What must never wait for a chunk stays in the main module: the idle timer, the countdown in
//! the status band and the privacy wipe (`kiosk::idle::start_idle_guard`), the attract screen's
//! timer, the scanner's inbox. If the chunk cannot be fetched (the server went away before the
//! service worker had it), the kiosk still wipes on time; the chunk is tried again after
//! [`RETRY_MS`] and whenever one of its screens is due.

use leptos::prelude::*;

use super::attract::{AttractScreen, AttractShown};
use super::ScanUnknownNotice;
use crate::ui::components::lazy_page::{feature_chunk_fetching, ChunkError};
use crate::ui::features::assist::{context::AssistState, context::Notice, AssistNotice};
use crate::ui::kiosk::idle::{IdlePhase, IdleState, IdleWarning};
use crate::ui::kiosk::scanner::use_scan_inbox;
use crate::ui::kiosk::{catalog, use_backend, use_config};

/// How long after the first screen the chunk is fetched: the home screen is interactive then,
/// and a scan or a tap that comes at once does not meet the chunk's compile (it would not lose
/// a key: the scanner reads the events' own time stamps, but it would wait for it).
const DEFER_MS: u64 = 1_000;
/// How often it looks again while a feature page's chunk is being fetched.
const BEHIND_PAGE_MS: u64 = 250;
/// How long after a failed fetch it is tried again.
const RETRY_MS: u64 = 10_000;

/// Where the deferred chunk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Waiting,
    Loading,
    Running,
}

/// Mounted once, last in the shell: fetches the deferred chunk and shows its screens.
#[component]
pub fn Deferred() -> impl IntoView {
    let owner = Owner::current();
    let stage = StoredValue::new(Stage::Waiting);
    let view = StoredValue::new_local(None::<AnyView>);
    let ready = RwSignal::new(false);
    // The loader, kept where its own retry timer can find it.
    let slot = StoredValue::new(None::<Callback<()>>);
    let load = Callback::new(move |()| {
        if stage.try_get_value() != Some(Stage::Waiting) {
            return;
        }
        stage.set_value(Stage::Loading);
        // Under the shell's owner: the tasks and screens read its contexts and live as long.
        let run = move || {
            leptos::task::spawn_local_scoped(async move {
                match shell_deferred().await {
                    Ok(v) => {
                        stage.set_value(Stage::Running);
                        view.set_value(Some(v));
                        ready.set(true);
                    }
                    Err(ChunkError) => {
                        stage.set_value(Stage::Waiting);
                        later(slot, RETRY_MS);
                    }
                }
            })
        };
        match &owner {
            Some(o) => o.with(run),
            None => run(),
        }
    });
    slot.set_value(Some(load));
    later(slot, DEFER_MS);
    // One of its screens due before the chunk came: fetch it now.
    let idle = expect_context::<IdleState>();
    let AttractShown(attract) = expect_context::<AttractShown>();
    let inbox = use_scan_inbox();
    let assist = use_context::<AssistState>();
    Effect::new(move |_| {
        let due = !matches!(idle.phase.get(), IdlePhase::Active)
            || attract.get()
            || inbox.unknown.with(Option::is_some)
            || assist.is_some_and(|a| a.notice.with(|n| *n != Notice::Hidden));
        if due {
            load.run(());
        }
    });
    move || {
        ready
            .get()
            .then(|| view.try_update_value(Option::take).flatten())
    }
}

/// Runs the loader in `slot` after `ms` milliseconds (it does nothing once the chunk is there),
/// or later while a feature page's chunk is on its way: a deep link's page comes first (on a
/// slow phone its chunk can take longer than [`DEFER_MS`]).
fn later(slot: StoredValue<Option<Callback<()>>>, ms: u64) {
    set_timeout(
        move || {
            if feature_chunk_fetching() {
                later(slot, BEHIND_PAGE_MS);
            } else if let Some(Some(load)) = slot.try_get_value() {
                load.run(());
            }
        },
        std::time::Duration::from_millis(ms),
    );
}

/// The deferred half itself: starts the background tasks (once: the split function runs only
/// when its chunk came) and returns the later screens.
fn deferred_view() -> AnyView {
    crate::ui::kiosk::outbox::start_outbox_sender();
    crate::ui::kiosk::watch_health();
    let feed = catalog::use_catalog_feed();
    catalog::start_catalog_refresh(feed, use_config().with(|c| c.catalog_refresh_seconds));
    // The catalog, fetched and cached once the home screen is up, so the lists, their search
    // and every entry work when the network goes later (issue 12, item 9).
    prefetch_catalog(use_backend(), feed, 3);
    view! {
        <ScanUnknownNotice />
        <AttractScreen />
        <IdleWarning />
        <AssistNotice />
    }
    .into_any()
}

/// Fetches the catalog once (the client keeps it in memory and the service worker in its
/// cache). A failure is fine: the lists fetch it again when opened. A fetch aborted by a quick
/// change of screen is tried again (at most `tries` times). The catalog fetched is filed with
/// the catalog feed (current when none is yet).
fn prefetch_catalog(
    backend: crate::ui::kiosk::BackendHandle,
    feed: catalog::CatalogFeed,
    tries: u8,
) {
    set_timeout(
        move || {
            let b = backend.get();
            leptos::task::spawn_local(async move {
                match b.catalog().await {
                    Ok(cat) => feed.offer(cat),
                    Err(crate::client::error::ApiError::Aborted) if tries > 1 => {
                        prefetch_catalog(backend, feed, tries - 1);
                    }
                    Err(_) => {}
                }
            });
        },
        CATALOG_PREFETCH_DELAY,
    );
}

/// The pause before each try (the first comes after the deferred half's own wait; a retry follows
/// an abort by a change of screen).
const CATALOG_PREFETCH_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The deferred half in a chunk of its own (`fallible`: a failed fetch is an error, tried again).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(shell_deferred, wasm_split_path = ::leptos::wasm_split, fallible)]
fn shell_deferred() -> Result<AnyView, ChunkError> {
    Ok(deferred_view())
}

/// Without the `split` feature (the in-browser tests, clippy): the same in the one module.
#[cfg(not(feature = "split"))]
async fn shell_deferred() -> Result<AnyView, ChunkError> {
    Ok(deferred_view())
}
