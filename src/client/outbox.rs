//! The review outbox: a review that could not be delivered (offline, 5xx, timeout) waits here
//! with its idempotency key and is retried with backoff until the server accepts it. The key
//! makes every delivery attempt land exactly once.
//!
//! The queue logic is plain Rust (tested natively); [`BrowserStore`] keeps it in
//! `localStorage` so a reload or power cut loses nothing. The outbox holds only what a queued
//! review needs and drops each item the moment it is delivered.

use serde::{Deserialize, Serialize};

use crate::contract::ReviewRequest;

/// `localStorage` key. The only key the kiosk writes there; the idle wipe spares it.
pub const STORAGE_KEY: &str = "ek.outbox.v1";
/// At most this many reviews wait (a kiosk offline for days must not grow without bound).
pub const MAX_ITEMS: usize = 500;
const BASE_DELAY_MS: f64 = 2_000.0;
const MAX_DELAY_MS: f64 = 300_000.0;

/// The receipt number of a review still in the outbox: `Q` and the first 12 letters and digits
/// of its idempotency key, upper case (a server review number never starts with `Q`).
pub fn local_review_no(key: &str) -> String {
    let tail: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect();
    format!("Q{}", tail.to_uppercase())
}

/// Whether a number is one of [`local_review_no`]'s (not on the server yet).
pub fn is_local_review_no(no: &str) -> bool {
    let no = no.trim();
    no.len() > 1 && no.starts_with(['Q', 'q']) && no[1..].bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A queued review's request body, kept as the JSON text it was queued as. The sender posts it
/// as it is and never decodes it: the code that reads and writes a [`ReviewRequest`] then stays
/// in the reviews chunk, out of the module every visit downloads (issue 14, item 3); the server
/// validates the body when it arrives, as it validates every review.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QueuedRequest(Box<serde_json::value::RawValue>);

impl QueuedRequest {
    /// The request as JSON.
    pub fn new(req: &ReviewRequest) -> Option<QueuedRequest> {
        serde_json::value::to_raw_value(req).ok().map(QueuedRequest)
    }

    /// The JSON body to send.
    pub fn json(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for QueuedRequest {
    fn eq(&self, other: &Self) -> bool {
        self.json() == other.json()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub key: String,
    pub request: QueuedRequest,
    /// Local review number printed on the queued receipt.
    pub local_no: String,
    pub created_ms: f64,
    pub attempts: u32,
    pub next_ms: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub items: Vec<OutboxItem>,
}

impl Outbox {
    pub fn from_json(s: Option<&str>) -> Outbox {
        s.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"items\":[]}".into())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Queue a review; a second push with the same key is ignored. Returns false when full
    /// (or, which a derived `Serialize` never does, when the request cannot be written as JSON).
    pub fn push(
        &mut self,
        key: &str,
        request: &ReviewRequest,
        local_no: &str,
        now_ms: f64,
    ) -> bool {
        if self.items.iter().any(|i| i.key == key) {
            return true;
        }
        if self.items.len() >= MAX_ITEMS {
            return false;
        }
        let Some(request) = QueuedRequest::new(request) else {
            return false;
        };
        self.items.push(OutboxItem {
            key: key.to_string(),
            request,
            local_no: local_no.to_string(),
            created_ms: now_ms,
            attempts: 0,
            next_ms: now_ms,
        });
        true
    }

    /// Keys due for a delivery attempt, oldest first.
    pub fn due(&self, now_ms: f64) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.next_ms <= now_ms)
            .map(|i| i.key.clone())
            .collect()
    }

    pub fn get(&self, key: &str) -> Option<&OutboxItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// Delivered (or refused for good): drop it.
    pub fn remove(&mut self, key: &str) {
        self.items.retain(|i| i.key != key);
    }

    /// A transient failure: back off exponentially (2 s, 4 s, 8 s … capped at 5 min).
    pub fn failed(&mut self, key: &str, now_ms: f64) {
        if let Some(i) = self.items.iter_mut().find(|i| i.key == key) {
            i.attempts = i.attempts.saturating_add(1);
            i.next_ms = now_ms + backoff_ms(i.attempts);
        }
    }

    /// Make every item due now ("send now" on the admin screen, or back online).
    pub fn make_all_due(&mut self, now_ms: f64) {
        for i in &mut self.items {
            i.next_ms = now_ms;
        }
    }

    /// Milliseconds until the next item is due (None when empty).
    pub fn next_due_in(&self, now_ms: f64) -> Option<f64> {
        self.items
            .iter()
            .map(|i| (i.next_ms - now_ms).max(0.0))
            .reduce(f64::min)
    }
}

pub fn backoff_ms(attempts: u32) -> f64 {
    let exp = attempts.saturating_sub(1).min(20) as i32;
    (BASE_DELAY_MS * 2f64.powi(exp)).min(MAX_DELAY_MS)
}

/// The outbox in `localStorage`.
#[cfg(feature = "ui")]
pub struct BrowserStore;

#[cfg(feature = "ui")]
impl BrowserStore {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }
    pub fn load() -> Outbox {
        let text = Self::storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        Outbox::from_json(text.as_deref())
    }
    pub fn save(o: &Outbox) {
        if let Some(s) = Self::storage() {
            if o.is_empty() {
                let _ = s.remove_item(STORAGE_KEY);
            } else {
                let _ = s.set_item(STORAGE_KEY, &o.to_json());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_numbers_are_made_and_recognised_alike() {
        let no = local_review_no("3f2a-91c4-77aa-bb01-e5");
        assert_eq!(no, "Q3F2A91C477AA");
        assert!(is_local_review_no(&no));
        assert!(is_local_review_no(" q3f2a "));
        assert!(!is_local_review_no("Q"));
        assert!(!is_local_review_no("HC20261122000123"));
    }

    use crate::contract::Rating;

    fn req() -> ReviewRequest {
        ReviewRequest {
            window_id: Some("A01".into()),
            rating: Rating::Satisfied,
            ..Default::default()
        }
    }

    #[test]
    fn push_is_idempotent_and_due_immediately() {
        let mut o = Outbox::default();
        assert!(o.push("k1", &req(), "L1", 1000.0));
        assert!(o.push("k1", &req(), "L1", 2000.0));
        assert_eq!(o.len(), 1);
        assert_eq!(o.due(1000.0), vec!["k1".to_string()]);
    }

    #[test]
    fn failures_back_off_and_cap() {
        let mut o = Outbox::default();
        o.push("k", &req(), "L", 0.0);
        o.failed("k", 0.0);
        assert!(o.due(1_999.0).is_empty());
        assert_eq!(o.due(2_000.0).len(), 1);
        o.failed("k", 0.0);
        assert_eq!(o.get("k").map(|i| i.next_ms), Some(4_000.0));
        for _ in 0..30 {
            o.failed("k", 0.0);
        }
        assert_eq!(o.get("k").map(|i| i.next_ms), Some(300_000.0));
        o.make_all_due(5.0);
        assert_eq!(o.due(5.0).len(), 1);
    }

    #[test]
    fn survives_a_round_trip_and_garbage() {
        let mut o = Outbox::default();
        o.push("a", &req(), "L", 1.0);
        o.push("b", &req(), "L", 2.0);
        o.remove("a");
        let back = Outbox::from_json(Some(&o.to_json()));
        assert_eq!(back, o);
        assert!(Outbox::from_json(Some("{garbage")).is_empty());
        // What the sender posts is the request as it was queued.
        let sent: ReviewRequest =
            serde_json::from_str(back.items[0].request.json()).expect("queued body is JSON");
        assert_eq!(sent, req());
        assert!(Outbox::from_json(None).is_empty());
    }

    #[test]
    fn bounded() {
        let mut o = Outbox::default();
        for i in 0..MAX_ITEMS {
            assert!(o.push(&i.to_string(), &req(), "L", 0.0));
        }
        assert!(!o.push("overflow", &req(), "L", 0.0));
    }
}
