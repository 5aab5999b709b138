//! Certificate search, detail, verification, masking, status derivation and rate limiting.

mod common;

use std::collections::BTreeSet;

use axum::http::Method;
use common::*;
use enforcement_kiosk::contract::{
    CertDetail, CertSearchResponse, CertStatus, CertVerifyResponse, HolderKind,
};
use enforcement_kiosk::domain::cert::CertRecord;
use enforcement_kiosk::domain::ids;
use kiosk_server::seed::SeedData;
use serde_json::json;

fn seed() -> Vec<CertRecord> {
    SeedData::embedded().unwrap().certificates
}

/// Every full personal ID number in the seed (holder codes and ID-number certificate numbers).
fn personal_ids(certs: &[CertRecord]) -> Vec<String> {
    let mut v: Vec<String> = certs
        .iter()
        .filter(|c| c.holder_kind == HolderKind::Person)
        .flat_map(|c| [c.holder_code.clone(), c.number.clone()])
        .filter(|s| ids::validate_id_number(s, today()).is_ok())
        .collect();
    v.sort();
    v.dedup();
    assert!(!v.is_empty());
    v
}

fn assert_no_personal_ids(text: &str, ids: &[String]) {
    for id in ids {
        assert!(!text.contains(id.as_str()), "full ID number {id} leaked");
    }
}

#[tokio::test]
async fn search_by_identifier_and_by_number() {
    let t = TestApp::new().await;
    let certs = seed();
    let org = certs
        .iter()
        .find(|c| c.holder_kind == HolderKind::Organization && c.name.contains("营业执照"))
        .unwrap();
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "number", "number": org.identifier}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let res: CertSearchResponse = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(res.results.len(), 1);
    assert_eq!(res.results[0].identifier, org.identifier);
    // Business licences, USCCs and company names are public: in clear.
    assert_eq!(res.results[0].number, org.number);
    assert_eq!(res.results[0].holder, org.holder);
    assert_eq!(res.results[0].holder_code, org.holder_code);
    // Lowercase identifier works too.
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "number", "number": org.identifier.to_lowercase()}),
        )
        .await;
    assert_eq!(
        serde_json::from_slice::<CertSearchResponse>(&r.body)
            .unwrap()
            .results
            .len(),
        1
    );

    // By the printed number: every certificate with that number.
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "number", "number": org.number}),
        )
        .await;
    let res: CertSearchResponse = serde_json::from_slice(&r.body).unwrap();
    let expected = certs.iter().filter(|c| c.number == org.number).count();
    assert_eq!(res.results.len(), expected);
    assert!(res.results.iter().any(|c| c.identifier == org.identifier));

    // A person's ID card by its number: found, but masked.
    let idcard = certs
        .iter()
        .find(|c| c.holder_kind == HolderKind::Person && c.number == c.holder_code)
        .unwrap();
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "number", "number": idcard.number}),
        )
        .await;
    let res: CertSearchResponse = serde_json::from_slice(&r.body).unwrap();
    assert!(!res.results.is_empty());
    assert_no_personal_ids(&r.text(), &personal_ids(&certs));
    assert!(!r.text().contains(&idcard.verify_code));

    // Unknown number: empty, not an error.
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "number", "number": "NO-SUCH-1"}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_slice::<CertSearchResponse>(&r.body)
        .unwrap()
        .results
        .is_empty());
    // Empty number.
    t.post(
        "/api/v1/certificates/search",
        &json!({"by": "number", "number": " "}),
    )
    .await
    .problem(400, "required");
}

#[tokio::test]
async fn malformed_identifier_is_400_with_field() {
    let t = TestApp::new().await;
    let certs = seed();
    let mut bad = certs[0].identifier.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == '0' { '1' } else { '0' });
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "number", "number": bad}),
        )
        .await;
    let p = r.problem(400, "invalid_identifier");
    assert_eq!(p["fields"][0]["field"], "number");
    assert_eq!(
        p["fields"][0]["code"],
        ids::validate_cert_identifier(&bad)
            .unwrap_err()
            .code()
            .as_str()
    );
    t.get(&format!("/api/v1/certificates/{bad}"))
        .await
        .problem(400, "invalid_identifier");
}

#[tokio::test]
async fn search_by_holder_needs_name_and_code_and_masks() {
    let t = TestApp::new().await;
    let certs = seed();
    let person = certs
        .iter()
        .find(|c| c.holder_kind == HolderKind::Person && c.state == CertStatus::Valid)
        .unwrap();
    let owned = certs
        .iter()
        .filter(|c| c.holder_code == person.holder_code && c.holder == person.holder)
        .count();
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": format!(" {} ", person.holder), "holder_id": person.holder_code.to_lowercase()}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let res: CertSearchResponse = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(res.results.len(), owned);
    for c in &res.results {
        assert_ne!(c.holder, person.holder, "person names are masked");
        assert!(c.holder.contains('*'));
        assert!(c.holder_code.contains('*'));
        assert_eq!(c.holder_code.chars().count(), 18);
        assert_eq!(c.holder_kind, HolderKind::Person);
    }
    let text = r.text();
    assert_no_personal_ids(&text, &personal_ids(&certs));
    for c in &certs {
        assert!(
            !text.contains(&format!("\"{}\"", c.verify_code)),
            "verification codes never leave the server"
        );
    }

    // Same code, another name: nothing (and no hint that the code exists).
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": "张无名", "holder_id": person.holder_code}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_slice::<CertSearchResponse>(&r.body)
        .unwrap()
        .results
        .is_empty());

    // An organisation by name + USCC: in clear.
    let org = certs
        .iter()
        .find(|c| c.holder_kind == HolderKind::Organization)
        .unwrap();
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": org.holder, "holder_id": org.holder_code}),
        )
        .await;
    let res: CertSearchResponse = serde_json::from_slice(&r.body).unwrap();
    assert!(!res.results.is_empty());
    assert!(res
        .results
        .iter()
        .all(|c| c.holder == org.holder && c.holder_code == org.holder_code));
}

#[tokio::test]
async fn invalid_holder_input_is_400_with_the_validator_code() {
    let t = TestApp::new().await;
    // Valid ID number with a wrong check digit (domain.md §4.1).
    let bad_id = "110105199003071230";
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": "张三", "holder_id": bad_id}),
        )
        .await;
    let p = r.problem(400, "invalid_id_number");
    assert_eq!(p["fields"][0]["field"], "holder_id");
    assert_eq!(
        p["fields"][0]["code"],
        ids::validate_holder_id(bad_id, today())
            .unwrap_err()
            .code()
            .as_str()
    );
    // USCC with a wrong check character (domain.md §4.2).
    let bad_uscc = "91350203M0001QAY9B";
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": "某公司", "holder_id": bad_uscc}),
        )
        .await;
    let p = r.problem(400, "invalid_uscc");
    assert_eq!(
        p["fields"][0]["code"],
        ids::validate_holder_id(bad_uscc, today())
            .unwrap_err()
            .code()
            .as_str()
    );
    // Name missing / too long.
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": "", "holder_id": "11010519491231002X"}),
        )
        .await;
    assert_eq!(r.problem(400, "required")["fields"][0]["code"], "required");
    let long = "名".repeat(51);
    let r = t
        .post(
            "/api/v1/certificates/search",
            &json!({"by": "holder", "name": long, "holder_id": "11010519491231002X"}),
        )
        .await;
    assert_eq!(r.problem(400, "too_long")["fields"][0]["code"], "too_long");
}

#[tokio::test]
async fn every_derived_status_appears_and_details_are_masked() {
    let t = TestApp::new().await;
    let certs = seed();
    let pids = personal_ids(&certs);
    let mut seen = BTreeSet::new();
    for c in &certs {
        let r = t
            .get(&format!("/api/v1/certificates/{}", c.identifier))
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_no_personal_ids(&r.text(), &pids);
        let d: CertDetail = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(d.summary.identifier, c.identifier);
        assert_eq!(d.extra.len(), c.extra.len());
        if c.holder_kind == HolderKind::Person {
            assert_ne!(d.summary.holder, c.holder);
        }
        // Status agrees with the dates.
        match d.summary.status {
            CertStatus::Expired => assert!(d.summary.days_left.unwrap() < 0),
            CertStatus::Expiring => assert!((0..=30).contains(&d.summary.days_left.unwrap())),
            CertStatus::Valid => assert!(d.summary.days_left.is_none_or(|n| n > 30)),
            _ => assert_ne!(c.state, CertStatus::Valid),
        }
        seen.insert(d.summary.status.as_str());
    }
    let all: BTreeSet<&str> = [
        "valid",
        "expiring",
        "expired",
        "suspended",
        "revoked",
        "cancelled",
        "withdrawn",
        "superseded",
    ]
    .into();
    assert_eq!(seen, all);
    // A well-formed identifier that does not exist → 404.
    let c = &certs[0];
    let unknown = make_identifier(&c.type_code, &c.issuer_code, "ZZZZ9999", "001");
    assert!(ids::validate_cert_identifier(&unknown).is_ok());
    t.get(&format!("/api/v1/certificates/{unknown}"))
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn valid_to_days_from_seed_is_relative_to_the_seed_day() {
    let t = TestApp::new().await;
    let certs = seed();
    let rel = certs
        .iter()
        .find(|c| c.valid_to_days_from_seed == Some(-1))
        .or(certs.iter().find(|c| c.valid_to_days_from_seed.is_some()));
    let Some(c) = rel else { return };
    let n = c.valid_to_days_from_seed.unwrap();
    let d: CertDetail = serde_json::from_slice(
        &t.get(&format!("/api/v1/certificates/{}", c.identifier))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(d.summary.valid_to, Some(today().add_days(n).to_string()));
    assert_eq!(d.summary.days_left, Some(n));
}

#[tokio::test]
async fn verify_by_code_and_by_qr() {
    let t = TestApp::new().await;
    let certs = seed();
    let c = certs
        .iter()
        .find(|c| c.state == CertStatus::Revoked)
        .unwrap_or(&certs[0]);
    let url = "/api/v1/certificates/verify";
    let r = t
        .post(
            url,
            &json!({"identifier": c.identifier, "code": c.verify_code.to_lowercase()}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v: CertVerifyResponse = serde_json::from_slice(&r.body).unwrap();
    assert!(v.authentic);
    let cert = v.certificate.unwrap();
    assert_eq!(cert.identifier, c.identifier);
    if c.state == CertStatus::Revoked {
        assert_eq!(cert.status, CertStatus::Revoked, "authentic but not usable");
    }
    assert_no_personal_ids(&r.text(), &personal_ids(&certs));

    let r = t
        .post(url, &json!({"identifier": c.identifier, "code": "WRONG1"}))
        .await;
    let v: CertVerifyResponse = serde_json::from_slice(&r.body).unwrap();
    assert!(!v.authentic);
    assert!(v.certificate.is_none());

    let qr = format!("EKV1|{}|{}", c.identifier, c.verify_code);
    let v: CertVerifyResponse =
        serde_json::from_slice(&t.post(url, &json!({ "qr": qr })).await.body).unwrap();
    assert!(v.authentic);
    let qr = format!(
        "https://hall.example.gov.cn/verify?id={}&code={}",
        c.identifier, c.verify_code
    );
    let v: CertVerifyResponse =
        serde_json::from_slice(&t.post(url, &json!({ "qr": qr })).await.body).unwrap();
    assert!(v.authentic);
    let qr = format!("EKV1|{}|NOPE99", c.identifier);
    let v: CertVerifyResponse =
        serde_json::from_slice(&t.post(url, &json!({ "qr": qr })).await.body).unwrap();
    assert!(!v.authentic);

    // A QR code that is no certificate code: simply not authentic.
    let v: CertVerifyResponse =
        serde_json::from_slice(&t.post(url, &json!({"qr": "hello world"})).await.body).unwrap();
    assert!(!v.authentic);
    t.post(url, &json!({"identifier": "1.2.156.3005.2.X", "code": "A"}))
        .await
        .problem(400, "invalid_identifier");
    t.post(url, &json!({"qr": "EKV1|1.2.156.3005.2.X|A"}))
        .await
        .problem(400, "invalid_identifier");
    let p = t.post(url, &json!({})).await.problem(400, "missing_fields");
    assert_eq!(p["fields"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn rate_limit_per_kiosk_gives_429_with_retry_after() {
    let t = TestApp::with(|c| c.cert_rate_per_min = 3).await;
    let body = json!({"by": "number", "number": "X"});
    let send = |kiosk: &'static str| {
        let body = body.clone();
        let t = &t;
        async move {
            t.send(req(
                Method::POST,
                "/api/v1/certificates/search",
                &[("x-kiosk-id", kiosk)],
                Some(&body),
            ))
            .await
        }
    };
    for _ in 0..3 {
        assert_eq!(send("kiosk-a").await.status, 200);
    }
    let r = send("kiosk-a").await;
    let p = r.problem(429, "rate_limited");
    let wait = p["retry_after"].as_u64().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert_eq!(r.header("retry-after"), wait.to_string());
    // Detail and verify share the bucket.
    let id = &seed()[0].identifier;
    let r = t
        .send(req(
            Method::GET,
            &format!("/api/v1/certificates/{id}"),
            &[("x-kiosk-id", "kiosk-a")],
            None,
        ))
        .await;
    assert_eq!(r.status, 429);
    // Another kiosk has its own bucket; other endpoints are not limited.
    assert_eq!(send("kiosk-b").await.status, 200);
    assert_eq!(t.get("/api/v1/health").await.status, 200);
}

#[tokio::test]
async fn rate_limit_falls_back_to_the_client_ip_over_tcp() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let data = tempfile::tempdir().unwrap();
    let dist = tempfile::tempdir().unwrap();
    let mut c = config(data.path(), dist.path());
    c.cert_rate_per_min = 2;
    let state = kiosk_server::AppState::open(c).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(kiosk_server::serve_listener(listener, state, async {
        let _ = stopped.await;
    }));
    let body = r#"{"by":"number","number":"X"}"#;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let reqs = format!(
            "POST /api/v1/certificates/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        s.write_all(reqs.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        statuses.push(out.split(' ').nth(1).unwrap_or("").to_string());
        if statuses.len() == 3 {
            assert!(out.to_ascii_lowercase().contains("retry-after:"), "{out}");
            assert!(
                out.to_ascii_lowercase()
                    .contains("content-security-policy:"),
                "{out}"
            );
        }
    }
    assert_eq!(statuses, ["200", "200", "429"]);
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
