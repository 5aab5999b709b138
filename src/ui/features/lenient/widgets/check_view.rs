//! The self-check screens: the current question, or the verdict.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::contract::LenientEntry;
use crate::domain::eligibility::{Fact, SelfCheck, Step, Verdict};
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::messages::{
    cond_state_text, fact_short, hint_is_examples, is_exempt, next_step_text, notice_text,
    progress_text, question_hint, question_text, verdict_text, wording_text,
};
use crate::ui::features::lenient::state::{applies_here, item_href};
use crate::ui::i18n::use_i18n;
use crate::ui::kiosk::status::use_status_band;
use crate::ui::kiosk::use_config;

/// Moves focus to a new screen's heading once it is mounted, when `armed` (after an answer,
/// back or restart; not on arrival), so keyboard and screen-reader users land on the new
/// question rather than on the body. Runs as an effect: before the next input event.
fn focus_when_mounted(heading: NodeRef<leptos::html::H2>, armed: StoredValue<bool>) {
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if armed.get_value() {
                armed.set_value(false);
                let _ = h.focus();
            }
        }
    });
}

/// The whole flow for one entry.
#[component]
pub fn CheckFlow(
    /// The entry the user checks.
    entry: LenientEntry,
) -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let check = RwSignal::new(SelfCheck::new(&entry));
    // The status band shows the question as a step ("第2步/共4步"), cleared on leaving.
    let band = use_status_band();
    on_cleanup(move || {
        let _ = band.step.try_set(None);
    });
    let entry_href = item_href(&entry.id);
    let watermark = cfg.is_demo() || entry.synthetic;
    let not_here = !applies_here(&entry, &cfg.with(|c| c.region_code.clone()));
    let title = entry.title.clone();
    let conditions = entry.conditions.clone();
    let entry = StoredValue::new(entry);
    let navigate = use_navigate();
    let refocus = StoredValue::new(false);

    let answer = move |yes: bool| {
        refocus.set_value(true);
        check.update(|c| c.answer(yes));
    };
    let back = {
        let entry_href = entry_href.clone();
        move |_| {
            refocus.set_value(true);
            if !check.try_update(|c| c.back()).unwrap_or(false) {
                navigate(&entry_href, Default::default());
            }
        }
    };
    let restart = move |_| {
        refocus.set_value(true);
        entry.with_value(|e| check.set(SelfCheck::new(e)));
    };

    let question = move |fact: Fact| {
        let (answered, at_most) = check.with_untracked(SelfCheck::progress);
        band.step.set(Some((answered as u32 + 1, at_most as u32)));
        let q = move || {
            let l = i18n.locale();
            entry.with_value(|e| {
                check.with_untracked(|c| question_text(fact, c.requirements(), &e.thresholds, l))
            })
        };
        let hint =
            move || check.with_untracked(|c| question_hint(fact, c.requirements(), i18n.locale()));
        let heading = NodeRef::new();
        focus_when_mounted(heading, refocus);
        view! {
            <div class="check-question" data-testid="eligibility-question" data-question=fact.as_str()
                data-condition=fact.condition().map(|i| i.to_string())>
                <p class="check-progress" data-testid="eligibility-progress">
                    {move || progress_text(i18n.locale(), answered + 1, at_most)}
                    <progress aria-label=i18n.tr(LenientMsg::Progress) max=at_most.to_string() value=(answered + 1).to_string()></progress>
                </p>
                <h2 id="check-heading" tabindex="-1" class="check-q" node_ref=heading>{q}</h2>
                {move || hint().map(|h| view! {
                    <p class="hint check-hint">
                        {hint_is_examples(fact).then(|| i18n.t(LenientMsg::Examples))}
                        {h}
                    </p>
                })}
                <div class="answer-row">
                    <button type="button" class="btn btn-primary btn-huge" data-testid="eligibility-yes"
                        on:click=move |_| answer(true)>{i18n.tr(LenientMsg::Yes)}</button>
                    <button type="button" class="btn btn-huge" data-testid="eligibility-no"
                        on:click=move |_| answer(false)>{i18n.tr(LenientMsg::No)}</button>
                </div>
            </div>
        }
    };

    let result = {
        let entry_href = entry_href.clone();
        move |v: Verdict| {
            band.step.set(None);
            let answers = check.with_untracked(|c| c.answered().to_vec());
            let decisive: Vec<(Fact, bool)> = v
                .decisive
                .iter()
                .filter_map(|f| answers.iter().find(|(a, _)| a == f).copied())
                .collect();
            let exempt = is_exempt(v.outcome);
            let (article, article_en) = (v.article.clone(), v.article_en.clone());
            let heading = NodeRef::new();
            focus_when_mounted(heading, refocus);
            let statement = {
                let v = v.clone();
                move || verdict_text(&v, i18n.locale())
            };
            let then = v.then;
            let notices = v.notices.clone();
            view! {
                <div class=if exempt { "check-result card result-good" } else { "check-result card" }
                    data-testid="eligibility-result" data-outcome=v.outcome.as_str()
                    data-by-list=if v.by_list { "true" } else { "false" }>
                    <h2 id="check-heading" tabindex="-1" node_ref=heading>{i18n.tr(LenientMsg::ResultTitle)}</h2>
                    <p class="outcome-text" data-testid="eligibility-outcome-text">{statement}</p>
                    {then.map(|w| view! {
                        <p class="outcome-then">{i18n.tr(LenientMsg::WThenPrefix)} {move || i18n.t(wording_text(w))}</p>
                    })}
                    {notices.into_iter().map(|n| view! {
                        <p class="notice" data-testid="eligibility-notice">{move || i18n.t(notice_text(n))}</p>
                    }).collect_view()}
                    <dl class="kv">
                        <dt>{i18n.tr(LenientMsg::LegalBasis)}</dt>
                        <dd data-testid="eligibility-article">{move || i18n.pick(&article, &article_en).to_string()}</dd>
                    </dl>
                    <h3>{i18n.tr(LenientMsg::NextSteps)}</h3>
                    <ul class="next-steps" data-testid="eligibility-next">
                        {v.next.iter().map(|n| { let n = *n; view! { <li>{move || i18n.t(next_step_text(n))}</li> } }).collect_view()}
                    </ul>
                    {(!decisive.is_empty()).then(|| view! {
                        <h3>{i18n.tr(LenientMsg::YourAnswers)}</h3>
                        <ul class="decisive">
                            {decisive.into_iter().map(|(f, yes)| {
                                // A condition of the entry is named by its own words.
                                let own = f.condition().and_then(|i| entry.with_value(|e| e.conditions.get(i).cloned()));
                                view! {
                                    <li>{move || own.clone().unwrap_or_else(|| i18n.t(fact_short(f)).to_string())} "："
                                        {move || if yes { i18n.t(LenientMsg::Yes) } else { i18n.t(LenientMsg::No) }}</li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                    <p class="caveat" data-testid="eligibility-caveat">{i18n.tr(LenientMsg::Caveat)}</p>
                    <div class="btn-row">
                        <button type="button" class="btn btn-primary" data-testid="eligibility-restart" on:click=restart>
                            {i18n.tr(LenientMsg::Restart)}
                        </button>
                        <A href=entry_href.clone() attr:class="btn" attr:data-testid="eligibility-to-entry">
                            {i18n.tr(LenientMsg::BackToEntry)}
                        </A>
                    </div>
                </div>
            }
        }
    };

    view! {
        <p class="check-entry wrap-anywhere">{title}</p>
        {not_here.then(|| view! {
            <p class="notice not-here" role="alert" data-testid="eligibility-not-here">{i18n.tr(LenientMsg::CheckNotHere)}</p>
        })}
        {watermark.then(|| view! {
            <p class="watermark" data-testid="lenient-watermark">{i18n.tr(LenientMsg::DemoData)}</p>
        })}
        {(!conditions.is_empty()).then(|| view! {
            <section class="check-conditions card" data-testid="eligibility-conditions">
                <h3>{i18n.tr(LenientMsg::ConditionsChecked)}</h3>
                <ol>
                    {conditions.into_iter().enumerate().map(|(i, text)| {
                        let state = move || {
                            check.with(|c| c.condition_states().get(i).copied())
                                .unwrap_or(crate::domain::eligibility::CondState::Open)
                        };
                        view! {
                            <li data-testid="eligibility-condition" data-condition=i.to_string()
                                data-state=move || state().as_str()>
                                <span class="cond-mark" aria-hidden="true">{move || match state() {
                                    crate::domain::eligibility::CondState::Met => "✓",
                                    crate::domain::eligibility::CondState::Unmet => "✗",
                                    crate::domain::eligibility::CondState::Pending => "…",
                                    crate::domain::eligibility::CondState::Open => "○",
                                }}</span>
                                " " {text} " "
                                <span class="cond-state">"（" {move || i18n.t(cond_state_text(state()))} "）"</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        })}
        {move || match check.with(SelfCheck::step) {
            Step::Ask(fact) => question(fact).into_any(),
            Step::Done(v) => result.clone()(v).into_any(),
        }}
        <button type="button" class="btn link-back" data-testid="eligibility-back" on:click=back>
            "← " {i18n.tr(LenientMsg::BackOne)}
        </button>
    }
}
