//! `/certs`: find e-certificates by number / identifier or by holder, and verify one by
//! identifier + verification code or by scanning its QR code (hardware scanner or camera).
//!
//! Privacy: everything typed and found lives in signals owned by this page (or by the optional
//! [`crate::ui::features::certs::context::provide_certs_module`]), so leaving `/certs` or the idle wipe drops it; the search
//! travels in a POST body, never in the URL.

use crate::ui::components::when::When;
use leptos::prelude::*;

use crate::client::clock::today;
use crate::client::error::ApiError;
use crate::contract::{CertSearchRequest, CertVerifyRequest};
use crate::domain::cert::{MAX_HOLDER_ID_INPUT_CHARS, MAX_IDENTIFIER_CHARS, MAX_NAME_CHARS};
use crate::domain::scan::{Burst, CertScan};
use crate::ui::components::error_summary::{focus_by_id, ErrorSummary};
use crate::ui::components::keypad::KeypadLayout;
use crate::ui::components::loading::Loading;
use crate::ui::features::certs::context::{CertsState, Mode};
use crate::ui::features::certs::form::{
    failure, interpret_scan, validate_holder, validate_number, validate_verify, Failure, Field,
    Problems, Scanned,
};
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::features::certs::widgets::camera::CameraScan;
use crate::ui::features::certs::widgets::field::CertField;
use crate::ui::features::certs::widgets::panels::{FailureNotice, VerifyCard};
use crate::ui::features::certs::widgets::results::ResultList;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::scanner::use_scan_inbox;
use crate::ui::kiosk::{use_backend, use_personal_screen};

/// The last request sent, for the retry button.
#[derive(Clone, Debug)]
enum Last {
    Search(CertSearchRequest),
    Verify(CertVerifyRequest),
}

#[component]
pub fn Certs() -> impl IntoView {
    use_personal_screen();
    let backend = use_backend();
    let i18n = use_i18n();
    let st = CertsState::use_state();
    let CertsState {
        mode,
        number,
        name,
        holder_id,
        code,
        chosen,
        results,
        verified,
    } = st;
    let problems = RwSignal::new(Problems::new());
    let failed = RwSignal::new(None::<Failure>);
    let scan_unknown = RwSignal::new(false);
    let keypad_open = RwSignal::new(None::<Field>);
    let last = StoredValue::new(None::<Last>);

    let fail = move |e: ApiError, sent_holder_id: &str| match failure(&e, sent_holder_id) {
        Failure::Fields(p) => problems.set(p),
        other => failed.set(Some(other)),
    };
    let search = Action::new_local(move |req: &CertSearchRequest| {
        let (b, req) = (backend.get(), req.clone());
        async move {
            let sent = match &req {
                CertSearchRequest::Holder { holder_id, .. } => holder_id.clone(),
                CertSearchRequest::Number { .. } => String::new(),
            };
            match b.cert_search(req).await {
                Ok(r) => {
                    let _ = results.try_set(Some(r.results));
                }
                Err(e) => fail(e, &sent),
            }
        }
    });
    let verify = Action::new_local(move |req: &CertVerifyRequest| {
        let (b, req) = (backend.get(), req.clone());
        async move {
            match b.cert_verify(req).await {
                Ok(r) => {
                    let _ = verified.try_set(Some(r));
                }
                Err(e) => fail(e, ""),
            }
        }
    });
    let send = move |req: Last| {
        failed.set(None);
        problems.set(Problems::new());
        last.set_value(Some(req.clone()));
        match req {
            Last::Search(r) => {
                results.set(None);
                verified.set(None);
                chosen.set(None);
                search.dispatch(r);
            }
            Last::Verify(r) => {
                verified.set(None);
                verify.dispatch(r);
            }
        }
    };
    let submit_search = move || {
        scan_unknown.set(false);
        keypad_open.set(None);
        let checked = match mode.get_untracked() {
            Mode::Number => validate_number(&number.get_untracked()),
            Mode::Holder => {
                validate_holder(&name.get_untracked(), &holder_id.get_untracked(), today())
            }
        };
        match checked {
            Ok(r) => send(Last::Search(r)),
            Err(p) => problems.set(p),
        }
    };
    let submit_verify = move || {
        scan_unknown.set(false);
        keypad_open.set(None);
        let num = if mode.get_untracked() == Mode::Number {
            number.get_untracked()
        } else {
            String::new()
        };
        match validate_verify(
            chosen.get_untracked().as_deref(),
            &num,
            &code.get_untracked(),
        ) {
            Ok(r) => send(Last::Verify(r)),
            Err(p) => problems.set(p),
        }
    };
    let set_mode = move |m: Mode| {
        mode.set(m);
        problems.set(Problems::new());
        failed.set(None);
        keypad_open.set(None);
    };
    // Typing another number forgets a result chosen for verification.
    Effect::new(move |prev: Option<()>| {
        number.track();
        if prev.is_some() {
            chosen.set(None);
        }
    });
    let pick = Callback::new(move |id: String| {
        chosen.set(Some(id));
        verified.set(None);
        problems.set(Problems::new());
        request_animation_frame(move || focus_by_id(Field::VerifyCode.dom_id()));
    });
    let on_scan = Callback::new(move |payload: String| match interpret_scan(&payload) {
        Scanned::Qr {
            identifier,
            code: c,
        } => {
            set_mode(Mode::Number);
            number.set(identifier);
            code.set(c);
            chosen.set(None);
            submit_verify();
        }
        Scanned::Identifier(id) => {
            set_mode(Mode::Number);
            number.set(id);
            submit_search();
        }
        Scanned::Unknown => scan_unknown.set(true),
    });
    // A burst scanned with nothing focused, from any screen, handed over by the shell (see
    // `kiosk::scanner`): now, or whenever one arrives while this screen is shown.
    let inbox = use_scan_inbox();
    Effect::new(move |_| match inbox.take_for_certs() {
        Some(Burst::Cert(CertScan::Qr { identifier, code })) => {
            on_scan.run(format!("EKV1|{identifier}|{code}"))
        }
        Some(Burst::Cert(CertScan::Identifier(id))) => on_scan.run(id),
        Some(Burst::IdNumber(id)) => {
            set_mode(Mode::Holder);
            holder_id.set(id);
            let next = if name.with_untracked(String::is_empty) {
                Field::HolderName
            } else {
                Field::HolderId
            };
            request_animation_frame(move || focus_by_id(next.dom_id()));
        }
        _ => {}
    });

    let summary = Signal::derive(move || {
        let l = i18n.locale();
        problems.with(|p| {
            p.iter()
                .map(|(f, m)| (f.dom_id().to_string(), m.text(l)))
                .collect::<Vec<_>>()
        })
    });
    let retry = Callback::new(move |_: ()| {
        if let Some(req) = last.get_value() {
            send(req);
        }
    });
    let tab = move |m: Mode, id: &'static str, label: CertMsg| {
        view! {
            <button type="button" class="chip" data-testid=id aria-pressed=move || (mode.get() == m).to_string()
                on:click=move |_| set_mode(m)>{i18n.tr(label)}</button>
        }
    };
    let fields = move || {
        match mode.get() {
        Mode::Number => view! {
            <CertField field=Field::Number label=CertMsg::NumberLabel hint=CertMsg::NumberHint value=number problems
                maxlength=MAX_IDENTIFIER_CHARS keypad=KeypadLayout::Alnum keypad_open />
        }
        .into_any(),
        Mode::Holder => view! {
            <CertField field=Field::HolderName label=CertMsg::HolderNameLabel hint=CertMsg::HolderNameHint value=name problems
                maxlength=MAX_NAME_CHARS keypad_open />
            <CertField field=Field::HolderId label=CertMsg::HolderIdLabel hint=CertMsg::HolderIdHint value=holder_id problems
                maxlength=MAX_HOLDER_ID_INPUT_CHARS keypad=KeypadLayout::Alnum keypad_open />
        }
        .into_any(),
    }
    };
    let show_verify = move || mode.get() == Mode::Number || chosen.with(Option::is_some);

    view! {
        <section class="page certs" data-read>
            <h1>{i18n.tr(CertMsg::Title)}</h1>
            <p class="hint">{i18n.tr(CertMsg::Intro)}</p>
            <ErrorSummary problems=summary />
            <div class="chips mode-tabs" role="group" aria-label=i18n.tr(CertMsg::ModeLabel)>
                {tab(Mode::Number, "cert-mode-number", CertMsg::ModeNumber)}
                {tab(Mode::Holder, "cert-mode-holder", CertMsg::ModeHolder)}
            </div>
            <form class="card cert-search" novalidate on:submit=move |ev| { ev.prevent_default(); submit_search(); }>
                {fields}
                <div class="btn-row">
                    <button type="submit" class="btn btn-primary" data-testid="cert-submit" disabled=move || search.pending().get()>
                        {move || if search.pending().get() { i18n.t(CertMsg::Searching) } else { i18n.t(CertMsg::Search) }}
                    </button>
                    <CameraScan on_scan />
                </div>
            </form>
            <When when=move || scan_unknown.get()>
                <p class="caveat" role="alert" data-testid="cert-scan-unknown">{i18n.tr(CertMsg::ScanUnrecognized)}</p>
            </When>
            <FailureNotice failed on_retry=retry />
            <When when=show_verify>
                <VerifyCard st problems keypad_open pending=verify.pending() on_submit=Callback::new(move |_| submit_verify()) />
            </When>
            <When when=move || search.pending().get()><Loading /></When>
            {move || results.get().map(|list| view! { <ResultList results=list on_verify=pick /> })}
            <p class="hint privacy-note">{i18n.tr(CertMsg::PrivacyNote)}</p>
        </section>
    }
}
