//! enforcement-kiosk: a self-service kiosk front-end for government service halls.
//!
//! Everything outside `ui` compiles natively (the reference server uses `domain` and `api`
//! with the `ui` feature off, so every DTO and validator is written once).

pub mod api;
pub mod config;
pub mod domain;
#[cfg(feature = "ui")]
pub mod ui;
