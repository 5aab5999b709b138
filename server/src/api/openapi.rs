//! The OpenAPI document around the resources' paths: info, tags, the contract's schemas, the
//! admin security scheme and the fix-ups utoipa cannot express in annotations.

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

/// The wire enums carry an `Unknown` catch-all (`#[serde(other)]`) so that an older kiosk reads a
/// value it does not know; `unknown` itself is never a value of the contract: the server never
/// sends it and refuses it in a request (`rating_required`, `to` invalid). The document lists
/// only the named values.
struct NamedEnumValues;

/// The contract enums with an `Unknown` catch-all.
pub const CATCH_ALL_ENUMS: [&str; 8] = [
    "ProblemCode",
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
    components(schemas(
        Problem, FieldProblem, Health, ListKind, DomainInfo, SourceDoc, Thresholds, NoFaultEffect, NoFaultRule,
        HarmAllowed, DeadlineUnit, Deadline, Covered, ConditionReq, Requirements, LenientEntry, SearchKeys,
        CatalogEntry, Catalog, CertStatus, HolderKind, CertSearchRequest, CertSummary, CertDetail,
        CertSearchResponse, CertVerifyRequest, CertVerifyResponse, Rating, ServiceItem, Window, ReviewRequest,
        ReviewState, ReviewReceipt, ReviewEvent, ReviewStatus, StatsGroup, StatsFigures, ReviewStats,
        AdvanceRequest, CaseInfo, AssistRequest, AssistCall
    )),
    tags(
        (name = "system", description = "Health"),
        (name = "lenient", description = "Lenient-enforcement lists (包容免罚清单)"),
        (name = "certificates", description = "E-certificates (电子证照)"),
        (name = "reviews", description = "Good/bad reviews (好差评)"),
        (name = "assist", description = "Calling staff to a kiosk (呼叫工作人员)"),
        (name = "admin", description = "Hall staff (bearer token)")
    )
)]
pub struct ApiDoc;

/// The whole document: the resources' `paths` (relative, as `api::resources` collected them)
/// nested under `prefix`, with the info, the tags and the contract's schemas of [`ApiDoc`], then
/// the admin security scheme, the named enum values and the receipt links.
pub fn document(prefix: &str, paths: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi().nest(prefix, paths);
    for m in [&AdminToken as &dyn Modify, &NamedEnumValues, &ReceiptLinks] {
        m.modify(&mut doc);
    }
    doc
}
