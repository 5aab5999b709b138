//! Importing the hall's own data from the spreadsheets departments publish.
//!
//! [`table`] reads a file into rows of text, [`text`] cleans cells and splits numbered
//! conditions, [`lists`] finds the header row by the column synonyms and maps rows to list
//! entries, [`export`] writes the catalog back as a workbook of the same shape. Everything
//! here is pure (bytes in, entries or problems out) and tested natively; publishing is
//! [`crate::catalog`].

pub mod export;
pub mod hall;
pub mod lists;
pub mod table;
pub mod text;

use std::fmt;

/// One problem with an import: where (1-based row of the file, the column's header) and
/// why, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based row of the file; `None` for the file as a whole.
    pub row: Option<usize>,
    /// The column header as written in the file (or a flag such as `--source-date`).
    pub column: Option<String>,
    pub zh: String,
    pub en: String,
}

impl Problem {
    pub fn file(zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            row: None,
            column: None,
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn at(
        row: Option<usize>,
        column: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Problem {
        Problem {
            row,
            column: Some(column.into()),
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// `第 5 行，列“违法行为”：违法行为为空 | row 5, column "违法行为": the offence is empty`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (mut zh, mut en) = (String::new(), String::new());
        if let Some(r) = self.row {
            zh.push_str(&format!("第 {r} 行"));
            en.push_str(&format!("row {r}"));
        }
        if let Some(c) = &self.column {
            if !zh.is_empty() {
                zh.push('，');
                en.push_str(", ");
            }
            zh.push_str(&format!("列“{c}”"));
            en.push_str(&format!("column \"{c}\""));
        }
        if zh.is_empty() {
            zh.push_str("文件");
            en.push_str("file");
        }
        write!(f, "{zh}：{} | {en}: {}", self.zh, self.en)
    }
}

/// What an import accepts; beyond it a file is refused with the limit stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_rows: usize,
    pub max_cols: usize,
    /// Total text of all cells after merged regions are copied (bounds memory for a small
    /// file whose cells all point at one long shared string).
    pub max_text_bytes: usize,
    /// What an `.xlsx` may unpack to (its zip directory's declared sizes).
    pub max_unzipped_bytes: usize,
}

impl Default for Limits {
    /// 16 MB, 50 000 rows, 64 columns, 64 MB of cell text, 256 MB unpacked.
    fn default() -> Limits {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_rows: 50_000,
            max_cols: 64,
            max_text_bytes: 64 * 1024 * 1024,
            max_unzipped_bytes: 256 * 1024 * 1024,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_row_and_column_in_both_languages() {
        let p = Problem::at(Some(5), "违法行为", "违法行为为空", "the offence is empty");
        assert_eq!(
            p.to_string(),
            "第 5 行，列“违法行为”：违法行为为空 | row 5, column \"违法行为\": the offence is empty"
        );
        assert_eq!(
            Problem::file("文件为空", "the file is empty").to_string(),
            "文件：文件为空 | file: the file is empty"
        );
    }
}
