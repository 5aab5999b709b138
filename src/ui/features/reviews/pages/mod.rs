//! One file per route under `/reviews`.

pub mod form;
pub mod home;
pub mod lookup;
pub mod receipt;
pub mod stats;
