//! `/reviews/status` and `/reviews/status/:no`: how a review is being handled, opened with the
//! review number and the check code (or the last 4 digits of the phone left with it).

use crate::ui::components::when::When;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos_router::hooks::use_url;

use crate::contract::ReviewStatus;
use crate::ui::components::error_panel::ErrorMessage;
use crate::ui::components::keypad::KeypadLayout;
use crate::ui::features::reviews::logic::{check_lookup, format_time, LookupProblem};
use crate::ui::features::reviews::messages::{rating_msg, state_msg, ReviewMsg};
use crate::ui::features::reviews::routes::case_no;
use crate::ui::features::reviews::widgets::keyed_row::KeyedRow;
use crate::ui::features::reviews::widgets::rating_buttons::star_glyphs;
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::{use_backend, use_personal_screen};

/// The result panel.
#[component]
fn StatusView(
    /// The status returned by the backend.
    s: ReviewStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    let (state, rating) = (s.state, s.rating);
    let history = s
        .history
        .into_iter()
        .map(|e| {
            let st = e.state;
            view! {
                <li data-testid="review-history-item" data-state=st.as_str()>
                    <span class="item-meta">{format_time(&e.at)}</span> " "
                    <strong>{move || i18n.t(state_msg(st))}</strong>
                    {(!e.note.is_empty()).then(|| view! { <span class="history-note">" — " {e.note}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="card" data-testid="review-status" data-state=state.as_str() role="status">
            <dl class="kv">
                <dt>{i18n.tr(ReviewMsg::ReviewNo)}</dt><dd>{s.review_no}</dd>
                <dt>{i18n.tr(ReviewMsg::Level)}</dt>
                <dd>{move || i18n.t(rating_msg(rating))} " " <span aria-hidden="true">{star_glyphs(rating)}</span></dd>
                <dt>{i18n.tr(ReviewMsg::Status)}</dt>
                <dd><span class="badge badge-state" data-testid="review-state">{move || i18n.t(state_msg(state))}</span></dd>
                {s.due_by.map(|d| view! { <dt>{i18n.tr(ReviewMsg::DueBy)}</dt><dd data-testid="review-due">{d}</dd> })}
            </dl>
            <h2>{i18n.tr(ReviewMsg::History)}</h2>
            <ol class="list history">{history}</ol>
        </div>
    }
}

#[component]
pub fn ReviewLookup() -> impl IntoView {
    use_personal_screen();
    let i18n = use_i18n();
    let backend = use_backend();
    let no = RwSignal::new(
        use_url()
            .with_untracked(|u| case_no(u.path()))
            .unwrap_or_default(),
    );
    let check = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<LookupProblem>);
    let lookup = Action::new_local(move |(no, check): &(String, String)| {
        let (b, no, check) = (backend.get(), no.clone(), check.clone());
        async move { b.review_status(no, check).await }
    });
    let submit = move || {
        if lookup.pending().get_untracked() {
            return;
        }
        match check_lookup(&no.get_untracked(), &check.get_untracked()) {
            Ok(input) => {
                problem.set(None);
                lookup.dispatch(input);
            }
            Err(p) => {
                problem.set(Some(p));
                lookup.clear();
            }
        }
    };
    let no_msg = move || match problem.get() {
        Some(LookupProblem::BadNumber) => Some(ReviewMsg::LookupNoInvalid),
        Some(LookupProblem::LocalNumber) => Some(ReviewMsg::LookupLocalNo),
        _ => None,
    };
    let check_msg = move || {
        (problem.get() == Some(LookupProblem::BadCheck)).then_some(ReviewMsg::LookupCheckInvalid)
    };
    let result = move || {
        lookup.value().get().map(|r| match r {
            Ok(s) => view! { <StatusView s /> }.into_any(),
            Err(e) if e.status() == Some(404) => view! {
                <p class="field-error error-panel" data-testid="review-not-found" role="alert">{i18n.tr(ReviewMsg::LookupNotFound)}</p>
            }
            .into_any(),
            Err(e) => view! { <ErrorMessage error=e on_retry=move |_| submit() /> }.into_any(),
        })
    };
    let input = move |id: &'static str, value: RwSignal<String>, msg: Signal<Option<ReviewMsg>>| {
        let err_id = format!("{id}-error");
        let described = format!("{id}-hint {err_id}");
        view! {
            <KeyedRow value layout=KeypadLayout::Alnum max_len=24 field_id=id>
                <input id=id data-testid=id type="text" maxlength="24"
                    autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || msg.get().is_some().then_some("true")
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) {..custom_attribute("autocorrect", "off")} />
            </KeyedRow>
            <When when=move || msg.get().is_some()>
                <p class="field-error" data-testid="field-error" id=err_id.clone()>{move || msg.get().map(|m| i18n.t(m))}</p>
            </When>
        }
    };
    view! {
        <section class="page review-lookup" data-read>
            <h1>{i18n.tr(ReviewMsg::LookupTitle)}</h1>
            <form class="card" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <label for="review-lookup-no">{i18n.tr(ReviewMsg::LookupNo)}</label>
                <p class="hint" id="review-lookup-no-hint">{i18n.tr(ReviewMsg::LookupNoHint)}</p>
                {input("review-lookup-no", no, Signal::derive(no_msg))}
                <label for="review-lookup-check">{i18n.tr(ReviewMsg::LookupCheck)}</label>
                <p class="hint" id="review-lookup-check-hint">{i18n.tr(ReviewMsg::LookupCheckHint)}</p>
                {input("review-lookup-check", check, Signal::derive(check_msg))}
                <div class="btn-row">
                    <button type="submit" class="btn btn-primary" data-testid="review-lookup-submit"
                        disabled=move || lookup.pending().get()>{i18n.tr(ReviewMsg::LookupSubmit)}</button>
                </div>
            </form>
            {result}
        </section>
    }
}
