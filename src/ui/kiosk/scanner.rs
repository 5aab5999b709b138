//! Keyboard-wedge scanners and card readers: such a device "types" its payload much faster
//! than a person and ends with Enter. [`WedgeDetector`] recognises that by timing alone (plain
//! data, tested natively); [`use_wedge_scanner`] listens on the window.
//!
//! Rule (issue 12, item 7): keys typed into a focused text field always land in that field, at
//! any speed, and Enter there submits that field's form (the browser's default): the listener
//! leaves such keys alone and never calls `preventDefault` on them. Only a burst typed with no
//! text field focused is taken: the shell classifies it ([`crate::domain::scan::classify_burst`])
//! and hands it to the screen that uses it through [`ScanInbox`] (never through the URL), or
//! shows it in a notice when nothing matches.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::scan::Burst;
use crate::ui::kiosk::wipe::WipeRegistry;

/// Longest gap between two characters of a burst.
pub const MAX_GAP_MS: f64 = 35.0;
/// A longer pause ends a run (and a shorter one, among fast keys, is a hiccup of a busy
/// browser or USB stack, not a person: scanners do not pause, but event timing jitters).
pub const JITTER_GAP_MS: f64 = 500.0;
/// Fewest characters of a payload.
pub const MIN_BURST: usize = 8;
/// Longest payload kept (longer bursts are cut off and rejected).
pub const MAX_PAYLOAD: usize = 2048;

/// Recognises scanner bursts from `(key, time)` pairs of keydown events.
///
/// A run is the keys typed since the last pause longer than [`JITTER_GAP_MS`], Enter, or a
/// non-printable key. Enter closes a run into a payload when it has at least [`MIN_BURST`]
/// characters and at least two thirds of its gaps were ≤ [`MAX_GAP_MS`] (all of them for a
/// well-behaved scanner; a person manages almost none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WedgeDetector {
    buf: String,
    len: usize,
    last_ms: f64,
    gaps: usize,
    fast_gaps: usize,
    overflow: bool,
}

/// A single printable character (a `KeyboardEvent.key` such as `"a"`, `"|"`, `"."`).
fn printable(key: &str) -> Option<char> {
    let mut it = key.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if !c.is_control() => Some(c),
        _ => None,
    }
}

impl WedgeDetector {
    pub fn new() -> WedgeDetector {
        WedgeDetector::default()
    }

    /// Forgets the current run.
    pub fn reset(&mut self) {
        *self = WedgeDetector::default();
    }

    /// Characters in the current run (a lone key after a pause is a run of one).
    pub fn run_len(&self) -> usize {
        self.len
    }

    /// Whether the current run, closed now, is a scan.
    fn is_burst(&self) -> bool {
        self.len >= MIN_BURST && !self.overflow && self.fast_gaps * 3 >= self.gaps * 2
    }

    /// Feeds one keydown. Returns the payload when Enter closes a fast burst (see the type's
    /// doc); slower typing returns `None`, and a long pause starts a new run.
    pub fn feed(&mut self, key: &str, time_ms: f64) -> Option<String> {
        let gap = time_ms - self.last_ms;
        let in_run = self.len > 0 && gap.is_finite() && (0.0..=JITTER_GAP_MS).contains(&gap);
        if key == "Enter" {
            let out = (in_run && self.is_burst()).then(|| std::mem::take(&mut self.buf));
            self.reset();
            return out;
        }
        let Some(c) = printable(key) else {
            // Tab, arrows, Backspace …: a person is typing.
            self.reset();
            return None;
        };
        if in_run {
            self.gaps += 1;
            if gap <= MAX_GAP_MS {
                self.fast_gaps += 1;
            }
        } else {
            self.reset();
        }
        if self.buf.len() + c.len_utf8() <= MAX_PAYLOAD {
            self.buf.push(c);
        } else {
            self.overflow = true;
        }
        self.len += 1;
        self.last_ms = time_ms;
        None
    }
}

/// Where a classified burst goes: the screen's path, or `None` (shown in the shell's notice).
pub fn route_for(burst: &Burst) -> Option<&'static str> {
    match burst {
        Burst::Cert(_) | Burst::IdNumber(_) => Some("/certs"),
        Burst::CaseNo(_) => Some("/reviews"),
        Burst::Unknown(_) => None,
    }
}

/// Whether keys now go to a text field (input other than buttons/checkboxes, textarea, select,
/// contenteditable): those keys belong to the field, never to the scanner.
fn text_field_focused() -> bool {
    let Some(el) = document().active_element() else {
        return false;
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "button"
                | "submit"
                | "reset"
                | "checkbox"
                | "radio"
                | "range"
                | "color"
                | "file"
                | "image"
        );
    }
    if matches!(el.tag_name().as_str(), "TEXTAREA" | "SELECT") {
        return true;
    }
    el.dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|h| h.is_content_editable())
}

/// Listens for scanner bursts typed with no text field focused, while the calling component
/// is mounted, and calls `on_scan` with each payload (the listener is removed on cleanup).
/// Keys typed into a text field are not looked at: they are the field's.
pub fn use_wedge_scanner(on_scan: Callback<String>) {
    let detector = StoredValue::new_local(WedgeDetector::new());
    let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let key = e.key();
        if matches!(key.as_str(), "Shift" | "CapsLock") {
            return; // scanners press Shift for capitals and symbols
        }
        // Modifiers, IME composition, auto-repeat (a held key) and any key for a text field
        // are a person or the field's: not a scan.
        if e.ctrl_key()
            || e.alt_key()
            || e.meta_key()
            || e.is_composing()
            || e.repeat()
            || text_field_focused()
        {
            detector.update_value(WedgeDetector::reset);
            return;
        }
        let t = e.time_stamp();
        if let Some(p) = detector.try_update_value(|d| d.feed(&key, t)).flatten() {
            // The Enter that ends the scan must not also press a focused button or link.
            e.prevent_default();
            on_scan.run(p);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Hands a burst from the shell to the screen that uses it, without the URL: `pending` holds
/// a routed burst until that screen takes it; `unknown` the text of one nothing matched (the
/// shell's notice). Both may be personal data, so both are registered with the privacy wipe.
#[derive(Clone, Copy)]
pub struct ScanInbox {
    pub pending: RwSignal<Option<Burst>>,
    pub unknown: RwSignal<Option<String>>,
}

impl ScanInbox {
    /// A fresh inbox, registered with the privacy wipe when the root provides one.
    pub fn new() -> ScanInbox {
        let inbox = ScanInbox {
            pending: RwSignal::new(None),
            unknown: RwSignal::new(None),
        };
        if let Some(wipe) = use_context::<WipeRegistry>() {
            wipe.register_signal("kiosk", "scan_pending", inbox.pending);
            wipe.register_signal("kiosk", "scan_unknown", inbox.unknown);
        }
        inbox
    }

    /// Files a burst: a routed one waits in `pending` (and the notice closes); the path to go
    /// to is returned. An unknown one goes to the notice.
    pub fn file(&self, burst: Burst) -> Option<&'static str> {
        let route = route_for(&burst);
        match burst {
            Burst::Unknown(text) => self.unknown.set(Some(text)),
            b => {
                self.unknown.set(None);
                self.pending.set(Some(b));
            }
        }
        route
    }

    /// Takes the pending burst if `pick` accepts it (tracks `pending`, so call it in an effect
    /// to take bursts filed while the screen is shown too).
    pub fn take<T>(&self, pick: impl Fn(&Burst) -> Option<T>) -> Option<T> {
        let got = self.pending.with(|p| p.as_ref().and_then(&pick));
        if got.is_some() {
            self.pending.set(None);
        }
        got
    }

    /// Takes a pending certificate payload or ID number.
    pub fn take_for_certs(&self) -> Option<Burst> {
        self.take(|b| match b {
            Burst::Cert(_) | Burst::IdNumber(_) => Some(b.clone()),
            _ => None,
        })
    }

    /// Takes a pending case number.
    pub fn take_case_no(&self) -> Option<String> {
        self.take(|b| match b {
            Burst::CaseNo(n) => Some(n.clone()),
            _ => None,
        })
    }
}

impl Default for ScanInbox {
    fn default() -> Self {
        ScanInbox::new()
    }
}

/// Provides the kiosk's inbox at the root.
pub fn provide_scan_inbox() -> ScanInbox {
    let inbox = ScanInbox::new();
    provide_context(inbox);
    inbox
}

/// The root's inbox; without one (a page rendered on its own) a private empty one.
pub fn use_scan_inbox() -> ScanInbox {
    use_context::<ScanInbox>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_str(d: &mut WedgeDetector, s: &str, start: f64, step: f64) -> f64 {
        let mut t = start;
        for c in s.chars() {
            assert_eq!(d.feed(&c.to_string(), t), None);
            t += step;
        }
        t
    }

    const QR: &str = "EKV1|1.2.156.3005.2.11100000000013127D001.11320505MB9955604P.NGAWFIWF5NTNFBSCHATJ.001.Z|JQ26X8";

    #[test]
    fn a_fast_burst_then_enter_is_a_scan() {
        let mut d = WedgeDetector::new();
        let t = feed_str(&mut d, QR, 1000.0, 8.0);
        assert_eq!(d.feed("Enter", t).as_deref(), Some(QR));
        // The detector is ready for the next scan.
        assert_eq!(d.run_len(), 0);
        let t = feed_str(&mut d, "ABCDEFGH", t + 500.0, 35.0);
        assert_eq!(
            d.feed("Enter", t - 35.0 + 20.0).as_deref(),
            Some("ABCDEFGH")
        );
    }

    #[test]
    fn people_typing_is_not_a_scan() {
        let mut d = WedgeDetector::new();
        // 120 ms between keys: a quick typist.
        let t = feed_str(&mut d, "320505198509030123", 0.0, 120.0);
        assert_eq!(d.run_len(), 18);
        assert_eq!(d.feed("Enter", t), None);
        // Just over the limit is a person too.
        let t = feed_str(&mut d, "ABCDEFGHIJ", 10_000.0, 35.5);
        assert_eq!(d.feed("Enter", t), None);
        // Rollover: pairs of keys close together, pauses between the pairs.
        let mut t = 20_000.0;
        for (i, c) in "ABCDEFGHIJKL".chars().enumerate() {
            assert_eq!(d.feed(&c.to_string(), t), None);
            t += if i % 2 == 0 { 20.0 } else { 150.0 };
        }
        assert_eq!(d.feed("Enter", t), None);
    }

    #[test]
    fn a_burst_with_a_few_hiccups_is_still_a_scan() {
        let mut d = WedgeDetector::new();
        // A busy machine: the first gap and two more are slow, the rest fast.
        let mut t = 0.0;
        for (i, c) in QR.chars().enumerate() {
            assert_eq!(d.feed(&c.to_string(), t), None);
            t += match i {
                0 => 180.0,
                20 | 50 => 110.0,
                _ => 8.0,
            };
        }
        assert_eq!(d.feed("Enter", t + 60.0).as_deref(), Some(QR));
        // Too many slow gaps (half of them): not a scan.
        let mut t = 10_000.0;
        for (i, c) in "ABCDEFGHIJKL".chars().enumerate() {
            d.feed(&c.to_string(), t);
            t += if i % 2 == 0 { 8.0 } else { 200.0 };
        }
        assert_eq!(d.feed("Enter", t), None);
    }

    #[test]
    fn too_short_slow_enter_and_pauses_reset() {
        let mut d = WedgeDetector::new();
        let t = feed_str(&mut d, "ABCDEFG", 0.0, 5.0); // 7 chars
        assert_eq!(d.feed("Enter", t), None);
        // Enter long after the burst.
        let t = feed_str(&mut d, "ABCDEFGHIJ", 1000.0, 5.0);
        assert_eq!(d.feed("Enter", t + 600.0), None);
        // A long pause in the middle starts a new run: only the tail counts (7 chars).
        let t = feed_str(&mut d, "ABCDE", 5000.0, 5.0);
        let t = feed_str(&mut d, "FGHIJKL", t + 600.0, 5.0);
        assert_eq!(d.run_len(), 7);
        assert_eq!(d.feed("Enter", t), None);
        // Typing, a long pause, then a scan: the scan alone is the payload.
        let t = feed_str(&mut d, "XXXXXXXXXX", 9000.0, 150.0);
        let t = feed_str(&mut d, "12345678", t + 600.0, 5.0);
        assert_eq!(d.feed("Enter", t).as_deref(), Some("12345678"));
    }

    #[test]
    fn special_keys_and_clock_oddities() {
        let mut d = WedgeDetector::new();
        let t = feed_str(&mut d, "ABCDEFGH", 0.0, 5.0);
        assert_eq!(d.feed("Backspace", t), None);
        assert_eq!(d.run_len(), 0);
        assert_eq!(d.feed("Enter", t + 1.0), None);
        // A clock that goes backwards breaks the run.
        let t = feed_str(&mut d, "ABCD", 100.0, 5.0);
        assert_eq!(d.feed("E", t - 50.0), None);
        assert_eq!(d.run_len(), 1);
        // Enter with nothing typed.
        assert_eq!(d.feed("Enter", 0.0), None);
        // NaN times never make a burst.
        let mut d = WedgeDetector::new();
        for _ in 0..10 {
            d.feed("A", f64::NAN);
        }
        assert_eq!(d.feed("Enter", f64::NAN), None);
        // Multi-byte characters are kept whole.
        let mut d = WedgeDetector::new();
        let t = feed_str(&mut d, "证照标识一二三四", 0.0, 5.0);
        assert_eq!(d.feed("Enter", t).as_deref(), Some("证照标识一二三四"));
    }

    #[test]
    fn bursts_route_by_kind_and_the_inbox_hands_them_over() {
        use crate::domain::scan::{classify_burst, CertScan};
        let owner = Owner::new();
        owner.with(|| {
            let registry = crate::ui::kiosk::wipe::provide_wipe_registry();
            let inbox = ScanInbox::new();
            let qr = classify_burst(QR);
            assert!(matches!(qr, Burst::Cert(CertScan::Qr { .. })));
            assert_eq!(inbox.file(qr.clone()), Some("/certs"));
            // The review screen does not take it; the certificate screen does, once.
            assert_eq!(inbox.take_case_no(), None);
            assert_eq!(inbox.take_for_certs(), Some(qr));
            assert_eq!(inbox.take_for_certs(), None);
            assert_eq!(
                inbox.file(classify_burst("320505198509030123")),
                Some("/certs")
            );
            assert_eq!(
                inbox.take_for_certs(),
                Some(Burst::IdNumber("320505198509030123".into()))
            );
            assert_eq!(
                inbox.file(classify_burst("32050820260923000055")),
                Some("/reviews")
            );
            assert_eq!(inbox.take_for_certs(), None);
            assert_eq!(
                inbox.take_case_no().as_deref(),
                Some("32050820260923000055")
            );
            // Unknown: kept for the notice, nothing routed.
            assert_eq!(inbox.file(classify_burst("ABCDEFGHIJ")), None);
            assert_eq!(inbox.unknown.get_untracked().as_deref(), Some("ABCDEFGHIJ"));
            assert_eq!(inbox.pending.get_untracked(), None);
            // The wipe empties both.
            inbox.file(classify_burst("32050820260923000055"));
            inbox.unknown.set(Some("x".into()));
            registry.clear_all();
            assert_eq!(inbox.pending.get_untracked(), None);
            assert_eq!(inbox.unknown.get_untracked(), None);
        });
    }

    #[test]
    fn overlong_bursts_are_rejected() {
        let mut d = WedgeDetector::new();
        let long = "A".repeat(MAX_PAYLOAD + 10);
        let t = feed_str(&mut d, &long, 0.0, 1.0);
        assert_eq!(d.feed("Enter", t), None);
    }
}
