//! The hall's own 事项 (services) and 窗口 (windows) from a spreadsheet: the same reading and
//! error rules as the lists, with their own columns.

use std::collections::HashMap;

use enforcement_kiosk::contract::{ServiceItem, Window};

use super::table::Table;
use super::text::clean_cell;
use super::Problem;

/// (field, accepted header names; the first is the documented one). The first two fields of
/// each table are required.
pub const SERVICE_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["事项编号", "事项编码", "编号", "id"]),
    ("name", &["事项名称", "名称", "name"]),
    (
        "department",
        &["实施部门", "办理部门", "部门", "department"],
    ),
    ("category", &["事项类型", "类型", "category"]),
    (
        "time_limit",
        &["承诺时限", "办理时限", "时限", "time_limit"],
    ),
];

pub const WINDOW_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["窗口编号", "编号", "id"]),
    ("name", &["窗口名称", "名称", "name"]),
    ("zone", &["所在区域", "区域", "分区", "zone"]),
];

const MAX_ID_CHARS: usize = 32;

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Field → (column, header text as written).
type Columns = HashMap<&'static str, (usize, String)>;

/// Header row (0-based) and the column of each field found.
fn find_header(
    table: &Table,
    columns: &[(&'static str, &[&str])],
) -> Result<(usize, Columns), Problem> {
    let required: Vec<&str> = columns.iter().take(2).map(|(_, n)| n[0]).collect();
    for (r, row) in table
        .rows
        .iter()
        .take(super::lists::HEADER_SEARCH_ROWS)
        .enumerate()
    {
        let mut found: Columns = HashMap::new();
        for (c, cell) in row.iter().enumerate() {
            let n = norm(cell);
            for (field, names) in columns {
                if names.iter().any(|x| norm(x) == n) {
                    found.entry(field).or_insert((c, clean_cell(cell)));
                }
            }
        }
        let fields: Vec<&str> = columns.iter().take(2).map(|(f, _)| *f).collect();
        if fields.iter().all(|f| found.contains_key(f)) {
            return Ok((r, found));
        }
    }
    Err(Problem::at(
        None,
        required.join("/"),
        format!(
            "前 {} 行中找不到表头：缺少必需的列“{}”",
            super::lists::HEADER_SEARCH_ROWS,
            required.join("”“")
        ),
        format!(
            "no header row in the first {} rows: the required columns {} are missing",
            super::lists::HEADER_SEARCH_ROWS,
            required.join(", ")
        ),
    ))
}

/// Rows as field → cleaned text, with their 1-based row numbers; every problem collected
/// (empty or over-long id, empty name, duplicate id, no rows).
fn rows(
    table: &Table,
    columns: &[(&'static str, &[&str])],
) -> Result<Vec<HashMap<&'static str, String>>, Vec<Problem>> {
    let (header, cols) = find_header(table, columns).map_err(|p| vec![p])?;
    let col_name = |f: &str| {
        cols.get(f)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| f.to_string())
    };
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(header + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = r + 1;
        let rec: HashMap<&'static str, String> = cols
            .iter()
            .map(|(f, (c, _))| (*f, clean_cell(table.cell(r, *c))))
            .collect();
        let id = rec.get("id").cloned().unwrap_or_default();
        let name = rec.get("name").cloned().unwrap_or_default();
        if id.is_empty() {
            problems.push(Problem::at(
                Some(line),
                col_name("id"),
                "编号为空",
                "the id is empty",
            ));
            continue;
        }
        if id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_whitespace) {
            problems.push(Problem::at(
                Some(line),
                col_name("id"),
                format!("编号“{id}”不能含空格且不超过 {MAX_ID_CHARS} 个字符"),
                format!("the id {id:?} must have no spaces and at most {MAX_ID_CHARS} characters"),
            ));
            continue;
        }
        if name.is_empty() {
            problems.push(Problem::at(
                Some(line),
                col_name("name"),
                "名称为空",
                "the name is empty",
            ));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            problems.push(Problem::at(
                Some(line),
                col_name("id"),
                format!("编号“{id}”与第 {first} 行重复"),
                format!("the id {id:?} repeats row {first}"),
            ));
            continue;
        }
        out.push(rec);
    }
    if problems.is_empty() && out.is_empty() {
        problems.push(Problem::at(
            Some(header + 1),
            col_name("id"),
            "表头下没有任何行",
            "there are no rows under the header",
        ));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn take(rec: &mut HashMap<&'static str, String>, f: &str) -> String {
    rec.remove(f).unwrap_or_default()
}

/// The hall's 事项 (columns: [`SERVICE_COLUMNS`]).
pub fn parse_services(table: &Table) -> Result<Vec<ServiceItem>, Vec<Problem>> {
    Ok(rows(table, SERVICE_COLUMNS)?
        .into_iter()
        .map(|mut r| ServiceItem {
            id: take(&mut r, "id"),
            name: take(&mut r, "name"),
            department: take(&mut r, "department"),
            category: take(&mut r, "category"),
            time_limit: take(&mut r, "time_limit"),
        })
        .collect())
}

/// The hall's 窗口 (columns: [`WINDOW_COLUMNS`]).
pub fn parse_windows(table: &Table) -> Result<Vec<Window>, Vec<Problem>> {
    Ok(rows(table, WINDOW_COLUMNS)?
        .into_iter()
        .map(|mut r| Window {
            id: take(&mut r, "id"),
            name: take(&mut r, "name"),
            zone: take(&mut r, "zone"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::parse_csv;
    use crate::import::Limits;

    fn table(s: &str) -> Table {
        parse_csv(s, &Limits::default()).unwrap()
    }

    #[test]
    fn services_and_windows_parse_after_a_title() {
        let s = parse_services(&table(
            "某某政务服务中心事项清单\n事项编号,事项名称,实施部门,事项类型,承诺时限\nS01,企业设立 登记,市场监管局,行政许可,承诺 1 工作日\n",
        ))
        .unwrap();
        assert_eq!(s[0].id, "S01");
        assert_eq!(s[0].name, "企业设立登记");
        assert_eq!(s[0].time_limit, "承诺1工作日");
        let w = parse_windows(&table(
            "窗口编号,窗口名称,所在区域\nA01,综合受理窗口 A01,A 综合受理区\n",
        ))
        .unwrap();
        assert_eq!(w[0].zone, "A 综合受理区");
    }

    #[test]
    fn bad_rows_name_their_row_and_column() {
        let p = parse_windows(&table(
            "窗口编号,窗口名称\nA01,一号\n,二号\nA03,\nA01,四号\nA 5,五号\n",
        ))
        .unwrap_err();
        let got: Vec<(Option<usize>, &str)> = p
            .iter()
            .map(|p| (p.row, p.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(3), "窗口编号"),
                (Some(4), "窗口名称"),
                (Some(5), "窗口编号"),
                (Some(6), "窗口编号")
            ]
        );
        assert!(p[2].en.contains("repeats row 2"));
        let p = parse_services(&table("名称,部门\n甲,乙\n")).unwrap_err();
        assert_eq!(p[0].column.as_deref(), Some("事项编号/事项名称"));
        let p = parse_services(&table("事项编号,事项名称\n")).unwrap_err();
        assert!(p[0].en.contains("no rows"), "{p:?}");
    }
}
