//! `/certs/item/:identifier`: every field of one certificate, as masked by the server.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;

use crate::client::error::ApiError;
use crate::contract::CertDetail;
use crate::domain::ids;
use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::certs::messages::validity_text;
use crate::ui::features::certs::messages::C;
use crate::ui::features::certs::routes::CertParams;
use crate::ui::features::certs::widgets::status_badge::badge_for;
use crate::ui::i18n::{use_i18n, S};
use crate::ui::kiosk::{use_backend, use_personal_screen};

/// The description of a trust level (GB 国办函〔2016〕108号 A–D).
pub fn level_label(level: &str) -> Option<C> {
    match level.trim().to_ascii_uppercase().as_str() {
        "A" => Some(C::LevelA),
        "B" => Some(C::LevelB),
        "C" => Some(C::LevelC),
        "D" => Some(C::LevelD),
        _ => None,
    }
}

#[component]
pub fn CertDetailPage() -> impl IntoView {
    use_personal_screen();
    let backend = use_backend();
    let i18n = use_i18n();
    let params = use_params::<CertParams>();
    let detail = LocalResource::new(move || {
        let id = params
            .get()
            .ok()
            .and_then(|p| p.identifier)
            .unwrap_or_default();
        let b = backend.get();
        async move {
            // A malformed identifier cannot exist: no request.
            match ids::validate_cert_identifier(&id) {
                Ok(id) => b.cert_detail(id).await,
                Err(_) => Err(ApiError::NotFound),
            }
        }
    });
    view! {
        <section class="page cert-detail" data-read>
            <A href="/certs" attr:class="link-back" attr:data-testid="cert-back">{move || i18n.t(C::BackToSearch)}</A>
            <h1>{move || i18n.t(C::DetailTitle)}</h1>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| detail.refetch() /> }>
                    {move || Suspend::new(async move {
                        let d = detail.await?;
                        Ok::<_, ApiError>(view! { <DetailView d /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn DetailView(d: CertDetail) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.summary;
    let (from, to) = (s.valid_from.clone(), s.valid_to.clone());
    let kind = crate::ui::features::certs::widgets::results::holder_kind_label(s.holder_kind);
    let level = d.level.clone();
    let level_text = move || match level_label(&level) {
        Some(key) => i18n.t(key).to_string(),
        None if level.trim().is_empty() => i18n.t(S::Unknown).to_string(),
        None => level.clone(),
    };
    let row = move |key: C, value: String| {
        (!value.trim().is_empty()).then(|| view! { <dt>{move || i18n.t(key)}</dt><dd>{value}</dd> })
    };
    let version = if d.version > 0 {
        format!("{:03}", d.version)
    } else {
        String::new()
    };
    view! {
        <article class="card cert-detail-card" data-testid="cert-detail" data-identifier=s.identifier.clone()>
            <header class="cert-card-head">
                <h2 class="item-title">{s.name.clone()}</h2>
                {badge_for(s.status, s.days_left)}
            </header>
            <dl class="kv">
                <dt>{move || i18n.t(C::FieldIdentifier)}</dt>
                <dd class="wrap-anywhere" data-testid="cert-detail-identifier">{s.identifier.clone()}</dd>
                {row(C::FieldType, s.type_code)}
                {row(C::FieldNumber, s.number)}
                {row(C::FieldHolder, s.holder)}
                {row(C::FieldHolderCode, s.holder_code)}
                {kind.map(|k| view! { <dt>{move || i18n.t(C::FieldHolderKind)}</dt><dd>{move || i18n.t(k)}</dd> })}
                {row(C::FieldIssuer, s.issuer)}
                {row(C::FieldIssueDate, s.issue_date)}
                <dt>{move || i18n.t(C::FieldValidity)}</dt>
                <dd>{move || validity_text(i18n.locale(), &from, to.as_deref())}</dd>
                {row(C::FieldArea, d.area_code)}
                <dt>{move || i18n.t(C::FieldLevel)}</dt>
                <dd data-testid="cert-detail-level">{level_text}</dd>
                {row(C::FieldVersion, version)}
            </dl>
            {(!d.extra.is_empty()).then(|| view! {
                <h3>{move || i18n.t(C::Extra)}</h3>
                <dl class="kv" data-testid="cert-detail-extra">
                    {d.extra.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
            })}
            <p class="hint">{move || i18n.t(C::MaskedNote)}</p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_levels() {
        assert_eq!(level_label("A"), Some(C::LevelA));
        assert_eq!(level_label(" d "), Some(C::LevelD));
        assert_eq!(level_label("E"), None);
        assert_eq!(level_label(""), None);
    }
}
