//! The assist widgets.

pub mod assist_button;
pub mod assist_notice;
