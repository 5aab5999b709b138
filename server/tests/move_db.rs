//! Moving a hall between databases with `kiosk-server export-db` / `import-db`: every table
//! arrives with the same row count (the command prints the check), and the server started on
//! the new database carries on: receipts answer, numbering continues, the case limit and the
//! catalog version in force hold.

mod common;

use std::path::Path;

use axum::http::Method;
use common::*;
use enforcement_kiosk::contract::ReviewReceipt;
use enforcement_kiosk::domain::review;
use kiosk_server::seed::SeedData;
use serde_json::json;

fn run(args: &[&str], data: &Path, env: &[(&str, String)]) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kiosk-server"));
    c.args(args)
        .env("DATA_DIR", data)
        .env("SEED_TODAY", TODAY)
        .env_remove("DATABASE_URL");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// A SQLite hall with reviews (one case reviewed twice), a workflow step and a published
/// catalog version; its receipts.
async fn sqlite_hall(data: &Path, dist: &Path) -> (Vec<ReviewReceipt>, String) {
    let mut c = config(data, dist);
    c.database_url = None;
    let state = kiosk_server::AppState::open(c).await.unwrap();
    let app = kiosk_server::router(state.clone());
    let seed = SeedData::embedded().unwrap();
    let case = seed.cases[0].case_no.clone();
    let mut receipts = Vec::new();
    for i in 0..5 {
        let body = if i < 2 {
            json!({"rating": "satisfied", "case_no": case})
        } else {
            json!({"rating": "dissatisfied", "window_id": seed.windows[0].id, "comment": "慢"})
        };
        let r = send(
            &app,
            req(
                Method::POST,
                "/api/v1/reviews",
                &[("idempotency-key", &format!("mv-{i}"))],
                Some(&body),
            ),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.text());
        receipts.push(serde_json::from_slice::<ReviewReceipt>(&r.body).unwrap());
    }
    let r = send(
        &app,
        req(
            Method::POST,
            &format!("/api/v1/admin/reviews/{}/advance", receipts[2].review_no),
            &[("authorization", &format!("Bearer {ADMIN_TOKEN}"))],
            Some(&json!({"to": "verifying", "note": "已联系"})),
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    state
        .store
        .publish(
            &state.seed_entries[..5],
            &kiosk_server::catalog::VersionMeta::default(),
        )
        .await
        .unwrap();
    (receipts, case)
}

async fn check_moved(
    data: &Path,
    dist: &Path,
    url: Option<String>,
    receipts: &[ReviewReceipt],
    case: &str,
) {
    let mut c = config(data, dist);
    c.database_url = url;
    let state = kiosk_server::AppState::open(c).await.unwrap();
    let app = kiosk_server::router(state.clone());
    assert_eq!(state.catalog().published, 1);
    assert_eq!(state.catalog().blob.catalog.entries.len(), 5);
    for rc in receipts {
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
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let st = state
        .store
        .load_status(&receipts[2].review_no)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st.status.history.len(), 2);
    // A retry of a moved review is still a replay.
    let again = send(
        &app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "mv-0")],
            Some(&json!({"rating": "satisfied", "case_no": case})),
        ),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.text());
    // The case already has its two reviews; numbering continues after the moved ones.
    let r = send(
        &app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "mv-new-case")],
            Some(&json!({"rating": "satisfied", "case_no": case})),
        ),
    )
    .await;
    r.problem(409, "case_review_limit");
    let r = send(
        &app,
        req(
            Method::POST,
            "/api/v1/reviews",
            &[("idempotency-key", "mv-new")],
            Some(&json!({"rating": "satisfied", "window_id": SeedData::embedded().unwrap().windows[0].id})),
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let rc: ReviewReceipt = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(rc.review_no, review::review_no(today(), 6));
}

fn assert_count_check(out: &std::process::Output) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("count check: ok"), "{stdout}");
    for line in stdout.lines().filter(|l| l.starts_with("reviews ")) {
        assert!(line.contains(" 5 ") && line.ends_with("ok"), "{line}");
    }
    assert!(!stdout.contains("MISMATCH"), "{stdout}");
}

#[tokio::test]
async fn a_sqlite_hall_moves_to_another_sqlite_file_with_its_counts() {
    let (from, to, dist) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (receipts, case) = sqlite_hall(from.path(), dist.path()).await;
    let file = from.path().join("hall.jsonl");
    let out = run(&["export-db", file.to_str().unwrap()], from.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["import-db", file.to_str().unwrap()], to.path(), &[]);
    assert_count_check(&out);
    // A second import into a database that now holds reviews is refused.
    let out = run(&["import-db", file.to_str().unwrap()], to.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    check_moved(to.path(), dist.path(), None, &receipts, &case).await;
}

#[tokio::test]
async fn a_sqlite_hall_moves_to_postgres_with_its_counts() {
    let Some(base) = pg_base() else {
        eprintln!("skipped: {PG_ENV} is not set (scripts/test.sh's postgres layer sets it)");
        return;
    };
    let (from, to, dist) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (receipts, case) = sqlite_hall(from.path(), dist.path()).await;
    let file = from.path().join("hall.jsonl");
    let out = run(&["export-db", file.to_str().unwrap()], from.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = pg_name(to.path());
    create_pg_database(&name);
    let url = with_database(&base, &name);
    let env = [("DATABASE_URL", url.clone())];
    let out = run(&["migrate"], to.path(), &env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("applied migration(s) 0001"));
    let out = run(&["import-db", file.to_str().unwrap()], to.path(), &env);
    assert_count_check(&out);
    check_moved(to.path(), dist.path(), Some(url.clone()), &receipts, &case).await;
    // And back: the PostgreSQL hall exports the same counts.
    let back = to.path().join("back.jsonl");
    let out = run(&["export-db", back.to_str().unwrap()], to.path(), &env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("reviews"));
    drop_pg_database(&name);
}
