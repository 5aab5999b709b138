//! The optional call-back number: typed (or keyed in on the on-screen keypad), then shown masked
//! (`138****5678`) with an "edit" button once the field is left with a valid number.

use crate::ui::components::when::When;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use crate::domain::ids::validate_mobile;
use crate::domain::mask::mask_mobile;
use crate::ui::components::keypad::KeypadLayout;

use super::keyed_row::KeyedRow;
use crate::ui::features::reviews::messages::ReviewMsg;
use crate::ui::i18n::use_i18n;

/// Whether `el` matches a CSS selector or is inside an element that does.
fn within(el: Option<web_sys::EventTarget>, selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = el.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    matches!(el.closest(selector), Ok(Some(_)))
}

/// Whether leaving focus now should show the number masked: not when focus moves inside the
/// field (the keypad) or to the submit button (masking would move it under the finger mid-tap),
/// and not when it leaves the "edit" button (which goes away as editing starts).
fn should_mask(ev: &web_sys::FocusEvent) -> bool {
    !within(ev.target(), "[data-testid=review-phone-edit]")
        && !within(
            ev.related_target(),
            ".phone-field, [data-testid=review-submit]",
        )
}

/// The phone input (`review-phone`) or its masked form (`review-phone-masked`).
#[component]
pub fn PhoneField(
    /// The number as typed; page-local, never stored elsewhere.
    value: RwSignal<String>,
    /// Messages about the number from the last submit, already localized.
    #[prop(into)]
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(true);
    // A problem found on leaving the field (before any submit).
    let left_invalid = RwSignal::new(false);
    let input = NodeRef::<Input>::new();
    let leave = move || {
        let v = value.get_untracked();
        if v.trim().is_empty() {
            left_invalid.set(false);
        } else if validate_mobile(&v).is_ok() {
            left_invalid.set(false);
            editing.set(false);
        } else {
            left_invalid.set(true);
        }
    };
    // A server or submit problem re-opens the input.
    Effect::new(move |_| {
        if !errors.with(Vec::is_empty) {
            editing.set(true);
        }
    });
    let shown_errors = move || {
        let mut e = errors.get();
        if e.is_empty() && left_invalid.get() {
            e.push(i18n.t(ReviewMsg::ErrPhoneInvalid).to_string());
        }
        e
    };
    let has_error = move || !shown_errors().is_empty();
    let edit = move |_| {
        editing.set(true);
        request_animation_frame(move || {
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    view! {
        <div class="phone-field" on:focusout=move |ev| {
            if should_mask(&ev) {
                leave();
            }
        }>
            <label for="review-phone">{i18n.tr(ReviewMsg::PhoneLabel)}</label>
            <p class="hint" id="review-phone-hint">{i18n.tr(ReviewMsg::PhoneHint)}</p>
            <Show when=move || editing.get() fallback=move || view! {
                <p class="phone-masked">
                    <span data-testid="review-phone-masked">{move || mask_mobile(&value.get())}</span>
                    <button type="button" class="btn" data-testid="review-phone-edit" on:click=edit>
                        {i18n.tr(ReviewMsg::PhoneEdit)}
                    </button>
                </p>
            }>
                <KeyedRow value layout=KeypadLayout::Phone max_len=11 field_id="review-phone"
                    on_done=Callback::new(move |_| leave())>
                    <input id="review-phone" data-testid="review-phone" type="tel" inputmode="tel" maxlength="20"
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        node_ref=input
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || if has_error() { "review-phone-hint review-phone-error" } else { "review-phone-hint" }
                        prop:value=move || value.get()
                        on:input=move |ev| {
                            value.set(event_target_value(&ev));
                            left_invalid.set(false);
                        }
                        {..custom_attribute("autocorrect", "off")} />
                </KeyedRow>
            </Show>
            <When when=has_error>
                <p class="field-error" data-testid="field-error" id="review-phone-error">{move || shown_errors().join(" ")}</p>
            </When>
        </div>
    }
}
