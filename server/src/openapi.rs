//! The OpenAPI document, generated from the DTOs and the handlers' annotations.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use enforcement_kiosk::contract::*;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct AdminToken;

impl Modify for AdminToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `item`, or an empty string: the schema of a query value for which empty means "not given".
pub fn or_empty(
    item: utoipa::openapi::schema::ObjectBuilder,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Type};
    AnyOfBuilder::new()
        .item(item)
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(0)),
        )
        .into()
}

/// The wire enums carry an `Unknown` catch-all (`#[serde(other)]`) so that an older kiosk reads a
/// value it does not know; `unknown` itself is never a value of the contract: the server never
/// sends it and refuses it in a request (`rating_required`, `to` invalid). The document lists
/// only the named values.
struct NamedEnumValues;

/// The enums of `api::types` with an `Unknown` catch-all.
pub const CATCH_ALL_ENUMS: [&str; 7] = [
    "ListKind",
    "CertStatus",
    "HolderKind",
    "Rating",
    "ReviewState",
    "Covered",
    "DeadlineUnit",
];

impl Modify for NamedEnumValues {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::Schema;
        use utoipa::openapi::RefOr;
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        for name in CATCH_ALL_ENUMS {
            if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(name) {
                if let Some(values) = o.enum_values.as_mut() {
                    values.retain(|v| v != "unknown");
                }
            }
        }
    }
}

/// OpenAPI links from a review receipt (200 and 201 of `POST /reviews`) to the operations that
/// take its number: the status look-up (with the receipt's check code) and the admin's advance.
/// Clients read the same fields; schemathesis's stateful phase follows them.
struct ReceiptLinks;

impl Modify for ReceiptLinks {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::extensions::Extensions;
        use utoipa::openapi::link::LinkBuilder;
        use utoipa::openapi::RefOr;
        // utoipa 5.5 writes `Link::operation_id` as `operation_id`; the OpenAPI field is
        // `operationId`, so it goes in as a raw field (extensions are written as they are).
        let link = |operation: &str, parameters: &[(&str, &str)], description: &str| {
            let mut b = LinkBuilder::new().description(description);
            for (name, value) in parameters {
                b = b.parameter(*name, *value);
            }
            let mut raw = Extensions::default();
            raw.insert("operationId".into(), operation.into());
            RefOr::T(b.extensions(Some(raw)).build())
        };
        let Some(post) = openapi
            .paths
            .paths
            .get_mut("/api/v1/reviews")
            .and_then(|item| item.post.as_mut())
        else {
            return;
        };
        for status in ["200", "201"] {
            if let Some(RefOr::T(response)) = post.responses.responses.get_mut(status) {
                response.links.insert(
                    "status".into(),
                    link(
                        "status",
                        &[
                            ("review_no", "$response.body#/review_no"),
                            ("check", "$response.body#/check_code"),
                        ],
                        "The review's status, opened with the receipt's check code",
                    ),
                );
                response.links.insert(
                    "advance".into(),
                    link(
                        "advance",
                        &[("review_no", "$response.body#/review_no")],
                        "Hall staff advance the review's handling",
                    ),
                );
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "enforcement-kiosk API",
        version = "1",
        description = "REST contract v1 of the government-hall self-service kiosk: lenient-enforcement lists, \
e-certificate lookup and verification, good/bad reviews (好差评). Errors are RFC 9457 \
`application/problem+json` documents with a stable `code` (and `fields`, `retry_after` where relevant). \
Every request may carry `X-Kiosk-Id` and `X-Request-Id`. Bodies are limited to 64 KiB (413 \
`payload_too_large`). An empty query value (`?limit=`) is the same as leaving the parameter out."
    ),
    paths(
        crate::health::health,
        crate::lenient::catalog,
        crate::lenient::item,
        crate::certs::search,
        crate::certs::detail,
        crate::certs::verify,
        crate::services::list_services,
        crate::services::list_windows,
        crate::services::case,
        crate::reviews::submit,
        crate::reviews::status,
        crate::reviews::stats,
        crate::admin::advance,
        crate::admin::list,
    ),
    components(schemas(
        Problem, FieldProblem, Health, ListKind, DomainInfo, SourceDoc, Thresholds, NoFaultEffect, NoFaultRule,
        HarmAllowed, DeadlineUnit, Deadline, Covered, ConditionReq, Requirements, LenientEntry, SearchKeys,
        CatalogEntry, Catalog, CertStatus, HolderKind, CertSearchRequest, CertSummary, CertDetail,
        CertSearchResponse, CertVerifyRequest, CertVerifyResponse, Rating, ServiceItem, Window, ReviewRequest,
        ReviewState, ReviewReceipt, ReviewEvent, ReviewStatus, StatsGroup, StatsFigures, ReviewStats,
        AdvanceRequest, CaseInfo
    )),
    modifiers(&AdminToken, &NamedEnumValues, &ReceiptLinks),
    tags(
        (name = "system", description = "Health"),
        (name = "lenient", description = "Lenient-enforcement lists (包容免罚清单)"),
        (name = "certificates", description = "E-certificates (电子证照)"),
        (name = "reviews", description = "Good/bad reviews (好差评)"),
        (name = "admin", description = "Hall staff (bearer token)")
    )
)]
pub struct ApiDoc;

/// The document as pretty JSON.
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}

/// `GET /api/v1/openapi.json`.
pub async fn serve() -> Response {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
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
        ] {
            assert!(doc["components"]["schemas"][s].is_object(), "{s}");
        }
        assert!(
            doc["components"]["schemas"]["LenientEntry"]["properties"]["requirements"].is_object()
        );
        assert!(doc["components"]["securitySchemes"]["admin_token"].is_object());
    }
}
