//! The statistics page's data (issue 12, item 10): per-month rows with 好评率 and 差评按时处理率
//! whatever the grouping, and the marked demo history (演示数据) a fresh install carries
//! (`DEMO_HISTORY`, default on; off removes it).

mod common;

use axum::http::Method;
use common::*;
use serde_json::{json, Value};

async fn stats(app: &axum::Router, group: &str) -> Value {
    let r = send(
        app,
        req(
            Method::GET,
            &format!("/api/v1/reviews/stats?group_by={group}"),
            &[],
            None,
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

/// A server on the data directory's database (SQLite file or its PostgreSQL database), with
/// the demo history on or off.
async fn open(data: &std::path::Path, dist: &std::path::Path, on: bool) -> axum::Router {
    let mut c = config(data, dist);
    c.demo_history = on;
    let state = kiosk_server::AppState::open(c).await.unwrap();
    kiosk_server::router(state)
}

#[tokio::test]
async fn the_demo_history_is_marked_counted_and_removable() {
    let data = tempfile::tempdir().unwrap();
    let dist = tempfile::tempdir().unwrap();
    let app = open(data.path(), dist.path(), true).await;
    let s = stats(&app, "window").await;
    let n = s["overall"]["total"].as_u64().unwrap();
    assert!((200..=500).contains(&n), "a few hundred: {n}");
    assert_eq!(s["demo_reviews"].as_u64(), Some(n));
    let months = s["months"].as_array().unwrap();
    assert!((6..=7).contains(&months.len()), "{}", months.len());
    assert_eq!(
        months
            .iter()
            .map(|m| m["figures"]["total"].as_u64().unwrap())
            .sum::<u64>(),
        n
    );
    // Six months before the seed day, none on it or after.
    assert_eq!(months.last().unwrap()["key"], "2026-11");
    assert_eq!(months.first().unwrap()["key"], "2026-05");
    let o = &s["overall"];
    let (bad, on_time) = (
        o["bad"].as_u64().unwrap(),
        o["bad_on_time"].as_u64().unwrap(),
    );
    assert!(on_time > 0 && on_time < bad, "{on_time} of {bad}");
    assert!(o["on_time_rate"].as_f64().unwrap() > 0.5);
    // Every grouping carries the same months; the month grouping's groups are them.
    let m = stats(&app, "month").await;
    assert_eq!(m["months"], s["months"]);
    assert_eq!(m["groups"], s["months"]);
    // A real review is counted with them, not as demo data; a restart does not add them twice.
    let w = kiosk_server::seed::SeedData::embedded().unwrap().windows[0]
        .id
        .clone();
    let r = send(
        &app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "real-1")],
            Some(&json!({"rating": "satisfied", "window_id": w})),
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    drop(app);
    let app = open(data.path(), dist.path(), true).await;
    let s = stats(&app, "window").await;
    assert_eq!(s["overall"]["total"].as_u64(), Some(n + 1));
    assert_eq!(s["demo_reviews"].as_u64(), Some(n));
    // DEMO_HISTORY=0: gone, the real review stays.
    drop(app);
    let app = open(data.path(), dist.path(), false).await;
    let s = stats(&app, "window").await;
    assert_eq!(s["overall"]["total"].as_u64(), Some(1));
    assert_eq!(s["demo_reviews"].as_u64(), Some(0));
    assert_eq!(s["months"].as_array().unwrap().len(), 1);
    drop(app);
    if pg_base().is_some() {
        drop_pg_database(&pg_name(data.path()));
    }
}

#[tokio::test]
async fn a_bad_review_handled_by_its_deadline_counts_as_on_time() {
    let t = TestApp::new().await;
    let w = kiosk_server::seed::SeedData::embedded().unwrap().windows[0]
        .id
        .clone();
    let mut nos = vec![];
    for (i, rating) in ["dissatisfied", "dissatisfied", "satisfied"]
        .iter()
        .enumerate()
    {
        let r = t
            .send(req(
                Method::POST,
                "/api/v1/reviews",
                &[("idempotency-key", &format!("ot-{i}"))],
                Some(&json!({"rating": rating, "window_id": w, "tags": if i < 2 { vec!["201"] } else { vec![] }})),
            ))
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        nos.push(r.json()["review_no"].as_str().unwrap().to_string());
    }
    let auth = format!("Bearer {ADMIN_TOKEN}");
    for to in ["verifying", "explained"] {
        let r = t
            .send(req(
                Method::POST,
                &format!("/api/v1/admin/reviews/{}/advance", nos[0]),
                &[("authorization", auth.as_str())],
                Some(&json!({"to": to, "note": ""})),
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let s = stats(&t.app, "window").await;
    assert_eq!(s["demo_reviews"], 0);
    let o = &s["overall"];
    assert_eq!(
        (o["bad"].as_u64(), o["bad_on_time"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(o["on_time_rate"].as_f64(), Some(0.5));
    assert_eq!(s["months"][0]["key"], "2026-11");
    assert_eq!(s["months"][0]["figures"]["bad_on_time"], 1);
}
