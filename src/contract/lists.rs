//! Publishing the hall's own lists (admin): import reports and catalog versions.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use super::lenient::{LenientEntry, ListKind};

/// One problem with an imported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImportProblem {
    /// 1-based row of the file; absent for the file as a whole or an option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The column header as written in the file, or the option (e.g. `source_date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub zh: String,
    pub en: String,
}

/// Entries per domain and kind in an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImportCount {
    pub domain: String,
    #[serde(default)]
    pub kind: ListKind,
    pub entries: u32,
}

/// `POST /admin/lists/import`: what was (or, for a dry run, would be) published, or every
/// problem (then nothing was published).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImportReport {
    /// The new catalog version; absent for a dry run or a rejected file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<u32>,
    #[serde(default)]
    pub dry_run: bool,
    /// Entries the file brought.
    #[serde(default)]
    pub imported: u32,
    /// Entries in force after the import.
    #[serde(default)]
    pub in_force_entries: u32,
    #[serde(default)]
    pub counts: Vec<ImportCount>,
    /// The first imported entries (at most 5).
    #[serde(default)]
    pub first: Vec<LenientEntry>,
    #[serde(default)]
    pub problems: Vec<ImportProblem>,
}

/// One published catalog version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CatalogVersionInfo {
    pub version: u32,
    pub created_at: String,
    /// Who published it (the OS user for the command line, `admin` for the API).
    pub actor: String,
    pub source_file: String,
    pub source_sha256: String,
    #[serde(default)]
    pub source_number: String,
    #[serde(default)]
    pub replaces: String,
    pub imported: u32,
    pub entries: u32,
    pub in_force: bool,
}

/// `GET /admin/lists/versions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CatalogVersions {
    /// The version in force (0 = the built-in seed).
    pub in_force: u32,
    /// The catalog's current `ETag`.
    pub etag: String,
    #[serde(default)]
    pub versions: Vec<CatalogVersionInfo>,
}

/// A case (办件) whose window or service the import removed: reviews of it are stored without
/// that window or service from now on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrphanedCase {
    pub case_no: String,
    /// The window (or service) id the case names, which no longer exists.
    pub missing_id: String,
}

/// `POST /admin/services/import` and `POST /admin/windows/import`: what was (or, for a dry
/// run, would be) stored, or every problem (then nothing was stored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HallImportReport {
    /// `services` or `windows`.
    pub kind: String,
    #[serde(default)]
    pub dry_run: bool,
    /// Rows the file brought (stored unless a dry run or rejected).
    #[serde(default)]
    pub rows: u32,
    /// The hall data version after the import (`Health::hall_version`); absent for a dry run
    /// or a rejected file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hall_version: Option<u32>,
    /// Cases that point at a window or service the file does not have.
    #[serde(default)]
    pub orphaned_cases: Vec<OrphanedCase>,
    #[serde(default)]
    pub problems: Vec<ImportProblem>,
}
