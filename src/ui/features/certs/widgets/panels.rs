//! The verification card and the notice of a failed request.

use leptos::prelude::*;

use super::field::CertField;
use super::results::VerifyOutcome;
use crate::domain::cert::MAX_CODE_CHARS;
use crate::ui::components::error_panel::ErrorMessage;
use crate::ui::components::keypad::KeypadLayout;
use crate::ui::features::certs::context::CertsState;
use crate::ui::features::certs::form::{Failure, Field, Problems};
use crate::ui::features::certs::messages::fill;
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::i18n::use_i18n;

/// Identifier (the chosen result's, else the number field's) + code → authentic or not.
#[component]
pub fn VerifyCard(
    /// The screen's state (code, chosen result, outcome).
    st: CertsState,
    /// The form's problems.
    problems: RwSignal<Problems>,
    /// Which field's keypad is open.
    keypad_open: RwSignal<Option<Field>>,
    /// A verification is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Validates and sends.
    on_submit: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <form class="card verify-card" novalidate on:submit=submit>
            <h2>{i18n.tr(CertMsg::VerifyTitle)}</h2>
            <p class="hint">{i18n.tr(CertMsg::VerifyHint)}</p>
            {move || st.chosen.get().map(|id| view! {
                <p class="verify-target" data-testid="cert-verify-target">
                    <strong>{i18n.tr(CertMsg::VerifyTarget)}</strong> " " <span class="wrap-anywhere">{id}</span>
                </p>
            })}
            <CertField field=Field::VerifyCode label=CertMsg::VerifyCodeLabel value=st.code problems
                maxlength=MAX_CODE_CHARS keypad=KeypadLayout::Alnum keypad_open />
            <div class="btn-row">
                <button type="submit" class="btn btn-primary" data-testid="cert-verify-submit" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t(CertMsg::Verifying) } else { i18n.t(CertMsg::Verify) }}
                </button>
            </div>
            {move || st.verified.get().map(|resp| view! { <VerifyOutcome resp /> })}
        </form>
    }
}

/// A request that failed other than on a field: 429 with its wait, or the error panel.
#[component]
pub fn FailureNotice(
    /// The failure, if any.
    failed: RwSignal<Option<Failure>>,
    /// Sends the last request again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        failed.get().map(|f| match f {
            Failure::RateLimited(n) => view! {
                <p class="error-panel" role="alert" data-testid="cert-rate-limited">
                    {move || fill(i18n.t(CertMsg::RateLimited), i64::from(n))}
                </p>
            }
            .into_any(),
            Failure::Other(error) => view! { <ErrorMessage error on_retry /> }.into_any(),
            Failure::Fields(_) => ().into_any(),
        })
    }
}
