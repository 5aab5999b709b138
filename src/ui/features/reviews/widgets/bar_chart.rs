//! A horizontal bar chart in plain SVG: one row per bar with its label, the bar and a value text.

use leptos::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Row label (cut to [`LABEL_CHARS`] on the chart: show the full labels elsewhere too).
    pub label: String,
    /// Length of the bar, relative to the largest value.
    pub value: f64,
    /// Text written after the bar, e.g. "12 条 · 好评率 91.7%".
    pub text: String,
}

/// SVG width (user units); the chart scales to its box.
pub const VIEW_W: f64 = 720.0;
/// Longest label drawn, in characters.
pub const LABEL_CHARS: usize = 14;
const LABEL_END: f64 = 250.0;
const BAR_X: f64 = 260.0;
const BAR_MAX: f64 = 280.0;
const ROW_H: f64 = 34.0;
const BAR_H: f64 = 22.0;

/// A label cut to [`LABEL_CHARS`] characters with `…`.
pub fn short_label(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        return s.to_string();
    }
    s.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
}

/// Bar widths: proportional to the largest value, at least 2 units for any positive value, 0
/// for zero, negative or non-finite values.
pub fn widths(bars: &[Bar]) -> Vec<f64> {
    let max = bars
        .iter()
        .map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    bars.iter()
        .map(|b| match b.value {
            v if v.is_finite() && v > 0.0 && max > 0.0 => (v / max * BAR_MAX).max(2.0),
            _ => 0.0,
        })
        .collect()
}

/// The chart. Each row is a `<g data-testid="bar-chart-row">`.
#[component]
pub fn BarChart(
    /// The bars, top to bottom.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// Accessible name of the chart.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    let height = move || (bars.with(Vec::len) as f64 * ROW_H).max(ROW_H);
    let rows = move || {
        let list = bars.get();
        let w = widths(&list);
        list.into_iter()
            .zip(w)
            .enumerate()
            .map(|(i, (b, w))| {
                let y = i as f64 * ROW_H;
                let mid = y + ROW_H / 2.0 + 5.0;
                view! {
                    <g data-testid="bar-chart-row">
                        <text x=LABEL_END y=mid text-anchor="end">{short_label(&b.label)}</text>
                        <rect class="bar" x=BAR_X y=y + (ROW_H - BAR_H) / 2.0 width=w height=BAR_H rx="3" />
                        <text x=BAR_X + w + 8.0 y=mid>{b.text}</text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <svg class="bar-chart" data-testid="bar-chart" role="img" aria-label=move || title.get()
            viewBox=move || format!("0 0 {VIEW_W} {}", height()) preserveAspectRatio="xMinYMin meet">
            {rows}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(value: f64) -> Bar {
        Bar {
            label: "x".into(),
            value,
            text: String::new(),
        }
    }

    #[test]
    fn widths_are_proportional() {
        let w = widths(&[
            bar(10.0),
            bar(5.0),
            bar(0.0),
            bar(0.01),
            bar(f64::NAN),
            bar(-3.0),
        ]);
        assert_eq!(w, vec![280.0, 140.0, 0.0, 2.0, 0.0, 0.0]);
        assert_eq!(widths(&[bar(0.0), bar(0.0)]), vec![0.0, 0.0]);
        assert!(widths(&[]).is_empty());
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(short_label("综合受理窗口 A03"), "综合受理窗口 A03");
        assert_eq!(
            short_label("企业设立登记 (有限责任公司) 及变更"),
            "企业设立登记 (有限责任公…"
        );
        assert_eq!(
            short_label("企业设立登记 (有限责任公司) 及变更")
                .chars()
                .count(),
            LABEL_CHARS
        );
    }
}
