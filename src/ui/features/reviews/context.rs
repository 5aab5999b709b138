//! What the review screens keep between pages: the receipt of the last submit, handed from the
//! form to the receipt page (pages do not nest) — no personal data (a review number, a check
//! code and a level), registered with the privacy wipe — and the hall's windows and services,
//! remembered after the first good answer so a kiosk that loses the server can still take
//! reviews. The latter is the hall's reference data, the same for every person, so the wipe
//! keeps it.

use std::rc::Rc;

use leptos::prelude::*;

use crate::contract::{ReviewReceipt, ServiceItem, Window};
use crate::ui::kiosk::wipe::use_wipe_registry;

/// The reviews context: a copyable handle provided once at the root.
#[derive(Clone, Copy)]
pub struct ReviewContext {
    /// The receipt of the last submit; cleared when the receipt page closes and on every wipe.
    pub last_receipt: RwSignal<Option<ReviewReceipt>>,
    /// The last good lists of the hall's windows and services.
    pub hall: StoredValue<HallCache, LocalStorage>,
}

/// The hall's reference data as last fetched.
#[derive(Default)]
pub struct HallCache {
    pub windows: Option<Rc<Vec<Window>>>,
    pub services: Option<Rc<Vec<ServiceItem>>>,
}

/// Provides the reviews context and registers its state with the privacy wipe.
pub fn provide_review_context() -> ReviewContext {
    let ctx = ReviewContext {
        last_receipt: RwSignal::new(None),
        hall: StoredValue::new_local(HallCache::default()),
    };
    use_wipe_registry().register_signal("reviews", "last_receipt", ctx.last_receipt);
    provide_context(ctx);
    ctx
}

/// The root's context; without one (a page rendered on its own) a private empty one.
pub fn use_review_context() -> ReviewContext {
    use_context::<ReviewContext>().unwrap_or_else(|| ReviewContext {
        last_receipt: RwSignal::new(None),
        hall: StoredValue::new_local(HallCache::default()),
    })
}
