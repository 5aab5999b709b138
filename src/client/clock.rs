//! The browser's clock, read once here for every layer above the domain.

use crate::domain::date::Date;

/// Milliseconds since the Unix epoch (the browser's clock).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date in China Standard Time (the date every validity and deadline is judged by).
pub fn today() -> Date {
    Date::from_unix_cst((now_ms() / 1000.0) as i64)
}
