//! Keyboard-wedge QR scanners: a hardware scanner "types" its payload much faster than a person
//! and ends with Enter. [`WedgeDetector`] recognises that by timing alone (plain data, tested
//! natively); [`use_wedge_scanner`] listens on the window while a screen is mounted.
//!
//! Keys the scanner types into a focused input must not stay there: once a burst is certain the
//! remaining keys are swallowed (`preventDefault`), and when the payload completes the input gets
//! back the value it had before the burst (with an `input` event, so its signal follows).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Longest gap between two characters of a burst.
pub const MAX_GAP_MS: f64 = 35.0;
/// A longer pause ends a run (and a shorter one, among fast keys, is a hiccup of a busy
/// browser or USB stack, not a person: scanners do not pause, but event timing jitters).
pub const JITTER_GAP_MS: f64 = 500.0;
/// Fewest characters of a payload.
pub const MIN_BURST: usize = 8;
/// Once this many gaps in a row were fast, the run is a scanner and its further keys are
/// swallowed: no person types 5 keys with gaps of 35 ms or less.
pub const SWALLOW_AFTER: usize = 4;
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
    fast_streak: usize,
    bursting: bool,
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

    /// Whether the keys of the current run should no longer reach the page.
    pub fn swallowing(&self) -> bool {
        self.bursting
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
                self.fast_streak += 1;
            } else {
                self.fast_streak = 0;
            }
            self.bursting |= self.fast_streak >= SWALLOW_AFTER;
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

/// What the focused input held when a run started, to put back after a scan.
struct Snapshot {
    input: web_sys::HtmlInputElement,
    value: String,
}

fn focused_input() -> Option<web_sys::HtmlInputElement> {
    document()
        .active_element()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
}

/// `new Event("input", { bubbles: true })`, built through JS reflection (no extra web-sys
/// features needed).
fn input_event() -> Option<web_sys::Event> {
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"Event".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).ok()?;
    let args = js_sys::Array::of2(&"input".into(), &init);
    js_sys::Reflect::construct(&ctor, &args)
        .ok()?
        .dyn_into()
        .ok()
}

fn restore(s: Snapshot) {
    if s.input.is_connected() && s.input.value() != s.value {
        s.input.set_value(&s.value);
        // Tell the input's signal (its `on:input` handler) about the restored value.
        if let Some(e) = input_event() {
            let _ = s.input.dispatch_event(&e);
        }
    }
}

/// Listens for scanner bursts on the window while the calling component is mounted and calls
/// `on_scan` with each payload (the listener is removed on cleanup).
pub fn use_wedge_scanner(on_scan: Callback<String>) {
    let detector = StoredValue::new_local(WedgeDetector::new());
    let snapshot = StoredValue::new_local(None::<Snapshot>);
    let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let key = e.key();
        if matches!(key.as_str(), "Shift" | "CapsLock") {
            return; // scanners press Shift for capitals and symbols
        }
        // Modifiers, IME composition and auto-repeat (a held key) are a person, not a scanner.
        if e.ctrl_key() || e.alt_key() || e.meta_key() || e.is_composing() || e.repeat() {
            detector.update_value(WedgeDetector::reset);
            return;
        }
        let t = e.time_stamp();
        let payload = detector.try_update_value(|d| d.feed(&key, t)).flatten();
        let Some((run, swallow)) = detector.try_with_value(|d| (d.run_len(), d.swallowing()))
        else {
            return;
        };
        if let Some(p) = payload {
            e.prevent_default();
            if let Some(s) = snapshot.try_update_value(Option::take).flatten() {
                restore(s);
            }
            on_scan.run(p);
            return;
        }
        if run == 1 {
            // A new run starts with this key: remember the input before the key reaches it.
            snapshot.set_value(focused_input().map(|input| Snapshot {
                value: input.value(),
                input,
            }));
        } else if run == 0 {
            snapshot.set_value(None);
        }
        if swallow {
            e.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
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
        assert!(d.swallowing());
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
        assert!(!d.swallowing());
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
        assert!(!d.swallowing());
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
        assert!(d.swallowing());
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
    fn overlong_bursts_are_rejected() {
        let mut d = WedgeDetector::new();
        let long = "A".repeat(MAX_PAYLOAD + 10);
        let t = feed_str(&mut d, &long, 0.0, 1.0);
        assert_eq!(d.feed("Enter", t), None);
    }
}
