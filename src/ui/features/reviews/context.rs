//! What the review screens keep between pages: the receipt of the last submit, handed from the
//! form to the receipt page (pages do not nest). Holds no personal data (a review number, a
//! check code and a level) and is registered with the privacy wipe.

use leptos::prelude::*;

use crate::contract::ReviewReceipt;
use crate::ui::kiosk::wipe::use_wipe_registry;

/// The reviews context: a copyable handle provided once at the root.
#[derive(Clone, Copy)]
pub struct ReviewContext {
    /// The receipt of the last submit; cleared when the receipt page closes and on every wipe.
    pub last_receipt: RwSignal<Option<ReviewReceipt>>,
}

/// Provides the reviews context and registers its state with the privacy wipe.
pub fn provide_review_context() -> ReviewContext {
    let ctx = ReviewContext {
        last_receipt: RwSignal::new(None),
    };
    use_wipe_registry().register_signal("reviews", "last_receipt", ctx.last_receipt);
    provide_context(ctx);
    ctx
}

/// The root's context; without one (a page rendered on its own) a private empty one.
pub fn use_review_context() -> ReviewContext {
    use_context::<ReviewContext>().unwrap_or_else(|| ReviewContext {
        last_receipt: RwSignal::new(None),
    })
}
