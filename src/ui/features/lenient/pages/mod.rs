//! One file per route under `/lenient`.

pub mod check;
pub mod home;
pub mod item;
pub mod list;
