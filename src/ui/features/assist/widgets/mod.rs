//! The assist widgets.

pub mod assist_button;
