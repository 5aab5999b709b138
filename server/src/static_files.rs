//! The built app: files from DIST_DIR with an index.html fallback for client routes,
//! cache headers, and the Content-Security-Policy derived from index.html.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use tower::util::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `'sha256-…'` sources for every inline `<script>` (one without `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = lower[pos..].find("<script") {
        let start = pos + rel;
        let after = start + "<script".len();
        let next = lower.as_bytes().get(after).copied();
        if !matches!(
            next,
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'\r') | Some(b'/')
        ) {
            pos = after;
            continue;
        }
        let Some(gt) = lower[after..].find('>').map(|i| after + i) else {
            break;
        };
        let attrs = &lower[after..gt];
        let Some(end) = lower[gt + 1..].find("</script").map(|i| gt + 1 + i) else {
            break;
        };
        let has_src = attrs
            .split(|c: char| c.is_whitespace() || c == '/')
            .any(|a| a == "src" || a.starts_with("src="));
        if !has_src {
            let content = &html.as_bytes()[gt + 1..end];
            out.push(format!("'sha256-{}'", base64(&Sha256::digest(content))));
        }
        pos = end;
    }
    out
}

/// The policy, with the given script hashes.
pub fn csp_value(script_hashes: &[String]) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script.push(' ');
        script.push_str(h);
    }
    format!(
        "default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// The CSP for the app in `dist`, recomputed when a new build replaces index.html (its
/// inline loader script, and so its hash, changes with every trunk build). The file's
/// modification time is checked at most once every two seconds.
pub struct Csp {
    dist: std::path::PathBuf,
    start: std::time::Instant,
    checked_ms: std::sync::atomic::AtomicU64,
    current: std::sync::RwLock<(Option<std::time::SystemTime>, HeaderValue)>,
}

impl Csp {
    pub fn new(dist: &Path) -> Csp {
        let mtime = index_mtime(dist);
        Csp {
            dist: dist.to_path_buf(),
            start: std::time::Instant::now(),
            checked_ms: std::sync::atomic::AtomicU64::new(0),
            current: std::sync::RwLock::new((mtime, csp_header(dist))),
        }
    }

    /// The policy in force now.
    pub fn current(&self) -> HeaderValue {
        use std::sync::atomic::Ordering;
        let now = self.start.elapsed().as_millis() as u64;
        let last = self.checked_ms.load(Ordering::Relaxed);
        if now.saturating_sub(last) >= 2_000
            && self
                .checked_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            let mtime = index_mtime(&self.dist);
            let stale = self.current.read().map(|c| c.0 != mtime).unwrap_or(true);
            if stale {
                if let Ok(mut c) = self.current.write() {
                    *c = (mtime, csp_header(&self.dist));
                }
            }
        }
        self.current
            .read()
            .map(|c| c.1.clone())
            .unwrap_or(HeaderValue::from_static("default-src 'self'"))
    }
}

fn index_mtime(dist: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(dist.join("index.html"))
        .and_then(|m| m.modified())
        .ok()
}

/// The CSP for the app in `dist` as its index.html is now.
pub fn csp_header(dist: &Path) -> HeaderValue {
    let hashes = std::fs::read_to_string(dist.join("index.html"))
        .map(|h| inline_script_hashes(&h))
        .unwrap_or_default();
    HeaderValue::from_str(&csp_value(&hashes))
        .unwrap_or(HeaderValue::from_static("default-src 'self'"))
}

/// `name-<hex ≥ 8>.js|css|wasm` (also trunk's `name-<hex>_bg.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "css" | "wasm") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty() && hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let html = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let value = if !html && is_hashed_asset(&path) {
            HeaderValue::from_static("public, max-age=31536000, immutable")
        } else {
            // index.html, config.json, sw.js and everything unhashed: revalidate each time.
            HeaderValue::from_static("no-cache")
        };
        res.headers_mut().insert(header::CACHE_CONTROL, value);
        // The body depends on Accept-Encoding wherever the build left a .br/.gz beside the
        // file; say so for every file, so no cache hands a brotli body to a client without it.
        res.headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

async fn not_built() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html("<!doctype html><meta charset=utf-8><title>kiosk-server</title><p>The kiosk app is not built (DIST_DIR has no index.html). The API is at <a href=\"/api/v1/health\">/api/v1/health</a>.</p>"),
    )
        .into_response()
}

/// Whether a missing path names a static file (its last segment ends in one of the extensions
/// the build emits) rather than a client route. Such a path gets a 404, not index.html: a
/// browser that asks for a missing `/sw.js` or an old hashed `.js` must see a plain error, not
/// an HTML page under a script URL ("unsupported MIME type"). Client routes may contain dots
/// (e.g. a certificate identifier), so only these extensions count.
pub fn is_static_file_path(path: &str) -> bool {
    const EXT: &[&str] = &[
        "js",
        "mjs",
        "css",
        "wasm",
        "json",
        "map",
        "png",
        "svg",
        "ico",
        "webmanifest",
        "txt",
        "woff",
        "woff2",
        "html",
    ];
    let last = path.rsplit('/').next().unwrap_or("");
    last.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty() && EXT.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// index.html for client routes, 404 for missing static files.
async fn spa_fallback(
    axum::extract::State(index): axum::extract::State<ServeFile>,
    req: Request,
) -> Response {
    if is_static_file_path(req.uri().path()) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match index.oneshot(req).await {
        Ok(r) => r.into_response(),
        Err(never) => match never {},
    }
}

/// Files from DIST_DIR; a path that is not a file gets index.html (history routing), unless
/// it names a static file ([`is_static_file_path`]).
///
/// Files are served as the build compressed them: `name.br` (brotli quality 11) or `name.gz`
/// (gzip -9) beside `name`, chosen by `Accept-Encoding`, with `Content-Encoding` and
/// `Vary: accept-encoding`; a file without them goes out as it is. Nothing here is compressed
/// on the fly (that is for API responses only, see `app::router`).
pub fn router(dist: &Path) -> Router {
    let index = dist.join("index.html");
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let app = if index.is_file() {
        let index = ServeFile::new(index)
            .precompressed_br()
            .precompressed_gzip();
        let fallback = axum::routing::get(spa_fallback).with_state(index);
        Router::new().fallback_service(files.fallback(fallback))
    } else {
        Router::new().fallback_service(files.fallback(axum::routing::get(not_built)))
    };
    app.layer(axum::middleware::from_fn(cache_headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_file_paths_are_told_from_client_routes() {
        for p in [
            "/sw.js",
            "/enforcement-kiosk-0123abcd.js",
            "/main.CSS",
            "/demo/catalog.json",
            "/icons/x.png",
            "/a/b.wasm",
        ] {
            assert!(is_static_file_path(p), "{p}");
        }
        for p in [
            "/",
            "/lenient/list",
            "/certs/1.2.156.3005.2.1110",
            "/reviews/HC2026",
            "/.js",
            "/x/.env",
            "/v1.2",
        ] {
            assert!(!is_static_file_path(p), "{p}");
        }
    }

    #[test]
    fn base64_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_skipped() {
        let html = r#"<html><head><script src="/a.js"></script><SCRIPT type="module">alert(1)</SCRIPT>
<scripts>x</scripts><script>
</script></head></html>"#;
        let h = inline_script_hashes(html);
        // sha256("alert(1)") and sha256("\n")
        assert_eq!(
            h,
            vec![
                "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='".to_string(),
                "'sha256-AbpHGcgLb+kRsJGnwFEktk7uzpZOCcBY74+YBdrKVGs='".to_string()
            ]
        );
        let csp = csp_value(&h);
        assert!(
            csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
        );
        assert!(csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn csp_follows_a_new_build_of_index_html() {
        let dir = std::env::temp_dir().join(format!("ek-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<script>one()</script>").unwrap();
        let csp = Csp::new(&dir);
        let first = csp.current();
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        std::fs::write(dir.join("index.html"), "<script>two()</script>").unwrap();
        // Make sure the modification time differs even on coarse file systems.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(dir.join("index.html"))
            .unwrap()
            .set_modified(later)
            .unwrap();
        let second = csp.current();
        assert_ne!(first, second);
        assert_eq!(second, csp_header(&dir));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn hashed_assets() {
        assert!(is_hashed_asset(
            "/enforcement-kiosk-3f9a0b1c2d3e4f50_bg.wasm"
        ));
        assert!(is_hashed_asset("/enforcement-kiosk-3f9a0b1c2d3e4f50.js"));
        assert!(is_hashed_asset("/style-0123abcd.css"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/my-app.js"));
        assert!(!is_hashed_asset("/-0123abcd.js"));
    }
}
