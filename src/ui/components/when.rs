//! `<When>`: `<Show>` without its type parameters. `Show` is generic over its condition and its
//! children, so each place it is used is a copy of its code; `When` takes the condition as a
//! `Signal<bool>` and the children as `ChildrenFn`, so every place shares one copy (issue 14:
//! what the feature chunks carry). The features use it wherever `Show` would have no fallback.
//! The shell's own few conditions keep `Show`: with `When` there, the main module took in the
//! derived-signal and erased-children code for more than the copies it saved (measured with
//! `scripts/size.sh`: main wasm +1,069 B brotli with `When` everywhere, −255 B with `When` in
//! the features only, where the chunks lose up to 7 KB).

use leptos::prelude::*;

/// Shows its children while `when` holds, building them afresh each time it turns true and
/// dropping them (with everything they own) each time it turns false.
#[component]
pub fn When(
    /// Whether the children show (a closure or a signal).
    #[prop(into)]
    when: Signal<bool>,
    /// What shows while `when` holds.
    children: ChildrenFn,
) -> impl IntoView {
    // A memo, as in `Show`: the children are rebuilt only when the condition changes, not each
    // time something it reads changes.
    let shown = Memo::new(move |_| when.get());
    move || shown.get().then(|| children())
}
