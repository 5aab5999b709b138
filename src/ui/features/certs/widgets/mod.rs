//! Widgets of the certificate screens.

pub mod camera;
pub mod field;
pub mod panels;
pub mod results;
pub mod status_badge;
