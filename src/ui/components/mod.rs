//! Reusable widgets, one per file.

pub mod error_panel;
pub mod loading;
pub mod long_press;
pub mod qr_code;
