//! "Today" and timestamps in China Standard Time (UTC+8), optionally pinned for tests.

use std::time::{SystemTime, UNIX_EPOCH};

use enforcement_kiosk::domain::date::Date;

/// The server's clock. `pinned` replaces the calendar date (the time of day stays real).
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    pub pinned: Option<Date>,
}

impl Clock {
    pub fn unix_now() -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }

    pub fn today(&self) -> Date {
        self.pinned
            .unwrap_or_else(|| Date::from_unix_cst(Self::unix_now()))
    }

    /// RFC 3339 with the `+08:00` offset, e.g. `2026-11-22T10:15:30+08:00`.
    pub fn now_rfc3339(&self) -> String {
        rfc3339_cst(Self::unix_now(), self.pinned)
    }
}

/// Formats `secs` (Unix) in UTC+8; `date` replaces the calendar date when given.
pub fn rfc3339_cst(secs: i64, date: Option<Date>) -> String {
    let local = secs + 8 * 3600;
    let tod = local.rem_euclid(86_400);
    let d = date.unwrap_or_else(|| Date::from_days(local.div_euclid(86_400)));
    format!(
        "{d}T{:02}:{:02}:{:02}+08:00",
        tod / 3600,
        (tod / 60) % 60,
        tod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_china_standard_time() {
        // 2025-11-21T16:00:00Z = 2025-11-22T00:00:00+08:00
        assert_eq!(
            rfc3339_cst(1_763_740_800, None),
            "2025-11-22T00:00:00+08:00"
        );
        assert_eq!(
            rfc3339_cst(1_763_740_800 + 3723, None),
            "2025-11-22T01:02:03+08:00"
        );
        assert_eq!(
            rfc3339_cst(1_763_740_800, Date::new(2026, 1, 2)),
            "2026-01-02T00:00:00+08:00"
        );
    }

    #[test]
    fn pinned_today_wins() {
        let c = Clock {
            pinned: Date::new(2026, 11, 20),
        };
        assert_eq!(c.today().to_string(), "2026-11-20");
        assert!(c.now_rfc3339().starts_with("2026-11-20T"));
    }
}
