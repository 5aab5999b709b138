//! `lists export`: the catalog as a workbook in the shape `lists import` reads (one header
//! row of the canonical column names, frozen; drop-downs for 领域 and 清单类型), so an
//! export imports back to the same catalog.

use enforcement_kiosk::contract::{DomainInfo, LenientEntry, ListKind};
use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};

use super::lists::{canonical_name, Field};

/// The columns in export order.
pub const COLUMNS: &[Field] = &[
    Field::Seq,
    Field::Id,
    Field::Domain,
    Field::Kind,
    Field::Title,
    Field::BreachBasis,
    Field::PenaltyBasis,
    Field::PenaltyRange,
    Field::Conditions,
    Field::Measures,
    Field::Authority,
    Field::Region,
    Field::RegionCodes,
    Field::SourceName,
    Field::SourceNumber,
    Field::SourceDate,
    Field::ValidFrom,
    Field::ValidTo,
    Field::LookbackMonths,
    Field::CorrectionDays,
    Field::QuestionZh,
    Field::QuestionEn,
    Field::Version,
    Field::Synthetic,
    Field::NoFaultEffect,
    Field::NoFaultBasis,
    Field::NoFaultBasisEn,
];

/// The Chinese name of a list kind, as the drop-down offers it (import reads it back).
pub fn kind_name_zh(k: ListKind) -> &'static str {
    match k {
        ListKind::Minor => "轻微违法不予处罚",
        ListKind::FirstViolation => "首违不罚",
        ListKind::NoFault => "无主观过错不予处罚",
        ListKind::Lighter => "从轻处罚",
        ListKind::Mitigated => "减轻处罚",
        ListKind::NoCoercion => "不予实施行政强制措施",
        ListKind::Unknown => "",
    }
}

fn cell(e: &LenientEntry, i: usize, f: Field, domains: &[DomainInfo]) -> String {
    let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    match f {
        Field::Seq => (i + 1).to_string(),
        Field::Id => e.id.clone(),
        Field::Domain => domains
            .iter()
            .find(|d| d.code == e.domain)
            .map_or_else(|| e.domain.clone(), |d| d.name_zh.clone()),
        Field::Kind => kind_name_zh(e.kind).to_string(),
        Field::Title => e.title.clone(),
        Field::BreachBasis => e.breach_basis.clone(),
        Field::PenaltyBasis => e.penalty_basis.clone(),
        Field::PenaltyRange => e.penalty_range.clone(),
        Field::Conditions => e
            .conditions
            .iter()
            .enumerate()
            .map(|(n, c)| format!("{}.{c}", n + 1))
            .collect::<Vec<_>>()
            .join("\n"),
        Field::Measures => e.measures.join("；"),
        Field::Authority => e.authority.clone(),
        Field::Region => e.region.clone(),
        Field::RegionCodes => e.region_codes.join(","),
        Field::SourceName => e.source.name.clone(),
        Field::SourceNumber => e.source.number.clone(),
        Field::SourceDate => e.source.date.clone(),
        Field::ValidFrom => e.valid_from.clone(),
        Field::ValidTo => e.valid_to.clone().unwrap_or_default(),
        Field::LookbackMonths => opt(e.thresholds.lookback_months),
        Field::CorrectionDays => opt(e.thresholds.correction_days),
        Field::QuestionZh => e.thresholds.question_zh.clone().unwrap_or_default(),
        Field::QuestionEn => e.thresholds.question_en.clone().unwrap_or_default(),
        Field::Version => e.version.to_string(),
        Field::Synthetic => if e.synthetic { "是" } else { "否" }.to_string(),
        Field::NoFaultEffect => e
            .no_fault_rule
            .as_ref()
            .and_then(|r| serde_json::to_value(r.effect).ok())
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        Field::NoFaultBasis => e
            .no_fault_rule
            .as_ref()
            .map(|r| r.basis.clone())
            .unwrap_or_default(),
        Field::NoFaultBasisEn => e
            .no_fault_rule
            .as_ref()
            .map(|r| r.basis_en.clone())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The workbook bytes for `entries`. Every cell is written as text (dates and codes stay
/// exactly as in the catalog).
pub fn export_workbook(
    entries: &[LenientEntry],
    domains: &[DomainInfo],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("清单")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, f) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, canonical_name(*f), &bold)?;
        let width = match f {
            Field::Title | Field::Conditions | Field::BreachBasis | Field::PenaltyBasis => 40,
            Field::Seq | Field::Version | Field::Synthetic => 6,
            _ => 14,
        };
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, e) in entries.iter().enumerate() {
        let r = (i + 1) as u32;
        for (c, f) in COLUMNS.iter().enumerate() {
            let v = cell(e, i, *f, domains);
            if !v.is_empty() {
                ws.write_string_with_format(r, c as u16, &v, &wrap)?;
            }
        }
    }
    // Drop-downs down to row 5 000 (or the data's end), for staff adding rows.
    let last = (entries.len() as u32 + 1).max(5_000);
    let kinds: Vec<&str> = ListKind::ALL.iter().map(|k| kind_name_zh(*k)).collect();
    let names: Vec<&str> = domains.iter().map(|d| d.name_zh.as_str()).collect();
    for (field, list) in [(Field::Kind, kinds), (Field::Domain, names)] {
        let Some(c) = COLUMNS.iter().position(|f| *f == field) else {
            continue;
        };
        let dv = DataValidation::new()
            .allow_list_strings(&list)?
            .set_error_title("不在列表中")?
            .set_error_message("请从下拉列表中选择。Pick a value from the list.")?;
        ws.add_data_validation(1, c as u16, last, c as u16, &dv)?;
    }
    wb.save_to_buffer()
}
