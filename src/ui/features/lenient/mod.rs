//! 包容免罚清单: browse by domain and list kind, search as you type, read an entry, run the
//! eligibility self-check.

pub mod context;
pub mod messages;
pub mod pages;
pub mod paging;
pub mod routes;
pub mod state;
pub mod url_follow;
pub mod widgets;

pub use routes::LenientRoutes;
