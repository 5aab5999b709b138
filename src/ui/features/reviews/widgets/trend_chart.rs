//! The satisfaction trend: one column per month (评价数) with the 好评率 and 差评按时处理率 lines,
//! in inline SVG drawn from [`chart`](crate::ui::features::reviews::chart)'s geometry, and the
//! same numbers as a table (the chart's text alternative). The SVG draws shapes only: the axis
//! ticks and the month names are HTML around it, sized by the type tokens.

use leptos::prelude::*;

use crate::contract::StatsGroup;
use crate::ui::features::reviews::chart::{
    columns, month_label, nice_max, path, rate_points, PLOT, VIEW_H, VIEW_W,
};
use crate::ui::features::reviews::messages::ReviewMsg;
use crate::ui::i18n::{percent, use_i18n, Locale};

/// `data-testid="stats-trend"`: the chart (`trend-bar` per month, `trend-good` and
/// `trend-on-time` lines) and the table `stats-trend-table` (one `stats-trend-row` per month).
#[component]
pub fn TrendChart(
    /// The months, oldest first.
    months: Vec<StatsGroup>,
) -> impl IntoView {
    let i18n = use_i18n();
    let totals: Vec<u64> = months.iter().map(|m| m.figures.total).collect();
    let axis = nice_max(totals.iter().copied().max().unwrap_or(0));
    let cols = columns(&totals, axis, PLOT);
    let good = path(&rate_points(
        &months
            .iter()
            .map(|m| m.figures.good_rate)
            .collect::<Vec<_>>(),
        PLOT,
    ));
    let on_time = path(&rate_points(
        &months
            .iter()
            .map(|m| m.figures.on_time_rate)
            .collect::<Vec<_>>(),
        PLOT,
    ));
    let base = PLOT.y + PLOT.h;
    let right = PLOT.x + PLOT.w;
    let bars = cols
        .iter()
        .zip(&months)
        .map(|(r, m)| {
            view! {
                <rect class="trend-bar" data-testid="trend-bar" data-month=m.key.clone()
                    data-count=m.figures.total.to_string() x=r.x y=r.y width=r.w height=r.h />
            }
        })
        .collect_view();
    // One label per column: the list's equal grid columns centre where `slot_x` does.
    let labels = months
        .iter()
        .map(|m| {
            let key = m.key.clone();
            view! { <li>{move || month_label(&key, i18n.locale() == Locale::En)}</li> }
        })
        .collect_view();
    let rows = months
        .into_iter()
        .map(|m| {
            let f = m.figures;
            let key = m.key;
            view! {
                <tr data-testid="stats-trend-row" data-month=key.clone()>
                    <th scope="row">{key.clone()}</th>
                    <td>{f.total}</td>
                    <td>{percent(f.good_rate)}</td>
                    <td>{f.bad}</td>
                    <td>{percent(f.on_time_rate)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="trend" data-testid="stats-trend">
            <div class="trend-plot">
                <div class="trend-ticks trend-ticks-left" aria-hidden="true">
                    <span class="tick tick-top">{axis}</span>
                    <span class="tick tick-bottom">"0"</span>
                </div>
                <svg class="trend-chart" role="img" aria-label=i18n.tr(ReviewMsg::TrendAria)
                    viewBox=format!("0 0 {VIEW_W} {VIEW_H}") preserveAspectRatio="none">
                    <g class="trend-axis">
                        <line x1=PLOT.x y1=base x2=right y2=base />
                        <line x1=PLOT.x y1=PLOT.y x2=right y2=PLOT.y class="trend-grid" />
                        <line x1=PLOT.x y1=PLOT.y + PLOT.h / 2.0 x2=right y2=PLOT.y + PLOT.h / 2.0 class="trend-grid" />
                    </g>
                    {bars}
                    <path class="trend-good" data-testid="trend-good" d=good />
                    <path class="trend-on-time" data-testid="trend-on-time" d=on_time />
                </svg>
                <div class="trend-ticks trend-ticks-right" aria-hidden="true">
                    <span class="tick tick-top">"100%"</span>
                    <span class="tick tick-mid">"50%"</span>
                    <span class="tick tick-bottom">"0%"</span>
                </div>
                <ol class="trend-months" aria-hidden="true">{labels}</ol>
            </div>
            <figcaption class="trend-legend">
                <span class="key key-bar"></span>{i18n.tr(ReviewMsg::LegendTotal)}
                <span class="key key-good"></span>{i18n.tr(ReviewMsg::StatsGoodRate)}
                <span class="key key-on-time"></span>{i18n.tr(ReviewMsg::StatsOnTimeRate)}
            </figcaption>
            <table class="trend-table" data-testid="stats-trend-table">
                <caption>{i18n.tr(ReviewMsg::TrendTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(ReviewMsg::ColMonth)}</th>
                        <th scope="col">{i18n.tr(ReviewMsg::StatsTotal)}</th>
                        <th scope="col">{i18n.tr(ReviewMsg::StatsGoodRate)}</th>
                        <th scope="col">{i18n.tr(ReviewMsg::StatsBad)}</th>
                        <th scope="col">{i18n.tr(ReviewMsg::StatsOnTimeRate)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}
