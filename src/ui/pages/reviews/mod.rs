//! Parts shared by the review screens (declared from `reviews_home.rs`).

pub mod hall;
pub mod keyed_row;
pub mod logic;
pub mod phone_field;
pub mod tag_picker;
