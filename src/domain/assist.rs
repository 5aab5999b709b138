//! 呼叫工作人员: the rules for a call (what a kiosk id and a window may be, how often a kiosk
//! may call) and the order staff see open calls in. Shared by the server and the UI.

use crate::contract::{AssistCall, FieldProblem, ProblemCode};

/// Calls a kiosk may make per minute (a held-down or repeatedly tapped button).
pub const CALLS_PER_MIN: u32 = 60;
/// Longest window text kept.
pub const MAX_WINDOW_CHARS: usize = 40;

/// A kiosk id as the server accepts it (the kiosk config's rule): 1–64 of `[A-Za-z0-9_-]`.
pub fn valid_kiosk_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The call's (kiosk id, window) cleaned, or the fields at fault: the kiosk id is required,
/// the window trimmed, at most [`MAX_WINDOW_CHARS`] and without control characters.
pub fn validate_call(
    kiosk_id: Option<&str>,
    window: &str,
) -> Result<(String, String), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let kiosk = kiosk_id.map(str::trim).unwrap_or("");
    if kiosk.is_empty() {
        problems.push(FieldProblem::new("X-Kiosk-Id", ProblemCode::Required));
    } else if !valid_kiosk_id(kiosk) {
        problems.push(FieldProblem::new("X-Kiosk-Id", ProblemCode::Invalid));
    }
    let window = window.trim();
    if window.chars().count() > MAX_WINDOW_CHARS {
        problems.push(FieldProblem::new("window", ProblemCode::TooLong));
    } else if window.chars().any(char::is_control) {
        problems.push(FieldProblem::new("window", ProblemCode::Invalid));
    }
    if problems.is_empty() {
        Ok((kiosk.to_string(), window.to_string()))
    } else {
        Err(problems)
    }
}

/// Open calls first, the longest waiting first; then answered ones, the latest answered first.
pub fn sort_for_staff(calls: &mut [AssistCall]) {
    calls.sort_by(|a, b| match (&a.answered_at, &b.answered_at) {
        (None, None) => a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(x).then(b.id.cmp(&a.id)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_needs_a_sane_kiosk_id_and_a_short_window() {
        assert_eq!(
            validate_call(Some(" szgs-k01 "), " A01 综合咨询 "),
            Ok(("szgs-k01".into(), "A01 综合咨询".into()))
        );
        assert_eq!(
            validate_call(Some("k"), ""),
            Ok(("k".into(), String::new()))
        );
        let codes = |r: Result<(String, String), Vec<FieldProblem>>| -> Vec<(String, ProblemCode)> {
            r.unwrap_err()
                .into_iter()
                .map(|p| (p.field, p.code))
                .collect()
        };
        assert_eq!(
            codes(validate_call(None, &"窗".repeat(41))),
            vec![
                ("X-Kiosk-Id".to_string(), ProblemCode::Required),
                ("window".to_string(), ProblemCode::TooLong)
            ]
        );
        assert_eq!(
            codes(validate_call(Some("a b"), "A\u{7}")),
            vec![
                ("X-Kiosk-Id".to_string(), ProblemCode::Invalid),
                ("window".to_string(), ProblemCode::Invalid)
            ]
        );
        assert!(!valid_kiosk_id(&"k".repeat(65)));
    }

    #[test]
    fn staff_see_the_longest_waiting_first() {
        let call = |id: u64, created: &str, answered: Option<&str>| AssistCall {
            id,
            kiosk_id: format!("k{id}"),
            created_at: created.into(),
            answered_at: answered.map(String::from),
            ..Default::default()
        };
        let mut v = vec![
            call(
                1,
                "2026-11-22T09:00:00+08:00",
                Some("2026-11-22T09:05:00+08:00"),
            ),
            call(2, "2026-11-22T10:00:00+08:00", None),
            call(3, "2026-11-22T09:30:00+08:00", None),
            call(
                4,
                "2026-11-22T09:10:00+08:00",
                Some("2026-11-22T09:40:00+08:00"),
            ),
        ];
        sort_for_staff(&mut v);
        assert_eq!(v.iter().map(|c| c.id).collect::<Vec<_>>(), vec![3, 2, 4, 1]);
    }
}
