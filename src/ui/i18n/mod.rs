//! A typed i18n layer for zh-CN (first) and English.
//!
//! Every message table is declared with [`messages!`], which writes both languages side by side
//! in one `match`: a key without a translation does not compile. The shell's table is here
//! ([`shell`]); each feature keeps its own in `features/<name>/messages.rs`. The locale lives in
//! a context signal; `<html lang>` follows it.

use leptos::prelude::*;

pub mod shell;

pub use shell::ShellMsg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    ZhCn,
    En,
}

impl Locale {
    /// BCP 47 tag for `<html lang>` and speech synthesis.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
    pub fn parse(s: &str) -> Locale {
        if s.eq_ignore_ascii_case("en") || s.to_ascii_lowercase().starts_with("en-") {
            Locale::En
        } else {
            Locale::ZhCn
        }
    }
    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }
}

/// A message key of any table.
pub trait Msg: Copy + 'static {
    fn text(self, l: Locale) -> &'static str;
}

/// Declares a message table: `messages!(Name { Key => "中文", "English"; … })`.
#[macro_export]
macro_rules! messages {
    ($(#[$m:meta])* $name:ident { $($key:ident => $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];
        }
        impl $crate::ui::i18n::Msg for $name {
            fn text(self, l: $crate::ui::i18n::Locale) -> &'static str {
                match (self, l) {
                    $(
                        ($name::$key, $crate::ui::i18n::Locale::ZhCn) => $zh,
                        ($name::$key, $crate::ui::i18n::Locale::En) => $en,
                    )*
                }
            }
        }
    };
}

/// The locale context: a copyable handle.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn locale(&self) -> Locale {
        self.locale.get()
    }
    pub fn set(&self, l: Locale) {
        self.locale.set(l);
    }
    pub fn toggle(&self) {
        self.locale.update(|l| *l = l.other());
    }
    /// Reactive lookup: call inside a closure in `view!`.
    pub fn t(&self, key: impl Msg) -> &'static str {
        key.text(self.locale.get())
    }
    /// The text of `key` in the current locale as a reactive view or attribute value: the same
    /// as `i18n.tr(key)`, but one closure type per message table rather than one per
    /// call site, so every text of a table shares one copy of the code that renders and
    /// updates it (issue 14: the shell's module carried ~50 copies).
    pub fn tr<M: Msg + Send + Sync>(
        self,
        key: M,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || key.text(self.locale.get())
    }
    /// Picks between two runtime strings (e.g. a zh and an en field of data).
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.locale.get() {
            Locale::ZhCn => zh,
            Locale::En if !en.is_empty() => en,
            Locale::En => zh,
        }
    }
}

pub fn provide_i18n(initial: Locale) -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial),
    };
    provide_context(i18n);
    // Keep <html lang> in sync for screen readers, fonts and speech.
    Effect::new(move |_| {
        let tag = i18n.locale.get().tag();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", tag);
        }
    });
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A message with its `{n}` filled in (the number comes from the rule the message describes).
pub fn fill(template: &str, n: i64) -> String {
    template.replace("{n}", &n.to_string())
}

/// Formats a rate 0..1 as a percentage with one decimal, or "—".
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{:.1}%", r * 100.0),
        _ => "—".to_string(),
    }
}

/// Test helper for every message table: see [`check_table`].
#[cfg(test)]
/// Every key has non-empty text in both languages, and the zh-CN text is Chinese — except
/// the language switch (and its short form), which names the *other* language in that language.
pub fn check_table<M: Msg + std::fmt::Debug>(all: &[M]) {
    for k in all {
        let zh = k.text(Locale::ZhCn);
        let en = k.text(Locale::En);
        assert!(
            !zh.trim().is_empty() && !en.trim().is_empty(),
            "{k:?} empty"
        );
        let is_switch = format!("{k:?}").starts_with("LangToggle");
        assert!(
            is_switch || !zh.is_ascii() || zh == en,
            "{k:?}: zh text has no Chinese: {zh}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        check_table(ShellMsg::ALL);
    }

    #[test]
    fn locale_parsing_and_percent() {
        assert_eq!(Locale::parse("en-GB"), Locale::En);
        assert_eq!(Locale::parse("zh-CN"), Locale::ZhCn);
        assert_eq!(Locale::parse("garbage"), Locale::ZhCn);
        assert_eq!(percent(Some(0.7)), "70.0%");
        assert_eq!(percent(None), "—");
        assert_eq!(percent(Some(f64::NAN)), "—");
    }
}
