//! The one way the UI reaches data: the [`Backend`] trait, implemented by
//! [`HttpBackend`](super::http::HttpBackend) (the REST API) and
//! [`DemoBackend`](super::demo::DemoBackend) (no server; synthetic data shipped with the app).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::error::ApiError;
use crate::contract::*;

/// A boxed, single-threaded future (browser futures are not `Send`).
pub type ApiFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Query of the statistics endpoint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub group_by: crate::contract::StatsGroupBy,
}

/// Everything the kiosk asks of a backend. Futures own what they need (`'static`) so a page
/// can drop them at any time; dropping an HTTP future aborts its request.
pub trait Backend {
    /// `live` or `demo`.
    fn mode(&self) -> &'static str;
    fn health(&self) -> ApiFuture<Health>;
    /// The whole lenient catalog with search keys (cached; revalidated with `If-None-Match`).
    fn catalog(&self) -> ApiFuture<Rc<Catalog>>;
    fn lenient_item(&self, id: String) -> ApiFuture<LenientEntry>;
    fn cert_search(&self, req: CertSearchRequest) -> ApiFuture<CertSearchResponse>;
    fn cert_detail(&self, identifier: String) -> ApiFuture<CertDetail>;
    fn cert_verify(&self, req: CertVerifyRequest) -> ApiFuture<CertVerifyResponse>;
    fn services(&self) -> ApiFuture<Vec<ServiceItem>>;
    fn windows(&self) -> ApiFuture<Vec<Window>>;
    fn case_info(&self, case_no: String) -> ApiFuture<CaseInfo>;
    /// Submit a review; `idempotency_key` makes a retry safe.
    fn submit_review(
        &self,
        idempotency_key: String,
        req: ReviewRequest,
    ) -> ApiFuture<ReviewReceipt>;
    fn review_status(&self, review_no: String, check: String) -> ApiFuture<ReviewStatus>;
    fn review_stats(&self, q: StatsQuery) -> ApiFuture<ReviewStats>;
    /// 呼叫工作人员: records a call for staff (the kiosk's open call when it has one).
    fn call_assist(&self, req: AssistRequest) -> ApiFuture<AssistCall>;
    /// Staff: the open calls (then the last answered), with the admin token.
    fn admin_assist_calls(&self, token: String) -> ApiFuture<Vec<AssistCall>>;
    /// Staff: marks a call answered, with the admin token.
    fn admin_assist_answer(&self, token: String, id: u64) -> ApiFuture<AssistCall>;
    /// Abort every request in flight (idle reset, leaving a page).
    fn abort_all(&self);
}
