//! The REST API under [`PREFIX`]: one module per resource. Each resource's `routes()` returns
//! its handlers together with their OpenAPI paths (`utoipa-axum`'s [`OpenApiRouter`] and
//! `routes!`), so a new route is registered in its module and nowhere else; [`resources`] merges
//! them, [`router`] serves them and [`document`] describes them.
//!
//! Dependencies run one way: this module → the resource modules → [`schema`] and the shared
//! infrastructure; [`openapi`] knows no resource (it is handed their paths).

pub mod admin;
pub mod assist;
pub mod certs;
pub mod hall;
pub mod health;
pub mod lenient;
pub mod lists;
pub mod openapi;
pub mod reviews;
pub mod schema;
pub mod services;

use std::sync::{Arc, OnceLock};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;
use crate::{middleware, problem};

/// Where the API is mounted.
pub const PREFIX: &str = "/api/v1";

/// Largest request body accepted (64 KiB).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Every resource's routes with their OpenAPI paths (relative to [`PREFIX`]), in the order the
/// document lists them.
pub fn resources() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .merge(health::routes())
        .merge(lenient::routes())
        .merge(certs::routes())
        .merge(services::routes())
        .merge(reviews::routes())
        .merge(admin::routes())
        .merge(lists::routes())
        .merge(hall::routes())
        .merge(assist::routes())
}

/// The OpenAPI document of [`resources`] under [`PREFIX`].
pub fn document() -> utoipa::openapi::OpenApi {
    openapi::document(PREFIX, resources().into_openapi())
}

/// [`document`] as pretty JSON (`kiosk-server openapi`, `GET /api/v1/openapi.json`).
pub fn document_json() -> String {
    document().to_pretty_json().unwrap_or_else(|_| "{}".into())
}

/// `GET /api/v1/openapi.json`: the document, built once.
async fn serve_document() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let body = DOC.get_or_init(document_json).clone();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// The API routes (to be nested under [`PREFIX`], without the outer layers): problem documents
/// for unknown paths and methods, `no-store` by default, the body limit. The state also travels
/// as an [`Extension`] for the rate-limit layers the resources put on their routes.
pub fn router(state: Arc<AppState>) -> Router {
    let (routes, _) = resources().split_for_parts();
    routes
        .route("/openapi.json", get(serve_document))
        .fallback(problem::api_not_found)
        .method_not_allowed_fallback(problem::api_method_not_allowed)
        .layer(axum::middleware::map_response(
            middleware::api_cache_default,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(Extension(state.clone()))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_covers_every_route() {
        let doc: serde_json::Value = serde_json::from_str(&document_json()).unwrap();
        let paths = doc["paths"].as_object().unwrap();
        for p in [
            "/api/v1/health",
            "/api/v1/lenient/catalog",
            "/api/v1/lenient/items/{id}",
            "/api/v1/certificates/search",
            "/api/v1/certificates/{identifier}",
            "/api/v1/certificates/verify",
            "/api/v1/services",
            "/api/v1/windows",
            "/api/v1/cases/{case_no}",
            "/api/v1/reviews",
            "/api/v1/reviews/{review_no}",
            "/api/v1/reviews/stats",
            "/api/v1/admin/reviews",
            "/api/v1/admin/reviews/{review_no}/advance",
            "/api/v1/admin/lists/import",
            "/api/v1/admin/lists/versions",
            "/api/v1/admin/lists/rollback/{version}",
            "/api/v1/admin/lists/export",
            "/api/v1/admin/services/import",
            "/api/v1/admin/windows/import",
            "/api/v1/assist",
            "/api/v1/admin/assist",
            "/api/v1/admin/assist/{id}/answer",
        ] {
            assert!(paths.contains_key(p), "missing {p}");
        }
        let stats = doc["paths"]["/api/v1/reviews/stats"]["get"]["description"]
            .as_str()
            .unwrap();
        assert!(
            stats.contains("好评率") && stats.contains("bad_rectified / bad"),
            "{stats}"
        );
        let verify = doc["paths"]["/api/v1/certificates/verify"]["post"]["description"]
            .as_str()
            .unwrap();
        assert!(verify.contains("EKV1|"), "{verify}");
        assert!(doc["components"]["schemas"]["CaseInfo"].is_object());
        for s in [
            "Requirements",
            "ConditionReq",
            "Covered",
            "NoFaultRule",
            "Deadline",
            "ProblemCode",
        ] {
            assert!(doc["components"]["schemas"][s].is_object(), "{s}");
        }
        assert!(
            doc["components"]["schemas"]["LenientEntry"]["properties"]["requirements"].is_object()
        );
        assert!(doc["components"]["securitySchemes"]["admin_token"].is_object());
    }
}
