//! Schema pieces the resources' OpenAPI parameters share.

use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// `item`, or an empty string: the schema of a query value for which empty means "not given".
pub fn or_empty(item: ObjectBuilder) -> RefOr<Schema> {
    AnyOfBuilder::new()
        .item(item)
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(0)),
        )
        .into()
}
