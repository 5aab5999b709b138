//! Widgets shared by more than one feature, one per file. A widget only one feature uses lives
//! in that feature's `widgets/`.

pub mod error_panel;
pub mod error_summary;
pub mod keypad;
pub mod lazy_page;
pub mod loading;
pub mod long_press;
pub mod qr_code;
pub mod when;
