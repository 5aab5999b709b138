//! The REST contract and the ways to reach it. Knows nothing of Leptos.

pub mod error;
pub mod outbox;
pub mod types;
#[cfg(feature = "ui")]
pub mod backend;
#[cfg(feature = "ui")]
pub mod demo;
#[cfg(feature = "ui")]
pub mod http;
