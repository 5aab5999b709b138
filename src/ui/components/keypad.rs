//! An on-screen keypad for ID numbers, codes and phone numbers (kiosks have no keyboard).
//! The key logic is the plain function [`apply_key`].

use leptos::prelude::*;

use crate::ui::i18n::{use_i18n, ShellMsg};

/// Which keys a keypad shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum KeypadLayout {
    /// 0–9 and X (ID numbers).
    #[default]
    Digits,
    /// 0–9, '.' and A–Z on a second page (identifiers, credit codes, verification codes).
    Alnum,
    /// 0–9 only.
    Phone,
}

/// One key press.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    Char(char),
    Backspace,
    Clear,
}

const DIGITS: &[char] = &['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];
const PHONE: &[char] = &['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const ALNUM_DIGITS: &[char] = &['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0'];
const LETTERS: &[char] = &[
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S',
    'T', 'U', 'V', 'W', 'X', 'Y', 'Z',
];

/// The character keys of a layout; `letters` picks the letter page of [`KeypadLayout::Alnum`].
pub fn keys(layout: KeypadLayout, letters: bool) -> &'static [char] {
    match layout {
        KeypadLayout::Digits => DIGITS,
        KeypadLayout::Phone => PHONE,
        KeypadLayout::Alnum if letters => LETTERS,
        KeypadLayout::Alnum => ALNUM_DIGITS,
    }
}

/// Whether a layout can type `c`.
pub fn accepts(layout: KeypadLayout, c: char) -> bool {
    match layout {
        KeypadLayout::Digits => c.is_ascii_digit() || c == 'X',
        KeypadLayout::Phone => c.is_ascii_digit(),
        KeypadLayout::Alnum => c.is_ascii_digit() || c.is_ascii_uppercase() || c == '.',
    }
}

/// The value after one key press. A character the layout cannot type, or one past `max_len`
/// (counted in characters), leaves the value unchanged.
pub fn apply_key(value: &str, key: Key, layout: KeypadLayout, max_len: Option<usize>) -> String {
    match key {
        Key::Char(c) => {
            let full = max_len.is_some_and(|m| value.chars().count() >= m);
            let mut v = value.to_string();
            if accepts(layout, c) && !full {
                v.push(c);
            }
            v
        }
        Key::Backspace => {
            let mut v = value.to_string();
            v.pop();
            v
        }
        Key::Clear => String::new(),
    }
}

/// A keypad that edits `value`.
#[component]
pub fn Keypad(
    /// The value the keys edit.
    value: RwSignal<String>,
    /// Which keys to show.
    #[prop(optional)]
    layout: KeypadLayout,
    /// Maximum length (keys stop adding past it).
    #[prop(optional)]
    max_len: Option<usize>,
    /// Called by the "done" key.
    #[prop(optional, into)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let letters = RwSignal::new(false);
    let press = move |k: Key| value.update(|v| *v = apply_key(v, k, layout, max_len));
    let grid_class = move || {
        if letters.get() {
            "keypad letters"
        } else {
            "keypad"
        }
    };
    view! {
        <div class="keypad-wrap" role="group" data-testid="keypad" aria-label=i18n.tr(ShellMsg::Keypad)>
            <div class=grid_class>
                {move || keys(layout, letters.get()).iter().map(|&c| view! {
                    <button type="button" class="btn" data-testid="keypad-key" data-key=c.to_string()
                        on:click=move |_| press(Key::Char(c))>{c.to_string()}</button>
                }).collect_view()}
            </div>
            <div class="keypad keypad-actions">
                {(layout == KeypadLayout::Alnum).then(|| view! {
                    <button type="button" class="btn" data-testid="keypad-shift"
                        aria-pressed=move || letters.get().to_string()
                        on:click=move |_| letters.update(|l| *l = !*l)>
                        {move || if letters.get() { i18n.t(ShellMsg::KeypadDigits) } else { i18n.t(ShellMsg::KeypadLetters) }}
                    </button>
                })}
                <button type="button" class="btn" data-testid="keypad-backspace" aria-label=i18n.tr(ShellMsg::KeypadDelete)
                    on:click=move |_| press(Key::Backspace)>"⌫"</button>
                <button type="button" class="btn" data-testid="keypad-clear"
                    on:click=move |_| press(Key::Clear)>{i18n.tr(ShellMsg::KeypadClear)}</button>
                <button type="button" class="btn btn-primary" data-testid="keypad-done"
                    on:click=move |_| if let Some(cb) = on_done { cb.run(()) }>{i18n.tr(ShellMsg::KeypadDone)}</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_layout_types_an_id_number() {
        let mut v = String::new();
        for c in "11010519491231002X".chars() {
            v = apply_key(&v, Key::Char(c), KeypadLayout::Digits, Some(18));
        }
        assert_eq!(v, "11010519491231002X");
        // Full: a 19th key is ignored.
        assert_eq!(
            apply_key(&v, Key::Char('1'), KeypadLayout::Digits, Some(18)),
            v
        );
        // Letters other than X and dots are not on the digit pad.
        assert_eq!(
            apply_key("12", Key::Char('A'), KeypadLayout::Digits, None),
            "12"
        );
        assert_eq!(
            apply_key("12", Key::Char('.'), KeypadLayout::Digits, None),
            "12"
        );
    }

    #[test]
    fn phone_and_alnum_layouts() {
        assert_eq!(
            apply_key("138", Key::Char('X'), KeypadLayout::Phone, None),
            "138"
        );
        assert_eq!(
            apply_key("138", Key::Char('0'), KeypadLayout::Phone, Some(11)),
            "1380"
        );
        assert_eq!(
            apply_key("1.2", Key::Char('.'), KeypadLayout::Alnum, None),
            "1.2."
        );
        assert_eq!(
            apply_key("AB", Key::Char('Z'), KeypadLayout::Alnum, None),
            "ABZ"
        );
        assert_eq!(
            apply_key("AB", Key::Char('z'), KeypadLayout::Alnum, None),
            "AB"
        );
        assert_eq!(
            apply_key("AB", Key::Char('汉'), KeypadLayout::Alnum, None),
            "AB"
        );
    }

    #[test]
    fn backspace_clear_and_length_in_chars() {
        assert_eq!(
            apply_key("123", Key::Backspace, KeypadLayout::Digits, None),
            "12"
        );
        assert_eq!(
            apply_key("", Key::Backspace, KeypadLayout::Digits, None),
            ""
        );
        assert_eq!(
            apply_key("张三1", Key::Backspace, KeypadLayout::Digits, None),
            "张三"
        );
        assert_eq!(apply_key("123", Key::Clear, KeypadLayout::Phone, None), "");
        // max_len counts characters, not bytes; zero means nothing can be typed.
        assert_eq!(
            apply_key("张三", Key::Char('1'), KeypadLayout::Digits, Some(3)),
            "张三1"
        );
        assert_eq!(
            apply_key("", Key::Char('1'), KeypadLayout::Digits, Some(0)),
            ""
        );
        // A value already past max_len (typed with a keyboard) is never cut by a key.
        assert_eq!(
            apply_key("12345", Key::Char('6'), KeypadLayout::Digits, Some(3)),
            "12345"
        );
    }

    #[test]
    fn key_sets() {
        assert_eq!(keys(KeypadLayout::Digits, false).len(), 11);
        assert_eq!(keys(KeypadLayout::Phone, true).len(), 10);
        assert_eq!(keys(KeypadLayout::Alnum, true).len(), 26);
        assert!(keys(KeypadLayout::Alnum, false).contains(&'.'));
        for layout in [
            KeypadLayout::Digits,
            KeypadLayout::Alnum,
            KeypadLayout::Phone,
        ] {
            for letters in [false, true] {
                assert!(keys(layout, letters).iter().all(|&c| accepts(layout, c)));
            }
        }
    }
}
