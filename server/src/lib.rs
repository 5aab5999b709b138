//! kiosk-server: the reference REST backend of enforcement-kiosk (axum + SQLite).
//!
//! [`AppState::open`] opens and seeds the database and builds the in-memory indexes;
//! [`router`] gives the whole HTTP application (API under `/api/v1`, the built app
//! everywhere else), so integration tests drive it in-process.
//!
//! Layout: [`app`] assembles the HTTP application; [`api`] holds one module per resource (its
//! handlers, its routes and their OpenAPI paths) and the document assembly; [`cli`] is the
//! command line; the rest is shared infrastructure (state, store, seed data, problem
//! documents, extractors, layers). No module imports the crate root or a module that imports it
//! back.

pub mod api;
pub mod app;
pub mod assist;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo_history;
pub mod extract;
pub mod hall;
pub mod import;
pub mod middleware;
pub mod problem;
pub mod ratelimit;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod store;
pub mod synthetic;

pub use api::BODY_LIMIT;
pub use app::{router, serve, serve_listener};
pub use clock::Clock;
pub use config::Config;
pub use state::{AppState, StartError};
