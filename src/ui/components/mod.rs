//! Reusable widgets, one per file.

pub mod bar_chart;
pub mod error_panel;
pub mod error_summary;
pub mod highlight;
pub mod keypad;
pub mod kind_chips;
pub mod loading;
pub mod long_press;
pub mod qr_code;
pub mod rating_buttons;
pub mod status_badge;
