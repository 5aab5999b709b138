//! Voice read-out through the browser's speech synthesis, in the current language.

/// Text to read for the current screen: the `[data-read]` region if the page marks one, else `<main>`.
fn screen_text() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let el = doc
        .query_selector("[data-read]")
        .ok()
        .flatten()
        .or_else(|| doc.query_selector("main").ok().flatten())?;
    let text = el.text_content()?;
    Some(collapse(&text))
}

/// Collapse runs of whitespace and cap the length so a long page does not speak for minutes.
pub fn collapse(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() > 1500 {
            break;
        }
    }
    out
}

pub fn is_supported() -> bool {
    web_sys::window()
        .and_then(|w| w.speech_synthesis().ok())
        .is_some()
}

/// Speak the current screen in `lang` (BCP 47). Returns false when speech is unavailable.
pub fn speak_screen(lang: &str) -> bool {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return false;
    };
    let Some(text) = screen_text() else {
        return false;
    };
    synth.cancel();
    let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
        return false;
    };
    u.set_lang(lang);
    u.set_rate(0.9);
    synth.speak(&u);
    true
}

pub fn stop() {
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}

pub fn is_speaking() -> bool {
    web_sys::window()
        .and_then(|w| w.speech_synthesis().ok())
        .map(|s| s.speaking())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn collapses_whitespace() {
        assert_eq!(super::collapse("  纳税\n\n申报   逾期 "), "纳税 申报 逾期");
    }
}
