//! One route = one file.

pub mod admin;
pub mod cert_detail;
pub mod certs;
pub mod eligibility;
pub mod home;
pub mod lenient_home;
pub mod lenient_item;
pub mod lenient_list;
pub mod not_found;
pub mod review_form;
pub mod review_lookup;
pub mod review_receipt;
pub mod review_stats;
pub mod reviews_home;
