//! Catalog versions: each import (or rollback target) is a row of `catalog_versions` holding
//! the whole entry list with where it came from; `meta.catalog_in_force` names the version
//! the server serves (none = the embedded seed, version 0). Every SQL statement about
//! catalog versions is here, shared by the command line and the server.

use enforcement_kiosk::contract::LenientEntry;
use rusqlite::{params, Connection, OptionalExtension};

/// Where a version came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionMeta {
    pub created_at: String,
    /// Who ran the import (the OS user, or `admin` for the admin endpoint).
    pub actor: String,
    pub source_file: String,
    pub source_sha256: String,
    pub source_number: String,
    pub replaces: String,
    /// Entries the file brought.
    pub imported: usize,
}

/// One row of `lists versions`.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionInfo {
    pub version: u32,
    pub meta: VersionMeta,
    pub entries: usize,
    pub in_force: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("stored catalog is malformed: {0}")]
    Json(#[from] serde_json::Error),
    #[error("no catalog version {0} (see `lists versions`; 0 is the built-in seed)")]
    NoSuchVersion(u32),
}

/// The version in force (0 = the seed).
pub fn in_force(conn: &Connection) -> rusqlite::Result<u32> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'catalog_in_force'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// The entries of a stored version (`None` for 0 or a version that does not exist).
pub fn load_entries(
    conn: &Connection,
    version: u32,
) -> Result<Option<Vec<LenientEntry>>, CatalogError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT entries FROM catalog_versions WHERE version = ?1",
            params![version],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match json {
        Some(j) => Some(serde_json::from_str(&j)?),
        None => None,
    })
}

/// The entries in force: the stored version, or `seed` when none is.
pub fn current_entries(
    conn: &Connection,
    seed: &[LenientEntry],
) -> Result<(u32, Vec<LenientEntry>), CatalogError> {
    let v = in_force(conn)?;
    match load_entries(conn, v)? {
        Some(e) => Ok((v, e)),
        None => Ok((0, seed.to_vec())),
    }
}

/// The catalog after an import: `current` without the entries of the document `replaces`
/// retires, each imported entry replacing the one with its id in place, new ids appended.
pub fn merge(
    current: &[LenientEntry],
    imported: &[LenientEntry],
    replaces: Option<&str>,
) -> Vec<LenientEntry> {
    let mut out: Vec<LenientEntry> = current
        .iter()
        .filter(|e| replaces.is_none_or(|n| n.is_empty() || e.source.number != n))
        .cloned()
        .collect();
    for e in imported {
        match out.iter_mut().find(|o| o.id == e.id) {
            Some(slot) => *slot = e.clone(),
            None => out.push(e.clone()),
        }
    }
    out
}

/// Stores `entries` as a new version and puts it in force, in one transaction.
pub fn publish(
    conn: &mut Connection,
    entries: &[LenientEntry],
    meta: &VersionMeta,
) -> Result<u32, CatalogError> {
    let tx = conn.transaction()?;
    let v = publish_in(&tx, entries, meta)?;
    tx.commit()?;
    Ok(v)
}

fn publish_in(
    tx: &Connection,
    entries: &[LenientEntry],
    meta: &VersionMeta,
) -> Result<u32, CatalogError> {
    let json = serde_json::to_string(entries)?;
    tx.execute(
        "INSERT INTO catalog_versions (created_at, actor, source_file, source_sha256,
           source_number, replaces, imported, entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            meta.created_at,
            meta.actor,
            meta.source_file,
            meta.source_sha256,
            meta.source_number,
            meta.replaces,
            meta.imported as i64,
            json
        ],
    )?;
    let v = u32::try_from(tx.last_insert_rowid()).unwrap_or(u32::MAX);
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('catalog_in_force', ?1)",
        params![v.to_string()],
    )?;
    Ok(v)
}

/// Puts an earlier version (or 0, the seed) back in force.
pub fn rollback(conn: &mut Connection, version: u32) -> Result<(), CatalogError> {
    if version != 0 && load_entries(conn, version)?.is_none() {
        return Err(CatalogError::NoSuchVersion(version));
    }
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('catalog_in_force', ?1)",
        params![version.to_string()],
    )?;
    Ok(())
}

/// Every stored version, oldest first.
pub fn versions(conn: &Connection) -> Result<Vec<VersionInfo>, CatalogError> {
    let now = in_force(conn)?;
    let mut st = conn.prepare(
        "SELECT version, created_at, actor, source_file, source_sha256, source_number, replaces,
                imported, json_array_length(entries) FROM catalog_versions ORDER BY version",
    )?;
    let rows = st.query_map([], |r| {
        let version: u32 = r.get(0)?;
        Ok(VersionInfo {
            version,
            meta: VersionMeta {
                created_at: r.get(1)?,
                actor: r.get(2)?,
                source_file: r.get(3)?,
                source_sha256: r.get(4)?,
                source_number: r.get(5)?,
                replaces: r.get(6)?,
                imported: r.get::<_, i64>(7)?.max(0) as usize,
            },
            entries: r.get::<_, i64>(8)?.max(0) as usize,
            in_force: version == now,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What an import would publish (dry run) or published.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    /// The entries the file brought.
    pub imported: Vec<LenientEntry>,
    /// The whole catalog after the import.
    pub catalog: Vec<LenientEntry>,
    /// The new version; `None` for a dry run.
    pub version: Option<u32>,
}

/// Why an import published nothing.
#[derive(Debug)]
pub enum ImportError {
    /// Problems with the file or the options (row, column, reason).
    Rejected(Vec<crate::import::Problem>),
    Store(crate::store::StoreError),
}

impl From<CatalogError> for ImportError {
    fn from(e: CatalogError) -> Self {
        ImportError::Store(crate::store::StoreError::from(e))
    }
}

impl From<crate::store::StoreError> for ImportError {
    fn from(e: crate::store::StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// Reads a list file and checks every row: the entries it brings, or every problem.
pub fn parse_import(
    domains: &[enforcement_kiosk::contract::DomainInfo],
    file_name: &str,
    bytes: &[u8],
    opts: &crate::import::lists::ImportOptions,
) -> Result<Vec<LenientEntry>, ImportError> {
    let limits = crate::import::Limits::default();
    let table = crate::import::table::read_table(file_name, bytes, &limits)
        .map_err(|p| ImportError::Rejected(vec![p]))?;
    crate::import::lists::parse_list(&table, opts, domains).map_err(ImportError::Rejected)
}

/// `meta` with the file's name, hash, counts and the 文号 it brings and replaces.
pub fn import_meta(
    mut meta: VersionMeta,
    file_name: &str,
    bytes: &[u8],
    opts: &crate::import::lists::ImportOptions,
    imported: &[LenientEntry],
) -> VersionMeta {
    use sha2::{Digest, Sha256};
    meta.source_file = file_name.to_string();
    meta.source_sha256 = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    meta.source_number = opts
        .source_number
        .clone()
        .or_else(|| imported.first().map(|e| e.source.number.clone()))
        .unwrap_or_default();
    meta.replaces = opts.replaces.clone().unwrap_or_default();
    meta.imported = imported.len();
    meta
}

/// Reads a list file, checks every row, and (unless `dry_run`) publishes the merged catalog
/// as a new version, all or nothing. `meta`'s hash, counts and replaced 文号 are filled here.
#[allow(clippy::too_many_arguments)]
pub fn import_list(
    conn: &mut Connection,
    domains: &[enforcement_kiosk::contract::DomainInfo],
    seed: &[LenientEntry],
    file_name: &str,
    bytes: &[u8],
    opts: &crate::import::lists::ImportOptions,
    meta: VersionMeta,
    dry_run: bool,
) -> Result<ImportOutcome, ImportError> {
    let imported = parse_import(domains, file_name, bytes, opts)?;
    // One write transaction from reading the catalog in force to publishing the merge.
    let tx = conn.transaction().map_err(CatalogError::from)?;
    let (_, current) = current_entries(&tx, seed)?;
    let catalog = merge(&current, &imported, opts.replaces.as_deref());
    if dry_run {
        return Ok(ImportOutcome {
            imported,
            catalog,
            version: None,
        });
    }
    let meta = import_meta(meta, file_name, bytes, opts, &imported);
    let version = publish_in(&tx, &catalog, &meta)?;
    tx.commit().map_err(CatalogError::from)?;
    Ok(ImportOutcome {
        imported,
        catalog,
        version: Some(version),
    })
}
