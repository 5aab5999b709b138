//! Hall staff publish lists through the API: the same import, versions, rollback and export as
//! `kiosk-server lists …` (admin token; the upload is multipart with a size limit).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use enforcement_kiosk::contract::{
    CatalogVersionInfo, CatalogVersions, ImportCount, ImportProblem, ImportReport, Problem,
    ProblemCode,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::admin::authorize;
use crate::catalog::{ImportError, VersionMeta};
use crate::extract::{ApiPath, QueryPairs};
use crate::import::export::export_workbook;
use crate::import::lists::ImportOptions;
use crate::import::{Limits, Problem as RowProblem};
use crate::problem::{ApiError, ApiResult};
use crate::state::{blocking, AppState};

/// The largest upload: the import's file limit plus room for the multipart envelope.
pub const UPLOAD_LIMIT: usize = 16 * 1024 * 1024 + 64 * 1024;

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `POST /admin/lists/import`, `GET /admin/lists/versions`, `POST /admin/lists/rollback/{version}`
/// and `GET /admin/lists/export` with their OpenAPI paths.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(import))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .routes(routes!(versions))
        .routes(routes!(rollback))
        .routes(routes!(export))
}

pub fn wire_problem(p: &RowProblem) -> ImportProblem {
    ImportProblem {
        row: p.row.map(|r| u32::try_from(r).unwrap_or(u32::MAX)),
        column: p.column.clone(),
        zh: p.zh.clone(),
        en: p.en.clone(),
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ProblemCode::PayloadTooLarge,
        format!(
            "The upload is larger than {} bytes.",
            Limits::default().max_bytes
        ),
    )
}

fn bad_upload() -> ApiError {
    ApiError::bad_request(
        ProblemCode::InvalidBody,
        "Send the list as multipart/form-data with a `file` part.",
    )
}

/// The `file` part of a multipart upload: (file name, bytes); `payload_too_large` over
/// [`UPLOAD_LIMIT`], `invalid_body` for anything else than a multipart body with a `file` part.
pub async fn read_upload(state: &Arc<AppState>, req: Request) -> ApiResult<(String, Vec<u8>)> {
    let mut form = Multipart::from_request(req, state)
        .await
        .map_err(|_| bad_upload())?;
    let mut upload: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(bad_upload()),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("upload").to_string();
        let bytes = match field.bytes().await {
            Ok(b) => b.to_vec(),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(bad_upload()),
        };
        upload = Some((name, bytes));
    }
    upload.ok_or_else(bad_upload)
}

/// Multipart upload schema: one `file` part.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ListUpload {
    /// The list: `.xlsx`, or `.csv` in UTF-8, UTF-8 with BOM or GBK/GB 18030 (at most 16 MB).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Import a published list (the rules of `kiosk-server lists import`): every problem is
/// reported with its row and column and nothing is published; otherwise a new catalog version
/// is published (unless `dry_run`), served at once with a new `ETag`.
#[utoipa::path(post, path = "/admin/lists/import", tag = "admin",
    request_body(content = ListUpload, content_type = "multipart/form-data"),
    params(
        ("kind" = Option<String>, Query, description = "List kind for rows without a 清单类型 column"),
        ("domain" = Option<String>, Query, description = "Domain code or name for rows without a 领域 column"),
        ("region" = Option<String>, Query, description = "GB/T 2260 code(s) of the scope, comma separated"),
        ("source_name" = Option<String>, Query, description = "文件名称"),
        ("source_number" = Option<String>, Query, description = "文号"),
        ("source_date" = Option<String>, Query, description = "YYYY-MM-DD"),
        ("valid_to" = Option<String>, Query, description = "YYYY-MM-DD"),
        ("replaces" = Option<String>, Query, description = "文号 of the list this one replaces"),
        ("dry_run" = Option<bool>, Query, description = "`true`: check and report, publish nothing"),
    ),
    security(("admin_token" = [])),
    responses((status = 200, description = "Published (or checked, for a dry run)", body = ImportReport),
              (status = 400, description = "`invalid_body`: not a multipart upload with a `file` part", body = Problem, content_type = "application/problem+json"),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 413, description = "`payload_too_large` (more than 16 MB)", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "The file has problems; nothing was published", body = ImportReport),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn import(
    State(state): State<Arc<AppState>>,
    q: QueryPairs,
    req: Request,
) -> ApiResult<Response> {
    authorize(req.headers(), &state.config.admin_token)?;
    let (name, bytes) = read_upload(&state, req).await?;
    let opt = |k: &str| {
        q.get(k)
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    let opts = ImportOptions {
        kind: opt("kind"),
        domain: opt("domain"),
        region: opt("region"),
        source_name: opt("source_name"),
        source_number: opt("source_number"),
        source_date: opt("source_date"),
        valid_to: opt("valid_to"),
        replaces: opt("replaces"),
    };
    let dry_run = matches!(q.get("dry_run"), Some("true" | "1"));
    let meta = VersionMeta {
        created_at: state.clock.now_rfc3339(),
        actor: "admin".into(),
        ..VersionMeta::default()
    };
    let outcome = state
        .store
        .import_list(
            &state.seed_domains,
            &state.seed_entries,
            &name,
            bytes,
            &opts,
            meta,
            dry_run,
        )
        .await;
    if matches!(outcome, Ok(ref o) if o.version.is_some()) {
        // Served at once by this process; the report says what is in force.
        let _ = state.reload_catalog().await;
    }
    match outcome {
        Ok(o) => {
            let mut counts: BTreeMap<(String, &'static str), (ImportCount, u32)> = BTreeMap::new();
            for e in &o.imported {
                counts
                    .entry((e.domain.clone(), e.kind.as_str()))
                    .or_insert_with(|| {
                        (
                            ImportCount {
                                domain: e.domain.clone(),
                                kind: e.kind,
                                entries: 0,
                            },
                            0,
                        )
                    })
                    .1 += 1;
            }
            let report = ImportReport {
                published: o.version,
                dry_run,
                imported: o.imported.len() as u32,
                in_force_entries: o.catalog.len() as u32,
                counts: counts
                    .into_values()
                    .map(|(mut c, n)| {
                        c.entries = n;
                        c
                    })
                    .collect(),
                first: o.imported.iter().take(5).cloned().collect(),
                problems: Vec::new(),
            };
            Ok(Json(report).into_response())
        }
        Err(ImportError::Rejected(problems)) => {
            let report = ImportReport {
                dry_run,
                problems: problems.iter().map(wire_problem).collect(),
                ..ImportReport::default()
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response())
        }
        Err(ImportError::Store(e)) => Err(ApiError::from(e)),
    }
}

async fn versions_of(state: &AppState) -> Result<CatalogVersions, ApiError> {
    let rows = state.store.versions().await?;
    let view = state.catalog();
    Ok(CatalogVersions {
        in_force: view.published,
        etag: view.blob.etag.clone(),
        versions: rows
            .into_iter()
            .map(|r| CatalogVersionInfo {
                version: r.version,
                created_at: r.meta.created_at,
                actor: r.meta.actor,
                source_file: r.meta.source_file,
                source_sha256: r.meta.source_sha256,
                source_number: r.meta.source_number,
                replaces: r.meta.replaces,
                imported: r.meta.imported as u32,
                entries: r.entries as u32,
                in_force: r.in_force,
            })
            .collect(),
    })
}

/// Every published catalog version, and the one in force (0 = the built-in seed).
#[utoipa::path(get, path = "/admin/lists/versions", tag = "admin",
    security(("admin_token" = [])),
    responses((status = 200, description = "The versions, oldest first", body = CatalogVersions),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn versions(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Json<CatalogVersions>> {
    authorize(&headers, &state.config.admin_token)?;
    let _ = state.reload_catalog().await;
    versions_of(&state).await.map(Json)
}

/// Put an earlier catalog version (0 = the built-in seed) back in force.
#[utoipa::path(post, path = "/admin/lists/rollback/{version}", tag = "admin",
    params(("version" = u32, Path, description = "A version from `GET /admin/lists/versions`, or 0")),
    security(("admin_token" = [])),
    responses((status = 200, description = "The versions after the rollback", body = CatalogVersions),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 404, description = "`not_found`: no such version", body = Problem, content_type = "application/problem+json"),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn rollback(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
    ApiPath(version): ApiPath,
) -> ApiResult<Json<CatalogVersions>> {
    authorize(&headers, &state.config.admin_token)?;
    let Ok(v) = version.parse::<u32>() else {
        return Err(ApiError::not_found());
    };
    state.store.rollback(v).await?;
    let _ = state.reload_catalog().await;
    versions_of(&state).await.map(Json)
}

/// The catalog in force as a workbook in the import's shape (frozen header, drop-downs for
/// 领域 and 清单类型); it imports back to the same catalog.
#[utoipa::path(get, path = "/admin/lists/export", tag = "admin",
    security(("admin_token" = [])),
    responses((status = 200, description = "The workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
              (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json",
                headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
              (status = 503, description = "`unavailable`: the database is busy, or `database_unavailable`: it cannot be reached; retry after `Retry-After`", body = Problem, content_type = "application/problem+json",
                headers(("Retry-After" = u32, description = "Seconds to wait")))))]
pub async fn export(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Response> {
    authorize(&headers, &state.config.admin_token)?;
    let (_, entries) = state.store.current_entries(&state.seed_entries).await?;
    let domains = state.seed_domains.clone();
    let bytes =
        blocking(move || export_workbook(&entries, &domains).map_err(|_| ApiError::internal()))
            .await??;
    let mut res = (StatusCode::OK, Body::from(bytes)).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(XLSX_TYPE));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"catalog.xlsx\""),
    );
    Ok(res)
}
