//! Pure logic: no Leptos, no HTTP, no browser. Tested natively with `cargo test`.

pub mod assist;
pub mod cert;
pub mod date;
pub mod eligibility;
pub mod ids;
pub mod mask;
pub mod region;
pub mod requirements;
pub mod review;
pub mod scan;
pub mod search;
pub mod text;
