//! A calendar date without time zone, enough for validity periods, birth dates and deadlines.
//! (Proleptic Gregorian; days counted from 1970-01-01 with Howard Hinnant's algorithms.)

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A date if it exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `YYYY-MM-DD` or `YYYYMMDD`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let digits: String = s.chars().filter(|c| *c != '-').collect();
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if s.len() == 10 && (s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-') {
            return None;
        }
        if s.len() != 10 && s.len() != 8 {
            return None;
        }
        let y = digits[0..4].parse().ok()?;
        let m = digits[4..6].parse().ok()?;
        let d = digits[6..8].parse().ok()?;
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = if m <= 2 { y + 1 } else { y } as i32;
        Date {
            year,
            month: m,
            day: d,
        }
    }

    /// The date from a Unix timestamp in seconds, in China Standard Time (UTC+8).
    pub fn from_unix_cst(secs: i64) -> Date {
        Date::from_days((secs + 8 * 3600).div_euclid(86_400))
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// `other - self` in days.
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u32
    }

    /// The date `n` working days (Mon–Fri; public holidays are not modelled) after `self`.
    pub fn add_working_days(self, n: u32) -> Date {
        let mut d = self;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1);
            if d.weekday() < 5 {
                left -= 1;
            }
        }
        d
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn two_digits(s: &str, at: usize) -> Option<i64> {
    let t = s.get(at..at + 2)?;
    t.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| t.parse().ok())
        .flatten()
}

/// An RFC 3339 time (`2026-11-22T06:03:05Z`, any offset, optional fraction) as the China
/// Standard Time minute it falls in, `YYYY-MM-DD HH:MM`; `None` when it is not such a time.
pub fn rfc3339_to_cst_minute(s: &str) -> Option<String> {
    let s = s.trim();
    let date = Date::parse(s.get(0..10)?)?;
    if !matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' '))
        || s.as_bytes().get(13) != Some(&b':')
    {
        return None;
    }
    let (h, m) = (two_digits(s, 11)?, two_digits(s, 14)?);
    let rest = s.get(16..)?;
    let zone_at = rest.find(['Z', 'z', '+', '-'])?;
    let offset = match rest.as_bytes()[zone_at] {
        b'Z' | b'z' => 0,
        sign => {
            let z = rest.get(zone_at..)?;
            let (oh, om) = (two_digits(z, 1)?, two_digits(z, 4)?);
            (oh * 60 + om) * if sign == b'-' { -1 } else { 1 }
        }
    };
    if h > 23 || m > 59 {
        return None;
    }
    let minutes = date.to_days() * 1440 + h * 60 + m - offset + 8 * 60;
    let day = Date::from_days(minutes.div_euclid(1440));
    let mm = minutes.rem_euclid(1440);
    Some(format!("{day} {:02}:{:02}", mm / 60, mm % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_in_china_standard_time() {
        assert_eq!(
            rfc3339_to_cst_minute("2026-11-22T14:03:05+08:00").as_deref(),
            Some("2026-11-22 14:03")
        );
        assert_eq!(
            rfc3339_to_cst_minute("2026-11-22T06:03:05Z").as_deref(),
            Some("2026-11-22 14:03")
        );
        assert_eq!(
            rfc3339_to_cst_minute("2026-12-31T18:00:00-05:00").as_deref(),
            Some("2027-01-01 07:00")
        );
        for bad in [
            "",
            "yesterday",
            "2026-11-22",
            "2026-11-22T25:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-22T10:00",
        ] {
            assert_eq!(rfc3339_to_cst_minute(bad), None, "{bad:?}");
        }
    }

    use proptest::prelude::*;

    #[test]
    fn parses_both_forms_and_rejects_impossible_dates() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("20240229"), Date::new(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024/01/01",
            "",
            "2024-1-1",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_some());
    }

    #[test]
    fn known_day_numbers_and_weekdays() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().to_days(), 11_017);
        assert_eq!(Date::new(2026, 11, 22).unwrap().weekday(), 6); // a Sunday
        assert_eq!(Date::from_unix_cst(1_763_769_600).to_string(), "2025-11-22");
    }

    #[test]
    fn working_days_skip_weekends() {
        let fri = Date::new(2026, 11, 20).unwrap();
        assert_eq!(fri.add_working_days(1), Date::new(2026, 11, 23).unwrap());
        assert_eq!(fri.add_working_days(5), Date::new(2026, 11, 27).unwrap());
    }

    proptest! {
        #[test]
        fn days_round_trip(z in -800_000i64..800_000) {
            let d = Date::from_days(z);
            prop_assert_eq!(d.to_days(), z);
            prop_assert!(Date::new(d.year, d.month, d.day).is_some());
            prop_assert_eq!(Date::parse(&d.to_string()).filter(|_| d.year >= 1000 && d.year <= 9999).map(|x| x.to_days()).unwrap_or(z), z);
        }
    }
}
