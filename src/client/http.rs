//! [`Backend`] over the REST API with gloo-net.
//!
//! Every request: `X-Kiosk-Id` and a fresh `X-Request-Id`; a client timeout; an
//! `AbortController` that fires when the timeout passes, when [`Backend::abort_all`] is called
//! (idle reset, page change), or when the future is dropped before it finished.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::AbortController;

use super::backend::{ApiFuture, Backend, CatalogText, StatsQuery};
use super::error::ApiError;
use crate::contract::*;
use crate::domain::text::encode_component;

/// Responses larger than this are refused (a kiosk must not be frozen by a huge body).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

struct Inner {
    base: String,
    kiosk_id: String,
    timeout_ms: u32,
    next_id: Cell<u64>,
    in_flight: RefCell<Vec<(u64, AbortController)>>,
    /// The last good catalog and its `ETag`, if the server sent one.
    catalog: RefCell<Option<(Option<String>, CatalogText)>>,
}

#[derive(Clone)]
pub struct HttpBackend {
    inner: Rc<Inner>,
}

impl HttpBackend {
    pub fn new(base: &str, kiosk_id: &str, timeout_ms: u32) -> HttpBackend {
        HttpBackend {
            inner: Rc::new(Inner {
                base: base.trim_end_matches('/').to_string(),
                kiosk_id: kiosk_id.to_string(),
                timeout_ms,
                next_id: Cell::new(1),
                in_flight: RefCell::new(Vec::new()),
                catalog: RefCell::new(None),
            }),
        }
    }
}

/// Removes the request from the in-flight list and aborts it if it did not finish.
struct Guard {
    inner: Rc<Inner>,
    id: u64,
    ctrl: AbortController,
    done: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !self.done {
            self.ctrl.abort();
        }
        self.inner
            .in_flight
            .borrow_mut()
            .retain(|(i, _)| *i != self.id);
    }
}

fn request_id() -> String {
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{a:08x}{b:08x}")
}

struct Raw {
    status: u16,
    etag: Option<String>,
    body: String,
}

async fn send(
    inner: Rc<Inner>,
    method: Method,
    path: String,
    body: Option<String>,
    extra: Vec<(&'static str, String)>,
) -> Result<Raw, ApiError> {
    let id = inner.next_id.get();
    inner.next_id.set(id + 1);
    let ctrl =
        AbortController::new().map_err(|_| ApiError::Network("no AbortController".into()))?;
    inner.in_flight.borrow_mut().push((id, ctrl.clone()));
    let mut guard = Guard {
        inner: inner.clone(),
        id,
        ctrl: ctrl.clone(),
        done: false,
    };

    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let timed_out = timed_out.clone();
        let ctrl = ctrl.clone();
        gloo_timers::callback::Timeout::new(inner.timeout_ms, move || {
            timed_out.set(true);
            ctrl.abort();
        })
    };

    let url = format!("{}{}", inner.base, path);
    let signal = ctrl.signal();
    let mut rb = RequestBuilder::new(&url)
        .method(method)
        .abort_signal(Some(&signal))
        .header("Accept", "application/json, application/problem+json")
        .header("X-Kiosk-Id", &inner.kiosk_id)
        .header("X-Request-Id", &request_id());
    for (k, v) in &extra {
        rb = rb.header(k, v);
    }
    let req = match body {
        Some(b) => rb.header("Content-Type", "application/json").body(b),
        None => rb.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;

    let aborted = |e: gloo_net::Error| {
        if timed_out.get() {
            ApiError::Timeout
        } else if signal.aborted() {
            ApiError::Aborted
        } else {
            ApiError::Network(e.to_string())
        }
    };
    let resp = req.send().await.map_err(aborted)?;
    let status = resp.status();
    let etag = resp.headers().get("ETag");
    let text = resp.text().await.map_err(aborted)?;
    guard.done = true;
    drop(guard);
    if text.len() > MAX_BODY_BYTES {
        return Err(ApiError::TooLarge);
    }
    Ok(Raw {
        status,
        etag,
        body: text,
    })
}

/// Maps a non-2xx answer to an [`ApiError`].
pub fn problem_from(status: u16, body: &str) -> ApiError {
    match serde_json::from_str::<Problem>(body) {
        // A problem document: its code may be one this build does not know (`Unknown`).
        Ok(mut p) if p.code != ProblemCode::Unknown || status != 404 => {
            if p.status == 0 {
                p.status = status;
            }
            ApiError::Problem(p)
        }
        _ if status == 404 => ApiError::NotFound,
        _ => ApiError::Problem(Problem {
            status,
            code: ProblemCode::Unknown,
            title: String::new(),
            ..Default::default()
        }),
    }
}

fn decode<T: DeserializeOwned>(raw: Raw) -> Result<T, ApiError> {
    if !(200..300).contains(&raw.status) {
        return Err(problem_from(raw.status, &raw.body));
    }
    serde_json::from_str(&raw.body).map_err(|e| ApiError::Malformed(e.to_string()))
}

fn get<T: DeserializeOwned + 'static>(inner: &Rc<Inner>, path: String) -> ApiFuture<T> {
    let inner = inner.clone();
    Box::pin(async move { decode(send(inner, Method::GET, path, None, vec![]).await?) })
}

fn post<B: Serialize, T: DeserializeOwned + 'static>(
    inner: &Rc<Inner>,
    path: &str,
    body: &B,
    extra: Vec<(&'static str, String)>,
) -> ApiFuture<T> {
    let inner = inner.clone();
    let path = path.to_string();
    let body = serde_json::to_string(body);
    Box::pin(async move {
        let body = body.map_err(|e| ApiError::Malformed(e.to_string()))?;
        decode(send(inner, Method::POST, path, Some(body), extra).await?)
    })
}

impl HttpBackend {
    /// Delivers a review from the outbox: its body as queued (JSON text) with its idempotency
    /// key. Only success matters to the sender, so the receipt is not decoded.
    pub fn submit_queued_review(&self, key: String, body: String) -> ApiFuture<()> {
        let inner = self.inner.clone();
        Box::pin(async move {
            let extra = vec![("Idempotency-Key", key)];
            let raw = send(inner, Method::POST, "/reviews".into(), Some(body), extra).await?;
            if !(200..300).contains(&raw.status) {
                return Err(problem_from(raw.status, &raw.body));
            }
            Ok(())
        })
    }
}

/// Whether a failed request is the network's fault (offline, refused, too slow), so the last
/// good catalog answers instead. A server that answered keeps its say.
fn use_cached_catalog(e: &ApiError) -> bool {
    matches!(e, ApiError::Network(_) | ApiError::Timeout)
}

impl Backend for HttpBackend {
    fn mode(&self) -> &'static str {
        "live"
    }

    fn health(&self) -> ApiFuture<Health> {
        get(&self.inner, "/health".into())
    }

    /// The catalog, revalidated with its `ETag`. The last good one is kept in memory: when the
    /// network is gone (or too slow) it is answered from there, so a kiosk that went offline
    /// after start still lists, searches and opens every entry (the service worker does the
    /// same across a reload).
    fn catalog(&self) -> ApiFuture<CatalogText> {
        let inner = self.inner.clone();
        Box::pin(async move {
            let cached = inner.catalog.borrow().clone();
            let extra = match &cached {
                Some((Some(etag), _)) => vec![("If-None-Match", etag.clone())],
                _ => vec![],
            };
            let raw = match send(
                inner.clone(),
                Method::GET,
                "/lenient/catalog".into(),
                None,
                extra,
            )
            .await
            {
                Ok(raw) => raw,
                Err(e) => {
                    return match (use_cached_catalog(&e), cached) {
                        (true, Some((_, cat))) => Ok(cat),
                        _ => Err(e),
                    }
                }
            };
            if raw.status == 304 {
                if let Some((_, cat)) = cached {
                    return Ok(cat);
                }
            }
            if !(200..300).contains(&raw.status) {
                return Err(problem_from(raw.status, &raw.body));
            }
            let cat = CatalogText::from_json(raw.body)?;
            *inner.catalog.borrow_mut() = Some((raw.etag, cat.clone()));
            Ok(cat)
        })
    }

    /// One entry; when the network is gone, the catalog's copy of it (the item endpoint is not
    /// cached anywhere, the catalog is).
    fn lenient_item(&self, id: String) -> ApiFuture<LenientEntry> {
        let this = self.clone();
        Box::pin(async move {
            let got = get::<LenientEntry>(
                &this.inner,
                format!("/lenient/items/{}", encode_component(&id)),
            )
            .await;
            match got {
                Err(e) if use_cached_catalog(&e) => match this.catalog().await {
                    Ok(cat) => cat.entry(&id).ok_or(e),
                    Err(_) => Err(e),
                },
                other => other,
            }
        })
    }

    fn cert_search(&self, req: CertSearchRequest) -> ApiFuture<CertSearchResponse> {
        post(&self.inner, "/certificates/search", &req, vec![])
    }

    fn cert_detail(&self, identifier: String) -> ApiFuture<CertDetail> {
        get(
            &self.inner,
            format!("/certificates/{}", encode_component(&identifier)),
        )
    }

    fn cert_verify(&self, req: CertVerifyRequest) -> ApiFuture<CertVerifyResponse> {
        post(&self.inner, "/certificates/verify", &req, vec![])
    }

    fn services(&self) -> ApiFuture<Vec<ServiceItem>> {
        get(&self.inner, "/services".into())
    }

    fn windows(&self) -> ApiFuture<Vec<Window>> {
        get(&self.inner, "/windows".into())
    }

    fn case_info(&self, case_no: String) -> ApiFuture<CaseInfo> {
        get(
            &self.inner,
            format!("/cases/{}", encode_component(&case_no)),
        )
    }

    fn submit_review(&self, key: String, req: ReviewRequest) -> ApiFuture<ReviewReceipt> {
        post(
            &self.inner,
            "/reviews",
            &req,
            vec![("Idempotency-Key", key)],
        )
    }

    fn review_status(&self, review_no: String, check: String) -> ApiFuture<ReviewStatus> {
        // The check value is not personal data (a printed code or 4 digits), but keep it out of
        // the path; the query string is never logged by the reference server.
        get(
            &self.inner,
            format!(
                "/reviews/{}?check={}",
                encode_component(&review_no),
                encode_component(&check)
            ),
        )
    }

    fn review_stats(&self, q: StatsQuery) -> ApiFuture<ReviewStats> {
        let mut path = format!("/reviews/stats?group_by={}", q.group_by.as_str());
        if let Some(f) = &q.from {
            path.push_str(&format!("&from={}", encode_component(f)));
        }
        if let Some(t) = &q.to {
            path.push_str(&format!("&to={}", encode_component(t)));
        }
        get(&self.inner, path)
    }

    fn call_assist(&self, req: AssistRequest) -> ApiFuture<AssistCall> {
        post(&self.inner, "/assist", &req, vec![])
    }

    fn admin_assist_calls(&self, token: String) -> ApiFuture<Vec<AssistCall>> {
        let inner = self.inner.clone();
        Box::pin(async move {
            let auth = vec![("Authorization", format!("Bearer {token}"))];
            decode(send(inner, Method::GET, "/admin/assist".into(), None, auth).await?)
        })
    }

    fn admin_assist_answer(&self, token: String, id: u64) -> ApiFuture<AssistCall> {
        let inner = self.inner.clone();
        Box::pin(async move {
            let auth = vec![("Authorization", format!("Bearer {token}"))];
            let path = format!("/admin/assist/{id}/answer");
            decode(send(inner, Method::POST, path, None, auth).await?)
        })
    }

    fn abort_all(&self) {
        let list: Vec<_> = self.inner.in_flight.borrow_mut().drain(..).collect();
        for (_, c) in list {
            c.abort();
        }
    }
}

/// Fetch a static same-origin text file (the runtime config), `None` on any failure.
pub async fn fetch_static_text(url: &str) -> Option<String> {
    let resp = gloo_net::http::Request::get(url).send().await.ok()?;
    if !resp.ok() {
        return None;
    }
    resp.text().await.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_mapped() {
        let e = problem_from(
            429,
            r#"{"status":429,"code":"rate_limited","retry_after":12}"#,
        );
        assert_eq!(e.code(), Some(ProblemCode::RateLimited));
        assert_eq!(e.retry_after(), Some(12));
        assert_eq!(problem_from(404, "<html>"), ApiError::NotFound);
        let e = problem_from(502, "Bad gateway");
        assert_eq!(e.status(), Some(502));
        assert!(e.is_transient());
    }

    #[test]
    fn only_network_failures_fall_back_to_the_cached_catalog() {
        assert!(use_cached_catalog(&ApiError::Network("offline".into())));
        assert!(use_cached_catalog(&ApiError::Timeout));
        assert!(!use_cached_catalog(&ApiError::NotFound));
        assert!(!use_cached_catalog(&ApiError::Aborted));
        assert!(!use_cached_catalog(&problem_from(500, "oops")));
        assert!(!use_cached_catalog(&ApiError::Malformed("x".into())));
    }
}
