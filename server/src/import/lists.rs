//! A published list (清单) as rows → [`LenientEntry`]s: the header row found by the column
//! synonyms below, section rows skipped, values the file does not carry taken from the
//! options (the command's flags), every problem collected with its row and column.
//!
//! The synonym table is the documented contract with hall staff (docs/导入清单.md lists it).

use std::collections::{BTreeMap, HashMap};

use enforcement_kiosk::contract::{
    DomainInfo, LenientEntry, ListKind, NoFaultEffect, NoFaultRule, SourceDoc, Thresholds,
};
use enforcement_kiosk::domain::region;
use sha2::{Digest, Sha256};

use super::table::Table;
use super::text::{clean_cell, parse_date, split_conditions, split_list, split_measures};
use super::Problem;

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Seq,
    Id,
    ItemCode,
    Category,
    Domain,
    Kind,
    Title,
    BreachBasis,
    PenaltyBasis,
    LegalBasis,
    Conditions,
    PenaltyRange,
    Measures,
    Authority,
    Note,
    Region,
    RegionCodes,
    SourceName,
    SourceNumber,
    SourceDate,
    ValidFrom,
    ValidTo,
    LookbackMonths,
    CorrectionDays,
    QuestionZh,
    QuestionEn,
    Version,
    Synthetic,
    NoFaultEffect,
    NoFaultBasis,
    NoFaultBasisEn,
}

/// Column synonyms: a header cell (spaces removed, full-width brackets made ASCII) that equals
/// one of these names is that column. The first name of each row is what `lists export`
/// writes.
pub const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Seq, &["序号", "no"]),
    (Field::Id, &["条目编号", "id"]),
    (Field::ItemCode, &["事项代码", "事项编码", "权力编码"]),
    (Field::Domain, &["领域", "执法领域", "所属领域", "domain"]),
    (
        Field::Kind,
        &["清单类型", "清单类别", "适用类型", "免罚类型", "kind"],
    ),
    (
        Field::Category,
        &["类别", "分类", "事项类别", "违法行为类别"],
    ),
    (
        Field::Title,
        &[
            "违法行为",
            "违法情形",
            "事项名称",
            "行政处罚事项",
            "违法行为(列举)",
            "违法事项",
            "违法行为名称",
            "处罚事项",
            "title",
        ],
    ),
    (Field::BreachBasis, &["违法依据", "违法条款", "违反条款"]),
    (Field::PenaltyBasis, &["处罚依据", "处罚条款"]),
    (
        Field::LegalBasis,
        &["法律依据", "法定依据", "法律法规依据", "依据"],
    ),
    (
        Field::Conditions,
        &[
            "适用条件",
            "不予处罚适用条件",
            "不予处罚条件",
            "免予处罚条件",
            "免罚条件",
            "执行标准",
            "适用情形",
            "conditions",
        ],
    ),
    (
        Field::PenaltyRange,
        &["处罚幅度", "自由裁量处罚幅度", "裁量幅度", "处罚标准"],
    ),
    (
        Field::Measures,
        &["处理方式", "处理措施", "监管措施", "配套措施"],
    ),
    (
        Field::Authority,
        &["实施机关", "实施主体", "执法主体", "执法机关", "处罚机关"],
    ),
    (Field::Note, &["备注"]),
    (Field::Region, &["适用地区", "适用区域", "适用范围"]),
    (
        Field::RegionCodes,
        &["地区代码", "区划代码", "行政区划代码"],
    ),
    (Field::SourceName, &["文件名称", "来源文件", "发布文件"]),
    (Field::SourceNumber, &["文号", "发文字号"]),
    (Field::SourceDate, &["发布日期", "印发日期", "发文日期"]),
    (Field::ValidFrom, &["施行日期", "生效日期", "实施日期"]),
    (Field::ValidTo, &["有效期至", "失效日期", "截止日期"]),
    (Field::LookbackMonths, &["首违追溯月数"]),
    (Field::CorrectionDays, &["整改期限天数"]),
    (Field::QuestionZh, &["限额问题"]),
    (Field::QuestionEn, &["限额问题(英文)"]),
    (Field::Version, &["版本"]),
    (Field::Synthetic, &["演示数据"]),
    (Field::NoFaultEffect, &["无过错规则"]),
    (Field::NoFaultBasis, &["无过错依据"]),
    (Field::NoFaultBasisEn, &["无过错依据(英文)"]),
];

/// The name `lists export` writes for `field`.
pub fn canonical_name(field: Field) -> &'static str {
    SYNONYMS
        .iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, names)| names.first())
        .copied()
        .unwrap_or("")
}

fn normalize_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header cell names, if any.
pub fn field_for_header(cell: &str) -> Option<Field> {
    let n = normalize_header(cell);
    if n.is_empty() {
        return None;
    }
    let find = |n: &str| {
        SYNONYMS
            .iter()
            .find(|(_, names)| names.iter().any(|s| normalize_header(s) == n))
            .map(|(f, _)| *f)
    };
    find(&n).or_else(|| {
        // "违法行为（列举）", "处罚依据(2021版)": the name before a bracket.
        n.split_once('(').and_then(|(head, _)| find(head))
    })
}

/// How many rows from the top the header may be (after titles, 单位 lines, section rows).
pub const HEADER_SEARCH_ROWS: usize = 20;

/// The header: its 0-based row and, per field, the column and the header text.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: usize,
    pub columns: BTreeMap<Field, (usize, String)>,
}

/// The first row within [`HEADER_SEARCH_ROWS`] that names a 违法行为 column and at least one
/// other known column.
pub fn find_header(table: &Table) -> Result<Header, Problem> {
    for (r, row) in table.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut columns = BTreeMap::new();
        for (c, cell) in row.iter().enumerate() {
            if let Some(f) = field_for_header(cell) {
                columns.entry(f).or_insert((c, clean_cell(cell)));
            }
        }
        if columns.contains_key(&Field::Title) && columns.len() >= 2 {
            let has_basis = [Field::BreachBasis, Field::PenaltyBasis, Field::LegalBasis]
                .iter()
                .any(|f| columns.contains_key(f));
            if !has_basis {
                return Err(Problem::at(
                    Some(r + 1),
                    "违法依据/处罚依据/法律依据",
                    "缺少必需的列：违法依据、处罚依据或法律依据（至少一列）",
                    "a required column is missing: 违法依据, 处罚依据 or 法律依据 (at least one)",
                ));
            }
            return Ok(Header { row: r, columns });
        }
    }
    Err(Problem::at(
        None,
        "违法行为",
        format!(
            "前 {HEADER_SEARCH_ROWS} 行中找不到表头：缺少必需的列“违法行为”（或“违法情形”“事项名称”“行政处罚事项”等同义列名）"
        ),
        format!(
            "no header row in the first {HEADER_SEARCH_ROWS} rows: the required column 违法行为 (or a synonym such as 违法情形, 事项名称, 行政处罚事项) is missing"
        ),
    ))
}

/// Values for what the file does not carry: the flags of `lists import`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    pub kind: Option<String>,
    pub domain: Option<String>,
    /// GB/T 2260 code (or several, comma separated).
    pub region: Option<String>,
    pub source_name: Option<String>,
    pub source_number: Option<String>,
    pub source_date: Option<String>,
    pub valid_to: Option<String>,
    /// 文号 of the list this one replaces: its entries are retired on publish.
    pub replaces: Option<String>,
}

/// A list kind as written: the wire name or the Chinese name of the list type.
pub fn parse_kind(s: &str) -> Option<ListKind> {
    let s = clean_cell(s);
    let k = ListKind::parse(&s);
    if k != ListKind::Unknown {
        return Some(k);
    }
    let table: &[(&[&str], ListKind)] = &[
        (
            &["首违不罚", "首次违法", "首违免罚", "初次违法"],
            ListKind::FirstViolation,
        ),
        (&["无主观过错"], ListKind::NoFault),
        (&["从轻处罚", "从轻"], ListKind::Lighter),
        (&["减轻处罚", "减轻"], ListKind::Mitigated),
        (
            &["不予实施行政强制措施", "不予强制", "免予强制"],
            ListKind::NoCoercion,
        ),
        (
            &[
                "轻微违法不予处罚",
                "不予处罚",
                "轻微不罚",
                "免罚",
                "免予处罚",
            ],
            ListKind::Minor,
        ),
    ];
    table
        .iter()
        .find(|(names, _)| names.iter().any(|n| s.contains(n)))
        .map(|(_, k)| *k)
}

fn kind_names() -> String {
    ListKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A domain as written: its code or its Chinese name (also with 领域 appended).
pub fn parse_domain(s: &str, domains: &[DomainInfo]) -> Option<String> {
    let s = clean_cell(s);
    let bare = s.trim_end_matches("领域").trim_end_matches('类');
    domains
        .iter()
        .find(|d| d.code == s || d.name_zh == s || d.name_zh == bare)
        .map(|d| d.code.clone())
}

fn region_codes(s: &str) -> Option<Vec<String>> {
    let codes: Vec<String> = split_list(s);
    (!codes.is_empty() && codes.iter().all(|c| region::is_code(c))).then_some(codes)
}

/// A stable id for an imported row without an id column: domain + a hash of 文号 and title.
pub fn generated_id(domain: &str, number: &str, title: &str) -> String {
    let mut h = Sha256::new();
    h.update(number.as_bytes());
    h.update([0]);
    h.update(title.as_bytes());
    let hex: String = h
        .finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{domain}-{hex}")
}

/// A row is a section row ("一、符合下列情形的…") when every non-empty cell holds the same
/// text that is not a number, and it spans three or more cells (merged across the row),
/// starts like a section ("一、"), or sits alone in the first column with no 违法行为. A row
/// whose only text is in another column is a data row (reported as missing its 违法行为).
fn is_section_row(row: &[String], title_col: usize) -> bool {
    let filled: Vec<(usize, &str)> = row
        .iter()
        .map(|c| c.trim())
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let Some(&(first_col, first)) = filled.first() else {
        return true;
    };
    if !filled.iter().all(|(_, c)| *c == first) || first.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let numbered = first.split_once('、').is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
    });
    let alone_in_first = filled.len() == 1 && first_col == 0 && title_col != 0;
    filled.len() >= 3 || numbered || alone_in_first
}

/// The rows under the header as entries, or every problem found.
pub fn parse_list(
    table: &Table,
    opts: &ImportOptions,
    domains: &[DomainInfo],
) -> Result<Vec<LenientEntry>, Vec<Problem>> {
    let mut problems = Vec::new();
    let header = find_header(table).map_err(|p| vec![p])?;
    let col = |f: Field| header.columns.get(&f).map(|(c, _)| *c);
    let name = |f: Field| {
        header
            .columns
            .get(&f)
            .map_or_else(|| canonical_name(f).to_string(), |(_, n)| n.clone())
    };

    // The flags, checked once.
    let flag_kind = match opts.kind.as_deref() {
        Some(k) => match parse_kind(k) {
            Some(k) => Some(k),
            None => {
                problems.push(Problem::at(
                    None,
                    "--kind",
                    format!("未知的清单类型“{k}”，可用：{}", kind_names()),
                    format!("unknown list kind {k:?}; one of: {}", kind_names()),
                ));
                None
            }
        },
        None => None,
    };
    let flag_domain = match opts.domain.as_deref() {
        Some(d) => match parse_domain(d, domains) {
            Some(d) => Some(d),
            None => {
                problems.push(unknown_domain(None, "--domain", d, domains));
                None
            }
        },
        None => None,
    };
    let flag_region = match opts.region.as_deref() {
        Some(r) => match region_codes(r) {
            Some(c) => Some(c),
            None => {
                problems.push(Problem::at(
                    None,
                    "--region",
                    format!("地区代码“{r}”不是6位 GB/T 2260 代码（如 000000、320000、320508）"),
                    format!("region {r:?} is not a six-digit GB/T 2260 code (e.g. 000000, 320000, 320508)"),
                ));
                None
            }
        },
        None => None,
    };
    let flag_date = |flag: &str, v: &Option<String>, problems: &mut Vec<Problem>| {
        v.as_deref().and_then(|s| match parse_date(s) {
            Some(d) => Some(d.to_string()),
            None => {
                problems.push(bad_date(None, flag, s));
                None
            }
        })
    };
    let source_date = flag_date("--source-date", &opts.source_date, &mut problems);
    let valid_to = flag_date("--valid-to", &opts.valid_to, &mut problems);
    if col(Field::Kind).is_none() && opts.kind.is_none() {
        problems.push(Problem::at(
            None,
            "清单类型",
            "文件没有“清单类型”列，请用 --kind 指定",
            "the file has no 清单类型 column: give --kind",
        ));
    }

    let title_col = col(Field::Title).unwrap_or(0);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut entries = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(header.row + 1) {
        let line = r + 1;
        if is_section_row(row, title_col) {
            continue;
        }
        let get = |f: Field| col(f).map(|c| table.cell(r, c)).unwrap_or("");
        let text = |f: Field| clean_cell(get(f));
        let title = text(Field::Title);
        if title.is_empty() {
            problems.push(Problem::at(
                Some(line),
                name(Field::Title),
                "违法行为为空",
                "the offence (违法行为) is empty",
            ));
            continue;
        }
        if let Some(first) = seen.get(&title) {
            problems.push(Problem::at(
                Some(line),
                name(Field::Title),
                format!("违法行为“{title}”与第 {first} 行重复"),
                format!("the offence {title:?} repeats row {first}"),
            ));
            continue;
        }
        seen.insert(title.clone(), line);
        let breach = text(Field::BreachBasis);
        let mut penalty = text(Field::PenaltyBasis);
        let legal = text(Field::LegalBasis);
        if penalty.is_empty() {
            penalty = legal;
        } else if !legal.is_empty() {
            penalty = format!("{penalty}；{legal}");
        }
        if breach.is_empty() && penalty.is_empty() {
            problems.push(Problem::at(
                Some(line),
                if col(Field::BreachBasis).is_some() || col(Field::PenaltyBasis).is_some() {
                    format!("{}/{}", name(Field::BreachBasis), name(Field::PenaltyBasis))
                } else {
                    name(Field::LegalBasis)
                },
                "违法依据和处罚依据均为空",
                "neither the duty breached (违法依据) nor the penalty article (处罚依据) is given",
            ));
        }
        let kind = match col(Field::Kind).map(|c| table.cell(r, c).trim()) {
            Some(k) if !k.is_empty() => match parse_kind(k) {
                Some(k) => Some(k),
                None => {
                    problems.push(Problem::at(
                        Some(line),
                        name(Field::Kind),
                        format!("未知的清单类型“{k}”，可用：{}", kind_names()),
                        format!("unknown list kind {k:?}; one of: {}", kind_names()),
                    ));
                    continue;
                }
            },
            _ => flag_kind,
        };
        let domain = match col(Field::Domain).map(|c| table.cell(r, c).trim()) {
            Some(d) if !d.is_empty() => match parse_domain(d, domains) {
                Some(d) => Some(d),
                None => {
                    problems.push(unknown_domain(Some(line), &name(Field::Domain), d, domains));
                    continue;
                }
            },
            // A 类别 cell that names a domain counts; other categories are sub-groups.
            _ => col(Field::Category)
                .and_then(|c| parse_domain(table.cell(r, c), domains))
                .or_else(|| flag_domain.clone()),
        };
        let Some(domain) = domain else {
            problems.push(Problem::at(
                Some(line),
                name(Field::Domain),
                "没有领域：文件没有“领域”列时请用 --domain 指定",
                "no domain: give a 领域 column or --domain",
            ));
            continue;
        };
        let mut date = |f: Field, fallback: Option<String>| -> Option<String> {
            let raw = text(f);
            if raw.is_empty() {
                return fallback;
            }
            match parse_date(&raw) {
                Some(d) => Some(d.to_string()),
                None => {
                    problems.push(bad_date(Some(line), &name(f), &raw));
                    None
                }
            }
        };
        let row_source_date = date(Field::SourceDate, source_date.clone());
        // 施行日期 defaults to the document's date only when the file has no such column.
        let valid_from = date(
            Field::ValidFrom,
            col(Field::ValidFrom).map_or(row_source_date.clone(), |_| None),
        );
        let row_valid_to = date(Field::ValidTo, valid_to.clone());
        let mut number = |f: Field| -> Option<u32> {
            let raw = text(f);
            if raw.is_empty() {
                return None;
            }
            match raw.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push(Problem::at(
                        Some(line),
                        name(f),
                        format!("“{raw}”不是整数"),
                        format!("{raw:?} is not a whole number"),
                    ));
                    None
                }
            }
        };
        let lookback = number(Field::LookbackMonths);
        let correction = number(Field::CorrectionDays);
        let version = number(Field::Version).unwrap_or(1);
        let codes = match text(Field::RegionCodes) {
            raw if raw.is_empty() => None,
            raw => match region_codes(&raw) {
                Some(c) => Some(c),
                None => {
                    problems.push(Problem::at(
                        Some(line),
                        name(Field::RegionCodes),
                        format!("地区代码“{raw}”不是6位 GB/T 2260 代码"),
                        format!("region code {raw:?} is not a six-digit GB/T 2260 code"),
                    ));
                    None
                }
            },
        };
        let region_text = text(Field::Region);
        let region_codes = codes
            .or_else(|| flag_region.clone())
            .or_else(|| {
                let c = region::codes_for_region_text(&region_text);
                (!c.is_empty()).then_some(c)
            })
            .unwrap_or_default();
        let region_text = if region_text.is_empty() {
            region_codes
                .iter()
                .map(|c| region::name_for_code(c).unwrap_or(c.as_str()))
                .collect::<Vec<_>>()
                .join("、")
        } else {
            region_text
        };
        let source = SourceDoc {
            name: non_empty(text(Field::SourceName))
                .or_else(|| opts.source_name.clone())
                .unwrap_or_default(),
            number: non_empty(text(Field::SourceNumber))
                .or_else(|| opts.source_number.clone())
                .unwrap_or_default(),
            date: row_source_date.unwrap_or_default(),
        };
        let id = non_empty(text(Field::Id))
            .unwrap_or_else(|| generated_id(&domain, &source.number, &title));
        let question = |f: Field| non_empty(text(f));
        // An explicit statutory no-fault rule (产品质量法 art. 55 …): its effect's wire name.
        let no_fault_rule = match text(Field::NoFaultEffect) {
            raw if raw.is_empty() => None,
            raw => {
                let effect: Option<NoFaultEffect> =
                    serde_json::from_value(serde_json::Value::String(raw.clone()))
                        .ok()
                        .filter(|e| {
                            serde_json::to_value(e)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                == Some(raw.clone())
                        });
                match effect {
                    Some(effect) => Some(NoFaultRule {
                        effect,
                        basis: text(Field::NoFaultBasis),
                        basis_en: text(Field::NoFaultBasisEn),
                    }),
                    None => {
                        problems.push(Problem::at(
                            Some(line),
                            name(Field::NoFaultEffect),
                            format!("未知的无过错规则“{raw}”"),
                            format!("unknown no-fault rule {raw:?}"),
                        ));
                        None
                    }
                }
            }
        };
        let Some(kind) = kind else {
            continue;
        };
        entries.push(LenientEntry {
            id,
            domain,
            kind,
            title,
            breach_basis: breach,
            penalty_basis: penalty,
            penalty_range: text(Field::PenaltyRange),
            conditions: split_conditions(get(Field::Conditions)),
            thresholds: Thresholds {
                lookback_months: lookback,
                correction_days: correction,
                question_zh: question(Field::QuestionZh),
                question_en: question(Field::QuestionEn),
            },
            no_fault_rule,
            requirements: None,
            measures: split_measures(get(Field::Measures)),
            authority: text(Field::Authority),
            region: region_text,
            region_codes,
            source,
            valid_from: valid_from.unwrap_or_default(),
            valid_to: row_valid_to,
            version,
            synthetic: matches!(text(Field::Synthetic).as_str(), "是" | "true" | "1"),
        });
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(j) = ids.insert(&e.id, i) {
            problems.push(Problem::at(
                None,
                name(Field::Id),
                format!(
                    "条目编号“{}”重复（“{}”与“{}”）",
                    e.id, entries[j].title, e.title
                ),
                format!(
                    "the id {:?} repeats ({:?} and {:?})",
                    e.id, entries[j].title, e.title
                ),
            ));
        }
    }
    if problems.is_empty() && entries.is_empty() {
        problems.push(Problem::at(
            Some(header.row + 1),
            name(Field::Title),
            "表头下没有任何条目",
            "there are no entries under the header",
        ));
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn bad_date(row: Option<usize>, column: &str, raw: &str) -> Problem {
    Problem::at(
        row,
        column,
        format!("“{raw}”不是日期（应为 2024-03-01、2024/3/1 或 2024年3月1日）"),
        format!("{raw:?} is not a date (write 2024-03-01, 2024/3/1 or 2024年3月1日)"),
    )
}

fn unknown_domain(row: Option<usize>, column: &str, raw: &str, domains: &[DomainInfo]) -> Problem {
    let known: Vec<String> = domains
        .iter()
        .map(|d| format!("{}（{}）", d.name_zh, d.code))
        .collect();
    Problem::at(
        row,
        column,
        format!("未知的领域“{raw}”，可用：{}", known.join("、")),
        format!("unknown domain {raw:?}; one of: {}", known.join(", ")),
    )
}

/// What `--dry-run` prints: entries per (domain, kind), and the first entries.
pub fn summary(entries: &[LenientEntry], first: usize) -> String {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for e in entries {
        *counts.entry((&e.domain, e.kind.as_str())).or_default() += 1;
    }
    let mut out = format!("{} entries / 条\n", entries.len());
    for ((d, k), n) in counts {
        out.push_str(&format!("  {d:<14} {k:<16} {n}\n"));
    }
    out.push_str("first entries / 前几条:\n");
    for e in entries.iter().take(first) {
        out.push_str(&format!(
            "  {}  [{} {}] {} ({} condition(s), region {})\n",
            e.id,
            e.domain,
            e.kind.as_str(),
            e.title,
            e.conditions.len(),
            e.region_codes.join(",")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::parse_csv;
    use crate::import::Limits;

    fn domains() -> Vec<DomainInfo> {
        crate::seed::SeedData::embedded().unwrap().domains
    }

    fn table(s: &str) -> Table {
        parse_csv(s, &Limits::default()).unwrap()
    }

    #[test]
    fn the_published_header_shapes_are_recognised() {
        for (header, title_col) in [
            ("序号,违法行为,处罚依据,执行标准", 1),
            ("序号,违法情形,适用条件,法定依据", 1),
            ("序号,类别,事项名称,法律依据,适用条件", 2),
            (
                "序号,行政处罚事项,实施机关,不予处罚适用条件,法律依据,备注",
                1,
            ),
            ("序号,违法行为（列举）,不予处罚条件,法律依据,实施主体", 1),
            ("事项代码, 违法 行为 ,自由裁量处罚幅度,领域,处罚依据", 1),
        ] {
            let h = find_header(&table(&format!("标题\n单位：（公章）\n{header}\n"))).unwrap();
            assert_eq!(h.row, 2, "{header}");
            assert_eq!(h.columns[&Field::Title].0, title_col, "{header}");
        }
        assert_eq!(
            field_for_header("自由裁量处罚幅度"),
            Some(Field::PenaltyRange)
        );
        assert_eq!(field_for_header("事项代码"), Some(Field::ItemCode));
        assert_eq!(field_for_header("领域"), Some(Field::Domain));
        assert_eq!(
            field_for_header("处罚依据（2021版）"),
            Some(Field::PenaltyBasis)
        );
        assert_eq!(field_for_header("备注说明"), None);
    }

    #[test]
    fn kinds_and_domains_are_read_in_words_too() {
        assert_eq!(parse_kind("首违不罚"), Some(ListKind::FirstViolation));
        assert_eq!(parse_kind("轻微违法不予处罚"), Some(ListKind::Minor));
        assert_eq!(parse_kind("无主观过错不予处罚"), Some(ListKind::NoFault));
        assert_eq!(
            parse_kind("不予实施行政强制措施"),
            Some(ListKind::NoCoercion)
        );
        assert_eq!(parse_kind("lighter"), Some(ListKind::Lighter));
        assert_eq!(parse_kind("大概"), None);
        let d = domains();
        assert_eq!(parse_domain("税务", &d).as_deref(), Some("tax"));
        assert_eq!(parse_domain("生态环境领域", &d).as_deref(), Some("ecology"));
        assert_eq!(parse_domain("market", &d).as_deref(), Some("market"));
        assert_eq!(parse_domain("教育", &d), None);
    }

    #[test]
    fn section_rows_are_skipped_and_data_rows_are_not() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(is_section_row(
            &row(&["一、符合下列情形的，不予处罚", "", ""]),
            1
        ));
        assert!(is_section_row(&row(&["二、可以不予处罚"; 4]), 1));
        assert!(is_section_row(&row(&["", "一、首违不罚", ""]), 1));
        assert!(
            !is_section_row(&row(&["3", "", ""]), 1),
            "a bare number is a row without a title"
        );
        assert!(
            !is_section_row(&row(&["", "", "第二条"]), 1),
            "a row that lost its title"
        );
        assert!(!is_section_row(&row(&["1", "甲", "第二条"]), 1));
    }

    #[test]
    fn a_no_fault_rule_round_trips_and_an_unknown_one_is_refused() {
        let opts = ImportOptions {
            kind: Some("no_fault".into()),
            domain: Some("market".into()),
            ..ImportOptions::default()
        };
        let ok = parse_list(
            &table("违法行为,处罚依据,无过错规则,无过错依据\n甲,第一条,may_exempt,食品安全法第一百三十六条\n"),
            &opts,
            &domains(),
        )
        .unwrap();
        let rule = ok[0].no_fault_rule.as_ref().unwrap();
        assert_eq!(rule.effect, NoFaultEffect::MayExempt);
        assert_eq!(rule.basis, "食品安全法第一百三十六条");
        let bad = parse_list(
            &table("违法行为,处罚依据,无过错规则\n甲,第一条,maybe\n"),
            &opts,
            &domains(),
        )
        .unwrap_err();
        assert_eq!(
            (bad[0].row, bad[0].column.as_deref()),
            (Some(2), Some("无过错规则"))
        );
    }
}
