//! Search results (one card per certificate) and the outcome of a verification. Everything shown
//! is what the server sent: it masks personal data before anything reaches the kiosk.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::contract::{CertSummary, CertVerifyResponse, HolderKind};
use crate::domain::text::encode_component;
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::features::certs::messages::{fill, validity_text};
use crate::ui::features::certs::widgets::status_badge::badge_for;
use crate::ui::i18n::use_i18n;

/// The detail route of a certificate.
pub fn detail_href(identifier: &str) -> String {
    format!("/certs/item/{}", encode_component(identifier))
}

/// The localized holder type.
pub fn holder_kind_label(k: HolderKind) -> Option<CertMsg> {
    match k {
        HolderKind::Person => Some(CertMsg::HolderPerson),
        HolderKind::Organization => Some(CertMsg::HolderOrg),
        HolderKind::Unknown => None,
    }
}

/// The facts of a certificate as a definition list (empty values are left out).
#[component]
pub fn CertFacts(
    /// The certificate.
    c: CertSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = (c.valid_from.clone(), c.valid_to.clone());
    let validity = move || validity_text(i18n.locale(), &from, to.as_deref());
    let row = move |key: CertMsg, value: String| {
        (!value.trim().is_empty()).then(|| view! { <dt>{i18n.tr(key)}</dt><dd>{value}</dd> })
    };
    view! {
        <dl class="kv">
            {row(CertMsg::FieldNumber, c.number)}
            {row(CertMsg::FieldHolder, c.holder)}
            {row(CertMsg::FieldHolderCode, c.holder_code)}
            {row(CertMsg::FieldType, c.type_code)}
            {row(CertMsg::FieldIssuer, c.issuer)}
            {row(CertMsg::FieldIssueDate, c.issue_date)}
            <dt>{i18n.tr(CertMsg::FieldValidity)}</dt>
            <dd data-testid="cert-validity">{validity}</dd>
        </dl>
    }
}

/// The list of results, or a helpful message when there are none.
#[component]
pub fn ResultList(
    /// The certificates found.
    results: Vec<CertSummary>,
    /// Called with an identifier when its "verify" button is pressed.
    on_verify: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = results.len() as i64;
    if results.is_empty() {
        return view! {
            <section class="card cert-empty" data-testid="cert-empty" role="status">
                <h2>{i18n.tr(CertMsg::NoResults)}</h2>
                <p>{i18n.tr(CertMsg::NoResultsHelp)}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="cert-results" aria-labelledby="cert-results-title">
            <h2 id="cert-results-title">{i18n.tr(CertMsg::Results)}</h2>
            <p class="hint" role="status" data-testid="cert-count">{move || fill(i18n.t(CertMsg::ResultsCount), n)}</p>
            <ul class="list">
                {results.into_iter().map(|c| view! { <li><ResultCard c on_verify /></li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn ResultCard(c: CertSummary, on_verify: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.identifier.clone();
    let href = detail_href(&id);
    let data_id = id.clone();
    let kind = holder_kind_label(c.holder_kind);
    view! {
        <article class="card cert-card" data-testid="cert-result" data-identifier=data_id>
            <header class="cert-card-head">
                <h3 class="item-title">{c.name.clone()}</h3>
                {badge_for(c.status, c.days_left)}
            </header>
            {kind.map(|k| view! { <p class="item-meta">{i18n.tr(k)}</p> })}
            <CertFacts c=c.clone() />
            <div class="btn-row">
                <A href=href attr:class="btn" attr:data-testid="cert-detail-link">{i18n.tr(CertMsg::Details)}</A>
                <button type="button" class="btn" data-testid="cert-verify-pick"
                    on:click=move |_| on_verify.run(id.clone())>{i18n.tr(CertMsg::VerifyThis)}</button>
            </div>
        </article>
    }
}

/// The outcome of a verification: authentic (with the certificate and its status) or not.
#[component]
pub fn VerifyOutcome(
    /// The server's answer.
    resp: CertVerifyResponse,
) -> impl IntoView {
    let i18n = use_i18n();
    let cert = resp.certificate.filter(|_| resp.authentic);
    match cert {
        Some(c) => {
            let usable = c.status.is_usable();
            let href = detail_href(&c.identifier);
            view! {
                <section class="verify-result verify-ok" data-testid="cert-verify-result" data-valid="true" role="status">
                    <p class="verify-head"><span class="badge badge-ok">{i18n.tr(CertMsg::VerifyOk)}</span></p>
                    <h3 class="item-title">{c.name.clone()}</h3>
                    <p>{badge_for(c.status, c.days_left)}</p>
                    {(!usable).then(|| view! { <p class="caveat">{i18n.tr(CertMsg::VerifyOkNotUsable)}</p> })}
                    <CertFacts c=c.clone() />
                    <A href=href attr:class="btn">{i18n.tr(CertMsg::Details)}</A>
                </section>
            }
            .into_any()
        }
        None => view! {
            <section class="verify-result verify-bad" data-testid="cert-verify-result" data-valid="false" role="alert">
                <p class="verify-head"><span class="badge badge-bad">{i18n.tr(CertMsg::VerifyFail)}</span></p>
            </section>
        }
        .into_any(),
    }
}
