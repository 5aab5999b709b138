//! Review submission (validation, idempotency, case limit), look-up, admin workflow,
//! statistics and durability.

mod common;

use axum::http::Method;
use common::*;
use enforcement_kiosk::contract::{ReviewReceipt, ReviewState, ReviewStats, ReviewStatus};
use enforcement_kiosk::domain::review;
use kiosk_server::seed::SeedData;
use serde_json::{json, Value};

async fn post_review(t: &TestApp, key: &str, body: &Value) -> Resp {
    t.send(req(
        Method::POST,
        "/api/v1/reviews",
        &[("idempotency-key", key), ("x-kiosk-id", "K-01")],
        Some(body),
    ))
    .await
}

/// A good review of the hall's first window.
fn good() -> Value {
    let w = SeedData::embedded().unwrap().windows[0].id.clone();
    json!({"rating": "very_satisfied", "comment": "很好", "window_id": w})
}

fn bad(window: &str) -> Value {
    json!({"rating": "dissatisfied", "window_id": window, "comment": "等候时间过长", "phone": "13812345678"})
}

async fn count(t: &TestApp) -> u64 {
    t.get("/api/v1/health").await.json()["reviews"]
        .as_u64()
        .unwrap()
}

async fn admin_advance(t: &TestApp, no: &str, to: &str, token: Option<&str>) -> Resp {
    let auth = token.map(|k| format!("Bearer {k}"));
    let mut headers = vec![];
    if let Some(a) = &auth {
        headers.push(("authorization", a.as_str()));
    }
    t.send(req(
        Method::POST,
        &format!("/api/v1/admin/reviews/{no}/advance"),
        &headers,
        Some(&json!({"to": to, "note": "已联系办事人"})),
    ))
    .await
}

#[tokio::test]
async fn a_review_is_stored_with_a_receipt() {
    let t = TestApp::new().await;
    let r = post_review(&t, "k-good-1", &good()).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let rc: ReviewReceipt = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(rc.review_no, review::review_no(today(), 1));
    assert!(!rc.check_code.is_empty());
    assert!(
        rc.created_at.starts_with(&format!("{TODAY}T")) && rc.created_at.ends_with("+08:00"),
        "{}",
        rc.created_at
    );
    assert_eq!(rc.due_by, None);
    assert!(!rc.queued);
    let w = SeedData::embedded().unwrap().windows[0].id.clone();
    let r = post_review(&t, "k-bad-1", &bad(&w)).await;
    let rc2: ReviewReceipt = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(rc2.review_no, review::review_no(today(), 2));
    assert_eq!(rc2.due_by, Some(review::due_date(today(), 7).to_string()));
    assert_eq!(count(&t).await, 2);
    // Channel 5 and the kiosk id are stored.
    let o = t
        .state
        .store
        .review_origin(&rc.review_no)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((o.channel, o.kiosk_id.as_deref()), (5, Some("K-01")));
}

#[tokio::test]
async fn validation_problems_are_422_with_fields() {
    let t = TestApp::new().await;
    let seed = SeedData::embedded().unwrap();
    let fields = |r: &Resp| -> Vec<(String, String)> {
        let p = r.problem(422, "validation_failed");
        p["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap().to_string(),
                    f["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let r = post_review(&t, "v1", &json!({"rating": "meh"})).await;
    assert!(
        fields(&r).iter().any(|(f, _)| f == "rating"),
        "{}",
        r.text()
    );
    let r = post_review(&t, "v2", &json!({"rating": "very_dissatisfied"})).await;
    assert!(!fields(&r).is_empty(), "a 差评 needs a reason");
    let r = post_review(
        &t,
        "v3",
        &json!({"rating": "satisfied", "comment": "长".repeat(501)}),
    )
    .await;
    assert!(fields(&r).iter().any(|(f, _)| f == "comment"));
    let r = post_review(&t, "v4", &json!({"rating": "satisfied", "phone": "12345"})).await;
    assert!(fields(&r).iter().any(|(f, _)| f == "phone"));
    let r = post_review(
        &t,
        "v5",
        &json!({"rating": "satisfied", "case_no": "NO-SUCH-CASE"}),
    )
    .await;
    assert_eq!(
        fields(&r),
        vec![("case_no".to_string(), "unknown_case".to_string())]
    );
    let r = post_review(
        &t,
        "v6",
        &json!({"rating": "satisfied", "window_id": "ZZ9", "service_id": "S999"}),
    )
    .await;
    assert_eq!(
        fields(&r),
        vec![
            ("window_id".into(), "unknown_window".into()),
            ("service_id".into(), "unknown_service".into())
        ]
    );
    // A valid body with a known window and service passes.
    let ok = json!({"rating": "satisfied", "window_id": seed.windows[0].id, "service_id": seed.services[0].id});
    assert_eq!(post_review(&t, "v7", &ok).await.status, 201);
    assert_eq!(count(&t).await, 1);
}

#[tokio::test]
async fn idempotency_key_is_required_and_replays_the_same_receipt() {
    let t = TestApp::new().await;
    let r = t.post("/api/v1/reviews", &good()).await;
    r.problem(400, "idempotency_key_required");
    post_review(&t, "has space", &good())
        .await
        .problem(400, "invalid_idempotency_key");
    post_review(&t, &"k".repeat(65), &good())
        .await
        .problem(400, "invalid_idempotency_key");

    let first = post_review(&t, "same-key_1", &good()).await;
    assert_eq!(first.status, 201);
    let again = post_review(&t, "same-key_1", &good()).await;
    assert_eq!(again.status, 200);
    assert_eq!(first.json(), again.json(), "the SAME receipt");
    assert_eq!(count(&t).await, 1);
    let mut different = good();
    different["rating"] = json!("satisfied");
    let other = post_review(&t, "same-key_1", &different).await;
    other.problem(409, "idempotency_conflict");
    assert_eq!(count(&t).await, 1);
}

#[tokio::test]
async fn concurrent_retries_store_one_review() {
    let t = TestApp::new().await;
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let app = t.app.clone();
        tasks.push(tokio::spawn(async move {
            let r = send(
                &app,
                req(
                    Method::POST,
                    "/api/v1/reviews",
                    &[("idempotency-key", "race-1")],
                    Some(&good()),
                ),
            )
            .await;
            (r.status.as_u16(), r.json()["review_no"].clone())
        }));
    }
    let mut created = 0;
    let mut nos = std::collections::BTreeSet::new();
    for task in tasks {
        let (status, no) = task.await.unwrap();
        assert!(status == 201 || status == 200);
        created += usize::from(status == 201);
        nos.insert(no.to_string());
    }
    assert_eq!(created, 1);
    assert_eq!(nos.len(), 1);
    assert_eq!(count(&t).await, 1);
}

#[tokio::test]
async fn a_case_takes_at_most_the_maximum_number_of_reviews() {
    let t = TestApp::new().await;
    let case = SeedData::embedded().unwrap().cases[0].clone();
    let body = json!({"rating": "satisfied", "case_no": case.case_no});
    for i in 0..review::MAX_REVIEWS_PER_CASE {
        let r = post_review(&t, &format!("case-{i}"), &body).await;
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let r = post_review(&t, "case-over", &body).await;
    r.problem(409, "case_review_limit");
    // A retry of an accepted one still gets its receipt.
    assert_eq!(post_review(&t, "case-0", &body).await.status, 200);
    assert_eq!(count(&t).await, u64::from(review::MAX_REVIEWS_PER_CASE));
    // The case's window and service were recorded for the statistics.
    let s: ReviewStats =
        serde_json::from_slice(&t.get("/api/v1/reviews/stats?group_by=window").await.body).unwrap();
    assert_eq!(s.groups.len(), 1);
    assert_eq!(s.groups[0].key, case.window_id);
}

#[tokio::test]
async fn look_up_needs_the_check_code_or_the_phone_digits() {
    let t = TestApp::new().await;
    let w = SeedData::embedded().unwrap().windows[0].id.clone();
    let rc: ReviewReceipt =
        serde_json::from_slice(&post_review(&t, "lk-1", &bad(&w)).await.body).unwrap();
    let url = |check: &str| format!("/api/v1/reviews/{}?check={check}", rc.review_no);
    let r = t.get(&url(&rc.check_code)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let s: ReviewStatus = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(s.review_no, rc.review_no);
    assert_eq!(
        s.state,
        review::initial_state(enforcement_kiosk::contract::Rating::Dissatisfied)
    );
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.due_by, rc.due_by);
    assert!(
        !r.text().contains("13812345678"),
        "the phone is never returned"
    );
    assert_eq!(t.get(&url("5678")).await.status, 200);

    let wrong = t.get(&url("0000")).await;
    let p = wrong.problem(404, "not_found");
    let missing = t.get(&format!("/api/v1/reviews/{}", rc.review_no)).await;
    let unknown = t
        .get(&format!(
            "/api/v1/reviews/HC2099010100000001?check={}",
            rc.check_code
        ))
        .await;
    assert_eq!(missing.json(), p);
    assert_eq!(unknown.json(), p, "no enumeration: the same 404");
}

#[tokio::test]
async fn admin_advances_legal_steps_only_with_the_token() {
    let t = TestApp::new().await;
    let w = SeedData::embedded().unwrap().windows[0].id.clone();
    let rc: ReviewReceipt =
        serde_json::from_slice(&post_review(&t, "adm-1", &bad(&w)).await.body).unwrap();
    let from = review::initial_state(enforcement_kiosk::contract::Rating::Dissatisfied);
    let next = ReviewState::ALL
        .into_iter()
        .find(|s| review::can_transition(from, *s))
        .unwrap();
    let illegal = ReviewState::ALL
        .into_iter()
        .find(|s| !review::can_transition(from, *s) && *s != from)
        .unwrap();

    admin_advance(&t, &rc.review_no, next.as_str(), None)
        .await
        .problem(401, "unauthorized");
    let r = admin_advance(&t, &rc.review_no, next.as_str(), Some("wrong")).await;
    r.problem(401, "unauthorized");
    assert_eq!(r.header("www-authenticate"), "Bearer");
    admin_advance(&t, &rc.review_no, illegal.as_str(), Some(ADMIN_TOKEN))
        .await
        .problem(409, "illegal_transition");
    admin_advance(&t, "HC2099010100000001", next.as_str(), Some(ADMIN_TOKEN))
        .await
        .problem(404, "not_found");
    admin_advance(&t, &rc.review_no, "nonsense", Some(ADMIN_TOKEN))
        .await
        .problem(422, "validation_failed");

    let r = admin_advance(&t, &rc.review_no, next.as_str(), Some(ADMIN_TOKEN)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let s: ReviewStatus = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(s.state, next);
    assert_eq!(s.history.len(), 2);
    assert_eq!(s.history[1].state, next);
    assert_eq!(s.history[1].note, "已联系办事人");
    // The citizen sees it.
    let seen: ReviewStatus = serde_json::from_slice(
        &t.get(&format!(
            "/api/v1/reviews/{}?check={}",
            rc.review_no, rc.check_code
        ))
        .await
        .body,
    )
    .unwrap();
    assert_eq!(seen, s);
    // Admin list.
    let r = t
        .send(req(
            Method::GET,
            "/api/v1/admin/reviews?limit=10",
            &[("authorization", &format!("Bearer {ADMIN_TOKEN}"))],
            None,
        ))
        .await;
    let list: Vec<ReviewStatus> = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(list, vec![s]);
    t.get("/api/v1/admin/reviews")
        .await
        .problem(401, "unauthorized");
}

/// Walks a review through legal transitions to `target` (breadth-first over the domain's rules).
async fn advance_to(t: &TestApp, no: &str, from: ReviewState, target: ReviewState) {
    let mut prev = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(s) = queue.pop_front() {
        if s == target {
            break;
        }
        for n in ReviewState::ALL {
            if review::can_transition(s, n) && n != from && !prev.contains_key(&n) {
                prev.insert(n, s);
                queue.push_back(n);
            }
        }
    }
    let mut path = vec![target];
    while let Some(p) = prev.get(path.last().unwrap()) {
        path.push(*p);
    }
    path.pop();
    for s in path.into_iter().rev() {
        let r = admin_advance(t, no, s.as_str(), Some(ADMIN_TOKEN)).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
}

#[tokio::test]
async fn statistics_after_a_known_set_of_reviews() {
    let t = TestApp::new().await;
    let seed = SeedData::embedded().unwrap();
    let (wa, wb) = (seed.windows[0].clone(), seed.windows[1].clone());
    for i in 0..3 {
        let b = json!({"rating": "very_satisfied", "window_id": wa.id});
        assert_eq!(post_review(&t, &format!("s-a{i}"), &b).await.status, 201);
    }
    assert_eq!(
        post_review(
            &t,
            "s-b0",
            &json!({"rating": "satisfied", "window_id": wb.id})
        )
        .await
        .status,
        201
    );
    let mut bads = Vec::new();
    for i in 0..2 {
        let r = post_review(&t, &format!("s-bad{i}"), &bad(&wb.id)).await;
        bads.push(serde_json::from_slice::<ReviewReceipt>(&r.body).unwrap());
    }
    let from = review::initial_state(enforcement_kiosk::contract::Rating::Dissatisfied);
    advance_to(&t, &bads[0].review_no, from, ReviewState::Rectified).await;

    let r = t
        .get(&format!(
            "/api/v1/reviews/stats?from={TODAY}&to={TODAY}&group_by=window"
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let s: ReviewStats = serde_json::from_slice(&r.body).unwrap();
    let o = &s.overall;
    assert_eq!((o.total, o.good, o.bad, o.bad_rectified), (6, 4, 2, 1));
    assert!((o.good_rate.unwrap() - 4.0 / 6.0).abs() < 1e-9);
    assert!((o.bad_rate.unwrap() - 2.0 / 6.0).abs() < 1e-9);
    assert!((o.rectify_rate.unwrap() - 0.5).abs() < 1e-9);
    assert!((o.average.unwrap() - (5.0 * 3.0 + 4.0 + 2.0 * 2.0) / 6.0).abs() < 1e-9);
    assert_eq!(s.group_by, "window");
    assert_eq!(s.from.as_deref(), Some(TODAY));
    assert_eq!(s.groups.len(), 2);
    assert_eq!(
        (s.groups[0].key.as_str(), s.groups[0].label.as_str()),
        (wa.id.as_str(), wa.name.as_str())
    );
    assert_eq!(s.groups[0].figures.total, 3);
    assert_eq!(s.groups[0].figures.bad_rate, Some(0.0));
    assert_eq!((s.groups[1].figures.total, s.groups[1].figures.bad), (3, 2));

    let m: ReviewStats =
        serde_json::from_slice(&t.get("/api/v1/reviews/stats?group_by=month").await.body).unwrap();
    assert_eq!(m.groups.len(), 1);
    assert_eq!(m.groups[0].label, &TODAY[..7]);
    // Outside the period: nothing, rates undefined.
    let e: ReviewStats = serde_json::from_slice(
        &t.get("/api/v1/reviews/stats?from=2020-01-01&to=2020-12-31")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(e.overall.total, 0);
    assert_eq!(e.overall.good_rate, None);
    assert!(e.groups.is_empty());
    let p = t
        .get("/api/v1/reviews/stats?from=2026-02-30&group_by=year")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(p["fields"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn acknowledged_reviews_survive_closing_the_database() {
    let data = tempfile::tempdir().unwrap();
    let dist = tempfile::tempdir().unwrap();
    let mut receipts = Vec::new();
    {
        let state = kiosk_server::AppState::open(config(data.path(), dist.path()))
            .await
            .unwrap();
        let app = kiosk_server::router(state.clone());
        for i in 0..5 {
            let r = send(
                &app,
                req(
                    Method::POST,
                    "/api/v1/reviews",
                    &[("idempotency-key", &format!("d-{i}"))],
                    Some(&good()),
                ),
            )
            .await;
            assert_eq!(r.status, 201);
            receipts.push(serde_json::from_slice::<ReviewReceipt>(&r.body).unwrap());
        }
        drop(app);
        drop(state);
    }
    // The database holds every row (read by a fresh connection)...
    let counts = kiosk_server::store::Store::open_for_command(
        &config(data.path(), dist.path()),
        &SeedData::embedded().unwrap(),
    )
    .await
    .unwrap()
    .table_counts()
    .await
    .unwrap();
    let count = |t: &str| counts.iter().find(|(n, _)| n == t).unwrap().1;
    assert_eq!(count("reviews"), 5);
    assert_eq!(count("idempotency"), 5);
    if common::pg_base().is_none() {
        // ...also read as a plain SQLite file.
        let conn = rusqlite::Connection::open(data.path().join("kiosk.sqlite3")).unwrap();
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 5);
    }
    // ...and a restarted server serves them, replays keys and continues the numbering.
    let state = kiosk_server::AppState::open(config(data.path(), dist.path()))
        .await
        .unwrap();
    let app = kiosk_server::router(state);
    for rc in &receipts {
        let r = send(
            &app,
            req(
                Method::GET,
                &format!("/api/v1/reviews/{}?check={}", rc.review_no, rc.check_code),
                &[],
                None,
            ),
        )
        .await;
        assert_eq!(r.status, 200);
    }
    let r = send(
        &app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "d-0")],
            Some(&good()),
        ),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        serde_json::from_slice::<ReviewReceipt>(&r.body).unwrap(),
        receipts[0]
    );
    let r = send(
        &app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "d-new")],
            Some(&good()),
        ),
    )
    .await;
    assert_eq!(
        serde_json::from_slice::<ReviewReceipt>(&r.body)
            .unwrap()
            .review_no,
        review::review_no(today(), 6)
    );
}

#[tokio::test]
async fn status_look_ups_are_rate_limited_per_review_number() {
    let t = TestApp::with(|c| c.review_lookup_per_min = 3).await;
    let w = SeedData::embedded().unwrap().windows[0].id.clone();
    let rc: ReviewReceipt =
        serde_json::from_slice(&post_review(&t, "rl-1", &bad(&w)).await.body).unwrap();
    let url = |check: &str| format!("/api/v1/reviews/{}?check={check}", rc.review_no);
    for guess in ["0001", "0002", "0003"] {
        let r = t.get(&url(guess)).await;
        assert_eq!(r.status, 404, "{guess}: {}", r.text());
    }
    // The fourth guess is refused even with the right code: the bucket is empty.
    let r = t.get(&url(&rc.check_code)).await;
    let p = r.problem(429, "rate_limited");
    assert!(p["retry_after"].as_u64().unwrap_or(0) >= 1, "{p}");
    assert!(!r.header("retry-after").is_empty());
}
