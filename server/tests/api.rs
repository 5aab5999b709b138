//! Health, lenient catalog and items, hall reference data, OpenAPI, error handling.

mod common;

use axum::http::Method;
use common::*;
use enforcement_kiosk::contract::{Catalog, Health, LenientEntry, ServiceItem, Window};
use kiosk_server::seed::SeedData;
use serde_json::json;

#[tokio::test]
async fn health_reports_versions_and_counts() {
    let t = TestApp::new().await;
    let r = t.get("/api/v1/health").await;
    assert_eq!(r.status, 200);
    let h: Health = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(h.status, "ok");
    assert_eq!(h.catalog_version, t.state.catalog().blob.catalog.version);
    assert_eq!(
        h.certificates as usize,
        SeedData::embedded().unwrap().certificates.len()
    );
    assert_eq!(h.reviews, 0);
    assert_eq!(r.header("cache-control"), "no-store");
    assert_eq!(r.header("x-instance-id"), "", "no INSTANCE_ID, no header");
}

#[tokio::test]
async fn health_echoes_the_instance_id_it_was_started_with() {
    let t = TestApp::with(|c| c.instance_id = Some("e2e-7f3c".into())).await;
    let r = t.get("/api/v1/health").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-instance-id"), "e2e-7f3c");
    // Only the health check carries it.
    assert_eq!(t.get("/api/v1/services").await.header("x-instance-id"), "");
}

#[tokio::test]
async fn catalog_etag_round_trip_gives_304() {
    let t = TestApp::new().await;
    let r = t.get("/api/v1/lenient/catalog").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-cache");
    assert_eq!(r.header("content-type"), "application/json");
    let etag = r.header("etag").to_string();
    let cat: Catalog = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(etag, format!("\"{}\"", cat.version));
    assert!(!cat.domains.is_empty());

    let r2 = t
        .send(req(
            Method::GET,
            "/api/v1/lenient/catalog",
            &[("if-none-match", &etag)],
            None,
        ))
        .await;
    assert_eq!(r2.status, 304);
    assert!(r2.body.is_empty());
    assert_eq!(r2.header("etag"), etag);

    let r3 = t
        .send(req(
            Method::GET,
            "/api/v1/lenient/catalog",
            &[("if-none-match", "\"stale\"")],
            None,
        ))
        .await;
    assert_eq!(r3.status, 200);
    assert_eq!(r3.body, r.body);
}

#[tokio::test]
async fn catalog_is_served_precompressed() {
    let t = TestApp::new().await;
    let plain = t.get("/api/v1/lenient/catalog").await;
    for (enc, name) in [("gzip", "gzip"), ("gzip, deflate, br", "br")] {
        let r = t
            .send(req(
                Method::GET,
                "/api/v1/lenient/catalog",
                &[("accept-encoding", enc)],
                None,
            ))
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-encoding"), name);
        assert_eq!(r.header("vary"), "Accept-Encoding");
        let mut out = Vec::new();
        if name == "gzip" {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&r.body[..]), &mut out)
                .unwrap();
        } else {
            std::io::Read::read_to_end(&mut brotli::Decompressor::new(&r.body[..], 4096), &mut out)
                .unwrap();
        }
        assert_eq!(out, plain.body.to_vec());
    }
}

#[tokio::test]
async fn catalog_has_pinyin_keys_for_every_title_char() {
    let t = TestApp::new().await;
    let cat: Catalog =
        serde_json::from_slice(&t.get("/api/v1/lenient/catalog").await.body).unwrap();
    let seed = SeedData::embedded().unwrap();
    assert_eq!(cat.entries.len(), seed.entries.len());
    let mut shui = 0;
    for e in &cat.entries {
        let chars: Vec<char> = e.entry.title.chars().collect();
        assert_eq!(e.keys.title_py.len(), chars.len(), "{}", e.entry.title);
        for (c, py) in chars.iter().zip(&e.keys.title_py) {
            assert!(!py.is_empty());
            assert_eq!(py.to_lowercase(), *py, "lowercase");
            match c {
                '纳' => assert_eq!(py, "na"),
                '税' => {
                    assert_eq!(py.split(',').next(), Some("shui"));
                    shui += 1;
                }
                '行' => {
                    let r: Vec<&str> = py.split(',').collect();
                    assert!(r.contains(&"xing") && r.contains(&"hang"), "{py}");
                }
                c if !c.is_alphabetic() || c.is_ascii() => {
                    assert_eq!(*py, c.to_lowercase().to_string())
                }
                _ => assert!(py.bytes().all(|b| b.is_ascii_lowercase() || b == b',')),
            }
        }
    }
    assert!(shui > 0, "the seed has tax entries");
    if let Some(e) = cat
        .entries
        .iter()
        .find(|e| e.entry.title.starts_with("纳税"))
    {
        assert_eq!(e.keys.title_py[0], "na");
        assert!(e.keys.title_py[1].starts_with("shui"));
    }
}

#[tokio::test]
async fn items_by_id_and_404() {
    let t = TestApp::new().await;
    let seed = SeedData::embedded().unwrap();
    let first = &seed.entries[0];
    let r = t.get(&format!("/api/v1/lenient/items/{}", first.id)).await;
    assert_eq!(r.status, 200);
    let e: LenientEntry = serde_json::from_slice(&r.body).unwrap();
    // The seed entry, with its structured requirements filled in by the server.
    assert!(first.requirements.is_none());
    assert_eq!(e, kiosk_server::seed::with_requirements(first));
    assert_eq!(
        e.requirements.as_ref().map(|r| r.conditions.len()),
        Some(first.conditions.len())
    );
    t.get("/api/v1/lenient/items/no-such-entry")
        .await
        .problem(404, "not_found");
    t.get("/api/v1/lenient/items/%FF%FE")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn services_windows_and_cases() {
    let t = TestApp::new().await;
    let seed = SeedData::embedded().unwrap();
    let s: Vec<ServiceItem> =
        serde_json::from_slice(&t.get("/api/v1/services").await.body).unwrap();
    assert_eq!(s, seed.services);
    let w: Vec<Window> = serde_json::from_slice(&t.get("/api/v1/windows").await.body).unwrap();
    assert_eq!(w, seed.windows);
    let case = &seed.cases[0];
    let r = t.get(&format!("/api/v1/cases/{}", case.case_no)).await;
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["case_no"], case.case_no.as_str());
    assert_eq!(j["service"]["id"], case.service_id.as_str());
    assert_eq!(j["window"]["id"], case.window_id.as_str());
    assert!(j["window"]["name"].as_str().is_some_and(|n| !n.is_empty()));
    t.get("/api/v1/cases/00000000")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn unknown_routes_methods_and_bodies_are_problems() {
    let t = TestApp::new().await;
    t.get("/api/v1/nope").await.problem(404, "not_found");
    t.get("/api/other").await.problem(404, "not_found");
    t.get("/api").await.problem(404, "not_found");
    t.send(req(Method::DELETE, "/api/v1/health", &[], None))
        .await
        .problem(405, "method_not_allowed");
    // Malformed JSON and a wrong shape.
    let r = t
        .send(
            axum::http::Request::post("/api/v1/certificates/search")
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{not json"))
                .unwrap(),
        )
        .await;
    r.problem(400, "invalid_body");
    t.post("/api/v1/certificates/search", &json!({"by": "telepathy"}))
        .await
        .problem(400, "invalid_body");
    // Over 64 KiB.
    let big = json!({"by": "number", "number": "x".repeat(70 * 1024)});
    t.post("/api/v1/certificates/search", &big)
        .await
        .problem(413, "payload_too_large");
}

#[tokio::test]
async fn openapi_document_is_served() {
    let t = TestApp::new().await;
    let r = t.get("/api/v1/openapi.json").await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    // 14 + the four admin list operations (import, versions, rollback, export) + the two hall
    // imports (services, windows) + the three assist paths (call, admin list, answer).
    assert_eq!(doc["paths"].as_object().unwrap().len(), 23);
    let desc = doc["paths"]["/api/v1/reviews/stats"]["get"]["description"]
        .as_str()
        .unwrap();
    assert!(desc.contains("差评整改率"));
}
