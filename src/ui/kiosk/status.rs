//! What the shell's status band shows besides the hall and the time: the step of a flow
//! ("第2步/共4步") and the idle countdown while it runs. Screens set the step; the idle guard
//! sets the countdown. Neither holds personal data.

use leptos::prelude::*;

/// The status band's changing parts, provided once at the root.
#[derive(Clone, Copy)]
pub struct StatusBand {
    /// The step of the flow on screen: (this step, of how many), from 1.
    pub step: RwSignal<Option<(u32, u32)>>,
    /// Whole seconds left on the idle countdown while it shows.
    pub idle_left: RwSignal<Option<u32>>,
}

/// Provides the status band's state (the shell, once).
pub fn provide_status_band() -> StatusBand {
    let s = StatusBand {
        step: RwSignal::new(None),
        idle_left: RwSignal::new(None),
    };
    provide_context(s);
    s
}

pub fn use_status_band() -> StatusBand {
    expect_context::<StatusBand>()
}

/// Shows "step `step` of `of`" in the status band while the calling component is mounted.
pub fn use_flow_step(step: u32, of: u32) {
    let s = use_status_band();
    s.step.set(Some((step, of)));
    on_cleanup(move || {
        let _ = s.step.try_set(None);
    });
}

/// The step text in both languages ("第2步/共4步", "Step 2 of 4"); `None` when the numbers
/// make no sense (a step beyond the last one is shown as the last).
pub fn step_text(zh: bool, step: u32, of: u32) -> Option<String> {
    if of == 0 || step == 0 {
        return None;
    }
    let step = step.min(of);
    Some(if zh {
        format!("第{step}步/共{of}步")
    } else {
        format!("Step {step} of {of}")
    })
}

/// The band's date and time in China Standard Time: "12月2日 周三 15:04" / "Wed 2 Dec 15:04".
pub fn clock_text(zh: bool, unix_secs: i64) -> String {
    let (date, time) = clock_parts(zh, unix_secs);
    format!("{date} {time}")
}

/// The band's clock in its two parts, the date ("12月2日 周三" / "Wed 2 Dec") and the time
/// ("15:04"), in China Standard Time: a phone's narrow band shows the time only.
pub fn clock_parts(zh: bool, unix_secs: i64) -> (String, String) {
    use crate::domain::date::Date;
    let d = Date::from_unix_cst(unix_secs);
    let mins = (unix_secs + 8 * 3600).rem_euclid(86_400) / 60;
    let (h, m) = (mins / 60, mins % 60);
    let wd = d.weekday() as usize;
    let time = format!("{h:02}:{m:02}");
    let date = if zh {
        const WD: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        format!("{}月{}日 周{}", d.month, d.day, WD[wd])
    } else {
        const WD: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MO: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let mo = MO[(d.month.clamp(1, 12) - 1) as usize];
        format!("{} {} {mo}", WD[wd], d.day)
    };
    (date, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_in_china_time() {
        // 2026-12-02T07:04:00Z is 15:04 on Wednesday 2 December in Beijing.
        let t = 1_796_195_040;
        assert_eq!(clock_text(true, t), "12月2日 周三 15:04");
        assert_eq!(clock_text(false, t), "Wed 2 Dec 15:04");
        assert_eq!(
            clock_parts(true, t),
            ("12月2日 周三".to_string(), "15:04".to_string())
        );
        // 16:30Z is past midnight in Beijing: the next day.
        assert_eq!(
            clock_text(true, t + 9 * 3600 + 26 * 60),
            "12月3日 周四 00:30"
        );
    }

    #[test]
    fn step_texts() {
        assert_eq!(step_text(true, 2, 4).as_deref(), Some("第2步/共4步"));
        assert_eq!(step_text(false, 2, 4).as_deref(), Some("Step 2 of 4"));
        assert_eq!(step_text(true, 5, 4).as_deref(), Some("第4步/共4步"));
        assert_eq!(step_text(true, 0, 4), None);
        assert_eq!(step_text(false, 1, 0), None);
    }
}
