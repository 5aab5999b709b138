//! The OpenAPI document against the server's real answers: every status that a handler, an
//! extractor or a layer can give is documented for its operation, with the documented content
//! type, and the constraints the document states are the ones the server enforces (so that a
//! request the document calls valid is not refused for its shape, and one it calls invalid is
//! not accepted). Regression tests for what the contract part of `make bench` (schemathesis
//! against this document, bench/contract.sh) found or showed to be missing.

mod common;

use std::time::Duration;

use axum::http::Method;
use common::*;
use enforcement_kiosk::contract::ReviewReceipt;
use kiosk_server::seed::SeedData;
use serde_json::{json, Value};

fn doc() -> Value {
    serde_json::from_str(&kiosk_server::api::document_json()).unwrap()
}

/// Every (method, path template) of the document.
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            ops.push((method.clone(), path.clone()));
        }
    }
    ops
}

/// Asserts that `r` is an answer the document gives for `method template`: its status is
/// listed, and when the document gives that status a body, the response's media type is the
/// documented one (`application/problem+json` for the problems), and the documented headers
/// are there.
fn assert_documented(doc: &Value, method: &str, template: &str, r: &Resp) {
    let op = &doc["paths"][template][method];
    assert!(
        op.is_object(),
        "no operation {method} {template} in the document"
    );
    let status = r.status.as_u16().to_string();
    let documented = op["responses"].as_object().unwrap();
    let Some(response) = documented.get(&status) else {
        panic!(
            "{method} {template}: {status} is not documented (documented: {:?}); body: {}",
            documented.keys().collect::<Vec<_>>(),
            r.text()
        );
    };
    if let Some(content) = response["content"].as_object() {
        let media = r
            .header("content-type")
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
        assert!(
            content.contains_key(media),
            "{method} {template} {status}: content type {media:?}, documented {:?}",
            content.keys().collect::<Vec<_>>()
        );
    }
    for (name, header) in response["headers"].as_object().into_iter().flatten() {
        let value = r.header(&name.to_ascii_lowercase());
        assert!(
            !value.is_empty(),
            "{method} {template} {status}: documented header {name} missing"
        );
        if header["schema"]["type"] == "integer" {
            assert!(value.parse::<u64>().is_ok(), "{name}: {value:?}");
        }
    }
}

fn bearer() -> String {
    format!("Bearer {ADMIN_TOKEN}")
}

async fn post_review(t: &TestApp, key: &str, body: &Value) -> Resp {
    t.send(req(
        Method::POST,
        "/api/v1/reviews",
        &[("idempotency-key", key)],
        Some(body),
    ))
    .await
}

fn first_window() -> String {
    SeedData::embedded().unwrap().windows[0].id.clone()
}

/// Found by schemathesis (status_code_conformance): an advance without a JSON body got a 400
/// `invalid_body` that the document did not list; a body over 64 KiB gets a 413 it did not
/// list either.
#[tokio::test]
async fn advance_body_errors_are_documented_problems() {
    let t = TestApp::new().await;
    let d = doc();
    let path = "/api/v1/admin/reviews/{review_no}/advance";
    let auth = bearer();
    let r = t
        .send(req(
            Method::POST,
            "/api/v1/admin/reviews/HC20261122000001/advance",
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    r.problem(400, "invalid_body");
    assert_documented(&d, "post", path, &r);
    let big = json!({"to": "verifying", "note": "x".repeat(70 * 1024)});
    let r = t
        .send(req(
            Method::POST,
            "/api/v1/admin/reviews/HC20261122000001/advance",
            &[("authorization", auth.as_str())],
            Some(&big),
        ))
        .await;
    r.problem(413, "payload_too_large");
    assert_documented(&d, "post", path, &r);
}

/// Every operation with a JSON body reads it through `ApiJson`: unreadable or not the expected
/// JSON is a 400, over 64 KiB a 413; both must be in the document (the certificate search and
/// verification lacked the 413).
#[tokio::test]
async fn every_json_body_operation_documents_its_400_and_413() {
    let t = TestApp::new().await;
    let d = doc();
    let auth = bearer();
    let mut seen = 0;
    for (method, template) in operations(&d) {
        let op = &d["paths"][&template][&method];
        // JSON bodies only: the list upload is multipart with its own limit (tests/lists_import.rs).
        if op["requestBody"]["content"]["application/json"].is_null() {
            continue;
        }
        seen += 1;
        let uri = template
            .replace("{review_no}", "HC20261122000001")
            .replace(['{', '}'], "");
        let headers = [
            ("authorization", auth.as_str()),
            ("idempotency-key", "contract-1"),
        ];
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let r = t
            .send(req(m.clone(), &uri, &headers, Some(&json!([1, 2, 3]))))
            .await;
        r.problem(400, "invalid_body");
        assert_documented(&d, &method, &template, &r);
        let big = json!({"padding": "x".repeat(70 * 1024)});
        let r = t.send(req(m, &uri, &headers, Some(&big))).await;
        r.problem(413, "payload_too_large");
        assert_documented(&d, &method, &template, &r);
    }
    assert_eq!(seen, 5, "search, verify, review, advance, assist");
}

/// The rate limits answer 429 on every limited route, and the document says so (the review
/// status look-up did not list its 429). The contract run raises the limits so that the
/// handlers behind them are reached; these are the routes where the 429 can come.
#[tokio::test]
async fn rate_limited_routes_document_their_429() {
    let t = TestApp::with(|c| {
        c.cert_rate_per_min = 1;
        c.review_lookup_per_min = 1;
    })
    .await;
    let d = doc();
    let w = first_window();
    let rc: ReviewReceipt = serde_json::from_slice(
        &post_review(
            &t,
            "rl-contract",
            &json!({"rating": "satisfied", "window_id": w}),
        )
        .await
        .body,
    )
    .unwrap();
    let status_uri = format!("/api/v1/reviews/{}?check={}", rc.review_no, rc.check_code);
    assert_eq!(t.get(&status_uri).await.status, 200);
    let r = t.get(&status_uri).await;
    r.problem(429, "rate_limited");
    assert_documented(&d, "get", "/api/v1/reviews/{review_no}", &r);

    let id = SeedData::embedded().unwrap().certificates[0]
        .identifier
        .clone();
    let search = json!({"by": "number", "number": id});
    let verify = json!({"identifier": id, "code": "AAAAAA"});
    assert_eq!(
        t.post("/api/v1/certificates/search", &search).await.status,
        200
    );
    // The kiosk's bucket is empty now: every certificate route answers 429.
    for (method, template, uri, body) in [
        (
            "post",
            "/api/v1/certificates/search",
            "/api/v1/certificates/search".to_string(),
            Some(&search),
        ),
        (
            "post",
            "/api/v1/certificates/verify",
            "/api/v1/certificates/verify".to_string(),
            Some(&verify),
        ),
        (
            "get",
            "/api/v1/certificates/{identifier}",
            format!("/api/v1/certificates/{id}"),
            None,
        ),
    ] {
        let m = if method == "get" {
            Method::GET
        } else {
            Method::POST
        };
        let r = t.send(req(m, &uri, &[], body)).await;
        r.problem(429, "rate_limited");
        assert!(!r.header("retry-after").is_empty());
        assert_documented(&d, method, template, &r);
    }
}

/// A busy database is a 503 `unavailable` problem (the client retries); every operation that
/// reads or writes the database documents it (only the health check did).
#[tokio::test]
async fn a_busy_database_is_a_documented_503() {
    let t = TestApp::new().await;
    let d = doc();
    for (method, template) in [
        ("get", "/api/v1/health"),
        ("post", "/api/v1/reviews"),
        ("get", "/api/v1/reviews/{review_no}"),
        ("get", "/api/v1/reviews/stats"),
        ("get", "/api/v1/admin/reviews"),
        ("post", "/api/v1/admin/reviews/{review_no}/advance"),
    ] {
        let p = &d["paths"][template][method]["responses"]["503"];
        assert!(
            p["content"]["application/problem+json"].is_object(),
            "{method} {template} does not document 503"
        );
    }
    // SQLite: another process holds the write lock longer than the server waits for it.
    // (PostgreSQL's 503 `database_unavailable` is tested with the database stopped, in
    // tests/postgres.rs.)
    let Some(db) = t.state.store.sqlite() else {
        return;
    };
    db.write(|c| c.busy_timeout(Duration::from_millis(50)))
        .unwrap();
    let other = rusqlite::Connection::open(db.path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = post_review(
        &t,
        "busy-1",
        &json!({"rating": "satisfied", "window_id": first_window()}),
    )
    .await;
    r.problem(503, "unavailable");
    assert_documented(&d, "post", "/api/v1/reviews", &r);
    other.execute_batch("ROLLBACK").unwrap();
    let r = post_review(
        &t,
        "busy-1",
        &json!({"rating": "satisfied", "window_id": first_window()}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

/// Found by schemathesis: `limit` was documented as any integer ≥ 0, the server takes 1–500
/// (positive_data_acceptance); then an empty `limit=`, which the server takes as "not given",
/// was refused by the document (negative_data_rejection).
#[tokio::test]
async fn admin_list_limit_is_documented_as_enforced() {
    let t = TestApp::new().await;
    let d = doc();
    let schema = &d["paths"]["/api/v1/admin/reviews"]["get"]["parameters"][0]["schema"];
    assert_eq!(schema["anyOf"][0]["minimum"], 1, "{schema}");
    assert_eq!(schema["anyOf"][0]["maximum"], 500, "{schema}");
    assert_eq!(schema["anyOf"][1]["maxLength"], 0, "{schema}");
    let auth = bearer();
    let list = |limit: &str| {
        req(
            Method::GET,
            &format!("/api/v1/admin/reviews?limit={limit}"),
            &[("authorization", auth.as_str())],
            None,
        )
    };
    for ok in ["1", "500", ""] {
        let r = t.send(list(ok)).await;
        assert_eq!(r.status, 200, "{ok}");
        assert_documented(&d, "get", "/api/v1/admin/reviews", &r);
    }
    for bad in ["0", "501", "2147483646", "%205", "%09"] {
        let r = t.send(list(bad)).await;
        r.problem(400, "invalid_parameter");
        assert_documented(&d, "get", "/api/v1/admin/reviews", &r);
    }
}

/// Found by schemathesis: the statistics parameters were plain strings (any string "valid",
/// then refused with a 400); with `format: date` and an enum, the empty values the server
/// takes as "not given" were refused by the document (negative_data_rejection). The document
/// now says: a date or empty; window / service / month or empty.
#[tokio::test]
async fn stats_parameters_are_documented_as_enforced() {
    let t = TestApp::new().await;
    let d = doc();
    let params = d["paths"]["/api/v1/reviews/stats"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    let schema = |name: &str| params.iter().find(|p| p["name"] == name).unwrap()["schema"].clone();
    let day = schema("from");
    assert_eq!(day["anyOf"][0]["format"], "date", "{day}");
    assert_eq!(day["anyOf"][1]["maxLength"], 0, "{day}");
    assert_eq!(schema("to"), day);
    assert_eq!(
        schema("group_by")["enum"],
        json!(["window", "service", "month", ""])
    );
    for ok in [
        "from=&to=&group_by=",
        "from=2026-11-01&to=2026-11-30&group_by=window",
        "from=0001-01-01&to=9999-12-31&group_by=service",
        "to=2026-02-28",
    ] {
        let r = t.get(&format!("/api/v1/reviews/stats?{ok}")).await;
        assert_eq!(r.status, 200, "{ok}: {}", r.text());
        assert_documented(&d, "get", "/api/v1/reviews/stats", &r);
    }
    // A blank or padded value is neither empty nor a date (found by schemathesis: `from=%09`
    // was trimmed to "not given"; `%0920261101%09` became a date in the other spelling).
    for bad in [
        "from=%09",
        "from=%0920261101%09",
        "to=%202026-11-01",
        "group_by=%20window",
        "from=2026-02-30",
        "to=20261122",
        "group_by=year",
        "from=2026-11-02&to=2026-11-01",
    ] {
        let r = t.get(&format!("/api/v1/reviews/stats?{bad}")).await;
        r.problem(400, "invalid_parameter");
        assert_documented(&d, "get", "/api/v1/reviews/stats", &r);
    }
}

/// Found by schemathesis (positive_data_acceptance): a review without `rating`, with the
/// catch-all `unknown`, with an Idempotency-Key outside [A-Za-z0-9_-]{1,64} or a comment over
/// 500 characters passed the document and was refused. The document now requires the rating,
/// lists only the named levels and gives the key's pattern and the comment's length.
#[tokio::test]
async fn review_request_is_documented_as_enforced() {
    let t = TestApp::new().await;
    let d = doc();
    let schemas = &d["components"]["schemas"];
    assert_eq!(schemas["ReviewRequest"]["required"], json!(["rating"]));
    assert_eq!(
        schemas["ReviewRequest"]["properties"]["comment"]["maxLength"],
        500
    );
    let key = &d["paths"]["/api/v1/reviews"]["post"]["parameters"][0];
    assert_eq!(key["name"], "Idempotency-Key");
    assert_eq!(key["schema"]["pattern"], "^[A-Za-z0-9_-]{1,64}$");
    let w = first_window();
    let path = "/api/v1/reviews";

    let r = post_review(&t, "no-rating", &json!({"window_id": w})).await;
    r.problem(422, "validation_failed");
    assert_documented(&d, "post", path, &r);
    let r = post_review(
        &t,
        "unknown-rating",
        &json!({"window_id": w, "rating": "unknown"}),
    )
    .await;
    r.problem(422, "validation_failed");

    let r = post_review(
        &t,
        &"k".repeat(64),
        &json!({"window_id": w, "rating": "satisfied", "comment": "字".repeat(500)}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_documented(&d, "post", path, &r);
    let r = post_review(
        &t,
        "long-comment",
        &json!({"window_id": w, "rating": "satisfied", "comment": "字".repeat(501)}),
    )
    .await;
    r.problem(422, "validation_failed");
    for bad_key in ["a b", "键", &"k".repeat(65)] {
        let r = t
            .send(req(
                Method::POST,
                path,
                &[("idempotency-key", bad_key)],
                Some(&json!({"window_id": w, "rating": "satisfied"})),
            ))
            .await;
        r.problem(400, "invalid_idempotency_key");
        assert_documented(&d, "post", path, &r);
    }
}

/// The advance's note: at most 200 characters in the document as in the server, and `to`
/// lists only the named states (`unknown` was documented, then refused with a 422).
#[tokio::test]
async fn advance_request_is_documented_as_enforced() {
    let t = TestApp::new().await;
    let d = doc();
    let schema = &d["components"]["schemas"]["AdvanceRequest"];
    assert_eq!(schema["properties"]["note"]["maxLength"], 200);
    let rc: ReviewReceipt = serde_json::from_slice(
        &post_review(
            &t,
            "adv-1",
            &json!({"rating": "dissatisfied", "window_id": first_window(), "comment": "太慢"}),
        )
        .await
        .body,
    )
    .unwrap();
    let auth = bearer();
    let advance = |body: Value| {
        req(
            Method::POST,
            &format!("/api/v1/admin/reviews/{}/advance", rc.review_no),
            &[("authorization", auth.as_str())],
            Some(&body),
        )
    };
    let path = "/api/v1/admin/reviews/{review_no}/advance";
    let r = t
        .send(advance(
            json!({"to": "verifying", "note": "字".repeat(201)}),
        ))
        .await;
    r.problem(422, "validation_failed");
    assert_documented(&d, "post", path, &r);
    let r = t.send(advance(json!({"to": "unknown"}))).await;
    r.problem(422, "validation_failed");
    let r = t
        .send(advance(
            json!({"to": "verifying", "note": "字".repeat(200)}),
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented(&d, "post", path, &r);
}

/// `unknown` is each wire enum's client-side catch-all, never a value of the contract.
#[test]
fn catch_all_is_not_a_documented_enum_value() {
    let d = doc();
    for name in kiosk_server::api::openapi::CATCH_ALL_ENUMS {
        let values = d["components"]["schemas"][name]["enum"].as_array().unwrap();
        assert!(!values.is_empty(), "{name}");
        assert!(!values.contains(&json!("unknown")), "{name}: {values:?}");
    }
}

/// The receipt's links (followed by schemathesis's stateful phase) name their operations with
/// `operationId` (utoipa 5.5 would write `operation_id`), and those operations exist.
#[test]
fn receipt_links_name_existing_operations() {
    let d = doc();
    let ids: Vec<String> = operations(&d)
        .iter()
        .map(|(m, p)| {
            d["paths"][p][m]["operationId"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for status in ["200", "201"] {
        let links = d["paths"]["/api/v1/reviews"]["post"]["responses"][status]["links"]
            .as_object()
            .unwrap();
        assert_eq!(links.len(), 2);
        for (name, link) in links {
            let op = link["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{name}: {link}"));
            assert!(ids.iter().any(|i| i == op), "{name} -> {op}");
            assert!(link.get("operation_id").is_none(), "{link}");
            assert_eq!(link["parameters"]["review_no"], "$response.body#/review_no");
        }
    }
    let status = &d["paths"]["/api/v1/reviews"]["post"]["responses"]["201"]["links"]["status"];
    assert_eq!(status["parameters"]["check"], "$response.body#/check_code");
}

/// The headers that go with an answer are documented with it, and sent: `WWW-Authenticate`
/// with a 401, `Retry-After` with a 429 (see rate_limited_routes_document_their_429), `ETag`
/// with the catalog's 200 and 304.
#[tokio::test]
async fn documented_headers_are_sent() {
    let t = TestApp::new().await;
    let d = doc();
    for (method, template, header) in [
        ("get", "/api/v1/admin/reviews", "WWW-Authenticate"),
        (
            "post",
            "/api/v1/admin/reviews/{review_no}/advance",
            "WWW-Authenticate",
        ),
    ] {
        assert!(d["paths"][template][method]["responses"]["401"]["headers"][header].is_object());
    }
    for template in [
        "/api/v1/certificates/search",
        "/api/v1/certificates/verify",
        "/api/v1/certificates/{identifier}",
        "/api/v1/reviews/{review_no}",
    ] {
        let op = d["paths"][template]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap();
        assert!(
            op["responses"]["429"]["headers"]["Retry-After"].is_object(),
            "{template}"
        );
    }
    let r = t.get("/api/v1/admin/reviews").await;
    r.problem(401, "unauthorized");
    assert_documented(&d, "get", "/api/v1/admin/reviews", &r);
    let r = t.get("/api/v1/lenient/catalog").await;
    assert_documented(&d, "get", "/api/v1/lenient/catalog", &r);
    let etag = r.header("etag").to_string();
    let r = t
        .send(req(
            Method::GET,
            "/api/v1/lenient/catalog",
            &[("if-none-match", etag.as_str())],
            None,
        ))
        .await;
    assert_eq!(r.status, 304);
    assert_documented(&d, "get", "/api/v1/lenient/catalog", &r);
}

/// A multipart upload of `bytes` as the `file` part named `name`.
fn upload(
    uri: &str,
    auth: Option<&str>,
    name: &str,
    bytes: &[u8],
) -> axum::http::Request<axum::body::Body> {
    let boundary = "ekboundary7d1";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut b = axum::http::Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        );
    if let Some(a) = auth {
        b = b.header("authorization", a);
    }
    b.body(axum::body::Body::from(body)).unwrap()
}

/// The admin list operations answer as documented: upload (401, 400, 422 with rows, 413,
/// 200), versions, export (an xlsx that uploads back), rollback (200, 404); the catalog's
/// ETag changes with every publish and rollback and not on a rejected upload.
#[tokio::test]
async fn admin_list_operations_are_documented() {
    let t = TestApp::new().await;
    let d = doc();
    let auth = bearer();
    let tpl = "/api/v1/admin/lists/import";
    let uri = "/api/v1/admin/lists/import?kind=minor&domain=tax&region=320000";
    let etag = |r: &Resp| r.header("etag").to_string();
    let seed_tag = etag(&t.get("/api/v1/lenient/catalog").await);
    let good = "违法行为,处罚依据\n甲,第一条\n乙,第二条\n".as_bytes();

    let r = t.send(upload(uri, None, "a.csv", good)).await;
    r.problem(401, "unauthorized");
    assert_documented(&d, "post", tpl, &r);
    let r = t
        .send(req(
            Method::POST,
            uri,
            &[("authorization", auth.as_str())],
            Some(&json!([1])),
        ))
        .await;
    r.problem(400, "invalid_body");
    assert_documented(&d, "post", tpl, &r);
    let r = t
        .send(upload(
            uri,
            Some(&auth),
            "bad.csv",
            "违法行为,处罚依据\n甲,\n".as_bytes(),
        ))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_documented(&d, "post", tpl, &r);
    let p = &r.json()["problems"][0];
    assert_eq!(
        (p["row"].as_u64(), p["column"].as_str()),
        (Some(2), Some("违法依据/处罚依据"))
    );
    assert_eq!(etag(&t.get("/api/v1/lenient/catalog").await), seed_tag);
    let big = vec![b'a'; kiosk_server::api::lists::UPLOAD_LIMIT + 1024];
    let r = t.send(upload(uri, Some(&auth), "big.csv", &big)).await;
    r.problem(413, "payload_too_large");
    assert_documented(&d, "post", tpl, &r);
    let r = t
        .send(upload(
            &format!("{uri}&dry_run=true"),
            Some(&auth),
            "a.csv",
            good,
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["published"], Value::Null);
    assert_eq!(etag(&t.get("/api/v1/lenient/catalog").await), seed_tag);
    let r = t.send(upload(uri, Some(&auth), "a.csv", good)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented(&d, "post", tpl, &r);
    let rep = r.json();
    assert_eq!(rep["published"], 1);
    assert_eq!(
        rep["counts"][0],
        json!({"domain": "tax", "kind": "minor", "entries": 2})
    );
    let v1_tag = etag(&t.get("/api/v1/lenient/catalog").await);
    assert_ne!(v1_tag, seed_tag);

    let r = t
        .send(req(
            Method::GET,
            "/api/v1/admin/lists/versions",
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    assert_eq!(r.status, 200);
    assert_documented(&d, "get", "/api/v1/admin/lists/versions", &r);
    let vs = r.json();
    assert_eq!(
        (vs["in_force"].as_u64(), vs["etag"].as_str()),
        (Some(1), Some(v1_tag.as_str()))
    );
    assert_eq!(vs["versions"][0]["actor"], "admin");
    assert_eq!(vs["versions"][0]["source_file"], "a.csv");

    let r = t
        .send(req(
            Method::GET,
            "/api/v1/admin/lists/export",
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    assert_eq!(r.status, 200);
    assert_documented(&d, "get", "/api/v1/admin/lists/export", &r);
    let r = t
        .send(upload(
            "/api/v1/admin/lists/import",
            Some(&auth),
            "export.xlsx",
            &r.body,
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["published"], 2);

    let r = t
        .send(req(
            Method::POST,
            "/api/v1/admin/lists/rollback/0",
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    assert_eq!(r.status, 200);
    assert_documented(&d, "post", "/api/v1/admin/lists/rollback/{version}", &r);
    assert_eq!(r.json()["in_force"], 0);
    assert_eq!(etag(&t.get("/api/v1/lenient/catalog").await), seed_tag);
    let r = t
        .send(req(
            Method::POST,
            "/api/v1/admin/lists/rollback/99",
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    r.problem(404, "not_found");
    assert_documented(&d, "post", "/api/v1/admin/lists/rollback/{version}", &r);
}

/// 呼叫工作人员 answers as documented: 201 for a new call, 200 with the open one, 422 without a
/// kiosk id, 429 past the limit; the admin list and answer (401, 200, 404).
#[tokio::test]
async fn assist_operations_are_documented() {
    let t = TestApp::new().await;
    let d = doc();
    let auth = bearer();
    let call = |kiosk: Option<&'static str>| {
        let mut h = vec![];
        if let Some(k) = kiosk {
            h.push(("x-kiosk-id", k));
        }
        req(
            Method::POST,
            "/api/v1/assist",
            &h,
            Some(&json!({"window": "A01 综合咨询"})),
        )
    };
    let r = t.send(call(Some("k-doc-1"))).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_documented(&d, "post", "/api/v1/assist", &r);
    let first = r.json();
    assert_eq!(
        (first["kiosk_id"].as_str(), first["window"].as_str()),
        (Some("k-doc-1"), Some("A01 综合咨询"))
    );
    assert!(first.get("answered_at").is_none());
    let r = t.send(call(Some("k-doc-1"))).await;
    assert_eq!(r.status, 200);
    assert_documented(&d, "post", "/api/v1/assist", &r);
    assert_eq!(r.json()["id"], first["id"]);
    let r = t.send(call(None)).await;
    let p = r.problem(422, "validation_failed");
    assert_eq!(p["fields"][0]["field"], "X-Kiosk-Id");
    assert_documented(&d, "post", "/api/v1/assist", &r);

    let r = t.get("/api/v1/admin/assist").await;
    r.problem(401, "unauthorized");
    assert_documented(&d, "get", "/api/v1/admin/assist", &r);
    async fn list(t: &TestApp, auth: &str) -> Resp {
        t.send(req(
            Method::GET,
            "/api/v1/admin/assist",
            &[("authorization", auth)],
            None,
        ))
        .await
    }
    let r = list(&t, &auth).await;
    assert_eq!(r.status, 200);
    assert_documented(&d, "get", "/api/v1/admin/assist", &r);
    assert_eq!(r.json().as_array().unwrap().len(), 1);
    let tpl = "/api/v1/admin/assist/{id}/answer";
    let uri = format!("/api/v1/admin/assist/{}/answer", first["id"]);
    let r = t.send(req(Method::POST, &uri, &[], None)).await;
    r.problem(401, "unauthorized");
    assert_documented(&d, "post", tpl, &r);
    let r = t
        .send(req(
            Method::POST,
            &uri,
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented(&d, "post", tpl, &r);
    assert!(r.json()["answered_at"].is_string());
    let r = t
        .send(req(
            Method::POST,
            "/api/v1/admin/assist/999/answer",
            &[("authorization", auth.as_str())],
            None,
        ))
        .await;
    r.problem(404, "not_found");
    assert_documented(&d, "post", tpl, &r);
    // Answered: the kiosk may call again (a new call).
    let r = t.send(call(Some("k-doc-1"))).await;
    assert_eq!(r.status, 201);
    assert_ne!(r.json()["id"], first["id"]);
    let calls = list(&t, &auth).await.json();
    assert_eq!(calls[0]["answered_at"], Value::Null);
    assert!(calls[1]["answered_at"].is_string());

    // The kiosk's bucket: CALLS_PER_MIN calls, then 429 (other kiosks still get through). The
    // bucket refills one call a second, so on a slow machine (or database) a few more get in.
    let per_min = enforcement_kiosk::domain::assist::CALLS_PER_MIN;
    let mut passed = 0;
    let r = loop {
        let r = t.send(call(Some("k-doc-2"))).await;
        if r.status == 429 || passed > 2 * per_min {
            break r;
        }
        passed += 1;
    };
    assert!(passed >= per_min, "{passed}");
    r.problem(429, "rate_limited");
    assert!(!r.header("retry-after").is_empty());
    assert_documented(&d, "post", "/api/v1/assist", &r);
    let r = t.send(call(Some("k-doc-3"))).await;
    assert_eq!(r.status, 201, "{}", r.text());
}
