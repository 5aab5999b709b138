//! Delivers queued reviews: retries with backoff while the kiosk runs, and right away when
//! the browser comes back online or the admin presses "send now".

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use super::{
    use_backend, use_config, use_connectivity, use_outbox_status, BackendHandle, Connectivity,
    KioskConfig, OutboxStatus,
};
use crate::client::backend::AnyBackend;
use crate::client::error::ApiError;
use crate::client::outbox::{local_review_no, BrowserStore, Outbox};
use crate::contract::{ReviewReceipt, ReviewRequest};

/// How often the sender looks for due reviews (each item keeps its own backoff).
const TICK_MS: u32 = 2_000;

fn now() -> f64 {
    js_sys::Date::now()
}

/// What the outbox needs from the kiosk: a copyable handle taken where contexts are at hand
/// (a component's setup), usable later from timers and async tasks.
#[derive(Clone, Copy)]
pub struct OutboxSender {
    backend: BackendHandle,
    cfg: KioskConfig,
    conn: Connectivity,
    status: OutboxStatus,
}

/// The outbox sender built from the root's contexts.
pub fn use_outbox_sender() -> OutboxSender {
    OutboxSender {
        backend: use_backend(),
        cfg: use_config(),
        conn: use_connectivity(),
        status: use_outbox_status(),
    }
}

/// Submit a review; a transient failure (offline, timeout, 5xx, 429) queues it in the outbox
/// and returns a receipt marked `queued`. Demo mode never queues.
pub async fn submit_or_queue(
    k: OutboxSender,
    key: String,
    req: ReviewRequest,
) -> Result<ReviewReceipt, ApiError> {
    let backend = k.backend.get();
    match backend.submit_review(key.clone(), req.clone()).await {
        Ok(r) => Ok(r),
        Err(e) if e.is_transient() && !k.cfg.is_demo() => {
            let mut o = BrowserStore::load();
            let local_no = local_review_no(&key);
            if !o.push(&key, &req, &local_no, now()) {
                return Err(e);
            }
            BrowserStore::save(&o);
            k.status.len.set(o.len());
            Ok(ReviewReceipt {
                review_no: local_no,
                check_code: String::new(),
                rating: req.rating,
                created_at: String::new(),
                due_by: None,
                queued: true,
            })
        }
        Err(e) => Err(e),
    }
}

/// Make every queued review due now.
pub fn send_now(k: OutboxSender) {
    let mut o = BrowserStore::load();
    o.make_all_due(now());
    BrowserStore::save(&o);
    k.status.len.set(o.len());
}

async fn flush(k: OutboxSender) {
    let backend = k.backend.get();
    // Demo mode never queues (and the sender does not run there).
    let AnyBackend::Http(http) = &*backend else {
        return;
    };
    let keys = BrowserStore::load().due(now());
    for key in keys {
        let Some(item) = BrowserStore::load().get(&key).cloned() else {
            continue;
        };
        let result = http
            .submit_queued_review(key.clone(), item.request.json().to_string())
            .await;
        let mut o: Outbox = BrowserStore::load();
        match result {
            Ok(_) => o.remove(&key),
            // Aborted by a page change or the idle wipe: not an answer, try again later.
            Err(ApiError::Aborted) => o.failed(&key, now()),
            Err(e) if e.is_transient() => o.failed(&key, now()),
            // Refused for good (validation, conflict): keeping it would retry forever.
            Err(e) => {
                leptos::logging::warn!("outbox: review refused by the server ({e}); dropped");
                o.remove(&key);
            }
        }
        BrowserStore::save(&o);
        let _ = k.status.len.try_set(o.len());
    }
}

/// Started once by the root.
pub fn start_outbox_sender() {
    let k = use_outbox_sender();
    k.status.len.set(BrowserStore::load().len());
    if k.cfg.is_demo() {
        return;
    }
    let busy = Rc::new(Cell::new(false));
    let tick = move || {
        if busy.get() || !k.conn.online.get_untracked() || k.status.len.get_untracked() == 0 {
            return;
        }
        busy.set(true);
        let busy = busy.clone();
        leptos::task::spawn_local(async move {
            flush(k).await;
            busy.set(false);
        });
    };
    let interval = gloo_timers::callback::Interval::new(TICK_MS, tick);
    let interval = StoredValue::new_local(Some(interval));
    let back_online = window_event_listener_untyped("online", move |_| send_now(k));
    on_cleanup(move || {
        interval.update_value(|i| drop(i.take()));
        back_online.remove();
    });
}
