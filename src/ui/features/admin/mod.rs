//! The hidden admin screen for hall staff (long press on the hall name, then the PIN).

pub mod context;
pub mod messages;
pub mod pages;
pub mod routes;
pub mod widgets;

pub use routes::AdminRoutes;
