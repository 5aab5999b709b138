//! `/reviews`: choose what to rate — a case (办件编号 typed, keyed in or scanned from the case
//! slip's QR code), a window or a service — and the links to the status look-up and statistics.

use crate::ui::components::when::When;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::client::error::ApiError;
use crate::domain::review::validate_case_no;
use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::components::keypad::KeypadLayout;
use crate::ui::components::loading::Loading;
use crate::ui::features::reviews::messages::{review_text, ReviewMsg};
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::scanner::use_scan_inbox;
use crate::ui::kiosk::use_backend;

use crate::ui::features::reviews::context::use_review_context;
use crate::ui::features::reviews::logic::Target;
use crate::ui::features::reviews::widgets::{hall, keyed_row::KeyedRow};

/// A `<select>` of (id, label) options with a start button that opens the form.
#[component]
fn TargetPicker(
    /// `data-testid` of the select (`review-window` / `review-service`).
    testid: &'static str,
    /// Heading and label.
    heading: ReviewMsg,
    label: ReviewMsg,
    /// (id, label) options.
    options: Vec<(String, String)>,
    /// Makes the form target from the chosen id.
    to_target: fn(String) -> Target,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let chosen = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let go = move |_| {
        let id = chosen.get_untracked();
        if id.is_empty() {
            missing.set(true);
        } else {
            navigate(&to_target(id).form_href(), Default::default());
        }
    };
    let sel_id = format!("{testid}-select");
    let err_id = format!("{testid}-error");
    view! {
        <div class="card">
            <h2>{i18n.tr(heading)}</h2>
            <label for=sel_id.clone()>{i18n.tr(label)}</label>
            <select id=sel_id data-testid=testid aria-describedby=err_id.clone()
                on:change=move |ev| { chosen.set(event_target_value(&ev)); missing.set(false); }>
                <option value="">{i18n.tr(ReviewMsg::ChoosePlaceholder)}</option>
                {options.into_iter().map(|(id, text)| view! { <option value=id>{text}</option> }).collect_view()}
            </select>
            <When when=move || missing.get()>
                <p class="field-error" data-testid="field-error" id=err_id.clone()>{i18n.tr(ReviewMsg::ChooseFirst)}</p>
            </When>
            <div class="btn-row">
                <button type="button" class="btn btn-primary" data-testid=format!("{testid}-go") on:click=go>
                    {i18n.tr(ReviewMsg::StartReview)}
                </button>
            </div>
        </div>
    }
}

#[component]
pub fn ReviewsHome() -> impl IntoView {
    // The review flow: 1 which service, 2 the rating (and reasons), 3 the receipt.
    crate::ui::kiosk::status::use_flow_step(1, 3);
    let i18n = use_i18n();
    let backend = use_backend();
    let navigate = use_navigate();
    let case = RwSignal::new(String::new());
    let case_err = RwSignal::new(None::<ReviewMsg>);
    let lookup = Action::new_local(move |no: &String| {
        let (b, no) = (backend.get(), no.clone());
        async move { b.case_info(no.clone()).await.map(|_| no) }
    });
    let start_case = move || {
        if lookup.pending().get_untracked() {
            return;
        }
        match validate_case_no(&case.get_untracked()) {
            Ok(no) => {
                case_err.set(None);
                lookup.dispatch(no);
            }
            Err(_) => case_err.set(Some(ReviewMsg::CaseInvalid)),
        }
    };
    Effect::new(move |_| match lookup.value().get() {
        Some(Ok(no)) => navigate(&Target::Case(no).form_href(), Default::default()),
        Some(Err(e)) if e.status() == Some(404) => case_err.set(Some(ReviewMsg::CaseNotFound)),
        Some(Err(_)) => case_err.set(Some(ReviewMsg::CaseCheckFailed)),
        None => {}
    });
    // A hardware scanner reading the case slip's QR code with nothing focused types the case
    // number; the shell hands it over (see `kiosk::scanner`), now or while this screen is shown.
    let inbox = use_scan_inbox();
    Effect::new(move |_| {
        if let Some(no) = inbox.take_case_no() {
            case.set(no);
            case_err.set(None);
            start_case();
        }
    });

    let review_ctx = use_review_context();
    let lists = LocalResource::new(move || {
        let b = backend.get();
        async move {
            let w = hall::windows(b.clone(), review_ctx).await?;
            let s = hall::services(b, review_ctx).await?;
            Ok::<_, ApiError>((w, s))
        }
    });
    view! {
        <section class="page reviews-home" data-read>
            <h1>{i18n.tr(ReviewMsg::Title)}</h1>
            <p class="hint">{i18n.tr(ReviewMsg::Intro)}</p>
            <form class="card" novalidate on:submit=move |ev| { ev.prevent_default(); start_case(); }>
                <h2>{i18n.tr(ReviewMsg::ByCase)}</h2>
                <label for="review-case">{i18n.tr(ReviewMsg::CaseLabel)}</label>
                <p class="hint" id="review-case-hint">{i18n.tr(ReviewMsg::CaseHint)}</p>
                <KeyedRow value=case layout=KeypadLayout::Alnum max_len=50 field_id="review-case"
                    on_done=Callback::new(move |_| start_case())>
                    <input id="review-case" data-testid="review-case" type="text" maxlength="50"
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        aria-describedby="review-case-hint review-case-error"
                        aria-invalid=move || case_err.get().is_some().then_some("true")
                        prop:value=move || case.get() on:input=move |ev| { case.set(event_target_value(&ev)); case_err.set(None); } {..custom_attribute("autocorrect", "off")} />
                </KeyedRow>
                <When when=move || case_err.get().is_some()>
                    <p class="field-error" data-testid="field-error" id="review-case-error" role="alert">
                        {move || case_err.get().map(|m| review_text(m, i18n.locale()))}
                    </p>
                </When>
                <div class="btn-row">
                    <button type="submit" class="btn btn-primary" data-testid="review-case-submit"
                        disabled=move || lookup.pending().get()>{i18n.tr(ReviewMsg::CaseGo)}</button>
                </div>
            </form>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=move |_| lists.refetch() /> }>
                    {move || Suspend::new(async move {
                        let (w, s) = lists.await?;
                        let windows = w.iter().map(|w| (w.id.clone(), w.name.clone())).collect();
                        let services = s.iter().map(|s| {
                            let text = if s.department.is_empty() { s.name.clone() } else { format!("{}（{}）", s.name, s.department) };
                            (s.id.clone(), text)
                        }).collect();
                        Ok::<_, ApiError>(view! {
                            <TargetPicker testid="review-window" heading=ReviewMsg::ByWindow label=ReviewMsg::WindowLabel options=windows to_target=Target::Window />
                            <TargetPicker testid="review-service" heading=ReviewMsg::ByService label=ReviewMsg::ServiceLabel options=services to_target=Target::Service />
                        })
                    })}
                </ErrorBoundary>
            </Transition>
            <div class="btn-row">
                <A href="/reviews/status" attr:class="btn" attr:data-testid="review-to-status">{i18n.tr(ReviewMsg::ToStatus)}</A>
                <A href="/reviews/stats" attr:class="btn" attr:data-testid="review-to-stats">{i18n.tr(ReviewMsg::ToStats)}</A>
            </div>
        </section>
    }
}
