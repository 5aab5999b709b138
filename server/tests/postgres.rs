//! Several replicas on one PostgreSQL: the rules the database (not process memory) enforces.
//! Each test builds two `AppState`s (two replicas: separate pools, separate in-process state)
//! on a database of its own under `EK_TEST_DATABASE_URL`; without that variable these tests
//! say so and pass nothing (`scripts/test.sh`'s `postgres` layer always sets it).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use axum::http::Method;
use axum::Router;
use common::*;
use enforcement_kiosk::contract::ReviewReceipt;
use enforcement_kiosk::domain::review;
use kiosk_server::catalog::VersionMeta;
use kiosk_server::seed::SeedData;
use kiosk_server::store::{migrate, Store};
use kiosk_server::AppState;
use serde_json::{json, Value};
use tempfile::TempDir;

struct Replicas {
    apps: Vec<(Arc<AppState>, Router)>,
    name: String,
    url: String,
    _dirs: Vec<TempDir>,
}

impl Drop for Replicas {
    fn drop(&mut self) {
        self.apps.clear();
        drop_pg_database(&self.name);
    }
}

/// `n` replicas sharing one fresh database; `None` (the test is skipped) without PostgreSQL.
async fn replicas(n: usize, tweak: impl Fn(&mut kiosk_server::Config)) -> Option<Replicas> {
    let Some(base) = pg_base() else {
        eprintln!("skipped: {PG_ENV} is not set (scripts/test.sh's postgres layer sets it)");
        return None;
    };
    let dirs: Vec<TempDir> = (0..=n).map(|_| tempfile::tempdir().unwrap()).collect();
    let name = pg_name(dirs[0].path());
    create_pg_database(&name);
    let url = with_database(&base, &name);
    let mut apps = Vec::new();
    for i in 0..n {
        let mut c = config(dirs[0].path(), dirs[n].path());
        c.data_dir = dirs[i].path().to_path_buf();
        c.database_url = Some(url.clone());
        tweak(&mut c);
        let state = AppState::open(c).await.unwrap();
        let app = kiosk_server::router(state.clone());
        apps.push((state, app));
    }
    Some(Replicas {
        apps,
        name,
        url,
        _dirs: dirs,
    })
}

fn window() -> String {
    SeedData::embedded().unwrap().windows[0].id.clone()
}

async fn post(app: &Router, key: &str, body: &Value) -> Resp {
    send(
        app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", key), ("x-kiosk-id", "K-pg")],
            Some(body),
        ),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_identical_posts_across_two_replicas_store_one_review() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let body = json!({"rating": "satisfied", "window_id": window(), "comment": "同一条"});
    let mut tasks = Vec::new();
    for i in 0..50 {
        let app = r.apps[i % 2].1.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            post(&app, "same-key-50", &body).await
        }));
    }
    let mut numbers = BTreeSet::new();
    let mut created = 0;
    for t in tasks {
        let res = t.await.unwrap();
        assert!(
            res.status == 201 || res.status == 200,
            "{} {}",
            res.status,
            res.text()
        );
        if res.status == 201 {
            created += 1;
        }
        let rc: ReviewReceipt = serde_json::from_slice(&res.body).unwrap();
        numbers.insert(rc.review_no);
    }
    assert_eq!(created, 1, "exactly one request stored the review");
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    assert_eq!(r.apps[0].0.store.count_reviews().await.unwrap(), 1);
    assert_eq!(r.apps[1].0.store.count_reviews().await.unwrap(), 1);
    // The same key with another body is still a conflict, on either replica.
    let other = json!({"rating": "very_satisfied", "window_id": window()});
    post(&r.apps[1].1, "same-key-50", &other)
        .await
        .problem(409, "idempotency_conflict");
    // The 49 numbers taken by the replays went back: the next reviews fill them, no gap.
    for i in 0..20 {
        let res = post(&r.apps[i % 2].1, &format!("after-{i}"), &body).await;
        assert_eq!(res.status, 201, "{}", res.text());
        let rc: ReviewReceipt = serde_json::from_slice(&res.body).unwrap();
        numbers.insert(rc.review_no);
    }
    let expected: BTreeSet<String> = (1..=21).map(|n| review::review_no(today(), n)).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_reviews_of_one_case_at_once_store_exactly_two() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let case = SeedData::embedded().unwrap().cases[0].case_no.clone();
    for round in 0..3 {
        // Each round a fresh case would be better, but the seed has few: round 0 is the race,
        // rounds 1 and 2 check that the limit stays.
        let mut tasks = Vec::new();
        for i in 0..3 {
            let app = r.apps[i % 2].1.clone();
            let body =
                json!({"rating": "satisfied", "case_no": case, "comment": format!("第{i}条")});
            let key = format!("case-{round}-{i}");
            tasks.push(tokio::spawn(async move { post(&app, &key, &body).await }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            let res = t.await.unwrap();
            if res.status == 409 {
                res.problem(409, "case_review_limit");
            }
            statuses.push(res.status.as_u16());
        }
        statuses.sort();
        if round == 0 {
            assert_eq!(statuses, vec![201, 201, 409]);
        } else {
            assert_eq!(statuses, vec![409, 409, 409]);
        }
    }
    assert_eq!(r.apps[0].0.store.count_reviews().await.unwrap(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn review_numbers_stay_gapless_under_concurrency() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let mut tasks = Vec::new();
    for i in 0..60 {
        let app = r.apps[i % 2].1.clone();
        let body = json!({"rating": "satisfied", "window_id": window(), "comment": format!("{i}")});
        tasks.push(tokio::spawn(async move {
            post(&app, &format!("gapless-{i}"), &body).await
        }));
    }
    let mut numbers = BTreeSet::new();
    for t in tasks {
        let res = t.await.unwrap();
        assert_eq!(res.status, 201, "{}", res.text());
        let rc: ReviewReceipt = serde_json::from_slice(&res.body).unwrap();
        numbers.insert(rc.review_no);
    }
    let expected: BTreeSet<String> = (1..=60).map(|n| review::review_no(today(), n)).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workflow_steps_on_one_review_are_serialised_across_replicas() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let body = json!({"rating": "dissatisfied", "window_id": window(), "comment": "慢"});
    let rc: ReviewReceipt =
        serde_json::from_slice(&post(&r.apps[0].1, "wf-1", &body).await.body).unwrap();
    let auth = format!("Bearer {ADMIN_TOKEN}");
    let mut tasks = Vec::new();
    for i in 0..12 {
        let app = r.apps[i % 2].1.clone();
        let (no, auth) = (rc.review_no.clone(), auth.clone());
        tasks.push(tokio::spawn(async move {
            send(
                &app,
                req(
                    Method::POST,
                    &format!("/api/v1/admin/reviews/{no}/advance"),
                    &[("authorization", &auth)],
                    Some(&json!({"to": "verifying", "note": format!("第{i}次")})),
                ),
            )
            .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let res = t.await.unwrap();
        match res.status.as_u16() {
            200 => ok += 1,
            409 => {
                res.problem(409, "illegal_transition");
            }
            s => panic!("{s}: {}", res.text()),
        }
    }
    assert_eq!(ok, 1, "one step from pending_verification to verifying");
    let st = r.apps[1]
        .0
        .store
        .load_status(&rc.review_no)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st.status.history.len(), 2, "{:?}", st.status.history);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn certificate_and_look_up_limits_hold_across_replicas() {
    let Some(r) = replicas(2, |c| {
        c.cert_rate_per_min = 4;
        c.review_lookup_per_min = 3;
    })
    .await
    else {
        return;
    };
    let body = json!({"by": "number", "number": "X"});
    let mut statuses = Vec::new();
    for i in 0..8 {
        let res = send(
            &r.apps[i % 2].1,
            req(
                Method::POST,
                "/api/v1/certificates/search",
                &[("x-kiosk-id", "kiosk-shared")],
                Some(&body),
            ),
        )
        .await;
        if res.status == 429 {
            let p = res.problem(429, "rate_limited");
            assert!(p["retry_after"].as_u64().unwrap() >= 1);
            assert!(!res.header("retry-after").is_empty());
        }
        statuses.push(res.status.as_u16());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        4,
        "4 per minute in all, not per replica: {statuses:?}"
    );
    // Review look-ups: 3 per review number, whichever replica answers.
    let rc: ReviewReceipt = serde_json::from_slice(
        &post(
            &r.apps[0].1,
            "lim-1",
            &json!({"rating": "satisfied", "window_id": window()}),
        )
        .await
        .body,
    )
    .unwrap();
    let mut looked = Vec::new();
    for i in 0..5 {
        let res = send(
            &r.apps[i % 2].1,
            req(
                Method::GET,
                &format!("/api/v1/reviews/{}?check=0000", rc.review_no),
                &[("x-kiosk-id", &format!("rotating-{i}"))],
                None,
            ),
        )
        .await;
        looked.push(res.status.as_u16());
    }
    assert_eq!(looked, vec![404, 404, 404, 429, 429]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_version_published_on_one_replica_is_served_by_the_other_within_seconds() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let etag = |app: Router| async move {
        send(&app, req(Method::GET, "/api/v1/lenient/catalog", &[], None))
            .await
            .header("etag")
            .to_string()
    };
    let before = etag(r.apps[1].1.clone()).await;
    let a = &r.apps[0].0;
    let v = a
        .store
        .publish(&a.seed_entries[..4], &VersionMeta::default())
        .await
        .unwrap();
    assert_eq!(v, 1);
    let start = std::time::Instant::now();
    loop {
        let now = etag(r.apps[1].1.clone()).await;
        if now != before {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "replica 2 still serves the old catalog"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(r.apps[1].0.catalog().blob.catalog.entries.len(), 4);
    // Rollback on replica 2 reaches replica 1 the same way.
    r.apps[1].0.store.rollback(0).await.unwrap();
    tokio::time::sleep(kiosk_server::state::CATALOG_CHECK_EVERY).await;
    let _ = etag(r.apps[0].1.clone()).await;
    assert_eq!(r.apps[0].0.catalog().published, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_starting_together_apply_each_migration_once() {
    let Some(base) = pg_base() else {
        eprintln!("skipped: {PG_ENV} is not set");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let name = pg_name(dir.path());
    create_pg_database(&name);
    let url = with_database(&base, &name);
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let mut c = config(dir.path(), dir.path());
        c.database_url = Some(url.clone());
        tasks.push(tokio::spawn(async move {
            Store::migrate_only(&c).await.unwrap().1
        }));
    }
    let mut applied = Vec::new();
    for t in tasks {
        applied.extend(t.await.unwrap());
    }
    let all: Vec<i64> = migrate::POSTGRES.iter().map(|m| m.version).collect();
    assert_eq!(applied, all, "each version applied by exactly one replica");
    // Two full starts at once (migrate + seed) both come up.
    let mut starts = Vec::new();
    for i in 0..2 {
        let d = tempfile::tempdir().unwrap();
        let mut c = config(d.path(), d.path());
        c.database_url = Some(url.clone());
        starts.push(tokio::spawn(async move {
            let s = AppState::open(c).await.unwrap();
            (i, s.certs.len(), d)
        }));
    }
    let seed = SeedData::embedded().unwrap();
    for s in starts {
        assert_eq!(s.await.unwrap().1, seed.certificates.len());
    }
    drop_pg_database(&name);
}

#[tokio::test]
async fn receipts_match_between_replicas_and_statuses() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let mut by_key = HashMap::new();
    for i in 0..6 {
        let body = json!({"rating": if i % 2 == 0 { "satisfied" } else { "very_dissatisfied" },
                          "window_id": window(), "phone": "13812345678", "comment": "等候时间过长"});
        let res = post(&r.apps[i % 2].1, &format!("m-{i}"), &body).await;
        assert_eq!(res.status, 201, "{}", res.text());
        let rc: ReviewReceipt = serde_json::from_slice(&res.body).unwrap();
        by_key.insert(i, rc);
    }
    for (i, rc) in &by_key {
        // The replay on the other replica is byte-for-byte the first receipt.
        let body = json!({"rating": if i % 2 == 0 { "satisfied" } else { "very_dissatisfied" },
                          "window_id": window(), "phone": "13812345678", "comment": "等候时间过长"});
        let again = post(&r.apps[(i + 1) % 2].1, &format!("m-{i}"), &body).await;
        assert_eq!(again.status, 200);
        assert_eq!(
            &serde_json::from_slice::<ReviewReceipt>(&again.body).unwrap(),
            rc
        );
        let st = send(
            &r.apps[(i + 1) % 2].1,
            req(
                Method::GET,
                &format!("/api/v1/reviews/{}?check={}", rc.review_no, rc.check_code),
                &[],
                None,
            ),
        )
        .await;
        assert_eq!(st.status, 200, "{}", st.text());
        assert_eq!(st.json()["due_by"], json!(rc.due_by));
    }
    let _ = &r.url;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_kiosk_has_one_open_staff_call_across_replicas() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let mut tasks = Vec::new();
    for i in 0..10 {
        let app = r.apps[i % 2].1.clone();
        tasks.push(tokio::spawn(async move {
            send(
                &app,
                req(
                    Method::POST,
                    "/api/v1/assist",
                    &[("x-kiosk-id", "k-assist")],
                    Some(&json!({"window": "A01"})),
                ),
            )
            .await
        }));
    }
    let mut ids = BTreeSet::new();
    let mut created = 0;
    for t in tasks {
        let res = t.await.unwrap();
        assert!(res.status == 201 || res.status == 200, "{}", res.text());
        created += usize::from(res.status == 201);
        ids.insert(res.json()["id"].as_u64().unwrap());
    }
    assert_eq!((created, ids.len()), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn windows_imported_on_one_replica_are_served_by_the_other_within_seconds() {
    let Some(r) = replicas(2, |_| {}).await else {
        return;
    };
    let o = r.apps[0]
        .0
        .store
        .hall_import(
            kiosk_server::hall::HallKind::Windows,
            "w.csv",
            "窗口编号,窗口名称\nW1,一号窗口\nW2,二号窗口\n"
                .as_bytes()
                .to_vec(),
            "2026-11-22T10:00:00+08:00",
            false,
        )
        .await
        .unwrap();
    assert_eq!(o.version, Some(1));
    tokio::time::sleep(kiosk_server::state::CATALOG_CHECK_EVERY).await;
    let w = send(&r.apps[1].1, req(Method::GET, "/api/v1/windows", &[], None)).await;
    let w = w.json();
    let ids: Vec<&str> = w
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["W1", "W2"]);
    let h = send(&r.apps[1].1, req(Method::GET, "/api/v1/health", &[], None)).await;
    assert_eq!(h.json()["hall_version"], 1);
}
