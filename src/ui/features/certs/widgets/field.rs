//! One text field of the certificates screen: label, hint, input (no autocomplete, autocorrect
//! or spell check), the message of its problem, and a keypad toggle on kiosks.

use leptos::prelude::*;

use crate::ui::components::error_summary::focus_by_id;
use crate::ui::components::keypad::{Keypad, KeypadLayout};
use crate::ui::features::certs::form::{Field, Problems};
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::i18n::use_i18n;

/// A labelled input bound to `value`.
#[component]
pub fn CertField(
    /// Which field this is (element ids, problems).
    field: Field,
    /// The label.
    label: CertMsg,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<CertMsg>,
    /// The value typed.
    value: RwSignal<String>,
    /// The form's current problems; this field shows its own.
    problems: RwSignal<Problems>,
    /// The `maxlength` of the input.
    maxlength: usize,
    /// The keys of its on-screen keypad; `None` for no keypad (e.g. names: the system IME).
    #[prop(optional)]
    keypad: Option<KeypadLayout>,
    /// Which field's keypad is open (one at a time).
    keypad_open: RwSignal<Option<Field>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.dom_id();
    let hint_id = format!("{id}-hint");
    let problem = move || problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, m)| *m));
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(field.error_id().to_string());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // Safari's `autocorrect` has no typed attribute in the view macro: set it on mount.
    let input = NodeRef::<leptos::html::Input>::new();
    input.on_load(|el| {
        let _ = el.set_attribute("autocorrect", "off");
    });
    let open = move || keypad_open.get() == Some(field);
    let toggle =
        move |_| keypad_open.update(|k| *k = if *k == Some(field) { None } else { Some(field) });
    let done = Callback::new(move |_: ()| {
        keypad_open.set(None);
        focus_by_id(id);
    });
    view! {
        <div class="field">
            <label for=id>{i18n.tr(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{i18n.tr(h)}</p> })}
            <div class="field-row">
                <input type="text" id=id data-testid=id inputmode="text" maxlength=maxlength
                    autocomplete="off" node_ref=input autocapitalize="off" spellcheck="false"
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                {keypad.map(|_| view! {
                    <button type="button" class="btn kiosk-only keypad-toggle" data-testid="keypad-toggle"
                        data-field=id aria-expanded=move || open().to_string()
                        on:click=toggle>
                        {move || if open() { i18n.t(CertMsg::KeypadClose) } else { i18n.t(CertMsg::KeypadFor) }}
                    </button>
                })}
            </div>
            {move || problem().map(|m| view! {
                <p class="field-error" data-testid="field-error" id=field.error_id()>{move || m.text(i18n.locale())}</p>
            })}
            {move || match (keypad, open()) {
                (Some(layout), true) => Some(view! {
                    <Keypad value layout max_len=maxlength on_done=done />
                }),
                _ => None,
            }}
        </div>
    }
}
