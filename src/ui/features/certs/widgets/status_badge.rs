//! A certificate status badge: icon (from the badge class) + text, never colour alone; adds
//! "expires in N days" for an expiring certificate and "expired N days ago" for an expired one.

use leptos::prelude::*;

use crate::contract::CertStatus;
use crate::ui::features::certs::messages::fill;
use crate::ui::features::certs::messages::CertMsg;
use crate::ui::i18n::use_i18n;

/// The badge class (`.badge-ok/.badge-warn/.badge-bad/.badge-unknown`, each with its icon).
pub fn badge_class(status: CertStatus) -> &'static str {
    match status {
        CertStatus::Valid => "badge badge-ok",
        CertStatus::Expiring | CertStatus::Suspended | CertStatus::Superseded => "badge badge-warn",
        CertStatus::Expired
        | CertStatus::Revoked
        | CertStatus::Cancelled
        | CertStatus::Withdrawn => "badge badge-bad",
        CertStatus::Unknown => "badge badge-unknown",
    }
}

/// The localized name of a status.
pub fn status_label(status: CertStatus) -> CertMsg {
    match status {
        CertStatus::Valid => CertMsg::StValid,
        CertStatus::Expiring => CertMsg::StExpiring,
        CertStatus::Expired => CertMsg::StExpired,
        CertStatus::Suspended => CertMsg::StSuspended,
        CertStatus::Revoked => CertMsg::StRevoked,
        CertStatus::Cancelled => CertMsg::StCancelled,
        CertStatus::Withdrawn => CertMsg::StWithdrawn,
        CertStatus::Superseded => CertMsg::StSuperseded,
        CertStatus::Unknown => CertMsg::StUnknown,
    }
}

/// The note on the days left: the message and the number to put in it, if any.
pub fn days_note(status: CertStatus, days_left: Option<i64>) -> Option<(CertMsg, i64)> {
    match (status, days_left?) {
        (CertStatus::Expiring, 0) => Some((CertMsg::ExpiresToday, 0)),
        (CertStatus::Expiring, 1) => Some((CertMsg::ExpiresTomorrow, 1)),
        (CertStatus::Expiring, n) if n > 1 => Some((CertMsg::ExpiresIn, n)),
        (CertStatus::Expired, -1) => Some((CertMsg::ExpiredYesterday, 1)),
        (CertStatus::Expired, n) if n < -1 => Some((CertMsg::ExpiredAgo, n.saturating_neg())),
        _ => None,
    }
}

/// The status of a certificate as a badge (`data-testid="cert-status"`, `data-status`).
#[component]
pub fn StatusBadge(
    /// The status to show.
    status: CertStatus,
    /// Days until the end of validity (negative when past), as sent by the server.
    #[prop(optional)]
    days_left: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let note = days_note(status, days_left);
    view! {
        <span class=badge_class(status) data-testid="cert-status" data-status=status.as_str()>
            <span>{move || i18n.t(status_label(status))}</span>
            {note.map(|(key, n)| view! { <span class="badge-note">"· " {move || fill(i18n.t(key), n)}</span> })}
        </span>
    }
}

/// [`StatusBadge`] for a day count that may be absent (the optional prop takes a bare number).
pub fn badge_for(status: CertStatus, days_left: Option<i64>) -> AnyView {
    match days_left {
        Some(d) => view! { <StatusBadge status days_left=d /> }.into_any(),
        None => view! { <StatusBadge status /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_never_rely_on_colour_alone() {
        // Every class is one of the four that carry an icon.
        for s in [
            CertStatus::Valid,
            CertStatus::Expiring,
            CertStatus::Expired,
            CertStatus::Suspended,
            CertStatus::Revoked,
            CertStatus::Cancelled,
            CertStatus::Withdrawn,
            CertStatus::Superseded,
            CertStatus::Unknown,
        ] {
            let c = badge_class(s);
            assert!([
                "badge badge-ok",
                "badge badge-warn",
                "badge badge-bad",
                "badge badge-unknown"
            ]
            .contains(&c));
        }
        assert_eq!(badge_class(CertStatus::Valid), "badge badge-ok");
        assert_eq!(badge_class(CertStatus::Revoked), "badge badge-bad");
        assert_eq!(status_label(CertStatus::Withdrawn), CertMsg::StWithdrawn);
        assert_eq!(status_label(CertStatus::Unknown), CertMsg::StUnknown);
    }

    #[test]
    fn day_notes() {
        assert_eq!(
            days_note(CertStatus::Expiring, Some(12)),
            Some((CertMsg::ExpiresIn, 12))
        );
        assert_eq!(
            days_note(CertStatus::Expiring, Some(1)),
            Some((CertMsg::ExpiresTomorrow, 1))
        );
        assert_eq!(
            days_note(CertStatus::Expiring, Some(0)),
            Some((CertMsg::ExpiresToday, 0))
        );
        assert_eq!(
            days_note(CertStatus::Expired, Some(-1)),
            Some((CertMsg::ExpiredYesterday, 1))
        );
        assert_eq!(
            days_note(CertStatus::Expired, Some(-40)),
            Some((CertMsg::ExpiredAgo, 40))
        );
        assert_eq!(
            days_note(CertStatus::Expired, Some(i64::MIN)),
            Some((CertMsg::ExpiredAgo, i64::MAX))
        );
        // Far from the end, permanent, or a status where the dates do not matter: no note.
        assert_eq!(days_note(CertStatus::Valid, Some(400)), None);
        assert_eq!(days_note(CertStatus::Expiring, None), None);
        assert_eq!(days_note(CertStatus::Revoked, Some(-3)), None);
        // Inconsistent data (expired with days left) shows no misleading note.
        assert_eq!(days_note(CertStatus::Expired, Some(5)), None);
    }
}
