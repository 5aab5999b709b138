//! The client layer: the [`backend::Backend`] trait the UI talks to, [`http::HttpBackend`]
//! (the live REST server), [`demo::DemoBackend`] (offline demo data) and the review outbox.
//! Builds on `contract` and `domain`; knows nothing of Leptos.

#[cfg(feature = "ui")]
pub mod backend;
#[cfg(feature = "ui")]
pub mod clock;
#[cfg(feature = "ui")]
pub mod demo;
pub mod error;
#[cfg(feature = "ui")]
pub mod http;
pub mod outbox;
