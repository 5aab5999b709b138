//! 好差评: rate a case, window or service on the five national levels, get a receipt, look up
//! how a bad review was handled, see the hall's satisfaction figures.

pub mod chart;
pub mod context;
pub mod logic;
pub mod messages;
pub mod pages;
pub mod routes;
pub mod widgets;

pub use routes::ReviewsRoutes;
