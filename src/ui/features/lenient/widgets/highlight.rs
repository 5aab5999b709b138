//! A title with the matched characters wrapped in `<mark>`: text nodes only, never HTML.

use leptos::prelude::*;

use crate::domain::search::highlight;

/// Renders `text` with the char ranges in `marks` highlighted.
#[component]
pub fn Highlight(
    /// The text to show (rendered as text, never parsed as HTML).
    text: String,
    /// Matched char ranges `[start, end)` from [`crate::domain::search::Hit::marks`]; may be
    /// empty, unsorted or out of range.
    #[prop(optional)]
    marks: Vec<(usize, usize)>,
) -> impl IntoView {
    if marks.is_empty() {
        return text.into_any();
    }
    highlight(&text, &marks)
        .into_iter()
        .map(|(run, on)| {
            if on {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}
