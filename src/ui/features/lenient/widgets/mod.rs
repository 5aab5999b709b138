//! Widgets of the lenient screens.

pub mod check_view;
pub mod domain_chips;
pub mod entry_view;
pub mod highlight;
pub mod kind_chips;
pub mod results;
