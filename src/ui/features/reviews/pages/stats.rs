//! `/reviews/stats?group_by=window|service|month`: public satisfaction figures with their
//! formulas, and a bar chart per group.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::client::backend::StatsQuery;
use crate::contract::{ReviewStats, StatsFigures, StatsGroupBy};
use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::components::loading::Loading;
use crate::ui::features::reviews::logic::{chart_groups, group_by};
use crate::ui::features::reviews::messages::{review_text, ReviewMsg};
use crate::ui::features::reviews::widgets::bar_chart::{Bar, BarChart};
use crate::ui::features::reviews::widgets::trend_chart::TrendChart;
use crate::ui::i18n::{percent, use_i18n};
use crate::ui::kiosk::use_backend;

/// 平均分 with two decimals, or "—".
pub fn average(a: Option<f64>) -> String {
    match a {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => "—".to_string(),
    }
}

/// The six headline figures as (test id, label, value).
pub fn headline(f: &StatsFigures) -> [(&'static str, ReviewMsg, String); 6] {
    [
        ("stats-total", ReviewMsg::StatsTotal, f.total.to_string()),
        (
            "stats-good-rate",
            ReviewMsg::StatsGoodRate,
            percent(f.good_rate),
        ),
        ("stats-bad", ReviewMsg::StatsBad, f.bad.to_string()),
        (
            "stats-rectify-rate",
            ReviewMsg::StatsRectifyRate,
            percent(f.rectify_rate),
        ),
        ("stats-average", ReviewMsg::StatsAverage, average(f.average)),
        (
            "stats-on-time-rate",
            ReviewMsg::StatsOnTimeRate,
            percent(f.on_time_rate),
        ),
    ]
}

#[component]
fn StatsBody(
    /// The statistics to show.
    s: ReviewStats,
) -> impl IntoView {
    let i18n = use_i18n();
    let figures = headline(&s.overall)
        .into_iter()
        .map(|(id, label, value)| {
            view! {
                <div class="figure">
                    <span class="figure-label">{i18n.tr(label)}</span>
                    <span class="figure-value" data-testid=id>{value}</span>
                </div>
            }
        })
        .collect_view();
    let demo = s.demo_reviews;
    let months = s.months.clone();
    let by = group_by(Some(&s.group_by));
    let (groups, cut) = chart_groups(&s.groups, by);
    let month = by == StatsGroupBy::Month;
    let empty = groups.is_empty();
    let bars = Signal::derive(move || {
        groups
            .iter()
            .map(|g| Bar {
                label: g.label.clone(),
                value: g.figures.total as f64,
                text: format!(
                    "{} {} · {} {}",
                    g.figures.total,
                    i18n.t(ReviewMsg::CountUnit),
                    i18n.t(ReviewMsg::StatsGoodRate),
                    percent(g.figures.good_rate)
                ),
            })
            .collect::<Vec<_>>()
    });
    view! {
        {(demo > 0).then(|| view! {
            <p class="badge badge-warn stats-demo" data-testid="stats-demo" data-count=demo.to_string()>
                {i18n.tr(ReviewMsg::DemoData)} " · " {demo} " " {i18n.tr(ReviewMsg::CountUnit)}
            </p>
        })}
        <div class="figures">{figures}</div>
        {(!months.is_empty()).then(|| view! {
            <h2>{i18n.tr(ReviewMsg::TrendTitle)}</h2>
            <TrendChart months />
        })}
        <h2>{i18n.tr(ReviewMsg::ChartTitle)}</h2>
        {if empty {
            view! { <p data-testid="stats-empty">{i18n.tr(ReviewMsg::NoData)}</p> }.into_any()
        } else {
            view! { <BarChart bars title=Signal::derive(move || i18n.t(ReviewMsg::ChartTitle).to_string()) /> }.into_any()
        }}
        {cut.then(|| {
            let note = if month { ReviewMsg::ChartRecent } else { ReviewMsg::ChartTop };
            view! { <p class="hint">{move || review_text(note, i18n.locale())}</p> }
        })}
        <ul class="hint formulas" data-testid="stats-formulas">
            <li>{i18n.tr(ReviewMsg::FormulaGood)}</li>
            <li>{i18n.tr(ReviewMsg::FormulaRectify)}</li>
            <li>{i18n.tr(ReviewMsg::FormulaOnTime)}</li>
            <li>{i18n.tr(ReviewMsg::FormulaAverage)}</li>
            <li>{i18n.tr(ReviewMsg::FormulaRevoked)}</li>
        </ul>
    }
}

#[component]
pub fn ReviewStatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = use_backend();
    let query = use_query_map();
    let by = Memo::new(move |_| query.with(|q| group_by(q.get_str("group_by"))));
    let stats = LocalResource::new(move || {
        let (b, group_by) = (backend.get(), by.get());
        async move {
            b.review_stats(StatsQuery {
                from: None,
                to: None,
                group_by,
            })
            .await
        }
    });
    let navigate = use_navigate();
    let chip = move |group: StatsGroupBy, label: ReviewMsg| {
        let value = group.as_str();
        let navigate = navigate.clone();
        view! {
            <button type="button" class="chip" data-testid="stats-group" data-group=value
                aria-pressed=move || (by.get() == group).to_string()
                on:click=move |_| navigate(&format!("/reviews/stats?group_by={value}"), NavigateOptions { replace: true, ..Default::default() })>
                {i18n.tr(label)}
            </button>
        }
    };
    view! {
        <section class="page review-stats" data-testid="review-stats" data-group-by=move || by.get().as_str() data-read>
            <h1>{i18n.tr(ReviewMsg::StatsTitle)}</h1>
            <div class="chips" role="group" aria-label=i18n.tr(ReviewMsg::GroupBy)>
                {chip(StatsGroupBy::Month, ReviewMsg::GroupMonth)}
                {chip(StatsGroupBy::Window, ReviewMsg::GroupWindow)}
                {chip(StatsGroupBy::Service, ReviewMsg::GroupService)}
            </div>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| stats.refetch() /> }>
                    {move || Suspend::new(async move {
                        let s = stats.await?;
                        Ok::<_, crate::client::error::ApiError>(view! { <StatsBody s /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_figures() {
        let f = StatsFigures {
            total: 10,
            good: 7,
            good_rate: Some(0.7),
            bad: 3,
            bad_rate: Some(0.3),
            bad_rectified: 2,
            rectify_rate: Some(2.0 / 3.0),
            average: Some(3.6),
            bad_on_time: 1,
            on_time_rate: Some(1.0 / 3.0),
        };
        let values: Vec<String> = headline(&f).into_iter().map(|(_, _, v)| v).collect();
        assert_eq!(values, ["10", "70.0%", "3", "66.7%", "3.60", "33.3%"]);
        let empty: Vec<String> = headline(&StatsFigures::default())
            .into_iter()
            .map(|(_, _, v)| v)
            .collect();
        assert_eq!(empty, ["0", "—", "0", "—", "—", "—"]);
        assert_eq!(average(Some(f64::INFINITY)), "—");
    }
}
