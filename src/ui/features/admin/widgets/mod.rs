//! Widgets of the admin screen.

pub mod assist_calls;
