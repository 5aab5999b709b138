//! One file per route under `/certs`.

pub mod detail;
pub mod search;
