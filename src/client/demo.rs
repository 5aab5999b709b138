//! [`Backend`] with no server: synthetic data shipped in `public/demo/` (written by
//! `kiosk-server export-demo`), searched, masked and verified with the same `domain` code the
//! reference server runs. Reviews stay in this browser tab's memory.

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;

use super::backend::{ApiFuture, Backend, CatalogText, StatsQuery};
use super::clock::today;
use super::error::ApiError;
use crate::contract::*;
use crate::domain::cert::CertRecord;
use crate::domain::{cert, review};

#[derive(Default)]
struct Data {
    catalog: Option<CatalogText>,
    certs: Option<Rc<Vec<CertRecord>>>,
    services: Option<Rc<Vec<ServiceItem>>>,
    windows: Option<Rc<Vec<Window>>>,
    cases: Option<Rc<Vec<DemoCase>>>,
    stats_month: Option<Rc<ReviewStats>>,
    stats_window: Option<Rc<ReviewStats>>,
    stats_service: Option<Rc<ReviewStats>>,
    reviews: Vec<(String, ReviewReceipt, ReviewRequest, ReviewStatus)>,
    seq: u32,
    /// 呼叫工作人员 calls made in this tab (no server to tell).
    assist: Vec<AssistCall>,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct DemoCase {
    case_no: String,
    #[serde(default)]
    service_id: String,
    #[serde(default)]
    window_id: String,
}

#[derive(Clone)]
pub struct DemoBackend {
    base: Rc<str>,
    data: Rc<RefCell<Data>>,
}

impl DemoBackend {
    /// `base` is where the demo files are served, e.g. `/demo`.
    pub fn new(base: &str) -> DemoBackend {
        DemoBackend {
            base: base.trim_end_matches('/').into(),
            data: Rc::default(),
        }
    }
}

async fn fetch<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    let text = fetch_text(url).await?;
    serde_json::from_str(&text).map_err(|e| ApiError::Malformed(e.to_string()))
}

async fn fetch_text(url: String) -> Result<String, ApiError> {
    let resp = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(super::http::problem_from(resp.status(), ""));
    }
    resp.text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// The demo catalog, fetched once and kept (undecoded, as the live backend keeps it).
async fn catalog_text(data: Rc<RefCell<Data>>, url: String) -> Result<CatalogText, ApiError> {
    if let Some(cat) = data.borrow().catalog.clone() {
        return Ok(cat);
    }
    let cat = CatalogText::from_json(fetch_text(url).await?)?;
    data.borrow_mut().catalog = Some(cat.clone());
    Ok(cat)
}

/// Loads one demo file once and keeps it.
async fn load<T: DeserializeOwned>(
    data: Rc<RefCell<Data>>,
    slot: fn(&mut Data) -> &mut Option<Rc<T>>,
    url: String,
) -> Result<Rc<T>, ApiError> {
    if let Some(v) = slot(&mut data.borrow_mut()).clone() {
        return Ok(v);
    }
    let v: Rc<T> = Rc::new(fetch(url).await?);
    *slot(&mut data.borrow_mut()) = Some(v.clone());
    Ok(v)
}

macro_rules! cached {
    ($self:ident, $field:ident, $file:literal) => {
        load(
            $self.data.clone(),
            |d: &mut Data| &mut d.$field,
            format!("{}/{}", $self.base, $file),
        )
    };
}

fn not_found() -> ApiError {
    ApiError::Problem(Problem {
        status: 404,
        code: ProblemCode::NotFound,
        ..Default::default()
    })
}

fn invalid(code: ProblemCode, fields: Vec<FieldProblem>) -> ApiError {
    ApiError::Problem(Problem {
        status: 400,
        code,
        fields,
        ..Default::default()
    })
}

/// The same problem the server sends: `code` from the domain, the finer reason per field.
fn search_error(e: cert::SearchError) -> ApiError {
    let cert::SearchError::Field {
        field,
        code,
        reason,
    } = e;
    invalid(code, vec![FieldProblem::new(field, reason)])
}

impl Backend for DemoBackend {
    fn mode(&self) -> &'static str {
        "demo"
    }

    fn health(&self) -> ApiFuture<Health> {
        Box::pin(async {
            Ok(Health {
                status: "ok".into(),
                version: "demo".into(),
                ..Default::default()
            })
        })
    }

    fn catalog(&self) -> ApiFuture<CatalogText> {
        Box::pin(catalog_text(
            self.data.clone(),
            format!("{}/catalog.json", self.base),
        ))
    }

    fn lenient_item(&self, id: String) -> ApiFuture<LenientEntry> {
        let cat = self.catalog();
        Box::pin(async move {
            let cat = cat.await?.decode()?;
            cat.entry(&id).cloned().ok_or_else(not_found)
        })
    }

    fn cert_search(&self, req: CertSearchRequest) -> ApiFuture<CertSearchResponse> {
        // `certificates.json` is written by `kiosk-server export-demo` with dates already resolved.
        let certs = cached!(self, certs, "certificates.json");
        Box::pin(async move {
            let certs = certs.await?;
            let t = today();
            let found = cert::search(&certs, &req, t).map_err(search_error)?;
            Ok(CertSearchResponse {
                results: found.into_iter().map(|r| cert::summarize(r, t)).collect(),
            })
        })
    }

    fn cert_detail(&self, identifier: String) -> ApiFuture<CertDetail> {
        let certs = cached!(self, certs, "certificates.json");
        Box::pin(async move {
            let certs = certs.await?;
            certs
                .iter()
                .find(|r| r.identifier.eq_ignore_ascii_case(&identifier))
                .map(|r| cert::detail(r, today()))
                .ok_or_else(not_found)
        })
    }

    fn cert_verify(&self, req: CertVerifyRequest) -> ApiFuture<CertVerifyResponse> {
        let certs = cached!(self, certs, "certificates.json");
        Box::pin(async move {
            let certs = certs.await?;
            match cert::verify(&certs, &req) {
                Ok(Some(r)) => Ok(CertVerifyResponse {
                    authentic: true,
                    certificate: Some(cert::summarize(r, today())),
                }),
                Ok(None) => Ok(CertVerifyResponse {
                    authentic: false,
                    certificate: None,
                }),
                Err(cert::VerifyError::InvalidIdentifier(code)) => Err(invalid(
                    ProblemCode::InvalidIdentifier,
                    vec![FieldProblem::new("identifier", code)],
                )),
                Err(cert::VerifyError::Missing) => Err(invalid(ProblemCode::MissingFields, vec![])),
            }
        })
    }

    fn services(&self) -> ApiFuture<Vec<ServiceItem>> {
        let s = cached!(self, services, "services.json");
        Box::pin(async move { Ok(s.await?.as_ref().clone()) })
    }

    fn windows(&self) -> ApiFuture<Vec<Window>> {
        let w = cached!(self, windows, "windows.json");
        Box::pin(async move { Ok(w.await?.as_ref().clone()) })
    }

    fn case_info(&self, case_no: String) -> ApiFuture<CaseInfo> {
        let cases = cached!(self, cases, "cases.json");
        let services = cached!(self, services, "services.json");
        let windows = cached!(self, windows, "windows.json");
        Box::pin(async move {
            let cases = cases.await?;
            let c = cases
                .iter()
                .find(|c| c.case_no == case_no)
                .cloned()
                .ok_or_else(not_found)?;
            let services = services.await?;
            let windows = windows.await?;
            Ok(CaseInfo {
                case_no: c.case_no,
                service: services.iter().find(|s| s.id == c.service_id).cloned(),
                window: windows.iter().find(|w| w.id == c.window_id).cloned(),
            })
        })
    }

    fn submit_review(&self, key: String, req: ReviewRequest) -> ApiFuture<ReviewReceipt> {
        let data = self.data.clone();
        Box::pin(async move {
            if let Some((_, receipt, ..)) = data.borrow().reviews.iter().find(|(k, ..)| *k == key) {
                return Ok(receipt.clone());
            }
            let req = review::validate_review(&req).map_err(|fields| {
                ApiError::Problem(Problem {
                    status: 422,
                    code: ProblemCode::ValidationFailed,
                    fields,
                    ..Default::default()
                })
            })?;
            let t = today();
            let mut d = data.borrow_mut();
            d.seq += 1;
            let no = review::review_no(t, d.seq);
            let check = review::check_code_from((js_sys::Math::random() * 9.0e15) as u64);
            let state = review::initial_state(req.rating);
            let due = req
                .rating
                .is_bad()
                .then(|| review::due_date(t, review::BAD_REVIEW_DEADLINE_DAYS).to_string());
            let at = js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            let receipt = ReviewReceipt {
                review_no: no.clone(),
                check_code: check,
                rating: req.rating,
                created_at: at.clone(),
                due_by: due.clone(),
                queued: false,
            };
            let status = ReviewStatus {
                review_no: no,
                rating: req.rating,
                state,
                history: vec![ReviewEvent {
                    state,
                    at,
                    note: String::new(),
                }],
                due_by: due,
            };
            d.reviews.push((key, receipt.clone(), req, status));
            Ok(receipt)
        })
    }

    fn review_status(&self, review_no: String, check: String) -> ApiFuture<ReviewStatus> {
        let data = self.data.clone();
        Box::pin(async move {
            let d = data.borrow();
            let no = review::canonical_review_no(&review_no).ok_or_else(not_found)?;
            d.reviews
                .iter()
                .find(|(_, r, req, _)| {
                    r.review_no == no
                        && review::check_opens(&check, &r.check_code, req.phone.as_deref())
                })
                .map(|(.., s)| s.clone())
                .ok_or_else(not_found)
        })
    }

    fn review_stats(&self, q: StatsQuery) -> ApiFuture<ReviewStats> {
        // One file per grouping (`kiosk-server export-demo`), each with the monthly trend.
        let stats = match q.group_by {
            StatsGroupBy::Month => cached!(self, stats_month, "stats-month.json"),
            StatsGroupBy::Window => cached!(self, stats_window, "stats-window.json"),
            StatsGroupBy::Service => cached!(self, stats_service, "stats-service.json"),
        };
        let data = self.data.clone();
        Box::pin(async move {
            let mut s = stats.await?.as_ref().clone();
            s.group_by = q.group_by.as_str().to_string();
            let mine = review::compute_stats(
                data.borrow()
                    .reviews
                    .iter()
                    .map(|(_, _, req, st)| (req.rating, st.state)),
            );
            s.overall = review::merge_stats(&s.overall, &mine);
            Ok(s)
        })
    }

    fn call_assist(&self, req: AssistRequest) -> ApiFuture<AssistCall> {
        let data = self.data.clone();
        Box::pin(async move {
            let (kiosk, window) =
                crate::domain::assist::validate_call(Some("demo"), &req.window)
                    .map_err(|fields| invalid(ProblemCode::ValidationFailed, fields))?;
            let mut d = data.borrow_mut();
            if let Some(open) = d.assist.iter().find(|c| c.answered_at.is_none()) {
                return Ok(open.clone());
            }
            let call = AssistCall {
                id: d.assist.len() as u64 + 1,
                kiosk_id: kiosk,
                window,
                created_at: now_iso(),
                answered_at: None,
            };
            d.assist.push(call.clone());
            Ok(call)
        })
    }

    fn admin_assist_calls(&self, _token: String) -> ApiFuture<Vec<AssistCall>> {
        let data = self.data.clone();
        Box::pin(async move {
            let mut calls = data.borrow().assist.clone();
            crate::domain::assist::sort_for_staff(&mut calls);
            Ok(calls)
        })
    }

    fn admin_assist_answer(&self, _token: String, id: u64) -> ApiFuture<AssistCall> {
        let data = self.data.clone();
        Box::pin(async move {
            let mut d = data.borrow_mut();
            let c = d
                .assist
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(not_found)?;
            c.answered_at.get_or_insert_with(now_iso);
            Ok(c.clone())
        })
    }

    fn abort_all(&self) {}
}

fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}
