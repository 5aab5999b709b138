//! 电子证照: find a certificate by number, identifier or holder, show it masked, verify it by
//! code or QR.

pub mod context;
pub mod form;
pub mod messages;
pub mod pages;
pub mod routes;
pub mod widgets;

pub use routes::CertsRoutes;
