//! `/reviews/receipt`: the receipt of the review just submitted (or queued), printable on an
//! 80 mm printer, with a QR code of the public status page (the check code is never in a URL).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::qr_code::QrCodeView;
use crate::ui::features::reviews::context::use_review_context;
use crate::ui::features::reviews::messages::{rating_msg, ReviewMsg};
use crate::ui::features::reviews::widgets::rating_buttons::star_glyphs;
use crate::ui::i18n::{use_i18n, ShellMsg};
use crate::ui::kiosk::{use_config, KioskConfig};

/// The public status page of a review: `<base>/reviews/status/<no>` (`base` without a trailing
/// slash; the review number is made of `[0-9A-Za-z]`, anything else is dropped).
pub fn status_url(base: &str, review_no: &str) -> String {
    let no: String = review_no
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{}/reviews/status/{no}", base.trim_end_matches('/'))
}

fn public_base(cfg: KioskConfig) -> String {
    let configured = cfg.with(|c| c.public_base_url.clone());
    if !configured.is_empty() {
        return configured;
    }
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

#[component]
pub fn ReviewReceiptPage() -> impl IntoView {
    // The review flow: 1 which service, 2 the rating (and reasons), 3 the receipt.
    crate::ui::kiosk::status::use_flow_step(3, 3);
    let i18n = use_i18n();
    let cfg = use_config();
    let ctx = use_review_context();
    let receipt = ctx.last_receipt.get_untracked();
    // Shown once: the next visitor must not find this receipt.
    on_cleanup(move || {
        let _ = ctx.last_receipt.try_set(None);
    });
    let Some(r) = receipt else {
        return view! {
            <section class="page">
                <h1>{i18n.tr(ReviewMsg::Title)}</h1>
                <p data-testid="review-no-receipt">{i18n.tr(ReviewMsg::NoReceipt)}</p>
                <A href="/reviews" attr:class="btn">{i18n.tr(ReviewMsg::BackToReviews)}</A>
            </section>
        }
        .into_any();
    };
    let level = r.rating;
    let level_text = move || format!("{} {}", i18n.t(rating_msg(level)), star_glyphs(level));
    let body = if r.queued {
        view! {
            <h1>{i18n.tr(ReviewMsg::QueuedTitle)}</h1>
            <p class="notice" data-testid="review-queued" role="status">{i18n.tr(ReviewMsg::Queued)}</p>
            <dl class="kv">
                <dt>{i18n.tr(ReviewMsg::LocalNo)}</dt><dd data-testid="receipt-no">{r.review_no.clone()}</dd>
                <dt>{i18n.tr(ReviewMsg::Level)}</dt><dd>{level_text}</dd>
            </dl>
            <p class="hint">{i18n.tr(ReviewMsg::QueuedHint)}</p>
        }
        .into_any()
    } else {
        let url = status_url(&public_base(cfg), &r.review_no);
        let next = match r.due_by.clone() {
            Some(due) if level.is_bad() => view! {
                <p data-testid="receipt-next">{i18n.tr(ReviewMsg::NextBad)} " " <strong data-testid="receipt-due">{due}</strong></p>
                <p>{i18n.tr(ReviewMsg::NextBadCallback)}</p>
            }
            .into_any(),
            _ => view! { <p data-testid="receipt-next">{i18n.tr(ReviewMsg::NextGood)}</p> }.into_any(),
        };
        view! {
            <h1>{i18n.tr(ReviewMsg::ReceiptTitle)}</h1>
            <dl class="kv">
                <dt>{i18n.tr(ReviewMsg::ReviewNo)}</dt><dd class="receipt-no" data-testid="receipt-no">{r.review_no.clone()}</dd>
                <dt>{i18n.tr(ReviewMsg::CheckCode)}</dt><dd class="receipt-check" data-testid="receipt-check">{r.check_code.clone()}</dd>
                <dt>{i18n.tr(ReviewMsg::Level)}</dt><dd data-testid="receipt-level">{level_text}</dd>
                <dt>{i18n.tr(ReviewMsg::SubmittedAt)}</dt>
                <dd>{crate::ui::features::reviews::logic::format_time(&r.created_at)}</dd>
            </dl>
            <p class="hint">{i18n.tr(ReviewMsg::CheckCodeHint)}</p>
            {next}
            <QrCodeView text=url caption=Signal::derive(move || i18n.t(ReviewMsg::ScanStatus).to_string()) />
        }
        .into_any()
    };
    view! {
        <section class="page review-receipt card" data-testid="review-receipt" data-read
            data-review-no=r.review_no.clone() data-queued=r.queued.to_string() data-rating=level.as_str()>
            {body}
            <div class="btn-row no-print">
                <button type="button" class="btn btn-primary" data-testid="receipt-print" on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }>{i18n.tr(ReviewMsg::PrintReceipt)}</button>
                <A href="/reviews" attr:class="btn" attr:data-testid="receipt-again">{i18n.tr(ReviewMsg::RateAnother)}</A>
                <A href="/" attr:class="btn" attr:data-testid="receipt-home">{i18n.tr(ShellMsg::Home)}</A>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::status_url;

    #[test]
    fn status_urls_carry_the_number_only() {
        assert_eq!(
            status_url("https://hall.example.gov.cn", "HC20261122000123"),
            "https://hall.example.gov.cn/reviews/status/HC20261122000123"
        );
        assert_eq!(
            status_url("http://127.0.0.1:8080/", "HC1"),
            "http://127.0.0.1:8080/reviews/status/HC1"
        );
        assert_eq!(
            status_url("", "HC1/../x?check=1"),
            "/reviews/status/HC1xcheck1"
        );
    }
}
