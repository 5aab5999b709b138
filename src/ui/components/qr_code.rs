//! A QR code drawn as SVG from the module matrix (no HTML strings, no images to fetch).
//!
//! The encoder (the `qrcode` crate and its tables, 11,841 B brotli by `scripts/size.sh`) is a wasm chunk of its
//! own (`qr_code`, see `scripts/build-wasm.sh`), fetched when a code is first drawn: a phone that
//! opens an entry's deep link sees the entry's title and legal basis without waiting for it
//! (issue 14, item 5). Until it came, or if it cannot be fetched, the figure shows its caption
//! only; the text it encodes is always in `data-qr`.

use leptos::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

use super::lazy_page::ChunkError;

/// SVG path data for the dark modules, with a 2-module quiet zone; `None` if the text does
/// not fit in a QR code.
pub fn qr_path(text: &str) -> Option<(usize, String)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % w + 2, i / w + 2);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some((w + 4, d))
}

/// [`qr_path`] from the encoder's chunk (`fallible`: a failed fetch is an error, not a panic).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(qr_code, wasm_split_path = ::leptos::wasm_split, fallible)]
fn qr_path_split(text: String) -> Result<Option<(usize, String)>, ChunkError> {
    Ok(qr_path(&text))
}

/// Without the `split` feature (the in-browser tests, clippy): the same in the one module.
#[cfg(not(feature = "split"))]
async fn qr_path_split(text: String) -> Result<Option<(usize, String)>, ChunkError> {
    Ok(qr_path(&text))
}

/// A QR code of `text` with a caption.
#[component]
pub fn QrCodeView(
    /// The text to encode (a public URL).
    #[prop(into)]
    text: Signal<String>,
    /// Caption under the code.
    #[prop(into)]
    caption: Signal<String>,
) -> impl IntoView {
    // Not a resource: a page's `Transition` would wait for it, and the page is what comes first.
    let drawn = RwSignal::new(None::<(usize, String)>);
    Effect::new(move |_| {
        let t = text.get();
        leptos::task::spawn_local(async move {
            let path = qr_path_split(t.clone()).await.ok().flatten();
            // The page (and the signal) may have gone, or the text changed, while it loaded.
            if text.try_get_untracked().is_some_and(|now| now == t) {
                let _ = drawn.try_set(path);
            }
        });
    });
    view! {
        <figure class="qr" data-testid="qr-code" data-qr=move || text.get()
            data-drawn=move || drawn.with(Option::is_some).to_string()>
            {move || drawn.get().map(|(size, d)| view! {
                <svg viewBox=format!("0 0 {size} {size}") width="160" height="160" role="img"
                    aria-label=move || caption.get() shape-rendering="crispEdges">
                    <rect width="100%" height="100%" fill="#fff" />
                    <path d=d fill="#000" />
                </svg>
            })}
            <figcaption>{move || caption.get()}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_urls() {
        let (size, d) = super::qr_path("https://kiosk.example/lenient/item/tax-001").expect("fits");
        assert!(size >= 25);
        assert!(d.starts_with('M'));
    }
}
