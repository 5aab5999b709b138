//! Widgets of the review screens.

pub mod bar_chart;
pub mod hall;
pub mod keyed_row;
pub mod phone_field;
pub mod rating_buttons;
pub mod tag_picker;
pub mod trend_chart;
