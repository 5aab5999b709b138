//! Reading a spreadsheet into rows of text: `.xlsx` (calamine, merged regions copied into
//! every cell they cover) and `.csv` (UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GBK /
//! GB 18030), within the limits of [`super::Limits`].

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::{Limits, Problem};

/// A sheet as text: `rows[r][c]`, `r` the 0-based row of the file (reported 1-based).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn cell(&self, r: usize, c: usize) -> &str {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads `bytes` (the file `name`) as a table, or the one problem that stops the import.
pub fn read_table(name: &str, bytes: &[u8], limits: &Limits) -> Result<Table, Problem> {
    if bytes.len() > limits.max_bytes {
        return Err(Problem::file(
            format!(
                "文件过大（{} 字节），上限为 {} 字节（{} MB）",
                bytes.len(),
                limits.max_bytes,
                limits.max_bytes / (1024 * 1024)
            ),
            format!(
                "the file is too large ({} bytes); the limit is {} bytes ({} MB)",
                bytes.len(),
                limits.max_bytes,
                limits.max_bytes / (1024 * 1024)
            ),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::file("文件为空", "the file is empty"));
    }
    let lower = name.to_lowercase();
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(CFB_MAGIC) {
        return read_xlsx(bytes, limits);
    }
    if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".xlsm") {
        return Err(not_a_spreadsheet());
    }
    let text = decode_text(bytes)?;
    let table = parse_csv(&text, limits)?;
    if table
        .rows
        .iter()
        .all(|r| r.iter().all(|c| c.trim().is_empty()))
    {
        return Err(Problem::file("文件为空", "the file is empty"));
    }
    Ok(table)
}

fn not_a_spreadsheet() -> Problem {
    Problem::file(
        "不是电子表格：请提供 .xlsx 工作簿或 .csv 文件（旧版 .xls 请另存为 .xlsx）",
        "not a spreadsheet: give an .xlsx workbook or a .csv file (save a legacy .xls as .xlsx)",
    )
}

/// CSV bytes to text: a BOM decides; else valid UTF-8 is UTF-8; else GB 18030 (a superset of
/// GBK, what Chinese Excel writes). Control bytes (other than tab and line breaks) mean the
/// file is not text.
pub fn decode_text(bytes: &[u8]) -> Result<String, Problem> {
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(not_a_spreadsheet());
        }
        t.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        let (t, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(not_a_spreadsheet());
        }
        t.into_owned()
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(not_a_spreadsheet());
    }
    Ok(text)
}

fn too_many_rows(limits: &Limits) -> Problem {
    Problem::file(
        format!("行数超过上限 {} 行，请分批导入", limits.max_rows),
        format!(
            "more than {} rows; split the list into several files",
            limits.max_rows
        ),
    )
}

fn too_many_cols(limits: &Limits) -> Problem {
    Problem::file(
        format!("列数超过上限 {} 列", limits.max_cols),
        format!("more than {} columns", limits.max_cols),
    )
}

fn too_much_text(limits: &Limits) -> Problem {
    Problem::file(
        format!("单元格文字总量超过上限 {} 字节", limits.max_text_bytes),
        format!(
            "the cells hold more than {} bytes of text",
            limits.max_text_bytes
        ),
    )
}

/// RFC 4180 CSV: `,` separated, `"` quoted with `""` inside, line breaks inside quotes kept.
pub fn parse_csv(text: &str, limits: &Limits) -> Result<Table, Problem> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let push_row = |row: &mut Vec<String>, rows: &mut Vec<Vec<String>>| {
        rows.push(std::mem::take(row));
        rows.len() <= limits.max_rows
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => {
                row.push(std::mem::take(&mut field));
                if row.len() > limits.max_cols {
                    return Err(too_many_cols(limits));
                }
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                if row.len() > limits.max_cols {
                    return Err(too_many_cols(limits));
                }
                if !push_row(&mut row, &mut rows) {
                    return Err(too_many_rows(limits));
                }
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        if !push_row(&mut row, &mut rows) {
            return Err(too_many_rows(limits));
        }
    }
    Ok(Table { rows })
}

fn xlsx_problem(e: XlsxError) -> Problem {
    match e {
        XlsxError::Password => Problem::file(
            "工作簿设有密码保护，请取消密码后另存再导入",
            "the workbook is password-protected; remove the password, save and import again",
        ),
        _ => not_a_spreadsheet(),
    }
}

fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        DataRef::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.chars().take(10).collect(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// The sum of the uncompressed sizes the zip's central directory declares (the zip reader
/// never reads an entry past its declared size), so a small file that would inflate to
/// gigabytes (shared strings are read whole) is refused before it is opened.
fn unzipped_size(bytes: &[u8]) -> Option<u64> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        total = total.checked_add(zip.by_index_raw(i).ok()?.size())?;
    }
    Some(total)
}

/// The first worksheet, streamed cell by cell (memory bounded by the limits), then every
/// merged region's top-left value copied into the region's other cells.
fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Table, Problem> {
    if bytes.starts_with(ZIP_MAGIC) {
        match unzipped_size(bytes) {
            None => return Err(not_a_spreadsheet()),
            Some(n) if n > limits.max_unzipped_bytes as u64 => {
                return Err(Problem::file(
                    format!(
                        "工作簿解压后为 {n} 字节，超过上限 {} 字节",
                        limits.max_unzipped_bytes
                    ),
                    format!(
                        "the workbook unpacks to {n} bytes, more than the limit of {} bytes",
                        limits.max_unzipped_bytes
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_problem)?;
    let Some(sheet) = wb.sheet_names().first().cloned() else {
        return Err(Problem::file(
            "工作簿中没有工作表",
            "the workbook has no worksheet",
        ));
    };
    let merged = wb.merge_cells_by_sheet_name(&sheet).map_err(xlsx_problem)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut text_bytes = 0usize;
    {
        let mut cells = wb.worksheet_cells_reader(&sheet).map_err(xlsx_problem)?;
        while let Some(cell) = cells.next_cell().map_err(xlsx_problem)? {
            let text = cell_text(cell.get_value());
            if text.is_empty() {
                continue;
            }
            let (r, c) = cell.get_position();
            let (r, c) = (r as usize, c as usize);
            if r >= limits.max_rows {
                return Err(too_many_rows(limits));
            }
            if c >= limits.max_cols {
                return Err(too_many_cols(limits));
            }
            text_bytes += text.len();
            if text_bytes > limits.max_text_bytes {
                return Err(too_much_text(limits));
            }
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text;
        }
    }
    for m in merged {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let value = match rows.get(r0).and_then(|r| r.get(c0)) {
            Some(v) if !v.is_empty() => v.clone(),
            _ => continue,
        };
        let r_end = (m.end.0 as usize).min(rows.len().saturating_sub(1));
        let c_end = (m.end.1 as usize).min(limits.max_cols - 1);
        for row in rows.iter_mut().take(r_end + 1).skip(r0) {
            if row.len() <= c_end {
                row.resize(c_end + 1, String::new());
            }
            for cell in &mut row[c0..=c_end] {
                if cell.is_empty() {
                    text_bytes += value.len();
                    if text_bytes > limits.max_text_bytes {
                        return Err(too_much_text(limits));
                    }
                    cell.clone_from(&value);
                }
            }
        }
    }
    if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(Problem::file("文件为空", "the file is empty"));
    }
    Ok(Table { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_line_breaks() {
        let t = parse_csv(
            "a,\"b,1\",\"x\"\"y\"\r\n\"多\n行\",,z\n",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(
            t.rows,
            vec![vec!["a", "b,1", "x\"y"], vec!["多\n行", "", "z"]]
        );
    }

    #[test]
    fn encodings_are_detected() {
        let s = "序号,违法行为\n1,未按期申报\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(s);
        assert_ne!(&gbk[..], s.as_bytes());
        assert_eq!(decode_text(&gbk).unwrap(), s);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), s);
        assert_eq!(decode_text(s.as_bytes()).unwrap(), s);
        assert!(decode_text(&[0x00, 0x01, 0x02, 0xFF]).is_err());
    }

    #[test]
    fn limits_are_enforced() {
        let limits = Limits {
            max_rows: 3,
            max_cols: 2,
            ..Limits::default()
        };
        let e = parse_csv("a\nb\nc\nd\n", &limits).unwrap_err();
        assert!(e.en.contains("more than 3 rows"), "{e}");
        let e = parse_csv("a,b,c\n", &limits).unwrap_err();
        assert!(e.en.contains("more than 2 columns"), "{e}");
        let big = vec![b'a'; 200];
        let e = read_table(
            "x.csv",
            &big,
            &Limits {
                max_bytes: 100,
                ..Limits::default()
            },
        )
        .unwrap_err();
        assert!(e.en.contains("too large"), "{e}");
    }

    #[test]
    fn a_workbook_that_unpacks_past_the_limit_is_refused() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for r in 0..200u32 {
            ws.write_string(r, 0, "违法行为违法行为违法行为违法行为")
                .unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let tight = Limits {
            max_unzipped_bytes: 4 * 1024,
            ..Limits::default()
        };
        let e = read_table("big.xlsx", &bytes, &tight).unwrap_err();
        assert!(e.en.contains("unpacks to") && e.en.contains("4096"), "{e}");
        assert_eq!(
            read_table("ok.xlsx", &bytes, &Limits::default())
                .unwrap()
                .rows
                .len(),
            200
        );
        // A zip that is not a workbook.
        let mut z = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut z));
            w.start_file("a.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"hello").unwrap();
            w.finish().unwrap();
        }
        let e = read_table("a.xlsx", &z, &Limits::default()).unwrap_err();
        assert!(e.en.contains("not a spreadsheet"), "{e}");
    }
}
