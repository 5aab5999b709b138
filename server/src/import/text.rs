//! Cell text clean-up: stray spaces, numbered condition lists, separated lists, dates.

use enforcement_kiosk::domain::date::Date;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}')
}

/// One line: whitespace runs become one space; a space next to a Chinese character (with a
/// Chinese character or a digit on its other side) is dropped ("建设 项目" → "建设项目",
/// "处 2000 元" → "处2000元"); trimmed.
pub fn clean_line(s: &str) -> String {
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let prev = out.chars().last();
            let next = chars.get(j).copied();
            if let (Some(p), Some(n)) = (prev, next) {
                let joinable = |a: char, b: char| is_cjk(a) && (is_cjk(b) || b.is_ascii_digit());
                if !(joinable(p, n) || joinable(n, p)) {
                    out.push(' ');
                }
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A cell that may hold several lines: each line cleaned, empty lines dropped.
pub fn clean_lines(s: &str) -> Vec<String> {
    s.split(['\n', '\r'])
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A single-value cell: its lines cleaned and joined (without a space between Chinese text).
pub fn clean_cell(s: &str) -> String {
    clean_line(&clean_lines(s).join(" "))
}

fn cn_numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The numbering styles of a condition cell, tried in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// "1." "1．"
    Dot,
    /// "1、"
    Comma,
    /// "（一）" "(一)"
    CnParen,
    /// "（1）" "(1)"
    NumParen,
}

const STYLES: [Style; 4] = [Style::Dot, Style::Comma, Style::CnParen, Style::NumParen];

/// The spellings of marker `n` in `style`.
fn markers(style: Style, n: usize) -> Vec<String> {
    match style {
        Style::Dot => vec![format!("{n}."), format!("{n}．")],
        Style::Comma => vec![format!("{n}、")],
        Style::CnParen => {
            let c = cn_numeral(n);
            vec![format!("（{c}）"), format!("({c})"), format!("{c}、")]
        }
        Style::NumParen => vec![format!("（{n}）"), format!("({n})")],
    }
}

/// Where marker `n` starts at or after byte `from` (not inside a longer number, and for the
/// dot style not a decimal such as "2.5"), and its length.
fn find_marker(s: &str, style: Style, n: usize, from: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for m in markers(style, n) {
        let mut at = from;
        while let Some(off) = s.get(at..).and_then(|t| t.find(&m)) {
            let pos = at + off;
            let before_ok = !s[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit());
            let line_start = pos == 0 || s[..pos].ends_with('\n');
            let after_ok = style != Style::Dot
                || line_start
                || !s[pos + m.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
            if before_ok && after_ok {
                if best.is_none_or(|(b, _)| pos < b) {
                    best = Some((pos, m.len()));
                }
                break;
            }
            at = pos + m.len();
        }
    }
    best
}

/// Splits a 适用条件 cell into its conditions: "1.…2.…", "1、…2、…", "（一）…（二）…" (also
/// "（1）…"), inline or on separate lines, a lead-in ending in "：" dropped; otherwise one
/// condition per line. Markers must run 1, 2, 3 … so "第（一）项" inside a condition or
/// "2.5吨" does not split it. Spaces are cleaned.
pub fn split_conditions(cell: &str) -> Vec<String> {
    let text = clean_lines(cell).join("\n");
    if text.is_empty() {
        return Vec::new();
    }
    for style in STYLES {
        let Some((start, len)) = find_marker(&text, style, 1, 0) else {
            continue;
        };
        let lead = text[..start].trim();
        if !(lead.is_empty() || lead.ends_with('：') || lead.ends_with(':')) {
            continue;
        }
        let mut bounds = vec![(start, len)];
        let mut n = 2;
        while let Some(&(p, l)) = bounds.last() {
            match find_marker(&text, style, n, p + l) {
                Some(next) => bounds.push(next),
                None => break,
            }
            n += 1;
        }
        if bounds.len() < 2 && !text[start + len..].contains('\n') && lead.is_empty() {
            // A lone "1." with nothing after it numbered: one condition, marker stripped.
            return vec![clean_cell(&text[start + len..])];
        }
        let mut out = Vec::new();
        for (i, &(p, l)) in bounds.iter().enumerate() {
            let end = bounds.get(i + 1).map_or(text.len(), |b| b.0);
            let item = clean_cell(text[p + l..end].trim_end_matches(['；', ';', '。', '，']));
            let item = item
                .trim_end_matches(['；', ';', '，', ','])
                .trim()
                .to_string();
            if !item.is_empty() {
                out.push(item);
            }
        }
        return out;
    }
    text.lines().map(str::to_string).collect()
}

/// A list cell (处理方式, 地区代码): split on "；" ";" "，" "," "、" and line breaks.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split(['；', ';', '\n', '\r', '、', '，', ','])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A 处理方式 cell: split on "；" ";" and line breaks (a measure may hold a comma).
pub fn split_measures(cell: &str) -> Vec<String> {
    cell.split(['；', ';', '\n', '\r'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A date as written in a list: `2024-03-01`, `2024/3/1`, `2024.3.1`, `2024年3月1日`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let norm: String = s
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    let parts: Vec<&str> = norm.split('-').map(str::trim).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || d.is_empty() || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    Date::new(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_spaces_are_cleaned() {
        assert_eq!(clean_line("  建设 项目  环评 "), "建设项目环评");
        assert_eq!(clean_line("处 2000 元以下罚款"), "处2000元以下罚款");
        assert_eq!(
            clean_line("Article  31\tof the law"),
            "Article 31 of the law"
        );
        assert_eq!(clean_cell("未按规定\n 办理"), "未按规定办理");
        assert_eq!(clean_line("\u{3000}全角\u{3000}空格"), "全角空格");
    }

    #[test]
    fn the_three_numbering_styles_split() {
        let want = vec!["初次违法", "危害后果轻微", "及时改正"];
        assert_eq!(
            split_conditions("1.初次违法；2.危害后果轻微；3.及时改正。"),
            want
        );
        assert_eq!(
            split_conditions("1、初次违法 2、危害后果轻微 3、及时改正"),
            want
        );
        assert_eq!(
            split_conditions("（一）初次违法；（二）危害后果轻微；（三）及时改正"),
            want
        );
        assert_eq!(
            split_conditions("1.初次违法\n2.危害后果轻微\n3.及时改正"),
            want
        );
        assert_eq!(split_conditions("初次违法\n危害后果轻微\n 及时改正"), want);
        assert_eq!(
            split_conditions("同时符合以下条件：1．初次违法；2．危害后果轻微；3．及时改正"),
            want
        );
        assert_eq!(
            split_conditions("(1)初次违法(2)危害后果轻微(3)及时改正"),
            want
        );
    }

    #[test]
    fn numbers_inside_a_condition_do_not_split_it() {
        assert_eq!(
            split_conditions("1.违反第（一）项规定；2.排放量不超过2.5吨；3.在12.5日内改正"),
            vec!["违反第（一）项规定", "排放量不超过2.5吨", "在12.5日内改正"]
        );
        assert_eq!(
            split_conditions("违反第（一）项规定"),
            vec!["违反第（一）项规定"]
        );
        // At a line start "2.5日内" is condition 2, "5日内…".
        assert_eq!(
            split_conditions("1.在1吨以内\n2.5日内整改完毕\n3.未造成危害后果"),
            vec!["在1吨以内", "5日内整改完毕", "未造成危害后果"]
        );
        assert_eq!(split_conditions("1.唯一条件"), vec!["唯一条件"]);
        assert!(split_conditions("  ").is_empty());
        // Ten and more conditions.
        let many: String = (1..=11).map(|i| format!("{i}.条件{i}；")).collect();
        let got = split_conditions(&many);
        assert_eq!(got.len(), 11);
        assert_eq!(got[10], "条件11");
        assert_eq!(got[0], "条件1");
    }

    #[test]
    fn lists_and_dates() {
        assert_eq!(
            split_list("责令改正；批评教育、 承诺书"),
            vec!["责令改正", "批评教育", "承诺书"]
        );
        assert_eq!(
            parse_date("2024-03-01").map(|d| d.to_string()).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            parse_date("2024/3/1").map(|d| d.to_string()).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            parse_date("2024年3月1日").map(|d| d.to_string()).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            parse_date("2024.12.31").map(|d| d.to_string()).as_deref(),
            Some("2024-12-31")
        );
        assert!(parse_date("2024-02-30").is_none());
        assert!(parse_date("明年").is_none());
        assert!(parse_date("20240301").is_none());
    }
}
