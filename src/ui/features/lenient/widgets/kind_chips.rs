//! The list-kind filter: an "all" chip and one chip per list kind, each with its count.

use leptos::prelude::*;

use crate::contract::ListKind;
use crate::ui::features::lenient::messages::kind_short;
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::i18n::use_i18n;

/// Toggle buttons (`aria-pressed`) for the list kinds; `data-testid="lenient-kind"`,
/// `data-kind` = [`ListKind::as_str`] or `all`.
#[component]
pub fn KindChips(
    /// The kinds to offer with the number of results each would show, in display order.
    #[prop(into)]
    kinds: Signal<Vec<(ListKind, usize)>>,
    /// Number of results over all kinds (shown on the "all" chip).
    #[prop(into)]
    total: Signal<usize>,
    /// The kind selected now; `None` = all.
    #[prop(into)]
    selected: Signal<Option<ListKind>>,
    /// Called with the kind the user picked (`None` = all).
    #[prop(into)]
    on_select: Callback<Option<ListKind>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chip = move |kind: Option<ListKind>, n: usize| {
        let pressed = move || (selected.get() == kind).to_string();
        let code = kind.map(|k| k.as_str()).unwrap_or("all");
        let label = move || match kind {
            Some(k) => i18n.t(kind_short(k)),
            None => i18n.t(LenientMsg::KindAll),
        };
        view! {
            <button type="button" class="chip" data-testid="lenient-kind" data-kind=code
                aria-pressed=pressed on:click=move |_| on_select.run(kind)>
                {label} <span class="chip-count">{n}</span>
            </button>
        }
    };
    view! {
        <div class="chips" role="group" aria-label=i18n.tr(LenientMsg::FilterKind)>
            {move || chip(None, total.get())}
            {move || kinds.get().into_iter().map(|(k, n)| chip(Some(k), n)).collect_view()}
        </div>
    }
}
