//! PostgreSQL stopped for 10 s in the middle of a review stream: the server stays up, answers
//! only 201/200 or 503 `database_unavailable` with `Retry-After` (never a 500, a panic or a
//! hung request), says `database: "down"` on /health, reconnects by itself, and after the
//! outbox-style resend every acknowledged review is stored exactly once.
//!
//! Its own test binary: stopping the cluster would disturb the other PostgreSQL tests.
//! Needs `EK_TEST_DATABASE_URL` and `EK_TEST_PG_DIR` (the `scripts/pg.sh` directory of that
//! cluster); `scripts/test.sh`'s postgres layer sets both.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::Method;
use common::*;
use enforcement_kiosk::contract::ReviewReceipt;
use kiosk_server::seed::SeedData;
use serde_json::json;
use tokio::sync::Mutex;

fn pg_sh(action: &str, dir: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg.sh");
    let out = std::process::Command::new("bash")
        .args([script, action, dir])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pg.sh {action}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_stopped_for_ten_seconds_gives_only_503s_and_loses_nothing() {
    let Some(_) = pg_base() else {
        eprintln!("skipped: {PG_ENV} is not set (scripts/test.sh's postgres layer sets it)");
        return;
    };
    let pg_dir = std::env::var("EK_TEST_PG_DIR")
        .expect("EK_TEST_PG_DIR: the scripts/pg.sh directory of the EK_TEST_DATABASE_URL cluster");
    let t = TestApp::with(|c| c.database_timeout = Duration::from_secs(2)).await;
    let window = SeedData::embedded().unwrap().windows[0].id.clone();
    let body = json!({"rating": "satisfied", "window_id": window});
    // key → Some(review_no) once acknowledged.
    let acked: Arc<Mutex<BTreeMap<String, String>>> = Arc::default();
    let unacked: Arc<Mutex<BTreeSet<String>>> = Arc::default();
    let stop_at = Instant::now() + Duration::from_secs(16);
    let mut clients = Vec::new();
    for c in 0..8 {
        let (app, body, acked, unacked) =
            (t.app.clone(), body.clone(), acked.clone(), unacked.clone());
        clients.push(tokio::spawn(async move {
            let mut seen = BTreeMap::<u16, u32>::new();
            let mut i = 0;
            while Instant::now() < stop_at {
                i += 1;
                let key = format!("fault-{c}-{i}");
                let started = Instant::now();
                let res = send(
                    &app,
                    req(
                        Method::POST,
                        "/api/v1/reviews",
                        &[("idempotency-key", &key)],
                        Some(&body),
                    ),
                )
                .await;
                assert!(
                    started.elapsed() < Duration::from_secs(8),
                    "a request hung for {:?}",
                    started.elapsed()
                );
                *seen.entry(res.status.as_u16()).or_default() += 1;
                match res.status.as_u16() {
                    201 | 200 => {
                        let rc: ReviewReceipt = serde_json::from_slice(&res.body).unwrap();
                        acked.lock().await.insert(key, rc.review_no);
                    }
                    503 => {
                        let p = res.problem(503, "database_unavailable");
                        assert_eq!(p["retry_after"], 5, "{p}");
                        assert_eq!(res.header("retry-after"), "5");
                        unacked.lock().await.insert(key);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    s => panic!("status {s} during the outage: {}", res.text()),
                }
            }
            seen
        }));
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let dir = pg_dir.clone();
    tokio::task::spawn_blocking(move || pg_sh("pause", &dir))
        .await
        .unwrap();
    let down_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let h = t.get("/api/v1/health").await;
    assert_eq!(h.status, 200, "{}", h.text());
    assert_eq!(h.json()["database"], "down", "{}", h.text());
    assert_eq!(h.json()["status"], "degraded");
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(down_at.elapsed())).await;
    let dir = pg_dir.clone();
    tokio::task::spawn_blocking(move || pg_sh("resume", &dir))
        .await
        .unwrap();
    let mut totals = BTreeMap::<u16, u32>::new();
    for c in clients {
        for (s, n) in c.await.unwrap() {
            *totals.entry(s).or_default() += n;
        }
    }
    eprintln!("statuses during the run: {totals:?}");
    assert!(
        totals.get(&503).copied().unwrap_or(0) > 0,
        "the outage was seen"
    );
    assert!(totals.get(&201).copied().unwrap_or(0) > 0);
    // Back: health says ok again by itself.
    let start = Instant::now();
    loop {
        let h = t.get("/api/v1/health").await;
        if h.json()["database"] == "ok" {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "{}", h.text());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The outbox resends what got no 2xx, with its own key, until it is acknowledged.
    let pending: Vec<String> = unacked.lock().await.iter().cloned().collect();
    for key in pending {
        if acked.lock().await.contains_key(&key) {
            continue;
        }
        let res = send(
            &t.app,
            req(
                Method::POST,
                "/api/v1/reviews",
                &[("idempotency-key", &key)],
                Some(&body),
            ),
        )
        .await;
        assert!(res.status == 201 || res.status == 200, "{}", res.text());
        let rc: ReviewReceipt = serde_json::from_slice(&res.body).unwrap();
        acked.lock().await.insert(key, rc.review_no);
    }
    // Every acknowledged review is stored exactly once: one row per key, no other rows, and
    // each number answers its status.
    let acked = acked.lock().await;
    let numbers: BTreeSet<&String> = acked.values().collect();
    assert_eq!(numbers.len(), acked.len(), "two keys share a number");
    assert_eq!(
        t.state.store.count_reviews().await.unwrap() as usize,
        acked.len()
    );
    for no in numbers {
        assert!(
            t.state.store.load_status(no).await.unwrap().is_some(),
            "{no} missing"
        );
    }
}
