//! The built app: history fallback, cache headers, CSP with inline-script hashes,
//! security headers everywhere, compression.

mod common;

use axum::http::Method;
use common::*;

const INDEX: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>kiosk</title>\
<script src=\"/enforcement-kiosk-0123456789abcdef.js\" type=\"module\"></script>\
<script>window.__kioskBoot=1;</script></head><body></body></html>";
/// `printf 'window.__kioskBoot=1;' | openssl dgst -sha256 -binary | base64`
const INLINE_HASH: &str = "'sha256-2nnSHwxGhUArPhEXjTx2q9YfK2HpdMwSFYjm6xnQWPk='";

fn app_with_dist() -> TestApp {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    let js = "export function start() { return 42; }\n".repeat(200);
    std::fs::write(
        dist.path().join("enforcement-kiosk-0123456789abcdef.js"),
        js,
    )
    .unwrap();
    std::fs::write(
        dist.path()
            .join("enforcement-kiosk-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(dist.path().join("config.json"), r#"{"mode":"live"}"#).unwrap();
    std::fs::write(
        dist.path().join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    let dist_path = dist.path().to_path_buf();
    let mut t = TestApp::with(|c| c.dist_dir = dist_path);
    t.dist = dist;
    t
}

fn assert_security_headers(r: &Resp) {
    let csp = r.header("content-security-policy");
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    for part in [
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{part} missing in {csp}");
    }
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("referrer-policy"), "no-referrer");
    assert_eq!(
        r.header("permissions-policy"),
        "camera=(self), microphone=(), geolocation=()"
    );
}

#[tokio::test]
async fn client_routes_get_index_html_with_the_inline_script_hash() {
    let t = app_with_dist();
    for path in ["/", "/lenient/tax", "/certs/holder", "/reviews/HC1/status"] {
        let r = t.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").starts_with("text/html"));
        assert_eq!(r.text(), INDEX);
        assert_eq!(r.header("cache-control"), "no-cache");
        assert_security_headers(&r);
        assert!(
            r.header("content-security-policy").contains(INLINE_HASH),
            "{}",
            r.header("content-security-policy")
        );
    }
}

#[tokio::test]
async fn a_missing_static_file_is_a_404_not_the_app() {
    // A kiosk built without the service worker (or an old hashed script after a redeploy)
    // must not receive index.html under a script URL.
    let t = app_with_dist();
    for path in [
        "/missing-sw.js",
        "/enforcement-kiosk-ffffffffffffffff.js",
        "/old.css",
        "/demo/none.json",
    ] {
        let r = t.get(path).await;
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.header("content-type").starts_with("text/html"), "{path}");
    }
    // Client routes, including one with dots, still get the app.
    for path in ["/lenient/list", "/certs/1.2.156.3005.2.11100000000013338W"] {
        let r = t.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
    }
}

#[tokio::test]
async fn cache_headers_by_kind_of_file() {
    let t = app_with_dist();
    for (path, cc) in [
        (
            "/enforcement-kiosk-0123456789abcdef.js",
            "public, max-age=31536000, immutable",
        ),
        (
            "/enforcement-kiosk-0123456789abcdef_bg.wasm",
            "public, max-age=31536000, immutable",
        ),
        ("/config.json", "no-cache"),
        ("/sw.js", "no-cache"),
        ("/index.html", "no-cache"),
    ] {
        let r = t.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), cc, "{path}");
        assert_security_headers(&r);
    }
    assert_eq!(
        t.get("/enforcement-kiosk-0123456789abcdef_bg.wasm")
            .await
            .header("content-type"),
        "application/wasm"
    );
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let t = app_with_dist();
    let path = "/enforcement-kiosk-0123456789abcdef.js";
    let plain = t.get(path).await;
    let r = t
        .send(req(Method::GET, path, &[("accept-encoding", "gzip")], None))
        .await;
    assert_eq!(r.header("content-encoding"), "gzip");
    assert!(r.body.len() < plain.body.len() / 4);
    let r = t
        .send(req(Method::GET, path, &[("accept-encoding", "br")], None))
        .await;
    assert_eq!(r.header("content-encoding"), "br");
    let r = t
        .send(req(
            Method::GET,
            "/api/v1/services",
            &[("accept-encoding", "gzip")],
            None,
        ))
        .await;
    assert_eq!(r.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_app() {
    let t = app_with_dist();
    let r = t.get("/api/v1/no-such-thing").await;
    r.problem(404, "not_found");
    assert_security_headers(&r);
    t.get("/api/whatever/deep").await.problem(404, "not_found");
    let r = t.get("/api/v1/health").await;
    assert_security_headers(&r);
    assert_eq!(r.header("cache-control"), "no-store");
}

#[tokio::test]
async fn without_a_built_app_the_root_says_so() {
    let t = TestApp::new();
    let r = t.get("/").await;
    assert_eq!(r.status, 404);
    assert!(r.text().contains("/api/v1/health"));
    assert_security_headers(&r);
    assert!(!r.header("content-security-policy").contains("sha256-"));
}
