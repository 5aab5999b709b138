//! The attract screen: after a long idle on the home screen (`attract_after_seconds`), a
//! full-screen "请触摸屏幕开始 / Touch the screen to start" with the hall name and the services.
//! It never swallows the touch that ends it: the layer takes no pointer events (a tap lands
//! on the tile below it) and the first pointerdown or key hides it without preventing anything.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::home::{in_order, ServiceIcon};
use crate::client::clock::now_ms;
use crate::ui::i18n::{use_i18n, Locale, Msg, ShellMsg};
use crate::ui::kiosk::use_config;

/// How often the idle time is looked at.
const TICK_MS: u32 = 1_000;

/// Whether the attract screen is due: on the home screen, after `after_s` seconds without
/// activity (`after_s == 0`: never).
pub fn attract_due(on_home: bool, idle_ms: f64, after_s: u32) -> bool {
    on_home && after_s > 0 && idle_ms >= after_s as f64 * 1000.0
}

/// Whether the attract screen shows, for its view ([`AttractScreen`]).
#[derive(Clone, Copy)]
pub struct AttractShown(pub RwSignal<bool>);

/// Started once by the shell: watches activity and the idle time on the home screen. The screen
/// itself is [`AttractScreen`], in the shell's deferred chunk (`shell::deferred`).
pub fn start_attract() -> AttractShown {
    let cfg = use_config();
    let after_s = cfg.with(|c| c.attract_after_seconds);
    let shown = RwSignal::new(false);
    let last = StoredValue::new(now_ms());
    // Passive listeners on the window: they never prevent or stop the event, so the tap that
    // ends the attract screen still reaches what lies below it.
    for ev in ["pointerdown", "keydown", "touchstart", "wheel", "input"] {
        let handle = window_event_listener_untyped(ev, move |_| {
            last.set_value(now_ms());
            if shown.get_untracked() {
                shown.set(false);
            }
        });
        on_cleanup(move || handle.remove());
    }
    let pathname = use_location().pathname;
    let tick = gloo_timers::callback::Interval::new(TICK_MS, move || {
        let Some(path) = pathname.try_get_untracked() else {
            return;
        };
        let due = attract_due(path == "/", now_ms() - last.get_value(), after_s);
        if due != shown.get_untracked() {
            let _ = shown.try_set(due);
        }
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || tick.update_value(|t| drop(t.take())));
    let state = AttractShown(shown);
    provide_context(state);
    state
}

/// The attract screen, while [`start_attract`] says it is due.
#[component]
pub fn AttractScreen() -> impl IntoView {
    let AttractShown(shown) = expect_context::<AttractShown>();
    let i18n = use_i18n();
    let cfg = use_config();
    let hall = cfg.with(|c| c.hall_name.clone());
    let enabled = move |f: crate::config::Feature| cfg.with(|c| c.is_enabled(f));
    let order = cfg.with(|c| c.home_order.clone());
    view! {
        <Show when=move || shown.get()>
            <div class="attract" data-testid="attract">
                <p class="attract-hall">{hall.clone()}</p>
                <p class="attract-touch" lang="zh-CN">{ShellMsg::AttractTouch.text(Locale::ZhCn)}</p>
                <p class="attract-touch attract-en" lang="en">{ShellMsg::AttractTouch.text(Locale::En)}</p>
                <ul class="attract-services">
                    {in_order(&order).into_iter().filter(|s| enabled(s.feature)).map(|s| view! {
                        <li><ServiceIcon d=s.icon /><span>{i18n.tr(s.title)}</span></li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_only_on_home_after_the_idle_time() {
        assert!(attract_due(true, 120_000.0, 120));
        assert!(!attract_due(true, 119_999.0, 120));
        assert!(!attract_due(false, 500_000.0, 120));
        assert!(!attract_due(true, 500_000.0, 0));
    }
}
