//! Benchmark option: pad the lenient catalog with synthetic entries at start
//! (`LENIENT_SYNTHETIC_ENTRIES=N`), so search-as-you-type can be measured in the browser over
//! a catalog of the size the budget names (10 000 entries).
//!
//! The padding rows come from [`synthetic_catalog`] (deterministic for a given count); each
//! keeps `synthetic: true`, gets an id that no real entry uses and a domain code that exists
//! in the catalog. Their pinyin keys are computed by [`crate::seed::build_catalog`] from the
//! titles, exactly like the real entries' keys.

use std::collections::HashSet;

use enforcement_kiosk::contract::{DomainInfo, LenientEntry};
use enforcement_kiosk::domain::search::synthetic_catalog;

/// The environment variable that asks for padding.
pub const ENV_VAR: &str = "LENIENT_SYNTHETIC_ENTRIES";

/// The largest catalog the option builds (keeps a typo from exhausting memory at start).
pub const MAX_ENTRIES: usize = 200_000;

/// The target catalog size asked for by the variable's value: `None` when unset, empty,
/// not a number or `0`; values above [`MAX_ENTRIES`] are capped.
pub fn target_from_env(value: Option<&str>) -> Option<usize> {
    let n: usize = value?.trim().parse().ok()?;
    (n > 0).then_some(n.min(MAX_ENTRIES))
}

/// `entries` followed by synthetic entries, `target` entries in all (just `entries` when it
/// already has that many). Synthetic ids are `syn-NNNNN` (suffixed when a real id is the
/// same); a synthetic domain code unknown to `domains` is replaced by a known one, in turn.
pub fn pad_entries(
    domains: &[DomainInfo],
    entries: &[LenientEntry],
    target: usize,
) -> Vec<LenientEntry> {
    let mut out: Vec<LenientEntry> = entries.to_vec();
    if target <= entries.len() {
        return out;
    }
    let known: HashSet<&str> = domains.iter().map(|d| d.code.as_str()).collect();
    let mut ids: HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    let missing = target - entries.len();
    for (i, row) in synthetic_catalog(missing).into_iter().enumerate() {
        let mut e = row.entry;
        if !known.contains(e.domain.as_str()) {
            if let Some(d) = domains.get(i % domains.len().max(1)) {
                e.domain = d.code.clone();
            }
        }
        let mut id = e.id.clone();
        let mut k = 1;
        while ids.contains(&id) {
            id = format!("{}-{k}", e.id);
            k += 1;
        }
        e.id = id.clone();
        e.synthetic = true;
        ids.insert(id);
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(code: &str) -> DomainInfo {
        DomainInfo {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
        }
    }

    fn real(id: &str, domain: &str) -> LenientEntry {
        LenientEntry {
            id: id.into(),
            domain: domain.into(),
            title: "未按规定办理纳税申报".into(),
            ..Default::default()
        }
    }

    #[test]
    fn env_values() {
        assert_eq!(target_from_env(None), None);
        assert_eq!(target_from_env(Some("")), None);
        assert_eq!(target_from_env(Some("0")), None);
        assert_eq!(target_from_env(Some("ten")), None);
        assert_eq!(target_from_env(Some("-5")), None);
        assert_eq!(target_from_env(Some(" 10000 ")), Some(10_000));
        assert_eq!(target_from_env(Some("999999999")), Some(MAX_ENTRIES));
    }

    #[test]
    fn pads_to_the_target_with_unique_ids_and_known_domains() {
        let domains = vec![domain("tax"), domain("market"), domain("ecology")];
        let entries = vec![real("tax-001", "tax"), real("syn-00001", "market")];
        let out = pad_entries(&domains, &entries, 500);
        assert_eq!(out.len(), 500);
        assert_eq!(out[0], entries[0]);
        assert_eq!(out[1], entries[1]);
        let ids: HashSet<&str> = out.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 500, "ids are unique");
        assert!(
            ids.contains("syn-00001-1"),
            "a clashing synthetic id is suffixed"
        );
        for e in &out[2..] {
            assert!(e.synthetic);
            assert!(
                ["tax", "market", "ecology"].contains(&e.domain.as_str()),
                "{}",
                e.domain
            );
            assert!(!e.title.is_empty());
        }
        // Deterministic.
        assert_eq!(out, pad_entries(&domains, &entries, 500));
    }

    #[test]
    fn no_padding_when_already_large_enough() {
        let domains = vec![domain("tax")];
        let entries = vec![real("tax-001", "tax"), real("tax-002", "tax")];
        assert_eq!(pad_entries(&domains, &entries, 2), entries);
        assert_eq!(pad_entries(&domains, &entries, 1), entries);
        assert_eq!(pad_entries(&[], &entries, 3).len(), 3);
    }

    #[test]
    fn padded_catalog_gets_pinyin_keys() {
        let domains = vec![domain("tax")];
        let out = pad_entries(&domains, &[], 20);
        let blob = crate::seed::build_catalog(&domains, &out);
        assert_eq!(blob.catalog.entries.len(), 20);
        for e in &blob.catalog.entries {
            assert_eq!(e.keys.title_py.len(), e.entry.title.chars().count());
            assert!(e.keys.title_py.iter().all(|k| !k.is_empty()));
        }
    }
}
