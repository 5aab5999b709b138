//! The hall's own 事项 (services) and 窗口 (windows): the import shared by `kiosk-server
//! services|windows import` and the admin endpoints, and `meta.hall_version`, which every
//! import raises so a running server ([`crate::state::AppState::fresh_hall`]) re-reads them.
//! Every SQL statement about the hall version and the cases an import orphans is here.

use enforcement_kiosk::contract::{OrphanedCase, ServiceItem, Window};
use rusqlite::{Connection, OptionalExtension};

use crate::db::{self, DbError};
use crate::import::{self, Problem};

/// What a hall import replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HallKind {
    Services,
    Windows,
}

impl HallKind {
    /// `services` | `windows`: the command's word, the table and the `hall_items` kind.
    pub fn as_str(self) -> &'static str {
        match self {
            HallKind::Services => "services",
            HallKind::Windows => "windows",
        }
    }
}

/// The hall data version in force (0 = never imported: the seed's).
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'hall_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// Raises the hall data version by one (inside the import's transaction).
pub fn bump_version(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('hall_version', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
        [],
    )?;
    Ok(())
}

/// Every stored case as (case number, service id, window id).
pub fn case_refs(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String)>> {
    let mut st =
        conn.prepare("SELECT case_no, service_id, window_id FROM cases ORDER BY case_no")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// The cases whose `id` (a window or service id) is not among `ids`; cases naming none are
/// not orphaned.
pub fn orphaned<'a>(
    cases: impl IntoIterator<Item = (&'a str, &'a str)>,
    ids: &[&str],
) -> Vec<OrphanedCase> {
    cases
        .into_iter()
        .filter(|(_, id)| !id.is_empty() && !ids.contains(id))
        .map(|(no, id)| OrphanedCase {
            case_no: no.to_string(),
            missing_id: id.to_string(),
        })
        .collect()
}

/// What a hall import stored (or, for a dry run, would store).
#[derive(Debug, Clone, PartialEq)]
pub struct HallOutcome {
    /// One summary line per row: id, name and department or zone.
    pub lines: Vec<String>,
    /// The hall version after the import; `None` for a dry run.
    pub version: Option<u32>,
    pub orphaned: Vec<OrphanedCase>,
}

/// The hall's services and windows as served, with the hall version they were read at.
#[derive(Debug, Clone, Default)]
pub struct HallView {
    /// `meta.hall_version` when read (0 = the seed's).
    pub version: u32,
    pub services: Vec<ServiceItem>,
    pub windows: Vec<Window>,
}

impl HallView {
    /// Reads them from SQLite.
    pub fn load(conn: &Connection) -> Result<HallView, DbError> {
        Ok(HallView {
            version: version(conn)?,
            services: db::load_records(conn, "services")?,
            windows: db::load_records(conn, "windows")?,
        })
    }
}

/// Why a hall import stored nothing.
#[derive(Debug)]
pub enum HallImportError {
    /// Problems with the file (row, column, reason).
    Rejected(Vec<Problem>),
    Store(crate::store::StoreError),
}

impl From<DbError> for HallImportError {
    fn from(e: DbError) -> Self {
        HallImportError::Store(e.into())
    }
}

impl From<rusqlite::Error> for HallImportError {
    fn from(e: rusqlite::Error) -> Self {
        HallImportError::Store(e.into())
    }
}

impl From<crate::store::StoreError> for HallImportError {
    fn from(e: crate::store::StoreError) -> Self {
        HallImportError::Store(e)
    }
}

/// A checked file: its summary lines, the cases it orphans and the rows to store (id, item).
pub struct Prepared {
    pub lines: Vec<String>,
    pub orphaned: Vec<OrphanedCase>,
    pub rows: Vec<(String, serde_json::Value)>,
}

/// Reads a services or windows file and checks every row against the stored `cases`
/// (case number, service id, window id); stores nothing.
pub fn prepare(
    kind: HallKind,
    file_name: &str,
    bytes: &[u8],
    cases: &[(String, String, String)],
) -> Result<Prepared, HallImportError> {
    let limits = import::Limits::default();
    let table = import::table::read_table(file_name, bytes, &limits)
        .map_err(|p| HallImportError::Rejected(vec![p]))?;
    let to_value = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| HallImportError::Store(crate::store::StoreError::Json(e)))
    };
    match kind {
        HallKind::Services => {
            let items: Vec<ServiceItem> =
                import::hall::parse_services(&table).map_err(HallImportError::Rejected)?;
            let ids: Vec<&str> = items.iter().map(|s| s.id.as_str()).collect();
            let orphaned = orphaned(cases.iter().map(|c| (c.0.as_str(), c.1.as_str())), &ids);
            let lines = items
                .iter()
                .map(|s| format!("{}  {}  {}", s.id, s.name, s.department))
                .collect();
            let rows = items
                .iter()
                .map(|s| Ok((s.id.clone(), to_value(serde_json::to_value(s))?)))
                .collect::<Result<_, HallImportError>>()?;
            Ok(Prepared {
                lines,
                orphaned,
                rows,
            })
        }
        HallKind::Windows => {
            let items: Vec<Window> =
                import::hall::parse_windows(&table).map_err(HallImportError::Rejected)?;
            let ids: Vec<&str> = items.iter().map(|w| w.id.as_str()).collect();
            let orphaned = orphaned(cases.iter().map(|c| (c.0.as_str(), c.2.as_str())), &ids);
            let lines = items
                .iter()
                .map(|w| format!("{}  {}  {}", w.id, w.name, w.zone))
                .collect();
            let rows = items
                .iter()
                .map(|w| Ok((w.id.clone(), to_value(serde_json::to_value(w))?)))
                .collect::<Result<_, HallImportError>>()?;
            Ok(Prepared {
                lines,
                orphaned,
                rows,
            })
        }
    }
}

/// Reads a services or windows file, checks every row and (unless `dry_run`) replaces the
/// hall's, raising the hall version, all or nothing.
pub fn import(
    conn: &mut Connection,
    kind: HallKind,
    file_name: &str,
    bytes: &[u8],
    imported_at: &str,
    dry_run: bool,
) -> Result<HallOutcome, HallImportError> {
    let cases = case_refs(conn)?;
    let p = prepare(kind, file_name, bytes, &cases)?;
    if dry_run {
        return Ok(HallOutcome {
            lines: p.lines,
            version: None,
            orphaned: p.orphaned,
        });
    }
    db::save_hall_items(conn, kind.as_str(), &p.rows, imported_at, file_name)?;
    Ok(HallOutcome {
        lines: p.lines,
        version: Some(version(conn)?),
        orphaned: p.orphaned,
    })
}

/// The bilingual warning about `orphaned` cases (`None` when there are none).
pub fn orphan_warning(kind: HallKind, orphaned: &[OrphanedCase]) -> Option<String> {
    if orphaned.is_empty() {
        return None;
    }
    let (zh, en) = match kind {
        HallKind::Windows => ("窗口", "window"),
        HallKind::Services => ("事项", "service"),
    };
    let list: Vec<String> = orphaned
        .iter()
        .map(|o| format!("  {} → {}", o.case_no, o.missing_id))
        .collect();
    Some(format!(
        "警告：{n} 个办件所属的{zh}已不存在，这些办件的评价将不关联{zh} | warning: {n} case(s) name a {en} that no longer exists; their reviews are stored without a {en}:\n{}",
        list.join("\n"),
        n = orphaned.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orphans_are_the_cases_naming_a_missing_id() {
        let cases = [("c1", "A01"), ("c2", "B02"), ("c3", ""), ("c4", "A01")];
        let got = orphaned(cases, &["A01"]);
        assert_eq!(
            got,
            vec![OrphanedCase {
                case_no: "c2".into(),
                missing_id: "B02".into()
            }]
        );
        let w = orphan_warning(HallKind::Windows, &got).unwrap();
        assert!(
            w.contains("窗口已不存在") && w.contains("no longer exists") && w.contains("c2 → B02")
        );
        assert!(orphan_warning(HallKind::Windows, &[]).is_none());
    }

    #[test]
    fn the_version_counts_imports() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);")
            .unwrap();
        assert_eq!(version(&c).unwrap(), 0);
        bump_version(&c).unwrap();
        bump_version(&c).unwrap();
        assert_eq!(version(&c).unwrap(), 2);
    }
}
