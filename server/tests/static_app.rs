//! The built app: history fallback, cache headers, CSP with inline-script hashes,
//! security headers everywhere, precompressed files, on-the-fly compression for the API only.

mod common;

use axum::http::Method;
use common::*;

const INDEX: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>kiosk</title>\
<script src=\"/enforcement-kiosk-0123456789abcdef.js\" type=\"module\"></script>\
<script>window.__kioskBoot=1;</script></head><body></body></html>";
/// `printf 'window.__kioskBoot=1;' | openssl dgst -sha256 -binary | base64`
const INLINE_HASH: &str = "'sha256-2nnSHwxGhUArPhEXjTx2q9YfK2HpdMwSFYjm6xnQWPk='";

async fn app_with_dist() -> TestApp {
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
    let mut t = TestApp::with(|c| c.dist_dir = dist_path).await;
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
    let t = app_with_dist().await;
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
    let t = app_with_dist().await;
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
    let t = app_with_dist().await;
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

/// Writes `name.br` and `name.gz` beside `name`, as scripts/build.sh does.
fn precompress(dist: &std::path::Path, name: &str) -> (Vec<u8>, Vec<u8>) {
    use std::io::Write;
    let plain = std::fs::read(dist.join(name)).unwrap();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(&plain).unwrap();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&plain).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(dist.join(format!("{name}.br")), &br).unwrap();
    std::fs::write(dist.join(format!("{name}.gz")), &gz).unwrap();
    (br, gz)
}

#[tokio::test]
async fn the_apps_files_are_served_as_the_build_compressed_them() {
    let t = app_with_dist().await;
    let path = "/enforcement-kiosk-0123456789abcdef.js";
    let (br, gz) = precompress(t.dist.path(), &path[1..]);
    let (index_br, _) = precompress(t.dist.path(), "index.html");
    let plain = t.get(path).await;
    assert_eq!(plain.header("content-encoding"), "");
    for (enc, body) in [("br", &br), ("gzip", &gz), ("gzip, deflate, br", &br)] {
        let r = t
            .send(req(Method::GET, path, &[("accept-encoding", enc)], None))
            .await;
        assert_eq!(r.status, 200, "{enc}");
        let want = if body == &br { "br" } else { "gzip" };
        assert_eq!(r.header("content-encoding"), want, "{enc}");
        assert_eq!(&r.body[..], &body[..], "{enc}: the file the build wrote");
        assert!(
            r.header("vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{enc}"
        );
        assert_eq!(
            r.header("cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(r.header("content-type"), "text/javascript", "{enc}");
    }
    // index.html (and a client route that falls back to it) too, with no-cache.
    for p in ["/", "/lenient/list"] {
        let r = t
            .send(req(Method::GET, p, &[("accept-encoding", "br")], None))
            .await;
        assert_eq!(r.header("content-encoding"), "br", "{p}");
        assert_eq!(&r.body[..], &index_br[..], "{p}");
        assert_eq!(r.header("cache-control"), "no-cache", "{p}");
    }
}

#[tokio::test]
async fn static_files_are_never_compressed_on_the_fly_but_the_api_is() {
    let t = app_with_dist().await;
    // No .br/.gz beside these: they go out as they are, whatever the client accepts.
    for path in [
        "/config.json",
        "/sw.js",
        "/enforcement-kiosk-0123456789abcdef.js",
    ] {
        let plain = t.get(path).await;
        let r = t
            .send(req(
                Method::GET,
                path,
                &[("accept-encoding", "gzip, br")],
                None,
            ))
            .await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-encoding"), "", "{path}");
        assert_eq!(r.body, plain.body, "{path}");
    }
    for enc in ["gzip", "br"] {
        let r = t
            .send(req(
                Method::GET,
                "/api/v1/services",
                &[("accept-encoding", enc)],
                None,
            ))
            .await;
        assert_eq!(r.header("content-encoding"), enc);
    }
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_app() {
    let t = app_with_dist().await;
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
    let t = TestApp::new().await;
    let r = t.get("/").await;
    assert_eq!(r.status, 404);
    assert!(r.text().contains("/api/v1/health"));
    assert_security_headers(&r);
    assert!(!r.header("content-security-policy").contains("sha256-"));
}
