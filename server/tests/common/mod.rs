//! Shared helpers: a fresh data dir + dist dir, the router in-process, request helpers.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use enforcement_kiosk::domain::date::Date;
use http_body_util::BodyExt;
use kiosk_server::{AppState, Config};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

pub const ADMIN_TOKEN: &str = "test-admin-token";
/// The day the seed README's derived counts refer to.
pub const TODAY: &str = "2026-11-22";

pub fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

pub struct TestApp {
    pub state: Arc<AppState>,
    pub app: Router,
    pub data: TempDir,
    pub dist: TempDir,
}

/// `EK_TEST_DATABASE_URL` (e.g. `postgres://postgres@127.0.0.1:5433/postgres`): when set, every
/// test runs on PostgreSQL, each data directory with a database of its own; unset: SQLite.
pub const PG_ENV: &str = "EK_TEST_DATABASE_URL";

pub fn pg_base() -> Option<String> {
    std::env::var(PG_ENV).ok().filter(|s| !s.trim().is_empty())
}

/// `base` with its database name replaced by `name`.
pub fn with_database(base: &str, name: &str) -> String {
    let (main, query) = match base.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (base, None),
    };
    let host_start = main.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match main[host_start..].find('/') {
        Some(i) => &main[..host_start + i],
        None => main,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// Runs `f` with a connection to the server's maintenance database, on a thread and runtime
/// of its own (callable from sync and async tests alike).
pub fn with_pg_admin<T: Send + 'static>(
    f: impl FnOnce(
            tokio_postgres::Client,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>
        + Send
        + 'static,
) -> T {
    let base = pg_base().expect("EK_TEST_DATABASE_URL");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let (client, conn) = tokio_postgres::connect(&base, tokio_postgres::NoTls)
                .await
                .expect("connect to EK_TEST_DATABASE_URL");
            let h = tokio::spawn(conn);
            let out = f(client).await;
            h.abort();
            out
        })
    })
    .join()
    .unwrap()
}

/// The database name a data directory gets on PostgreSQL.
pub fn pg_name(data: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut h);
    std::process::id().hash(&mut h);
    format!("ek_t_{:016x}", h.finish())
}

/// Creates the database `name` when it does not exist.
pub fn create_pg_database(name: &str) {
    let name = name.to_string();
    with_pg_admin(move |c| {
        Box::pin(async move {
            let exists = c
                .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
                .await
                .unwrap()
                .is_some();
            if !exists {
                if let Err(e) = c.batch_execute(&format!("CREATE DATABASE {name}")).await {
                    assert_eq!(
                        e.code(),
                        Some(&tokio_postgres::error::SqlState::DUPLICATE_DATABASE),
                        "{e}"
                    );
                }
            }
        })
    })
}

/// Drops the database `name` (its connections too).
pub fn drop_pg_database(name: &str) {
    let name = name.to_string();
    with_pg_admin(move |c| {
        Box::pin(async move {
            let _ = c
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        })
    })
}

/// `DATABASE_URL` for a data directory: its own PostgreSQL database (created when missing)
/// under `EK_TEST_DATABASE_URL`, else `None` (the SQLite file in the directory).
pub fn database_url_for(data: &Path) -> Option<String> {
    let base = pg_base()?;
    let name = pg_name(data);
    create_pg_database(&name);
    Some(with_database(&base, &name))
}

/// The environment a `kiosk-server` command needs to use the same database as [`config`].
pub fn db_env(data: &Path) -> Vec<(&'static str, String)> {
    match database_url_for(data) {
        Some(u) => vec![("DATABASE_URL", u)],
        None => Vec::new(),
    }
}

pub fn config(data: &Path, dist: &Path) -> Config {
    let mut c = Config::new(data, dist);
    c.admin_token = ADMIN_TOKEN.into();
    c.admin_token_generated = false;
    c.seed_today = Some(today());
    c.cert_rate_per_min = 100_000;
    c.log_requests = false;
    c.database_url = database_url_for(data);
    // The review tests count what they stored; the demo history has its own test.
    c.demo_history = false;
    c
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if pg_base().is_some() {
            drop_pg_database(&pg_name(self.data.path()));
        }
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with(|_| {}).await
    }

    pub async fn with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let dist = tempfile::tempdir().unwrap();
        let mut c = config(data.path(), dist.path());
        tweak(&mut c);
        let state = AppState::open(c).await.unwrap();
        let app = kiosk_server::router(state.clone());
        TestApp {
            state,
            app,
            data,
            dist,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        send(&self.app, req).await
    }

    pub async fn get(&self, uri: &str) -> Resp {
        self.send(req(Method::GET, uri, &[], None)).await
    }

    pub async fn post(&self, uri: &str, body: &Value) -> Resp {
        self.send(req(Method::POST, uri, &[], Some(body))).await
    }
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// Asserts a problem document with this status and code; returns it.
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        assert_eq!(self.header("content-type"), "application/problem+json");
        let p = self.json();
        assert_eq!(p["code"], code, "{p}");
        assert_eq!(p["status"], status);
        assert!(p["type"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()));
        p
    }
}

pub fn req(
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    match body {
        Some(v) => b
            .header("content-type", "application/json")
            .body(Body::from(v.to_string()))
            .unwrap(),
        None => b.body(Body::empty()).unwrap(),
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Resp {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    Resp {
        status,
        headers,
        body,
    }
}

/// ISO 7064 MOD 37,36 check character of a GB/T 36904 identifier body (domain.md §3.2),
/// computed independently of the server for building unknown-but-valid identifiers.
pub fn identifier_check(body: &str) -> char {
    let mut p: u32 = 36;
    for ch in body.chars() {
        let v = ch.to_digit(36).unwrap();
        let mut t = (p + v) % 36;
        if t == 0 {
            t = 36;
        }
        p = (2 * t) % 37;
    }
    std::char::from_digit((37 - p) % 36, 36)
        .unwrap()
        .to_ascii_uppercase()
}

/// `1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>`
pub fn make_identifier(type_code: &str, issuer: &str, serial: &str, version: &str) -> String {
    let check = identifier_check(&format!("{type_code}{issuer}{serial}{version}"));
    format!("1.2.156.3005.2.{type_code}.{issuer}.{serial}.{version}.{check}")
}
