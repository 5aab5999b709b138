//! `/reviews/new?case=…|window=…|service=…`: the review form. Every answer lives in page-local
//! signals (leaving the page or the idle wipe clears it); the target is only an identifier in
//! the URL. One idempotency key per form: a double tap or a retry never makes two reviews.

use crate::ui::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::client::error::ApiError;
use crate::contract::{ProblemCode, Rating, ReviewRequest};
use crate::domain::review::MAX_COMMENT_CHARS;
use crate::ui::components::error_panel::ErrorMessage;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::features::reviews::context::use_review_context;
use crate::ui::features::reviews::logic::{
    check, counter, messages, new_key, remap_tags, Draft, Slot, Target,
};
use crate::ui::features::reviews::messages::{problem_msg, review_text, ReviewMsg};
use crate::ui::features::reviews::widgets::hall;
use crate::ui::features::reviews::widgets::rating_buttons::RatingButtons;
use crate::ui::features::reviews::widgets::{phone_field::PhoneField, tag_picker::TagPicker};
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::{
    outbox::{submit_or_queue, use_outbox_sender},
    use_backend, use_personal_screen,
};

#[component]
pub fn ReviewForm() -> impl IntoView {
    // The review flow: 1 which service, 2 the rating (and reasons), 3 the receipt.
    crate::ui::kiosk::status::use_flow_step(2, 3);
    use_personal_screen();
    let i18n = use_i18n();
    let backend = use_backend();
    let ctx = use_review_context();
    let navigate = use_navigate();
    let query = use_query_map();
    let target = Memo::new(move |_| {
        query.with(|q| {
            Target::from_query(q.get_str("case"), q.get_str("window"), q.get_str("service"))
        })
    });
    let about = LocalResource::new(move || {
        let t = target.get();
        async move {
            match t {
                Some(t) => hall::describe(backend.get(), ctx, t).await,
                None => Vec::new(),
            }
        }
    });

    let rating = RwSignal::new(None::<Rating>);
    let tags = RwSignal::new(Vec::<String>::new());
    let comment = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let draft = move || Draft {
        rating: rating.get_untracked(),
        tags: tags.get_untracked(),
        comment: comment.get_untracked(),
        phone: phone.get_untracked(),
    };
    // The problems found by the last submit (the client's check or the server's answer); they
    // stay until the next submit, so the summary never moves focus while someone types.
    let problems = RwSignal::new(Vec::<(Slot, ReviewMsg)>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let in_slot = move |slot: Slot| {
        Signal::derive(move || {
            problems.with(|v| {
                v.iter()
                    .filter(|(s, _)| *s == slot)
                    .map(|(_, m)| review_text(*m, i18n.locale()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let summary = Signal::derive(move || {
        problems
            .get()
            .into_iter()
            .map(|(s, m)| (s.anchor().to_string(), review_text(m, i18n.locale())))
            .collect::<Vec<_>>()
    });

    let sender = use_outbox_sender();
    let key = StoredValue::new(new_key());
    let submit = Action::new_local(move |(key, req): &(String, ReviewRequest)| {
        submit_or_queue(sender, key.clone(), req.clone())
    });
    let busy = move || submit.pending().get() || done.get();
    let send = move || {
        if submit.pending().get_untracked() || done.get_untracked() {
            return;
        }
        failure.set(None);
        match check(target.get_untracked().as_ref(), &draft()) {
            Ok(req) => {
                problems.set(vec![]);
                submit.dispatch((key.get_value(), req));
            }
            Err(found) => problems.set(found),
        }
    };
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(receipt)) => {
            done.set(true);
            ctx.last_receipt.set(Some(receipt));
            navigate(
                "/reviews/receipt",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
        Some(Err(ApiError::Problem(p))) if !p.fields.is_empty() => {
            problems.set(messages(&p.fields))
        }
        Some(Err(ApiError::Problem(p))) if p.code == ProblemCode::CaseReviewLimit => {
            problems.set(vec![(Slot::Target, problem_msg(p.code))])
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });

    let field_error = move |slot: Slot| {
        let msgs = in_slot(slot);
        view! {
            <When when=move || !msgs.with(Vec::is_empty)>
                <p class="field-error" data-testid="field-error" id=format!("{}-error", slot.anchor())>{move || msgs.get().join(" ")}</p>
            </When>
        }
    };
    view! {
        <section class="page review-form" data-read>
            <h1>{i18n.tr(ReviewMsg::Title)}</h1>
            <ErrorSummary problems=summary />
            <div class="card review-target" id="review-target" tabindex="-1" data-testid="review-target">
                <Show when=move || target.with(Option::is_some) fallback=move || view! {
                    <p class="field-error" data-testid="field-error">{i18n.tr(ReviewMsg::TargetMissing)}</p>
                }>
                    <h2>{i18n.tr(ReviewMsg::Target)}</h2>
                    <Transition>
                        <dl class="kv">
                            {move || about.get().unwrap_or_default().into_iter().map(|(kind, name)| view! {
                                <dt>{i18n.tr(kind)}</dt><dd>{name}</dd>
                            }).collect_view()}
                        </dl>
                    </Transition>
                </Show>
                {field_error(Slot::Target)}
                <A href="/reviews" attr:class="link-back">{i18n.tr(ReviewMsg::BackToReviews)}</A>
            </div>
            <form novalidate on:submit=move |ev| { ev.prevent_default(); send(); }>
                <h2 id="review-rating-label">{i18n.tr(ReviewMsg::ChooseLevel)}</h2>
                <RatingButtons selected=rating invalid=Signal::derive(move || !in_slot(Slot::Rating).with(Vec::is_empty))
                    on_change=move |r| tags.update(|t| *t = remap_tags(t, r)) />
                {field_error(Slot::Rating)}
                <TagPicker rating=rating selected=tags errors=in_slot(Slot::Tags) />
                <label for="review-comment">{i18n.tr(ReviewMsg::CommentLabel)}</label>
                <p class="hint" id="review-comment-hint">{i18n.tr(ReviewMsg::CommentHint)}</p>
                <textarea id="review-comment" data-testid="review-comment" maxlength=MAX_COMMENT_CHARS rows="4"
                    aria-describedby="review-comment-hint review-comment-counter"
                    aria-invalid=move || (!in_slot(Slot::Comment).with(Vec::is_empty)).then_some("true")
                    prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                <p class="counter" id="review-comment-counter" data-testid="review-comment-counter">{move || counter(&comment.get())}</p>
                {field_error(Slot::Comment)}
                <PhoneField value=phone errors=in_slot(Slot::Phone) />
                <p class="hint privacy" data-testid="review-privacy">{i18n.tr(ReviewMsg::Privacy)}</p>
                {move || failure.get().map(|e| view! { <ErrorMessage error=e on_retry=move |_| send() /> })}
                <div class="btn-row">
                    <button type="submit" class="btn btn-primary btn-huge" data-testid="review-submit"
                        disabled=busy aria-busy=move || busy().to_string()>
                        {move || if submit.pending().get() { i18n.t(ReviewMsg::Submitting) } else { i18n.t(ReviewMsg::Submit) }}
                    </button>
                </div>
            </form>
        </section>
    }
}
