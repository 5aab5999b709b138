//! The error summary at the top of a form: a heading and one button per problem that moves
//! focus to its field. It takes focus itself when problems appear, so a screen reader announces
//! them and a kiosk user sees them.

use crate::ui::components::when::When;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::i18n::{use_i18n, ShellMsg};

/// Moves focus to the element with this id (and scrolls it into view).
pub fn focus_by_id(id: &str) {
    let el = document().get_element_by_id(id);
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A summary of a form's problems.
#[component]
pub fn ErrorSummary(
    /// (field element id, message) pairs; renders nothing when empty.
    #[prop(into)]
    problems: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<html::Section>::new();
    // Focus the summary whenever a new set of problems is shown.
    Effect::new(move |_| {
        let shown = problems.with(|p| !p.is_empty());
        if let (true, Some(el)) = (shown, node.get()) {
            let _ = el.focus();
        }
    });
    view! {
        <When when=move || problems.with(|p| !p.is_empty())>
            <section class="error-summary" data-testid="error-summary" role="alert" tabindex="-1"
                aria-labelledby="error-summary-title" node_ref=node>
                <h2 id="error-summary-title">{i18n.tr(ShellMsg::FixErrors)}</h2>
                <ul class="error-summary-list">
                    {move || problems.get().into_iter().map(|(id, msg)| {
                        let target = id.clone();
                        view! {
                            <li>
                                <button type="button" class="error-summary-link" data-field=id
                                    on:click=move |_| focus_by_id(&target)>{msg}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </When>
    }
}
