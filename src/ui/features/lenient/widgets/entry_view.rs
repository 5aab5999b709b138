//! The detail card of one list entry (every column of domain.md §1.3) with its QR code,
//! print button and the self-check start.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::client::clock::today;
use crate::contract::LenientEntry;
use crate::ui::components::qr_code::QrCodeView;
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::messages::{kind_long, kind_short};
use crate::ui::features::lenient::state::{
    applies_here, item_href, public_item_url, validity, Validity,
};
use crate::ui::i18n::{use_i18n, Locale, ShellMsg};
use crate::ui::kiosk::use_config;

/// A value, or "清单未列明" when the list left it empty.
fn or_not_listed(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// One entry, shown in full.
#[component]
pub fn EntryView(
    /// The entry to show (from `backend.lenient_item`).
    entry: LenientEntry,
) -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let e = entry;
    let watermark = cfg.is_demo() || e.synthetic;
    let not_here = !applies_here(&e, &cfg.with(|c| c.region_code.clone()));
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let url = public_item_url(
        &cfg.with(|c| c.public_base_url.clone()),
        &origin,
        &e.id,
        cfg.is_demo(),
    );
    let check_href = format!("{}/check", item_href(&e.id));
    let status = validity(&e.valid_from, e.valid_to.as_deref(), today());
    let kind = e.kind;

    let text = move |v: &str| {
        let v = or_not_listed(v);
        move || {
            v.clone()
                .unwrap_or_else(|| i18n.t(LenientMsg::NotListed).to_string())
        }
    };
    let source = {
        let s = &e.source;
        let mut out = s.name.clone();
        if !s.number.trim().is_empty() {
            out.push_str(&format!("（{}）", s.number.trim()));
        }
        if !s.date.trim().is_empty() {
            out.push_str(&format!(" {}", s.date.trim()));
        }
        out
    };
    let valid_to = e.valid_to.clone().filter(|t| !t.trim().is_empty());
    let valid_from = e.valid_from.clone();
    let validity_text = move || {
        let to = valid_to
            .clone()
            .unwrap_or_else(|| i18n.t(LenientMsg::ValidUntilRepealed).to_string());
        format!("{} {} {}", valid_from, i18n.t(LenientMsg::ValidTo), to)
    };
    let lookback = e.thresholds.lookback_months.filter(|m| *m > 0);
    let days = e.thresholds.correction_days.filter(|d| *d > 0);
    let limit_zh = e
        .thresholds
        .question_zh
        .clone()
        .filter(|q| !q.trim().is_empty());
    let limit_en = e.thresholds.question_en.clone().unwrap_or_default();
    let has_thresholds = lookback.is_some() || days.is_some() || limit_zh.is_some();
    let measures = if e.measures.is_empty() {
        String::new()
    } else {
        e.measures.join("；")
    };
    let hall = cfg.with(|c| c.hall_name.clone());

    view! {
        <article class="card lenient-detail" data-testid="lenient-detail" data-id=e.id.clone() data-kind=kind.as_str()>
            <p class="print-only receipt-head">{hall} " · " {i18n.tr(LenientMsg::Title)}</p>
            {watermark.then(|| view! {
                <p class="watermark lenient-watermark" data-testid="lenient-watermark">
                    {i18n.tr(LenientMsg::DemoData)} " — " {i18n.tr(LenientMsg::DemoDataNote)}
                </p>
            })}
            {not_here.then(|| view! {
                <p class="notice not-here" data-testid="lenient-not-here">
                    <span class="badge badge-warn">{i18n.tr(LenientMsg::NotHere)}</span>
                    " " {i18n.tr(LenientMsg::NotHereNote)}
                </p>
            })}
            <p class="kind-tag">{move || i18n.t(kind_short(kind))}</p>
            <h1 class="wrap-anywhere">{e.title.clone()}</h1>
            <dl class="kv">
                <dt>{i18n.tr(LenientMsg::Breach)}</dt><dd>{e.title.clone()}</dd>
                <dt>{i18n.tr(LenientMsg::BreachBasis)}</dt><dd data-testid="lenient-breach-basis">{text(&e.breach_basis)}</dd>
                <dt>{i18n.tr(LenientMsg::PenaltyBasis)}</dt><dd data-testid="lenient-penalty-basis">{text(&e.penalty_basis)}</dd>
                <dt>{i18n.tr(LenientMsg::PenaltyRange)}</dt><dd>{text(&e.penalty_range)}</dd>
            </dl>
            <h2>{i18n.tr(LenientMsg::Conditions)}</h2>
            <ol class="conditions" data-testid="lenient-conditions">
                {e.conditions.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
            </ol>
            {has_thresholds.then(|| view! {
                <h2>{i18n.tr(LenientMsg::Thresholds)}</h2>
                <dl class="kv" data-testid="lenient-thresholds">
                    {lookback.map(|m| view! {
                        <dt>{i18n.tr(LenientMsg::Lookback)}</dt>
                        <dd>{move || match i18n.locale() {
                            Locale::ZhCn => format!("近{m}{}", i18n.t(LenientMsg::LookbackMonths)),
                            Locale::En => format!("{m} {}", i18n.t(LenientMsg::LookbackMonths)),
                        }}</dd>
                    })}
                    {days.map(|d| view! {
                        <dt>{i18n.tr(LenientMsg::CorrectionDays)}</dt>
                        <dd>{move || match i18n.locale() {
                            Locale::ZhCn => format!("{d}{}", i18n.t(LenientMsg::Days)),
                            Locale::En => format!("{d} {}", i18n.t(LenientMsg::Days)),
                        }}</dd>
                    })}
                    {limit_zh.map(|zh| view! {
                        <dt>{i18n.tr(LenientMsg::LimitRow)}</dt>
                        <dd>{move || i18n.pick(&zh, &limit_en).to_string()}</dd>
                    })}
                </dl>
            })}
            <dl class="kv">
                <dt>{i18n.tr(LenientMsg::Measures)}</dt><dd>{text(&measures)}</dd>
                <dt>{i18n.tr(LenientMsg::Authority)}</dt><dd>{text(&e.authority)}</dd>
                <dt>{i18n.tr(LenientMsg::Region)}</dt><dd>{text(&e.region)}</dd>
                <dt>{i18n.tr(LenientMsg::ListKindLabel)}</dt><dd data-testid="lenient-kind-name">{move || i18n.t(kind_long(kind))}</dd>
                <dt>{i18n.tr(LenientMsg::Source)}</dt><dd>{text(&source)}</dd>
                <dt>{i18n.tr(LenientMsg::Validity)}</dt>
                <dd>
                    {validity_text}
                    {match status {
                        Validity::Expired => Some(view! { " " <span class="badge badge-bad" data-testid="lenient-expired">{i18n.tr(LenientMsg::Expired)}</span> }.into_any()),
                        Validity::NotYet => Some(view! { " " <span class="badge badge-warn">{i18n.tr(LenientMsg::NotYetValid)}</span> }.into_any()),
                        Validity::InForce => None,
                    }}
                </dd>
                <dt>{i18n.tr(LenientMsg::Version)}</dt><dd>{format!("v{}", e.version)}</dd>
            </dl>
            <p class="caveat">{i18n.tr(LenientMsg::Caveat)}</p>
            <div class="btn-row no-print">
                <A href=check_href attr:class="btn btn-primary btn-huge" attr:data-testid="eligibility-start">
                    {i18n.tr(LenientMsg::StartCheck)}
                </A>
                <button type="button" class="btn" data-testid="lenient-print" on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }>{i18n.tr(LenientMsg::PrintEntry)}</button>
            </div>
            <p class="hint no-print">{i18n.tr(LenientMsg::StartCheckHint)}</p>
            <QrCodeView text=url caption=Signal::derive(move || i18n.t(ShellMsg::ScanToPhone).to_string()) />
        </article>
    }
}
