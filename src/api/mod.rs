//! The REST contract and the ways to reach it. Knows nothing of Leptos.

#[cfg(feature = "ui")]
pub mod backend;
#[cfg(feature = "ui")]
pub mod demo;
pub mod error;
#[cfg(feature = "ui")]
pub mod http;
pub mod outbox;
pub mod types;
