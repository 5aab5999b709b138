//! fault-proxy: a small reverse proxy for end-to-end tests. It sits in front of the reference
//! server, passes everything through, and injects faults into `/api/v1/*` responses on the
//! routes a test asks for, so Playwright can check how every screen behaves when the backend
//! misbehaves.
//!
//! Run: `fault-proxy --listen 127.0.0.1:18401 --upstream http://127.0.0.1:18400`
//! (both ends must be loopback addresses).
//!
//! Control API on the same port:
//! - `GET /__faults`: the rules in force (with hit counts), the replacement config, CSP flag.
//! - `POST /__faults` with JSON, any combination of:
//!   - `{"route": "/api/v1/lenient/catalog" | "*", "fault": "<kind>"}` adds a rule (replacing
//!     a rule with the same route and method); optional `method` (`GET`, `POST` …), `times`
//!     (apply to the next N matching requests only), `delay_ms` (for `delay`, default 10 000),
//!     `payloads` (for `inject_xss`, default [`DEFAULT_XSS_PAYLOADS`]);
//!   - `{"config": {...}}` serves this JSON as `/config.json` (`null` restores the real file);
//!   - `{"strip_csp": true}` removes `Content-Security-Policy` from every response (so a test
//!     can prove the app itself never turns data into markup, with no CSP to catch it).
//! - `DELETE /__faults`: removes every rule. `DELETE /__faults/all`: also the config and
//!   the CSP flag.
//!
//! Faults: `pass`, `refuse`, `500`, `502`, `429`, `delay`, `truncate`, `malformed`,
//! `unknown_enums`, `oversized`, `inject_xss` (see [`Fault`]). The most specific matching
//! route wins (`*` is the least specific); among equals the latest rule wins.

use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, Limited};
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type ResBody = BoxBody<Bytes, BoxError>;

/// At most this many client connections at once (more wait in the accept loop).
const MAX_CONNECTIONS: usize = 256;
/// Largest request body accepted from a client (control API or forwarded POST).
const MAX_REQUEST_BODY: usize = 1024 * 1024;
/// Largest upstream body the proxy buffers to rewrite or truncate.
const MAX_BUFFERED_BODY: usize = 32 * 1024 * 1024;
/// Size of the `oversized` body (the app refuses bodies above 8 MiB).
pub const OVERSIZED_BYTES: usize = 12 * 1024 * 1024;
const _: () = assert!(OVERSIZED_BYTES > 8 * 1024 * 1024);
/// Default sleep for `delay` (past the app's default 8 s timeout).
const DEFAULT_DELAY_MS: u64 = 10_000;
const MAX_DELAY_MS: u64 = 120_000;
/// The value every enum-like key gets under `unknown_enums`.
pub const UNKNOWN_VALUE: &str = "zz_unknown";
/// Keys whose string values `unknown_enums` replaces.
pub const ENUM_KEYS: [&str; 5] = ["kind", "status", "state", "rating", "holder_kind"];
/// Keys whose string values (or string array elements) `inject_xss` replaces.
pub const XSS_KEYS: [&str; 6] = ["title", "conditions", "name", "holder", "issuer", "note"];

/// The payloads `inject_xss` cycles through when a rule gives none.
pub fn default_xss_payloads() -> Vec<String> {
    vec![
        "<script>window.__xss=1</script>".to_string(),
        "<img src=x onerror=\"window.__xss=1\">".to_string(),
        "javascript:window.__xss=1".to_string(),
        "<svg onload=\"window.__xss=1\">".to_string(),
        "\"><b>".to_string(),
        "\u{202E}evil\u{202C}".to_string(),
        "W".repeat(5000),
    ]
}

/// What to do with a matching request.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Forward untouched (overrides a less specific rule).
    Pass,
    /// Close the connection without answering.
    Refuse,
    /// `500` with a problem+json body (`code: internal`).
    Status500,
    /// `502` with an HTML body, as a real gateway sends.
    Status502,
    /// `429`, `Retry-After: 3`, problem+json `code: rate_limited, retry_after: 3`.
    Status429,
    /// Sleep this many milliseconds, then forward.
    Delay(u64),
    /// The real status and headers with the full `Content-Length`, half the body, then close.
    Truncate,
    /// `200` with `{"not json`.
    Malformed,
    /// The real JSON with every enum-like value unknown and an extra field in every object.
    UnknownEnums,
    /// `200` with a 12 MiB JSON body.
    Oversized,
    /// The real JSON with the string values of [`XSS_KEYS`] replaced by these payloads, in turn.
    InjectXss(Vec<String>),
}

impl Fault {
    /// Parses a control request's `fault` (with its options).
    pub fn parse(
        kind: &str,
        delay_ms: Option<u64>,
        payloads: Option<Vec<String>>,
    ) -> Result<Fault, String> {
        Ok(match kind {
            "pass" => Fault::Pass,
            "refuse" => Fault::Refuse,
            "500" => Fault::Status500,
            "502" => Fault::Status502,
            "429" => Fault::Status429,
            "delay" => Fault::Delay(delay_ms.unwrap_or(DEFAULT_DELAY_MS).min(MAX_DELAY_MS)),
            "truncate" => Fault::Truncate,
            "malformed" => Fault::Malformed,
            "unknown_enums" => Fault::UnknownEnums,
            "oversized" => Fault::Oversized,
            "inject_xss" => {
                let p = payloads.unwrap_or_else(default_xss_payloads);
                if p.is_empty() {
                    return Err("inject_xss needs at least one payload".into());
                }
                Fault::InjectXss(p)
            }
            other => return Err(format!("unknown fault {other:?}")),
        })
    }

    pub fn name(&self) -> &'static str {
        match self {
            Fault::Pass => "pass",
            Fault::Refuse => "refuse",
            Fault::Status500 => "500",
            Fault::Status502 => "502",
            Fault::Status429 => "429",
            Fault::Delay(_) => "delay",
            Fault::Truncate => "truncate",
            Fault::Malformed => "malformed",
            Fault::UnknownEnums => "unknown_enums",
            Fault::Oversized => "oversized",
            Fault::InjectXss(_) => "inject_xss",
        }
    }
}

/// One fault rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// A path prefix (`/api/v1/lenient/catalog`) or `*` for every API path.
    pub route: String,
    /// Upper-case method, or `None` for any.
    pub method: Option<String>,
    pub fault: Fault,
    /// Remaining applications; `None` = unlimited.
    pub times: Option<u32>,
    /// How many requests the rule answered.
    pub hits: u64,
}

impl Rule {
    fn matches(&self, method: &str, path: &str) -> bool {
        if self.times == Some(0) {
            return false;
        }
        if self.method.as_deref().is_some_and(|m| m != method) {
            return false;
        }
        self.route == "*" || path.starts_with(&self.route)
    }

    fn specificity(&self) -> usize {
        if self.route == "*" {
            0
        } else {
            self.route.len()
        }
    }

    fn to_json(&self) -> Value {
        let mut o = json!({
            "route": self.route, "fault": self.fault.name(), "method": self.method,
            "times": self.times, "hits": self.hits,
        });
        if let Fault::Delay(ms) = self.fault {
            o["delay_ms"] = json!(ms);
        }
        o
    }
}

/// Everything the control API sets.
#[derive(Debug, Default)]
pub struct Faults {
    pub rules: Vec<Rule>,
    pub config: Option<Value>,
    pub strip_csp: bool,
}

impl Faults {
    /// Adds a rule, replacing one with the same route and method.
    pub fn add(&mut self, rule: Rule) {
        self.rules
            .retain(|r| !(r.route == rule.route && r.method == rule.method));
        self.rules.push(rule);
    }

    /// The fault for a request (counting the hit), or `None` to pass it through.
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        if !path.starts_with("/api/") {
            return None;
        }
        let mut best: Option<usize> = None;
        for (i, r) in self.rules.iter().enumerate() {
            if r.matches(method, path)
                && best.is_none_or(|b| r.specificity() >= self.rules[b].specificity())
            {
                best = Some(i);
            }
        }
        let r = &mut self.rules[best?];
        r.hits += 1;
        if let Some(t) = r.times.as_mut() {
            *t = t.saturating_sub(1);
        }
        Some(r.fault.clone())
    }

    fn to_json(&self) -> Value {
        json!({
            "rules": self.rules.iter().map(Rule::to_json).collect::<Vec<_>>(),
            "config": self.config, "strip_csp": self.strip_csp,
        })
    }
}

/// Applies a `POST /__faults` body.
pub fn apply_control(f: &mut Faults, body: &Value) -> Result<(), String> {
    let o = body.as_object().ok_or("the body must be a JSON object")?;
    let mut did = false;
    if let Some(c) = o.get("config") {
        if !(c.is_object() || c.is_null()) {
            return Err("config must be an object or null".into());
        }
        f.config = (!c.is_null()).then(|| c.clone());
        did = true;
    }
    if let Some(s) = o.get("strip_csp") {
        f.strip_csp = s.as_bool().ok_or("strip_csp must be a boolean")?;
        did = true;
    }
    if o.contains_key("route") || o.contains_key("fault") {
        let route = o
            .get("route")
            .and_then(Value::as_str)
            .ok_or("route must be a string")?;
        if route != "*" && !route.starts_with("/api/") {
            return Err("route must be * or a path under /api/".into());
        }
        let kind = o
            .get("fault")
            .and_then(Value::as_str)
            .ok_or("fault must be a string")?;
        let delay_ms = match o.get("delay_ms") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_u64().ok_or("delay_ms must be a number")?),
        };
        let payloads = match o.get("payloads") {
            None | Some(Value::Null) => None,
            Some(Value::Array(a)) => Some(
                a.iter()
                    .map(|p| p.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or("payloads must be strings")?,
            ),
            Some(_) => return Err("payloads must be an array".into()),
        };
        let method = match o.get("method") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_str().ok_or("method must be a string")?.to_uppercase()),
        };
        let times = match o.get("times") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or("times must be a small number")?,
            ),
        };
        f.add(Rule {
            route: route.to_string(),
            method,
            fault: Fault::parse(kind, delay_ms, payloads)?,
            times,
            hits: 0,
        });
        did = true;
    }
    if did {
        Ok(())
    } else {
        Err("nothing to do: give route + fault, config or strip_csp".into())
    }
}

// ---------------------------------------------------------------------------------------------
// JSON rewriting (pure)
// ---------------------------------------------------------------------------------------------

/// Replaces the string value of every [`ENUM_KEYS`] key with [`UNKNOWN_VALUE`] and adds
/// `"zz_extra": [1, 2, 3]` to every object, at any depth.
pub fn rewrite_unknown_enums(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, val) in o.iter_mut() {
                if ENUM_KEYS.contains(&k.as_str()) && val.is_string() {
                    *val = Value::String(UNKNOWN_VALUE.to_string());
                } else {
                    rewrite_unknown_enums(val);
                }
            }
            o.insert("zz_extra".to_string(), json!([1, 2, 3]));
        }
        Value::Array(a) => a.iter_mut().for_each(rewrite_unknown_enums),
        _ => {}
    }
}

/// Replaces the string values of [`XSS_KEYS`] (and the string elements of arrays under those
/// keys) with `payloads`, taken in turn; `next` is the index of the next payload. Returns how
/// many strings were replaced.
pub fn inject_xss(v: &mut Value, payloads: &[String], next: &mut usize) -> usize {
    if payloads.is_empty() {
        return 0;
    }
    let take = |next: &mut usize| {
        let p = payloads[*next % payloads.len()].clone();
        *next += 1;
        Value::String(p)
    };
    let mut n = 0;
    match v {
        Value::Object(o) => {
            for (k, val) in o.iter_mut() {
                let chosen = XSS_KEYS.contains(&k.as_str());
                match val {
                    Value::String(_) if chosen => {
                        *val = take(next);
                        n += 1;
                    }
                    Value::Array(a) if chosen && a.iter().any(Value::is_string) => {
                        for e in a.iter_mut() {
                            if e.is_string() {
                                *e = take(next);
                                n += 1;
                            } else {
                                n += inject_xss(e, payloads, next);
                            }
                        }
                    }
                    _ => n += inject_xss(val, payloads, next),
                }
            }
        }
        Value::Array(a) => {
            for e in a.iter_mut() {
                n += inject_xss(e, payloads, next);
            }
        }
        _ => {}
    }
    n
}

/// A JSON body of exactly `size` bytes (`{"padding":"xxx…"}`), for `oversized`.
pub fn oversized_body(size: usize) -> Bytes {
    let head = b"{\"padding\":\"";
    let tail = b"\"}";
    let fill = size.saturating_sub(head.len() + tail.len());
    let mut v = Vec::with_capacity(size);
    v.extend_from_slice(head);
    v.resize(head.len() + fill, b'x');
    v.extend_from_slice(tail);
    Bytes::from(v)
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
pub struct Args {
    pub listen: SocketAddr,
    pub upstream: SocketAddr,
}

/// `--listen ADDR --upstream http://ADDR`; both must be loopback.
pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut listen = None;
    let mut upstream = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--listen" => listen = it.next().cloned(),
            "--upstream" => upstream = it.next().cloned(),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let listen: SocketAddr = listen
        .ok_or("--listen is required")?
        .parse()
        .map_err(|e| format!("--listen: {e}"))?;
    let up = upstream.ok_or("--upstream is required")?;
    let up = up
        .strip_prefix("http://")
        .ok_or("--upstream must start with http://")?
        .trim_end_matches('/');
    let up = up.replace("localhost", "127.0.0.1");
    let upstream: SocketAddr = up.parse().map_err(|e| format!("--upstream: {e}"))?;
    for (name, a) in [("--listen", listen), ("--upstream", upstream)] {
        if !a.ip().is_loopback() {
            return Err(format!("{name} must be a loopback address, not {}", a.ip()));
        }
    }
    Ok(Args { listen, upstream })
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/// The service error that makes hyper drop the connection without an answer (`refuse`).
#[derive(Debug)]
struct Refused;
impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection refused by fault rule")
    }
}
impl std::error::Error for Refused {}

struct Shared {
    faults: Mutex<Faults>,
    upstream: SocketAddr,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Faults> {
        // A poisoned lock only means a panic elsewhere; the data is still usable.
        self.faults.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn full(b: impl Into<Bytes>) -> ResBody {
    Full::new(b.into())
        .map_err(|e: Infallible| match e {})
        .boxed()
}

fn simple(status: u16, ctype: &str, body: impl Into<Bytes>) -> Response<ResBody> {
    let mut r = Response::new(full(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(ctype) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn json_response(status: u16, v: &Value) -> Response<ResBody> {
    simple(status, "application/json", v.to_string())
}

const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

fn strip_hop_by_hop(h: &mut HeaderMap) {
    for n in HOP_BY_HOP {
        h.remove(n);
    }
}

/// Sends the request upstream on a fresh connection.
async fn send_upstream(
    upstream: SocketAddr,
    req: Request<Full<Bytes>>,
) -> Result<Response<Incoming>, BoxError> {
    let stream = TcpStream::connect(upstream).await?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender.send_request(req).await?)
}

/// Builds the upstream request. `identity` asks for an uncompressed, unconditional answer
/// (so the body can be rewritten and is never a 304).
async fn upstream_request(
    req: Request<Incoming>,
    upstream: SocketAddr,
    identity: bool,
) -> Result<Request<Full<Bytes>>, BoxError> {
    let (parts, body) = req.into_parts();
    let body = Limited::new(body, MAX_REQUEST_BODY)
        .collect()
        .await?
        .to_bytes();
    let pq = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let mut out = Request::builder()
        .method(parts.method)
        .uri(pq)
        .body(Full::new(body))?;
    let h = out.headers_mut();
    *h = parts.headers;
    strip_hop_by_hop(h);
    h.remove(header::CONTENT_LENGTH);
    if identity {
        h.remove(header::ACCEPT_ENCODING);
        h.remove(header::IF_NONE_MATCH);
        h.remove(header::IF_MODIFIED_SINCE);
    }
    h.insert(header::HOST, HeaderValue::from_str(&upstream.to_string())?);
    Ok(out)
}

/// Forwards a request and streams the answer back.
async fn forward_stream(
    req: Request<Incoming>,
    upstream: SocketAddr,
) -> Result<Response<ResBody>, BoxError> {
    let up = upstream_request(req, upstream, false).await?;
    let resp = send_upstream(upstream, up).await?;
    let (mut parts, body) = resp.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    Ok(Response::from_parts(
        parts,
        body.map_err(|e| -> BoxError { Box::new(e) }).boxed(),
    ))
}

/// Forwards a request and buffers the whole (uncompressed) answer.
async fn forward_buffered(
    req: Request<Incoming>,
    upstream: SocketAddr,
) -> Result<(hyper::http::response::Parts, Bytes), BoxError> {
    let up = upstream_request(req, upstream, true).await?;
    let resp = send_upstream(upstream, up).await?;
    let (mut parts, body) = resp.into_parts();
    let bytes = Limited::new(body, MAX_BUFFERED_BODY)
        .collect()
        .await?
        .to_bytes();
    strip_hop_by_hop(&mut parts.headers);
    for h in [
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::ETAG,
    ] {
        parts.headers.remove(h);
    }
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok((parts, bytes))
}

/// A body that sends `first`, waits a little (so it is flushed), then fails, which makes
/// hyper close the connection short of the announced `Content-Length`.
struct Truncated {
    first: Option<Bytes>,
    pause: Pin<Box<tokio::time::Sleep>>,
}

impl Body for Truncated {
    type Data = Bytes;
    type Error = BoxError;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if let Some(b) = self.first.take() {
            return Poll::Ready(Some(Ok(Frame::data(b))));
        }
        match self.pause.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err("truncated by fault rule".into()))),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn is_json(parts: &hyper::http::response::Parts) -> bool {
    parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"))
}

/// The real answer with its JSON rewritten by `f` (2xx JSON only; anything else unchanged).
async fn rewritten(
    req: Request<Incoming>,
    upstream: SocketAddr,
    f: impl FnOnce(&mut Value),
) -> Result<Response<ResBody>, BoxError> {
    let (parts, bytes) = forward_buffered(req, upstream).await?;
    let out = if parts.status.is_success() && is_json(&parts) {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(mut v) => {
                f(&mut v);
                Bytes::from(serde_json::to_vec(&v)?)
            }
            Err(_) => bytes,
        }
    } else {
        bytes
    };
    Ok(Response::from_parts(parts, full(out)))
}

fn problem(status: u16, title: &str, code: &str, extra: Map<String, Value>) -> Value {
    let mut o = json!({
        "type": "about:blank", "title": title, "status": status,
        "detail": "injected by fault-proxy", "code": code,
    });
    if let Value::Object(m) = &mut o {
        m.extend(extra);
    }
    o
}

async fn apply_fault(
    fault: Fault,
    req: Request<Incoming>,
    upstream: SocketAddr,
) -> Result<Response<ResBody>, BoxError> {
    let mut resp = match fault {
        Fault::Pass => return forward_stream(req, upstream).await,
        Fault::Refuse => return Err(Box::new(Refused)),
        Fault::Status500 => simple(
            500,
            "application/problem+json",
            problem(500, "Internal Server Error", "internal", Map::new()).to_string(),
        ),
        Fault::Status502 => simple(
            502,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>",
        ),
        Fault::Status429 => {
            let mut extra = Map::new();
            extra.insert("retry_after".into(), json!(3));
            let mut r = simple(
                429,
                "application/problem+json",
                problem(429, "Too Many Requests", "rate_limited", extra).to_string(),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("3"));
            r
        }
        Fault::Delay(ms) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            forward_stream(req, upstream).await?
        }
        Fault::Truncate => {
            let (mut parts, bytes) = forward_buffered(req, upstream).await?;
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            let half = bytes.slice(0..bytes.len() / 2);
            let body = Truncated {
                first: Some(half),
                pause: Box::pin(tokio::time::sleep(Duration::from_millis(50))),
            };
            Response::from_parts(parts, body.boxed())
        }
        Fault::Malformed => simple(200, "application/json", "{\"not json"),
        Fault::Oversized => {
            static BODY: OnceLock<Bytes> = OnceLock::new();
            let b = BODY.get_or_init(|| oversized_body(OVERSIZED_BYTES)).clone();
            simple(200, "application/json", b)
        }
        Fault::UnknownEnums => rewritten(req, upstream, rewrite_unknown_enums).await?,
        Fault::InjectXss(payloads) => {
            rewritten(req, upstream, move |v| {
                inject_xss(v, &payloads, &mut 0);
            })
            .await?
        }
    };
    resp.headers_mut().insert(
        HeaderName::from_static("x-fault"),
        HeaderValue::from_static("1"),
    );
    Ok(resp)
}

async fn control(st: &Shared, req: Request<Incoming>) -> Response<ResBody> {
    let path = req.uri().path().to_string();
    match (req.method().clone(), path.as_str()) {
        (Method::GET, "/__faults") => json_response(200, &st.lock().to_json()),
        (Method::DELETE, "/__faults") => {
            let mut f = st.lock();
            f.rules.clear();
            json_response(200, &f.to_json())
        }
        (Method::DELETE, "/__faults/all") => {
            let mut f = st.lock();
            *f = Faults::default();
            json_response(200, &f.to_json())
        }
        (Method::POST, "/__faults") => {
            let body = match Limited::new(req.into_body(), MAX_REQUEST_BODY)
                .collect()
                .await
            {
                Ok(b) => b.to_bytes(),
                Err(_) => return json_response(413, &json!({"error": "body too large"})),
            };
            let v: Value = match serde_json::from_slice(&body) {
                Ok(v) => v,
                Err(e) => return json_response(400, &json!({"error": e.to_string()})),
            };
            let mut f = st.lock();
            match apply_control(&mut f, &v) {
                Ok(()) => json_response(200, &f.to_json()),
                Err(e) => json_response(400, &json!({ "error": e })),
            }
        }
        _ => json_response(404, &json!({"error": "no such control endpoint"})),
    }
}

async fn handle(st: Arc<Shared>, req: Request<Incoming>) -> Result<Response<ResBody>, BoxError> {
    let path = req.uri().path().to_string();
    if path == "/__faults" || path.starts_with("/__faults/") {
        return Ok(control(&st, req).await);
    }
    let (fault, config, strip_csp) = {
        let mut f = st.lock();
        let fault = f.take(req.method().as_str(), &path);
        (fault, f.config.clone(), f.strip_csp)
    };
    let result = match (fault, config) {
        (None, Some(cfg)) if path == "/config.json" => Ok(json_response(200, &cfg)),
        (None, _) => forward_stream(req, st.upstream).await,
        (Some(fault), _) => apply_fault(fault, req, st.upstream).await,
    };
    let mut resp = match result {
        Ok(r) => r,
        Err(e) if e.is::<Refused>() => return Err(e),
        Err(e) => simple(
            502,
            "text/plain; charset=utf-8",
            format!("fault-proxy: upstream failed: {e}"),
        ),
    };
    if strip_csp {
        resp.headers_mut().remove(header::CONTENT_SECURITY_POLICY);
    }
    Ok(resp)
}

async fn run(args: Args) -> std::io::Result<()> {
    let listener = TcpListener::bind(args.listen).await?;
    let local = listener.local_addr()?;
    println!(
        "fault-proxy listening on http://{local}/ -> http://{}/",
        args.upstream
    );
    serve(listener, args.upstream).await
}

async fn serve(listener: TcpListener, upstream: SocketAddr) -> std::io::Result<()> {
    let st = Arc::new(Shared {
        faults: Mutex::new(Faults::default()),
        upstream,
    });
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = match permits.clone().acquire_owned().await {
            Ok(p) => p,
            Err(_) => return Ok(()),
        };
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(_) => continue,
        };
        if !is_loopback(peer.ip()) {
            continue;
        }
        let st = st.clone();
        tokio::spawn(async move {
            let svc = service_fn(move |req| handle(st.clone(), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc)
                .await;
            drop(permit);
        });
    }
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v| v.is_loopback()),
    }
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fault-proxy: {e}\nusage: fault-proxy --listen 127.0.0.1:PORT --upstream http://127.0.0.1:PORT2");
            std::process::exit(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fault-proxy: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(run(args)) {
        eprintln!("fault-proxy: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[test]
    fn unknown_enums_rewrites_every_enum_key_at_any_depth() {
        let mut v = json!({
            "results": [
                {"identifier": "x", "status": "valid", "holder_kind": "person", "name": "营业执照"},
                {"identifier": "y", "status": "revoked", "extra": [["a", "b"]]}
            ],
            "state": "rectified",
            "history": [{"state": "submitted", "at": "t", "rating": "satisfied"}],
            "entries": [{"kind": "minor", "keys": {"title_py": ["a"]}}],
            "count": 2,
            "status_code": "ok"
        });
        rewrite_unknown_enums(&mut v);
        assert_eq!(v["results"][0]["status"], "zz_unknown");
        assert_eq!(v["results"][0]["holder_kind"], "zz_unknown");
        assert_eq!(v["results"][0]["name"], "营业执照");
        assert_eq!(v["results"][1]["status"], "zz_unknown");
        assert_eq!(v["state"], "zz_unknown");
        assert_eq!(v["history"][0]["state"], "zz_unknown");
        assert_eq!(v["history"][0]["rating"], "zz_unknown");
        assert_eq!(v["history"][0]["at"], "t");
        assert_eq!(v["entries"][0]["kind"], "zz_unknown");
        // Keys that merely contain an enum key's name are left alone.
        assert_eq!(v["status_code"], "ok");
        assert_eq!(v["count"], 2);
        // Every object, nested ones included, gets the extra field; arrays of arrays do not.
        for p in [
            "",
            "/results/0",
            "/results/1",
            "/history/0",
            "/entries/0",
            "/entries/0/keys",
        ] {
            assert_eq!(
                v.pointer(&format!("{p}/zz_extra")),
                Some(&json!([1, 2, 3])),
                "{p}"
            );
        }
        assert_eq!(v["results"][1]["extra"], json!([["a", "b"]]));
    }

    #[test]
    fn unknown_enums_leaves_non_string_values() {
        let mut v = json!({"status": 500, "kind": null, "rating": ["x"]});
        rewrite_unknown_enums(&mut v);
        assert_eq!(v["status"], 500);
        assert_eq!(v["kind"], Value::Null);
        assert_eq!(v["rating"], json!(["x"]));
    }

    #[test]
    fn inject_xss_replaces_chosen_keys_in_turn() {
        let payloads = vec!["P0".to_string(), "P1".to_string()];
        let mut v = json!({
            "version": "abc",
            "domains": [{"code": "tax", "name_zh": "税务", "name_en": "Tax"}],
            "entries": [
                {"id": "tax-001", "title": "t1", "conditions": ["c1", "c2"], "authority": "a"},
                {"id": "tax-002", "title": "t2", "conditions": []}
            ],
            "results": [{"name": "营业执照", "holder": "张*", "issuer": "局", "number": "N"}],
            "history": [{"state": "submitted", "note": "ok"}]
        });
        let mut next = 0;
        let n = inject_xss(&mut v, &payloads, &mut next);
        assert_eq!(n, 8);
        assert_eq!(next, 8);
        // serde_json keeps keys sorted (no preserve_order), so the order is deterministic.
        let e0 = &v["entries"][0];
        assert_eq!(e0["conditions"], json!(["P0", "P1"]));
        assert_eq!(e0["title"], "P0");
        assert_eq!(e0["id"], "tax-001");
        assert_eq!(e0["authority"], "a");
        assert_eq!(v["entries"][1]["title"], "P1");
        assert_eq!(v["entries"][1]["conditions"], json!([]));
        assert_eq!(v["history"][0]["note"], "P0");
        assert_eq!(v["history"][0]["state"], "submitted");
        let r = &v["results"][0];
        assert_eq!(
            (
                r["holder"].as_str(),
                r["issuer"].as_str(),
                r["name"].as_str()
            ),
            (Some("P1"), Some("P0"), Some("P1"))
        );
        assert_eq!(r["number"], "N");
        // name_zh / name_en / code / version are not chosen keys.
        assert_eq!(
            v["domains"][0],
            json!({"code": "tax", "name_zh": "税务", "name_en": "Tax"})
        );
        assert_eq!(v["version"], "abc");
    }

    #[test]
    fn inject_xss_default_payloads_cover_the_brief() {
        let p = default_xss_payloads();
        assert_eq!(p.len(), 7);
        assert!(p.contains(&"<script>window.__xss=1</script>".to_string()));
        assert!(p.iter().any(|s| s.contains('\u{202E}')));
        assert!(p
            .iter()
            .any(|s| s.chars().count() == 5000 && !s.contains(' ')));
        let mut v = json!({"title": "x"});
        assert_eq!(inject_xss(&mut v, &[], &mut 0), 0);
        assert_eq!(v["title"], "x");
    }

    #[test]
    fn oversized_body_is_valid_json_of_the_exact_size() {
        let b = oversized_body(1000);
        assert_eq!(b.len(), 1000);
        let v: Value = serde_json::from_slice(&b).unwrap();
        assert_eq!(v["padding"].as_str().unwrap().len(), 1000 - 14);
    }

    fn rule(route: &str, fault: &str) -> Value {
        json!({"route": route, "fault": fault})
    }

    #[test]
    fn the_most_specific_rule_wins_and_times_run_out() {
        let mut f = Faults::default();
        apply_control(&mut f, &rule("*", "500")).unwrap();
        apply_control(&mut f, &rule("/api/v1/lenient/catalog", "502")).unwrap();
        apply_control(
            &mut f,
            &json!({"route": "/api/v1/reviews", "fault": "429", "method": "post", "times": 1}),
        )
        .unwrap();
        assert_eq!(
            f.take("GET", "/api/v1/lenient/catalog"),
            Some(Fault::Status502)
        );
        assert_eq!(
            f.take("GET", "/api/v1/lenient/items/tax-001"),
            Some(Fault::Status500)
        );
        assert_eq!(f.take("GET", "/index.html"), None);
        assert_eq!(f.take("GET", "/config.json"), None);
        assert_eq!(
            f.take("GET", "/api/v1/reviews/stats"),
            Some(Fault::Status500)
        );
        assert_eq!(f.take("POST", "/api/v1/reviews"), Some(Fault::Status429));
        // Used up: falls back to the catch-all.
        assert_eq!(f.take("POST", "/api/v1/reviews"), Some(Fault::Status500));
        assert_eq!(f.rules[1].hits, 1);
        assert_eq!(f.rules[0].hits, 3);
        // A later rule with the same route replaces the earlier one.
        apply_control(&mut f, &rule("*", "pass")).unwrap();
        assert_eq!(f.rules.len(), 3);
        assert_eq!(f.take("GET", "/api/v1/health"), Some(Fault::Pass));
    }

    #[test]
    fn control_bodies_are_validated() {
        let mut f = Faults::default();
        assert!(apply_control(&mut f, &rule("/lenient", "500")).is_err());
        assert!(apply_control(&mut f, &rule("*", "explode")).is_err());
        assert!(apply_control(&mut f, &json!({"route": "*"})).is_err());
        assert!(apply_control(&mut f, &json!({})).is_err());
        assert!(apply_control(&mut f, &json!([1])).is_err());
        assert!(apply_control(&mut f, &json!({"config": 3})).is_err());
        assert!(apply_control(
            &mut f,
            &json!({"route": "*", "fault": "inject_xss", "payloads": []})
        )
        .is_err());
        assert!(f.rules.is_empty());
        apply_control(
            &mut f,
            &json!({"config": {"request_timeout_ms": 1500}, "strip_csp": true}),
        )
        .unwrap();
        assert_eq!(f.config, Some(json!({"request_timeout_ms": 1500})));
        assert!(f.strip_csp);
        apply_control(&mut f, &json!({"config": null})).unwrap();
        assert_eq!(f.config, None);
        apply_control(
            &mut f,
            &json!({"route": "*", "fault": "delay", "delay_ms": 999_999}),
        )
        .unwrap();
        assert_eq!(f.rules[0].fault, Fault::Delay(MAX_DELAY_MS));
        apply_control(
            &mut f,
            &json!({"route": "*", "fault": "inject_xss", "payloads": ["a"]}),
        )
        .unwrap();
        assert_eq!(f.rules[0].fault, Fault::InjectXss(vec!["a".into()]));
    }

    #[test]
    fn args_must_be_loopback() {
        let a = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let ok = parse_args(&a(
            "--listen 127.0.0.1:18401 --upstream http://127.0.0.1:18400/",
        ))
        .unwrap();
        assert_eq!(ok.listen.port(), 18401);
        assert_eq!(ok.upstream, "127.0.0.1:18400".parse().unwrap());
        assert!(parse_args(&a(
            "--listen 0.0.0.0:18401 --upstream http://127.0.0.1:18400"
        ))
        .is_err());
        assert!(parse_args(&a("--listen 127.0.0.1:18401 --upstream http://10.0.0.1:80")).is_err());
        assert!(parse_args(&a(
            "--listen 127.0.0.1:18401 --upstream https://127.0.0.1:80"
        ))
        .is_err());
        assert!(parse_args(&a("--listen 127.0.0.1:18401")).is_err());
        assert!(parse_args(&a("--listen 127.0.0.1:1 --upstream http://localhost:2")).is_ok());
    }

    // ---- end to end over real sockets: an upstream, the proxy, a raw client ----

    const UPSTREAM_JSON: &str = r#"{"status":"valid","title":"hello world, this is the body"}"#;

    async fn start_upstream() -> SocketAddr {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move {
            loop {
                let Ok((s, _)) = l.accept().await else { return };
                tokio::spawn(async move {
                    let svc = service_fn(|req: Request<Incoming>| async move {
                        let mut r = Response::new(Full::new(Bytes::from(UPSTREAM_JSON)));
                        let h = r.headers_mut();
                        h.insert(
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("application/json"),
                        );
                        h.insert(header::ETAG, HeaderValue::from_static("\"v1\""));
                        h.insert(
                            header::CONTENT_SECURITY_POLICY,
                            HeaderValue::from_static("default-src 'self'"),
                        );
                        let echo = req
                            .headers()
                            .contains_key(header::IF_NONE_MATCH)
                            .to_string();
                        h.insert("x-had-if-none-match", HeaderValue::from_str(&echo).unwrap());
                        Ok::<_, Infallible>(r)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(s), svc)
                        .await;
                });
            }
        });
        addr
    }

    async fn start_proxy() -> SocketAddr {
        let up = start_upstream().await;
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(serve(l, up));
        addr
    }

    /// One raw HTTP/1.1 exchange; returns everything read until the server closed.
    async fn raw(addr: SocketAddr, method: &str, path: &str, body: &str) -> Vec<u8> {
        let mut s = TcpStream::connect(addr).await.unwrap();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIf-None-Match: \"v1\"\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
        out
    }

    fn split(resp: &[u8]) -> (String, Vec<u8>) {
        let at = resp
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        (
            String::from_utf8_lossy(&resp[..at]).to_lowercase(),
            resp[at + 4..].to_vec(),
        )
    }

    async fn set(proxy: SocketAddr, body: Value) {
        let r = raw(proxy, "POST", "/__faults", &body.to_string()).await;
        assert!(
            split(&r).0.starts_with("http/1.1 200"),
            "{}",
            String::from_utf8_lossy(&r)
        );
    }

    #[tokio::test]
    async fn proxy_passes_through_and_applies_faults() {
        let p = start_proxy().await;
        // Pass-through keeps the body and the upstream's headers (and conditional requests).
        let (h, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        assert!(h.starts_with("http/1.1 200"), "{h}");
        assert_eq!(b, UPSTREAM_JSON.as_bytes());
        assert!(h.contains("x-had-if-none-match: true"), "{h}");

        // refuse: the connection closes with no byte written.
        set(p, rule("/api/v1/x", "refuse")).await;
        assert!(raw(p, "GET", "/api/v1/x", "").await.is_empty());
        // Other routes and the app still pass.
        let (h, _) = split(&raw(p, "GET", "/index.html", "").await);
        assert!(h.starts_with("http/1.1 200"), "{h}");

        // 429: header + problem body.
        set(p, rule("/api/v1/x", "429")).await;
        let (h, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        assert!(h.starts_with("http/1.1 429"), "{h}");
        assert!(h.contains("retry-after: 3"), "{h}");
        assert!(h.contains("application/problem+json"), "{h}");
        let v: Value = serde_json::from_slice(&b).unwrap();
        assert_eq!(
            (v["code"].as_str(), v["retry_after"].as_u64()),
            (Some("rate_limited"), Some(3))
        );

        // truncate: full Content-Length, exactly half the bytes, then the connection closes.
        set(p, rule("/api/v1/x", "truncate")).await;
        let (h, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        assert!(
            h.contains(&format!("content-length: {}", UPSTREAM_JSON.len())),
            "{h}"
        );
        assert_eq!(b, &UPSTREAM_JSON.as_bytes()[..UPSTREAM_JSON.len() / 2]);

        // malformed.
        set(p, rule("/api/v1/x", "malformed")).await;
        let (h, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        assert!(h.starts_with("http/1.1 200"), "{h}");
        assert_eq!(b, b"{\"not json");

        // unknown_enums: rewritten, new length, no ETag, conditional header dropped upstream.
        set(p, rule("/api/v1/x", "unknown_enums")).await;
        let (h, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        let v: Value = serde_json::from_slice(&b).unwrap();
        assert_eq!(v["status"], "zz_unknown");
        assert_eq!(v["zz_extra"], json!([1, 2, 3]));
        assert!(h.contains(&format!("content-length: {}", b.len())), "{h}");
        assert!(!h.contains("etag"), "{h}");
        assert!(h.contains("x-had-if-none-match: false"), "{h}");

        // strip_csp and a replacement config.
        let (h, _) = split(&raw(p, "GET", "/index.html", "").await);
        assert!(h.contains("content-security-policy"), "{h}");
        set(
            p,
            json!({"strip_csp": true, "config": {"request_timeout_ms": 1500}}),
        )
        .await;
        let (h, _) = split(&raw(p, "GET", "/index.html", "").await);
        assert!(!h.contains("content-security-policy"), "{h}");
        let (_, b) = split(&raw(p, "GET", "/config.json", "").await);
        assert_eq!(
            serde_json::from_slice::<Value>(&b).unwrap(),
            json!({"request_timeout_ms": 1500})
        );

        // The listing counts hits; DELETE clears the rules.
        let (_, b) = split(&raw(p, "GET", "/__faults", "").await);
        let v: Value = serde_json::from_slice(&b).unwrap();
        assert_eq!(v["rules"][0]["hits"], 1);
        let _ = raw(p, "DELETE", "/__faults", "").await;
        let (_, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        assert_eq!(b, UPSTREAM_JSON.as_bytes());
    }

    #[tokio::test]
    async fn delay_holds_the_answer_back() {
        let p = start_proxy().await;
        set(p, json!({"route": "*", "fault": "delay", "delay_ms": 300})).await;
        let t0 = std::time::Instant::now();
        let (_, b) = split(&raw(p, "GET", "/api/v1/x", "").await);
        assert!(t0.elapsed() >= Duration::from_millis(300));
        assert_eq!(b, UPSTREAM_JSON.as_bytes());
    }
}
