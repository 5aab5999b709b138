//! The domain filter of the list page: an "all fields" chip and one chip per domain with its
//! count (from [`domain_chips`](crate::ui::features::lenient::state::domain_chips), so they
//! follow the region switch), in a row that scrolls sideways and keeps the selected chip in
//! view.

use leptos::prelude::*;

use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::state::DomainChip;
use crate::ui::i18n::{use_i18n, Locale, Msg};

/// Toggle buttons (`aria-pressed`) for the domains; `data-testid="lenient-domain-chip"`,
/// `data-domain` = the domain code or `all`, `data-count` = the domain's entries.
#[component]
pub fn DomainChips(
    /// The domains to offer with their counts, in display order.
    #[prop(into)]
    chips: Signal<Vec<DomainChip>>,
    /// The domain selected now; `None` = all.
    #[prop(into)]
    selected: Signal<Option<String>>,
    /// Called with the domain the user picked (`None` = all).
    on_select: Callback<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let row = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        selected.track();
        request_animation_frame(move || {
            let Some(row) = row.get_untracked() else {
                return;
            };
            if let Ok(Some(chip)) = row.query_selector("[aria-pressed=\"true\"]") {
                if let Ok(chip) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(chip) {
                    row.set_scroll_left((chip.offset_left() - row.offset_left() - 16).max(0));
                }
            }
        });
    });
    let chip = move |code: Option<String>, zh: String, en: String, count: Option<usize>| {
        let pressed = {
            let code = code.clone();
            move || selected.with(|d| *d == code).to_string()
        };
        let testid_code = code.clone().unwrap_or_else(|| "all".into());
        view! {
            <button type="button" class="chip" data-testid="lenient-domain-chip" data-domain=testid_code
                data-count=count.map(|n| n.to_string())
                aria-pressed=pressed on:click=move |_| on_select.run(code.clone())>
                {move || i18n.pick(&zh, &en).to_string()}
                {count.map(|n| view! { <span class="chip-count">{n}</span> })}
            </button>
        }
    };
    let all = chip(
        None,
        LenientMsg::AllDomains.text(Locale::ZhCn).to_string(),
        LenientMsg::AllDomains.text(Locale::En).to_string(),
        None,
    );
    view! {
        <div class="chips chips-scroll" role="group" node_ref=row aria-label=i18n.tr(LenientMsg::FilterDomain)>
            {all}
            {move || chips.get().into_iter()
                .map(|c| chip(Some(c.domain.code), c.domain.name_zh, c.domain.name_en, Some(c.count)))
                .collect_view()}
        </div>
    }
}
