//! The reasons (测评内容) offered for the chosen level, as toggle buttons.

use crate::ui::components::when::When;
use leptos::prelude::*;

use crate::contract::Rating;
use crate::domain::review::tags_for;
use crate::ui::features::reviews::messages::ReviewMsg;
use crate::ui::i18n::use_i18n;

/// The heading above the reasons of a level: for a 差评 it says plainly that a reason (or text)
/// is required.
pub fn heading(r: Rating) -> ReviewMsg {
    match r {
        r if r.is_bad() => ReviewMsg::ReasonsBad,
        Rating::BasicallySatisfied => ReviewMsg::ReasonsNeutral,
        _ => ReviewMsg::ReasonsGood,
    }
}

/// Shown once a level is chosen. Each reason is a `review-reason` button with `data-code`.
#[component]
pub fn TagPicker(
    /// The chosen level (nothing is shown before one is chosen).
    #[prop(into)]
    rating: Signal<Option<Rating>>,
    /// The chosen reason codes.
    selected: RwSignal<Vec<String>>,
    /// Messages about the reasons, already localized.
    #[prop(into)]
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toggle = move |code: &'static str| {
        selected.update(|v| match v.iter().position(|c| c == code) {
            Some(i) => {
                v.remove(i);
            }
            None => v.push(code.to_string()),
        })
    };
    move || {
        let r = rating.get()?;
        let chips = tags_for(r)
            .iter()
            .map(|t| {
                let code = t.code;
                let pressed = move || selected.with(|v| v.iter().any(|c| c == code)).to_string();
                view! {
                    <button type="button" class="chip" data-testid="review-reason" data-code=code
                        aria-pressed=pressed on:click=move |_| toggle(code)>
                        {move || i18n.pick(t.zh, t.en).to_string()}
                    </button>
                }
            })
            .collect_view();
        let bad = r.is_bad();
        Some(view! {
            <fieldset class=if bad { "reasons reasons-required" } else { "reasons" } id="review-reasons" tabindex="-1"
                aria-describedby=move || (!errors.with(Vec::is_empty)).then_some("review-reasons-error")>
                <legend>{move || i18n.t(heading(r))}</legend>
                <div class="chips">{chips}</div>
                <When when=move || !errors.with(Vec::is_empty)>
                    <p class="field-error" data-testid="field-error" id="review-reasons-error">
                        {move || errors.get().join(" ")}
                    </p>
                </When>
            </fieldset>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_levels_say_a_reason_is_required() {
        assert_eq!(heading(Rating::Dissatisfied), ReviewMsg::ReasonsBad);
        assert_eq!(heading(Rating::VeryDissatisfied), ReviewMsg::ReasonsBad);
        assert_eq!(
            heading(Rating::BasicallySatisfied),
            ReviewMsg::ReasonsNeutral
        );
        assert_eq!(heading(Rating::VerySatisfied), ReviewMsg::ReasonsGood);
    }
}
