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

/// The lenient catalog as the backend sent it: its version and its JSON text. The shell fetches,
/// caches and revalidates it without decoding it; the lenient screens decode it
/// ([`CatalogText::decode`]), so the code that reads a [`Catalog`] is in their chunk and not in
/// the module every visit downloads (issue 14, item 3).
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogText {
    /// [`Catalog::version`] (its content hash).
    pub version: String,
    /// The body, as served.
    pub json: Rc<str>,
}

impl CatalogText {
    /// A body as served; its `version` is read with the browser's own JSON parser, which adds no
    /// code to the module. A body that is not JSON or has no version is malformed.
    pub fn from_json(json: String) -> Result<CatalogText, ApiError> {
        let malformed = || ApiError::Malformed("catalog without a version".into());
        let value = js_sys::JSON::parse(&json).map_err(|_| malformed())?;
        let version = js_sys::Reflect::get(&value, &"version".into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|v| !v.is_empty())
            .ok_or_else(malformed)?;
        Ok(CatalogText {
            version,
            json: json.into(),
        })
    }

    /// The catalog itself.
    pub fn decode(&self) -> Result<Catalog, ApiError> {
        serde_json::from_str(&self.json).map_err(|e| ApiError::Malformed(e.to_string()))
    }

    /// The entry with this id, decoded from the catalog (an entry's offline fallback).
    pub fn entry(&self, id: &str) -> Option<LenientEntry> {
        self.decode().ok()?.entry(id).cloned()
    }
}

/// Everything the kiosk asks of a backend. Futures own what they need (`'static`) so a page
/// can drop them at any time; dropping an HTTP future aborts its request.
pub trait Backend {
    /// `live` or `demo`.
    fn mode(&self) -> &'static str;
    fn health(&self) -> ApiFuture<Health>;
    /// The whole lenient catalog with search keys, undecoded (cached; revalidated with
    /// `If-None-Match`).
    fn catalog(&self) -> ApiFuture<CatalogText>;
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

/// The backend the kiosk runs with, dispatched by `match` rather than through a vtable: a
/// `dyn Backend` makes every method reachable from wherever the handle is created (the shell),
/// so every feature's requests and their serde code would sit in the first module the browser
/// downloads. With static dispatch a method's code is reachable only from the screens that call
/// it, and the wasm splitter moves it into that feature's chunk (issue 14, item 3).
pub enum AnyBackend {
    Http(super::http::HttpBackend),
    Demo(super::demo::DemoBackend),
}

macro_rules! dispatch {
    ($( $(#[$m:meta])* fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty; )*) => {
        impl AnyBackend {
            $(
                $(#[$m])*
                pub fn $name(&self $(, $arg: $ty)*) -> $ret {
                    match self {
                        AnyBackend::Http(b) => b.$name($($arg),*),
                        AnyBackend::Demo(b) => b.$name($($arg),*),
                    }
                }
            )*
        }
    };
}

dispatch! {
    /// See [`Backend::mode`].
    fn mode(&self) -> &'static str;
    /// See [`Backend::health`].
    fn health(&self) -> ApiFuture<Health>;
    /// See [`Backend::catalog`].
    fn catalog(&self) -> ApiFuture<CatalogText>;
    /// See [`Backend::lenient_item`].
    fn lenient_item(&self, id: String) -> ApiFuture<LenientEntry>;
    /// See [`Backend::cert_search`].
    fn cert_search(&self, req: CertSearchRequest) -> ApiFuture<CertSearchResponse>;
    /// See [`Backend::cert_detail`].
    fn cert_detail(&self, identifier: String) -> ApiFuture<CertDetail>;
    /// See [`Backend::cert_verify`].
    fn cert_verify(&self, req: CertVerifyRequest) -> ApiFuture<CertVerifyResponse>;
    /// See [`Backend::services`].
    fn services(&self) -> ApiFuture<Vec<ServiceItem>>;
    /// See [`Backend::windows`].
    fn windows(&self) -> ApiFuture<Vec<Window>>;
    /// See [`Backend::case_info`].
    fn case_info(&self, case_no: String) -> ApiFuture<CaseInfo>;
    /// See [`Backend::submit_review`].
    fn submit_review(&self, idempotency_key: String, req: ReviewRequest) -> ApiFuture<ReviewReceipt>;
    /// See [`Backend::review_status`].
    fn review_status(&self, review_no: String, check: String) -> ApiFuture<ReviewStatus>;
    /// See [`Backend::review_stats`].
    fn review_stats(&self, q: StatsQuery) -> ApiFuture<ReviewStats>;
    /// See [`Backend::call_assist`].
    fn call_assist(&self, req: AssistRequest) -> ApiFuture<AssistCall>;
    /// See [`Backend::admin_assist_calls`].
    fn admin_assist_calls(&self, token: String) -> ApiFuture<Vec<AssistCall>>;
    /// See [`Backend::admin_assist_answer`].
    fn admin_assist_answer(&self, token: String, id: u64) -> ApiFuture<AssistCall>;
}

impl AnyBackend {
    /// See [`Backend::abort_all`].
    pub fn abort_all(&self) {
        match self {
            AnyBackend::Http(b) => b.abort_all(),
            AnyBackend::Demo(b) => b.abort_all(),
        }
    }
}
