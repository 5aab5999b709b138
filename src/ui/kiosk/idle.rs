//! Idle reset: after `idle_seconds` without touch, key or scanner input, a full-screen
//! countdown (≥ 20 s, WCAG 2.2.1) with one large continue button; then the privacy wipe.

use leptos::prelude::*;

use super::{status::use_status_band, use_config, use_session, wipe};
use crate::ui::i18n::{use_i18n, ShellMsg};

/// How often the idle clock is looked at (the countdown shows whole seconds).
const TICK_MS: u32 = 500;

/// Where the idle timer stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IdlePhase {
    Active,
    /// Countdown running: whole seconds left.
    Warning(u32),
    Expired,
}

/// The idle clock as plain data (tested natively).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdleClock {
    pub last_activity_ms: f64,
}

impl IdleClock {
    /// Phase at `now` for a screen whose idle limit is `idle_s` and countdown `warn_s`.
    pub fn phase(&self, now_ms: f64, idle_s: u32, warn_s: u32) -> IdlePhase {
        let idle_ms = (now_ms - self.last_activity_ms).max(0.0);
        let limit = idle_s as f64 * 1000.0;
        if idle_ms < limit {
            return IdlePhase::Active;
        }
        let into_warning = idle_ms - limit;
        let warn = warn_s as f64 * 1000.0;
        if into_warning >= warn {
            IdlePhase::Expired
        } else {
            IdlePhase::Warning(((warn - into_warning) / 1000.0).ceil() as u32)
        }
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The countdown's state, for its screen ([`IdleWarning`]): the phase, and what its button does.
#[derive(Clone, Copy)]
pub struct IdleState {
    /// Where the idle timer stands.
    pub phase: RwSignal<IdlePhase>,
    /// "Continue": restarts the idle clock and hides the countdown.
    pub keep: Callback<()>,
}

/// Started once by the shell: listens for activity, runs the countdown (also shown in the status
/// band), wipes on expiry. The countdown's screen is [`IdleWarning`], in the shell's deferred
/// chunk (`shell::deferred`): this timer, the band and the wipe never wait for it.
pub fn start_idle_guard() -> IdleState {
    let session = use_session();
    let wiper = wipe::use_wiper();
    // The three timeouts, read once: the configuration does not change while the kiosk runs.
    let (idle_seconds, idle_seconds_personal, idle_warning_seconds) = use_config().with(|c| {
        (
            c.idle_seconds,
            c.idle_seconds_personal,
            c.idle_warning_seconds,
        )
    });
    let clock = StoredValue::new(IdleClock {
        last_activity_ms: now_ms(),
    });
    let phase = RwSignal::new(IdlePhase::Active);
    // The countdown also shows in the status band.
    let band = use_status_band();
    Effect::new(move |_| {
        band.idle_left.set(match phase.get() {
            IdlePhase::Warning(s) => Some(s),
            _ => None,
        })
    });
    let navigate = leptos_router::hooks::use_navigate();

    // Activity while the countdown is not showing restarts the clock. During the countdown only
    // the continue button does (one simple action, and a stray touch cannot hide the warning).
    let touch = move || {
        if !matches!(phase.get_untracked(), IdlePhase::Warning(_)) {
            clock.update_value(|c| c.last_activity_ms = now_ms());
        }
    };
    for ev in ["pointerdown", "keydown", "touchstart", "wheel", "input"] {
        let handle = window_event_listener_untyped(ev, move |_| touch());
        on_cleanup(move || handle.remove());
    }

    let tick = move || {
        let limit = if session.personal.get_untracked() {
            idle_seconds_personal
        } else {
            idle_seconds
        };
        let p = clock.with_value(|c| c.phase(now_ms(), limit, idle_warning_seconds));
        match p {
            IdlePhase::Expired => {
                phase.set(IdlePhase::Active);
                clock.update_value(|c| c.last_activity_ms = now_ms());
                wiper.wipe(&navigate);
            }
            p if p != phase.get_untracked() => phase.set(p),
            _ => {}
        }
    };
    let interval = gloo_timers::callback::Interval::new(TICK_MS, tick);
    let interval = StoredValue::new_local(Some(interval));
    on_cleanup(move || interval.update_value(|i| drop(i.take())));

    let keep = Callback::new(move |()| {
        clock.update_value(|c| c.last_activity_ms = now_ms());
        phase.set(IdlePhase::Active);
    });
    let state = IdleState { phase, keep };
    provide_context(state);
    state
}

/// The full-screen countdown with its one large continue button, while the idle timer of
/// [`start_idle_guard`] is in its warning phase.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let IdleState { phase, keep } = expect_context::<IdleState>();
    let i18n = use_i18n();
    view! {
        <Show when=move || matches!(phase.get(), IdlePhase::Warning(_))>
            <div class="idle-overlay" data-testid="idle-warning" role="alertdialog" aria-modal="true"
                aria-labelledby="idle-title" aria-describedby="idle-body">
                <div class="idle-box">
                    <h2 id="idle-title">{i18n.tr(ShellMsg::IdleTitle)}</h2>
                    <p id="idle-body">{i18n.tr(ShellMsg::IdleBody)}</p>
                    <p class="idle-count" aria-live="assertive" aria-atomic="true">
                        <span class="idle-num">{move || match phase.get() { IdlePhase::Warning(s) => s, _ => 0 }}</span>
                        " " {i18n.tr(ShellMsg::IdleSeconds)}
                    </p>
                    <button class="btn btn-primary btn-huge" data-testid="idle-continue" on:click=move |_| keep.run(()) autofocus>
                        {i18n.tr(ShellMsg::IdleContinue)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_the_clock() {
        let c = IdleClock {
            last_activity_ms: 0.0,
        };
        assert_eq!(c.phase(59_999.0, 60, 30), IdlePhase::Active);
        assert_eq!(c.phase(60_000.0, 60, 30), IdlePhase::Warning(30));
        assert_eq!(c.phase(60_001.0, 60, 30), IdlePhase::Warning(30));
        assert_eq!(c.phase(80_500.0, 60, 30), IdlePhase::Warning(10));
        assert_eq!(c.phase(90_000.0, 60, 30), IdlePhase::Expired);
        // A clock that jumped backwards never expires the session.
        assert_eq!(c.phase(-5_000.0, 60, 30), IdlePhase::Active);
    }
}
