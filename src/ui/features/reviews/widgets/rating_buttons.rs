//! The five 好差评 levels as large toggle buttons: text and stars (never colour alone), none
//! preselected.

use leptos::prelude::*;

use crate::contract::Rating;
use crate::ui::features::reviews::messages::{rating_msg, ReviewMsg};
use crate::ui::i18n::use_i18n;

/// `★★★☆☆`: the level's stars filled, the rest hollow (five glyphs; none for unknown).
pub fn star_glyphs(r: Rating) -> String {
    let n = usize::from(r.stars());
    if n == 0 {
        return String::new();
    }
    "★".repeat(n) + &"☆".repeat(5 - n)
}

/// The five levels, best first. Each button carries `data-testid="review-rating"`,
/// `data-rating` (the named value) and `aria-pressed`.
#[component]
pub fn RatingButtons(
    /// The chosen level; `None` until the user picks one.
    selected: RwSignal<Option<Rating>>,
    /// Marks the group invalid (the form reported "choose a level"); the message is expected
    /// in an element with id `review-rating-error`.
    #[prop(into)]
    invalid: Signal<bool>,
    /// Called with the new level after each choice.
    #[prop(into)]
    on_change: Callback<Rating>,
) -> impl IntoView {
    let i18n = use_i18n();
    let buttons = Rating::ALL
        .into_iter()
        .map(|r| {
            let pressed = move || selected.get() == Some(r);
            let label = move || {
                format!(
                    "{} {}{}",
                    i18n.t(rating_msg(r)),
                    r.stars(),
                    i18n.t(ReviewMsg::StarsSuffix)
                )
            };
            let class = if r.is_bad() {
                "btn rating-btn rating-bad"
            } else {
                "btn rating-btn"
            };
            view! {
                <button type="button" class=class data-testid="review-rating" data-rating=r.as_str()
                    aria-pressed=move || pressed().to_string() aria-label=label
                    on:click=move |_| {
                        selected.set(Some(r));
                        on_change.run(r);
                    }>
                    <span class="rating-text">{move || i18n.t(rating_msg(r))}</span>
                    <span class="rating-stars" aria-hidden="true">{star_glyphs(r)}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div role="group" id="review-rating-group" tabindex="-1" aria-labelledby="review-rating-label"
            class=move || if invalid.get() { "rating-buttons invalid" } else { "rating-buttons" }
            aria-describedby=move || invalid.get().then_some("review-rating-error")>
            {buttons}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_run_five_to_one() {
        let all: Vec<String> = Rating::ALL.into_iter().map(star_glyphs).collect();
        assert_eq!(all, ["★★★★★", "★★★★☆", "★★★☆☆", "★★☆☆☆", "★☆☆☆☆"]);
        assert_eq!(star_glyphs(Rating::Unknown), "");
    }
}
