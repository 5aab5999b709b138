//! A QR code drawn as SVG from the module matrix (no HTML strings, no images to fetch).

use leptos::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

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
    view! {
        <figure class="qr" data-testid="qr-code" data-qr=move || text.get()>
            {move || qr_path(&text.get()).map(|(size, d)| view! {
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
