//! enforcement-kiosk: a self-service kiosk front-end for government service halls.
//!
//! Everything outside `ui` compiles natively (the reference server uses `contract` and `domain`
//! with the `ui` feature off, so every DTO and validator is written once).
//!
//! Layers, each building only on those before it: `contract` (wire types) ← `domain` (pure
//! rules) ← `client` (the Backend trait and its implementations) ← `ui` (Leptos).

pub mod client;
pub mod config;
pub mod contract;
pub mod domain;
#[cfg(feature = "ui")]
pub mod ui;
