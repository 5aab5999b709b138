//! One file per route under `/admin`.

pub mod admin;
