//! `GET /api/v1/health`.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    #[serde(default)]
    pub version: String,
    /// ETag-style version of the lenient catalog.
    #[serde(default)]
    pub catalog_version: String,
    #[serde(default)]
    pub certificates: u32,
    #[serde(default)]
    pub reviews: u32,
    /// `ok` while the server's database answers, `down` while it cannot be reached (the server
    /// then answers the API with 503 `database_unavailable`).
    #[serde(default)]
    pub database: String,
    /// Version of the hall's own services and windows (0 = the built-in seed); goes up with
    /// every `services import` / `windows import`, which a running server picks up within
    /// a few seconds.
    #[serde(default)]
    pub hall_version: u32,
}
