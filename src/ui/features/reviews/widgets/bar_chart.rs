//! The group bars: one row per group with its name, a bar and a value text. The bar is an SVG
//! shape with no text in it; the name and the value are HTML, sized by the type tokens, and a
//! long name wraps instead of being cut.

use leptos::prelude::*;

use crate::ui::features::reviews::chart::bar_fractions;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Row label (the group's name).
    pub label: String,
    /// Length of the bar, relative to the largest value.
    pub value: f64,
    /// Text written after the bar, e.g. "12 条 · 好评率 91.7%".
    pub text: String,
}

/// The chart, a list: each row is a `<li data-testid="bar-chart-row">`.
#[component]
pub fn BarChart(
    /// The bars, top to bottom.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// Accessible name of the chart.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    let rows = move || {
        let list = bars.get();
        let lengths = bar_fractions(&list.iter().map(|b| b.value).collect::<Vec<_>>());
        list.into_iter()
            .zip(lengths)
            .map(|(b, f)| {
                view! {
                    <li class="bar-row" data-testid="bar-chart-row">
                        <span class="bar-label">{b.label}</span>
                        <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect class="bar" x="0" y="0" width=f * 100.0 height="10" />
                        </svg>
                        <span class="bar-text">{b.text}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul class="bar-chart" data-testid="bar-chart" aria-label=move || title.get()>
            {rows}
        </ul>
    }
}
