//! Seed data embedded in the binary, and the lenient catalog built from it once at start.

use std::io::Write;

use enforcement_kiosk::contract::{
    Catalog, CatalogEntry, DomainInfo, LenientEntry, SearchKeys, ServiceItem, Window,
};
use enforcement_kiosk::domain::cert::CertRecord;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const DOMAINS_JSON: &str = include_str!("../../data/lenient/domains.json");
pub const ENTRIES_JSON: &str = include_str!("../../data/lenient/entries.json");
pub const CERTIFICATES_JSON: &str = include_str!("../../data/certificates.json");
pub const SERVICES_JSON: &str = include_str!("../../data/services.json");
pub const WINDOWS_JSON: &str = include_str!("../../data/windows.json");
pub const CASES_JSON: &str = include_str!("../../data/cases.json");

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {file} is malformed: {source}")]
    Json {
        file: &'static str,
        source: serde_json::Error,
    },
}

/// One row of `data/cases.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SeedCase {
    pub case_no: String,
    #[serde(default)]
    pub service_id: String,
    #[serde(default)]
    pub window_id: String,
    #[serde(default)]
    pub accepted: String,
    #[serde(default)]
    pub status: String,
}

/// Every seed file, parsed.
#[derive(Debug, Clone)]
pub struct SeedData {
    pub domains: Vec<DomainInfo>,
    pub entries: Vec<LenientEntry>,
    /// Issuer-side records (full personal data; masked by `domain::cert` on the way out).
    pub certificates: Vec<CertRecord>,
    pub services: Vec<ServiceItem>,
    pub windows: Vec<Window>,
    pub cases: Vec<SeedCase>,
}

fn parse<T: serde::de::DeserializeOwned>(file: &'static str, text: &str) -> Result<T, SeedError> {
    serde_json::from_str(text).map_err(|source| SeedError::Json { file, source })
}

impl SeedData {
    /// The files compiled into the binary.
    pub fn embedded() -> Result<SeedData, SeedError> {
        Ok(SeedData {
            domains: parse("lenient/domains.json", DOMAINS_JSON)?,
            entries: with_region_codes(parse("lenient/entries.json", ENTRIES_JSON)?),
            certificates: parse("certificates.json", CERTIFICATES_JSON)?,
            services: parse("services.json", SERVICES_JSON)?,
            windows: parse("windows.json", WINDOWS_JSON)?,
            cases: parse("cases.json", CASES_JSON)?,
        })
    }
}

/// Fills each entry's `region_codes` from its `region` text when the file gives none.
pub fn with_region_codes(mut entries: Vec<LenientEntry>) -> Vec<LenientEntry> {
    for e in &mut entries {
        if e.region_codes.is_empty() {
            e.region_codes = enforcement_kiosk::domain::region::codes_for_region_text(&e.region);
        }
    }
    entries
}

/// Search keys for one title: one element per `char`, every toneless reading, lowercase,
/// deduplicated, joined by `,`; `ü` is written `v` (as typed on a keyboard); a non-Han
/// character is itself, lowercased.
pub fn title_pinyin(title: &str) -> Vec<String> {
    use pinyin::ToPinyinMulti;
    title
        .chars()
        .map(|c| match c.to_pinyin_multi() {
            Some(multi) => {
                let mut readings: Vec<String> = Vec::new();
                for p in multi {
                    let r = p.plain().replace('ü', "v").to_lowercase();
                    if !r.is_empty() && !readings.contains(&r) {
                        readings.push(r);
                    }
                }
                if readings.is_empty() {
                    c.to_lowercase().collect()
                } else {
                    readings.join(",")
                }
            }
            None => c.to_lowercase().collect(),
        })
        .collect()
}

/// The catalog and its pre-serialized (and pre-compressed) body, built once.
#[derive(Debug, Clone)]
pub struct CatalogBlob {
    pub catalog: Catalog,
    pub json: axum::body::Bytes,
    pub gzip: axum::body::Bytes,
    pub brotli: axum::body::Bytes,
    /// `"<version>"`, the `ETag` value.
    pub etag: String,
}

/// The entry with its structured requirements filled in: the ones the data carries when they
/// fit its conditions, else derived from the condition texts (`domain::requirements`).
pub fn with_requirements(e: &LenientEntry) -> LenientEntry {
    let mut e = e.clone();
    e.requirements = Some(enforcement_kiosk::domain::requirements::effective(&e));
    e
}

/// Builds the catalog: requirements and keys for every entry, `version` = first 32 hex digits of the SHA-256
/// of the serialized domains and entries.
pub fn build_catalog(domains: &[DomainInfo], entries: &[LenientEntry]) -> CatalogBlob {
    build_catalog_version(domains, entries, 0)
}

/// [`build_catalog`] for published catalog version `published` (0 = the seed): the number
/// goes into the hash too, so every change of version (a rollback to an equal list
/// included) changes the `ETag`.
pub fn build_catalog_version(
    domains: &[DomainInfo],
    entries: &[LenientEntry],
    published: u32,
) -> CatalogBlob {
    let entries: Vec<CatalogEntry> = entries
        .iter()
        .map(|e| CatalogEntry {
            entry: with_requirements(e),
            keys: SearchKeys {
                title_py: title_pinyin(&e.title),
            },
        })
        .collect();
    let mut h = Sha256::new();
    if published != 0 {
        h.update(format!("published {published}\n"));
    }
    h.update(serde_json::to_vec(domains).unwrap_or_default());
    h.update(b"\n");
    h.update(serde_json::to_vec(&entries).unwrap_or_default());
    let version: String = h
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    let catalog = Catalog {
        version: version.clone(),
        domains: domains.to_vec(),
        entries,
    };
    let json = serde_json::to_vec(&catalog).unwrap_or_default();
    let gzip = gzip_bytes(&json);
    let brotli = brotli_bytes(&json);
    CatalogBlob {
        catalog,
        json: json.into(),
        gzip: gzip.into(),
        brotli: brotli.into(),
        etag: format!("\"{version}\""),
    }
}

/// The catalog of the embedded seed, built once per process (it never changes at run time).
pub fn embedded_catalog(seed: &SeedData) -> CatalogBlob {
    static CATALOG: std::sync::OnceLock<CatalogBlob> = std::sync::OnceLock::new();
    CATALOG
        .get_or_init(|| build_catalog(&seed.domains, &seed.entries))
        .clone()
}

pub fn gzip_bytes(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if enc.write_all(data).is_err() {
        return Vec::new();
    }
    enc.finish().unwrap_or_default()
}

pub fn brotli_bytes(data: &[u8]) -> Vec<u8> {
    // Quality 11 is slow without optimisation; debug builds (tests) use a faster level.
    let quality = if cfg!(debug_assertions) { 5 } else { 11 };
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        if w.write_all(data).is_err() {
            return Vec::new();
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The marked demo history (演示数据): a few hundred reviews over six months
// ---------------------------------------------------------------------------------------------

/// The kiosk id the demo history is stored under (no real kiosk has it).
pub const DEMO_HISTORY_KIOSK: &str = "demo-history";
/// How many days before the seed day the demo history covers (six months).
pub const DEMO_HISTORY_DAYS: i64 = 182;

/// One review of the demo history: deterministic, no personal data.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoReview {
    pub day: enforcement_kiosk::domain::date::Date,
    pub rating: enforcement_kiosk::contract::Rating,
    pub window_id: Option<String>,
    pub service_id: Option<String>,
    /// A 差评's deadline.
    pub due_by: Option<enforcement_kiosk::domain::date::Date>,
    /// The handling steps after the first state, each with its day (valid transitions).
    pub events: Vec<(
        enforcement_kiosk::contract::ReviewState,
        enforcement_kiosk::domain::date::Date,
    )>,
    pub check_code: String,
}

impl DemoReview {
    /// The state it ended in.
    pub fn state(&self) -> enforcement_kiosk::contract::ReviewState {
        self.events
            .last()
            .map(|e| e.0)
            .unwrap_or_else(|| enforcement_kiosk::domain::review::initial_state(self.rating))
    }

    /// As the statistics see it.
    pub fn stats_row(&self) -> enforcement_kiosk::domain::review::StatsRow {
        use enforcement_kiosk::domain::review::counts_as_rectified;
        enforcement_kiosk::domain::review::StatsRow {
            rating: self.rating,
            state: self.state(),
            window_id: self.window_id.clone(),
            service_id: self.service_id.clone(),
            day: self.day.to_string(),
            due_by: self.due_by.map(|d| d.to_string()),
            handled_on: self
                .events
                .iter()
                .find(|e| counts_as_rectified(e.0))
                .map(|e| e.1.to_string()),
            demo: true,
        }
    }
}

/// The demo history for the [`DEMO_HISTORY_DAYS`] days before `end` (exclusive), the same on
/// every run: about two reviews a working day, fewer at weekends, 好评率 improving over the
/// months, most 差评 handled within `deadline_days` working days, some late, the newest ones
/// still open.
pub fn demo_history(
    windows: &[Window],
    services: &[ServiceItem],
    end: enforcement_kiosk::domain::date::Date,
    deadline_days: u32,
) -> Vec<DemoReview> {
    use enforcement_kiosk::contract::{Rating, ReviewState};
    use enforcement_kiosk::domain::review::check_code_from;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out = Vec::new();
    for back in (1..=DEMO_HISTORY_DAYS).rev() {
        let day = end.add_days(-back);
        let n = if day.weekday() < 5 {
            next() % 5
        } else {
            next() % 2
        };
        // 差评 share falls from about 16 % to 6 % over the half year (per mille).
        let progress = (DEMO_HISTORY_DAYS - back) as u64;
        let bad_pm = 160 - progress * 100 / DEMO_HISTORY_DAYS as u64;
        for _ in 0..n {
            let roll = next() % 1000;
            let rating = if roll < bad_pm {
                if next() % 10 < 7 {
                    Rating::Dissatisfied
                } else {
                    Rating::VeryDissatisfied
                }
            } else {
                match next() % 20 {
                    0..=10 => Rating::VerySatisfied,
                    11..=17 => Rating::Satisfied,
                    _ => Rating::BasicallySatisfied,
                }
            };
            let window_id = (!windows.is_empty())
                .then(|| windows[(next() % windows.len() as u64) as usize].id.clone());
            let service_id = (!services.is_empty()).then(|| {
                services[(next() % services.len() as u64) as usize]
                    .id
                    .clone()
            });
            let mut events = Vec::new();
            let mut due_by = None;
            if rating.is_bad() {
                let due = day.add_working_days(deadline_days);
                due_by = Some(due);
                // 8 in 10 on time, the rest 1–6 days late.
                let handled = if next() % 10 < 8 {
                    day.add_working_days(1 + (next() % u64::from(deadline_days.max(1))) as u32)
                } else {
                    due.add_days(1 + (next() % 6) as i64)
                };
                let start = day.add_days(1);
                if start < end {
                    events.push((ReviewState::Verifying, start));
                }
                let how = next() % 10;
                if handled < end && start < end {
                    if how < 2 {
                        events.push((ReviewState::Explained, handled));
                    } else {
                        events.push((ReviewState::Rectifying, start));
                        events.push((ReviewState::Rectified, handled));
                        let visit = handled.add_days(2);
                        if how >= 5 && visit < end {
                            events.push((ReviewState::Revisited, visit));
                        }
                    }
                } else if start < end && how >= 2 {
                    events.push((ReviewState::Rectifying, start));
                }
            }
            out.push(DemoReview {
                day,
                rating,
                window_id,
                service_id,
                due_by,
                events,
                check_code: check_code_from(next()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_keys_have_one_element_per_char() {
        let k = title_pinyin("纳税A-1");
        assert_eq!(k.len(), 5);
        assert_eq!(k[0], "na");
        // Every heteronym reading, the most common first (税 also lists rare ones).
        assert_eq!(k[1].split(',').next(), Some("shui"));
        assert_eq!(&k[2..], ["a", "-", "1"]);
        let k = title_pinyin("银行");
        assert_eq!(k[0], "yin");
        let hang: Vec<&str> = k[1].split(',').collect();
        assert!(hang.contains(&"xing") && hang.contains(&"hang"), "{k:?}");
        assert_eq!(title_pinyin("绿")[0].split(',').next(), Some("lv"));
        assert_eq!(title_pinyin("（）"), vec!["（", "）"]);
    }

    #[test]
    fn embedded_seed_parses_and_catalog_is_stable() {
        let s = SeedData::embedded().unwrap();
        assert!(!s.entries.is_empty());
        let a = build_catalog(&s.domains, &s.entries);
        let b = build_catalog(&s.domains, &s.entries);
        assert_eq!(a.catalog.version, b.catalog.version);
        assert_eq!(a.catalog.version.len(), 32);
        assert_eq!(a.etag, format!("\"{}\"", a.catalog.version));
        let mut changed = s.entries.clone();
        changed[0].title.push('改');
        assert_ne!(
            build_catalog(&s.domains, &changed).catalog.version,
            a.catalog.version
        );
        let back: Catalog = serde_json::from_slice(&a.json).unwrap();
        assert_eq!(back, a.catalog);
        let mut gz = flate2::read::GzDecoder::new(&a.gzip[..]);
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut gz, &mut plain).unwrap();
        assert_eq!(plain, a.json.to_vec());
        let mut br = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(&a.brotli[..], 4096), &mut br)
            .unwrap();
        assert_eq!(br, a.json.to_vec());
    }

    #[test]
    fn catalog_entries_carry_requirements_for_every_condition() {
        use enforcement_kiosk::contract::{Covered, NoFaultEffect};
        let s = SeedData::embedded().unwrap();
        let blob = build_catalog(&s.domains, &s.entries);
        for c in &blob.catalog.entries {
            let r = c.entry.requirements.as_ref().expect("requirements filled");
            assert_eq!(
                r.conditions.len(),
                c.entry.conditions.len(),
                "{}",
                c.entry.id
            );
            for (q, text) in r.conditions.iter().zip(&c.entry.conditions) {
                if q.covered_by == Covered::Question {
                    assert!(q.question_zh.contains(text.trim()), "{}: {q:?}", c.entry.id);
                    assert!(!q.question_en.is_empty());
                }
            }
        }
        let find = |id: &str| {
            blob.catalog
                .entries
                .iter()
                .find(|c| c.entry.id == id)
                .map(|c| c.entry.clone())
                .unwrap()
        };
        let m20 = find("market-020").requirements.unwrap();
        assert_eq!(
            m20.no_fault.map(|r| r.effect),
            Some(NoFaultEffect::MayLighterOrMitigate)
        );
        assert_eq!(
            find("labor-002").requirements.unwrap().lookback_months,
            Some(24)
        );
        // The wire form round-trips with the requirements.
        let json = serde_json::to_string(&find("water-009")).unwrap();
        assert!(json.contains("\"requirements\""), "{json}");
        // Explicit requirements in the data win over the derived ones.
        let mut e = s.entries[0].clone();
        let mut own = enforcement_kiosk::domain::requirements::derive(&e);
        own.conditions[0].covered_by = Covered::Question;
        own.conditions[0].question_zh = "自定义问题？".into();
        e.requirements = Some(own.clone());
        assert_eq!(with_requirements(&e).requirements, Some(own));
    }
}
