//! The hall's own services and windows reach a running server without a restart (issue 13):
//! an import by another process (the command line) raises `meta.hall_version`, which the server
//! checks at most every `CATALOG_CHECK_EVERY` and shows in `/health`; the admin endpoints
//! import at once; cases whose window the import removed show `window: null` and their reviews
//! are stored without a window.

mod common;

use axum::http::Method;
use common::*;
use kiosk_server::hall::HallKind;
use kiosk_server::seed::SeedData;
use kiosk_server::state::CATALOG_CHECK_EVERY;
use serde_json::{json, Value};

async fn window_ids(t: &TestApp) -> Vec<String> {
    t.get("/api/v1/windows")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_string())
        .collect()
}

async fn hall_version(t: &TestApp) -> u64 {
    t.get("/api/v1/health").await.json()["hall_version"]
        .as_u64()
        .unwrap()
}

/// A multipart upload of `bytes` as the `file` part.
fn upload(
    uri: &str,
    auth: Option<&str>,
    name: &str,
    bytes: &[u8],
) -> axum::http::Request<axum::body::Body> {
    let boundary = "ekhall42";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
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

#[tokio::test]
async fn windows_imported_by_another_process_are_served_after_the_check_interval() {
    let t = TestApp::new().await;
    let seed = SeedData::embedded().unwrap();
    assert_eq!(hall_version(&t).await, 0);
    assert_eq!(window_ids(&t).await.len(), seed.windows.len());
    // Keep the first seed window (so some cases keep theirs), drop the rest, add W9.
    let kept = &seed.windows[0];
    let csv = format!(
        "窗口编号,窗口名称,所在区域\n{},{},{}\nW9,九号窗口,二楼\n",
        kept.id, kept.name, kept.zone
    );
    // Another process: a second store on the same database.
    let other = kiosk_server::store::Store::open_for_command(&t.state.config, &seed)
        .await
        .unwrap();
    let o = other
        .hall_import(
            HallKind::Windows,
            "w.csv",
            csv.as_bytes().to_vec(),
            "2026-11-22T10:00:00+08:00",
            false,
        )
        .await
        .unwrap();
    assert_eq!(o.version, Some(1));
    let orphan = seed
        .cases
        .iter()
        .find(|c| c.window_id != kept.id)
        .expect("a seed case at another window");
    assert!(o
        .orphaned
        .iter()
        .any(|x| x.case_no == orphan.case_no && x.missing_id == orphan.window_id));
    assert!(!o.orphaned.iter().any(|x| seed
        .cases
        .iter()
        .any(|c| c.case_no == x.case_no && c.window_id == kept.id)));
    tokio::time::sleep(CATALOG_CHECK_EVERY).await;
    assert_eq!(
        window_ids(&t).await,
        vec![kept.id.clone(), "W9".to_string()]
    );
    assert_eq!(hall_version(&t).await, 1);

    // The orphaned case: no window, no crash; a review of it is accepted without a window.
    let c = t.get(&format!("/api/v1/cases/{}", orphan.case_no)).await;
    assert_eq!(c.status, 200, "{}", c.text());
    assert_eq!(c.json()["window"], Value::Null);
    assert_eq!(c.json()["service"]["id"], orphan.service_id);
    let r = t
        .send(req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "orphan-1")],
            Some(&json!({"rating": "satisfied", "case_no": orphan.case_no})),
        ))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let no = r.json()["review_no"].as_str().unwrap().to_string();
    let o = t.state.store.review_origin(&no).await.unwrap().unwrap();
    assert_eq!(
        (o.window_id, o.service_id.as_deref()),
        (None, Some(orphan.service_id.as_str()))
    );
    // Naming a removed window outright is still refused.
    let r = t
        .send(req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "orphan-2")],
            Some(&json!({"rating": "satisfied", "window_id": orphan.window_id})),
        ))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
}

#[tokio::test]
async fn the_admin_endpoints_import_services_and_windows_at_once() {
    let t = TestApp::new().await;
    let auth = format!("Bearer {ADMIN_TOKEN}");
    let d: Value = serde_json::from_str(&kiosk_server::api::document_json()).unwrap();
    for p in [
        "/api/v1/admin/services/import",
        "/api/v1/admin/windows/import",
    ] {
        for s in ["200", "400", "401", "413", "422", "503"] {
            assert!(d["paths"][p]["post"]["responses"][s].is_object(), "{p} {s}");
        }
    }
    let good = "窗口编号,窗口名称\nW1,一号窗口\n".as_bytes();
    let uri = "/api/v1/admin/windows/import";
    t.send(upload(uri, None, "w.csv", good))
        .await
        .problem(401, "unauthorized");
    t.send(req(
        Method::POST,
        uri,
        &[("authorization", auth.as_str())],
        Some(&json!({})),
    ))
    .await
    .problem(400, "invalid_body");
    let big = vec![b'a'; kiosk_server::api::lists::UPLOAD_LIMIT + 1024];
    t.send(upload(uri, Some(&auth), "big.csv", &big))
        .await
        .problem(413, "payload_too_large");
    let r = t
        .send(upload(
            uri,
            Some(&auth),
            "bad.csv",
            "窗口编号,窗口名称\nW1,\n".as_bytes(),
        ))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["problems"][0]["row"], 2);
    assert_eq!(r.json()["problems"][0]["column"], "窗口名称");
    let r = t
        .send(upload(
            &format!("{uri}?dry_run=true"),
            Some(&auth),
            "w.csv",
            good,
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["hall_version"], Value::Null);
    assert_ne!(window_ids(&t).await, vec!["W1"]);
    assert_eq!(hall_version(&t).await, 0);
    let r = t.send(upload(uri, Some(&auth), "w.csv", good)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let rep = r.json();
    assert_eq!(
        (
            rep["kind"].as_str(),
            rep["rows"].as_u64(),
            rep["hall_version"].as_u64()
        ),
        (Some("windows"), Some(1), Some(1))
    );
    // Every seed case names another window: all of them are listed.
    let seed = SeedData::embedded().unwrap();
    assert_eq!(
        rep["orphaned_cases"].as_array().unwrap().len(),
        seed.cases.len()
    );
    // Served at once, no wait for the check interval.
    assert_eq!(window_ids(&t).await, vec!["W1"]);
    assert_eq!(hall_version(&t).await, 1);
    let r = t
        .send(upload(
            "/api/v1/admin/services/import",
            Some(&auth),
            "s.csv",
            "事项编号,事项名称,实施部门\nX1,企业开办,市场监管局\n".as_bytes(),
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["hall_version"], 2);
    let s = t.get("/api/v1/services").await.json();
    assert_eq!(
        (s.as_array().unwrap().len(), s[0]["name"].as_str()),
        (1, Some("企业开办"))
    );
}

#[test]
fn the_command_line_warns_about_cases_whose_window_is_gone() {
    let data = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_kiosk-server");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env("DATA_DIR", data.path())
            .envs(db_env(data.path()))
            .env("SEED_TODAY", TODAY)
            .output()
            .unwrap()
    };
    let seed = SeedData::embedded().unwrap();
    let f = data.path().join("w.csv");
    std::fs::write(&f, "窗口编号,窗口名称\nW1,一号窗口\n").unwrap();
    let out = run(&["windows", "import", f.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("警告") && err.contains("warning"), "{err}");
    let c = &seed.cases[0];
    assert!(
        err.contains(&format!("{} → {}", c.case_no, c.window_id)),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("hall data version 1"), "{text}");
}
