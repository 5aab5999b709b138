//! `/certs/item/:identifier`: every field of one certificate, as masked by the server.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_url;

use crate::client::error::ApiError;
use crate::contract::CertDetail;
use crate::domain::ids;
use crate::ui::components::{error_panel::ErrorPanel, loading::Loading};
use crate::ui::features::certs::messages::validity_text;
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::features::certs::routes::cert_identifier;
use crate::ui::features::certs::widgets::status_badge::badge_for;
use crate::ui::i18n::{use_i18n, ShellMsg};
use crate::ui::kiosk::{use_backend, use_personal_screen};

/// The description of a trust level (GB 国办函〔2016〕108号 A–D).
pub fn level_label(level: &str) -> Option<CertMsg> {
    match level.trim().to_ascii_uppercase().as_str() {
        "A" => Some(CertMsg::LevelA),
        "B" => Some(CertMsg::LevelB),
        "C" => Some(CertMsg::LevelC),
        "D" => Some(CertMsg::LevelD),
        _ => None,
    }
}

#[component]
pub fn CertDetailPage() -> impl IntoView {
    use_personal_screen();
    let backend = use_backend();
    let i18n = use_i18n();
    let url = use_url();
    let identifier =
        Memo::new(move |_| url.with(|u| cert_identifier(u.path())).unwrap_or_default());
    let detail = LocalResource::new(move || {
        let id = identifier.get();
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
            <h1>{i18n.tr(CertMsg::DetailTitle)}</h1>
            <A href="/certs" attr:class="link-back" attr:data-testid="cert-back">{i18n.tr(CertMsg::BackToSearch)}</A>
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
        None if level.trim().is_empty() => i18n.t(ShellMsg::Unknown).to_string(),
        None => level.clone(),
    };
    let row = move |key: CertMsg, value: String| {
        (!value.trim().is_empty()).then(|| view! { <dt>{i18n.tr(key)}</dt><dd>{value}</dd> })
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
                <dt>{i18n.tr(CertMsg::FieldIdentifier)}</dt>
                <dd class="wrap-anywhere" data-testid="cert-detail-identifier">{s.identifier.clone()}</dd>
                {row(CertMsg::FieldType, s.type_code)}
                {row(CertMsg::FieldNumber, s.number)}
                {row(CertMsg::FieldHolder, s.holder)}
                {row(CertMsg::FieldHolderCode, s.holder_code)}
                {kind.map(|k| view! { <dt>{i18n.tr(CertMsg::FieldHolderKind)}</dt><dd>{i18n.tr(k)}</dd> })}
                {row(CertMsg::FieldIssuer, s.issuer)}
                {row(CertMsg::FieldIssueDate, s.issue_date)}
                <dt>{i18n.tr(CertMsg::FieldValidity)}</dt>
                <dd>{move || validity_text(i18n.locale(), &from, to.as_deref())}</dd>
                {row(CertMsg::FieldArea, d.area_code)}
                <dt>{i18n.tr(CertMsg::FieldLevel)}</dt>
                <dd data-testid="cert-detail-level">{level_text}</dd>
                {row(CertMsg::FieldVersion, version)}
            </dl>
            {(!d.extra.is_empty()).then(|| view! {
                <h3>{i18n.tr(CertMsg::Extra)}</h3>
                <dl class="kv" data-testid="cert-detail-extra">
                    {d.extra.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
            })}
            <p class="hint">{i18n.tr(CertMsg::MaskedNote)}</p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_levels() {
        assert_eq!(level_label("A"), Some(CertMsg::LevelA));
        assert_eq!(level_label(" d "), Some(CertMsg::LevelD));
        assert_eq!(level_label("E"), None);
        assert_eq!(level_label(""), None);
    }
}
