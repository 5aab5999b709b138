//! `kiosk-server export-demo <dir>`: the offline data the browser's DemoBackend reads.

use std::path::Path;

use enforcement_kiosk::contract::{ReviewStats, StatsGroupBy};
use enforcement_kiosk::domain::cert;
use enforcement_kiosk::domain::cert::CertRecord;
use enforcement_kiosk::domain::date::Date;

use enforcement_kiosk::domain::review::{build_stats, StatsQuery, StatsRow};

use crate::seed::{build_catalog, SeedData};

/// The demo statistics over the marked demo history (the server's, ending the day before
/// `today`), grouped by `group_by`.
pub fn demo_stats(
    seed: &SeedData,
    today: Date,
    group_by: enforcement_kiosk::contract::StatsGroupBy,
) -> ReviewStats {
    let rows: Vec<StatsRow> = crate::seed::demo_history(
        &seed.windows,
        &seed.services,
        today,
        enforcement_kiosk::domain::review::BAD_REVIEW_DEADLINE_DAYS,
    )
    .iter()
    .map(|r| r.stats_row())
    .collect();
    let q = StatsQuery {
        from: None,
        to: None,
        group_by,
    };
    build_stats(&seed.windows, &seed.services, &q, &rows)
}

/// The seed records with `valid_to` resolved against `today` AND `valid_to_days_from_seed`
/// kept, so the demo can re-resolve against the browser's date
/// (`domain::cert::resolve_seed_dates`) and still shows sensible dates if it does not.
pub fn demo_certificates(seed: &SeedData, today: Date) -> Vec<CertRecord> {
    seed.certificates
        .iter()
        .map(|c| {
            let mut r = c.clone();
            let days = r.valid_to_days_from_seed;
            cert::resolve_seed_dates(&mut r, today);
            r.valid_to_days_from_seed = days;
            r
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Seed(#[from] crate::seed::SeedError),
    #[error("cannot write {0}: {1}")]
    Io(String, std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// Writes catalog.json (byte-identical to the API's), services.json, windows.json,
/// cases.json, certificates.json (the seed records, with holder codes and
/// `valid_to_days_from_seed`, so the demo masks and dates them itself) and
/// stats-{month,window,service}.json (the demo history's statistics per grouping).
pub fn export(dir: &Path, today: Date) -> Result<Vec<String>, ExportError> {
    let seed = SeedData::embedded()?;
    std::fs::create_dir_all(dir).map_err(|e| ExportError::Io(dir.display().to_string(), e))?;
    let catalog = build_catalog(&seed.domains, &seed.entries);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("catalog.json", catalog.json.to_vec()),
        ("services.json", serde_json::to_vec_pretty(&seed.services)?),
        ("windows.json", serde_json::to_vec_pretty(&seed.windows)?),
        ("cases.json", serde_json::to_vec_pretty(&seed.cases)?),
        (
            "certificates.json",
            serde_json::to_vec_pretty(&seed.certificates)?,
        ),
    ];
    let mut files = files;
    for g in StatsGroupBy::ALL {
        files.push((
            match g {
                StatsGroupBy::Month => "stats-month.json",
                StatsGroupBy::Window => "stats-window.json",
                StatsGroupBy::Service => "stats-service.json",
            },
            serde_json::to_vec(&demo_stats(&seed, today, g))?,
        ));
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| ExportError::Io(path.display().to_string(), e))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_stats_add_up() {
        let seed = SeedData::embedded().unwrap();
        let today = Date::new(2026, 11, 20).unwrap();
        let s = demo_stats(&seed, today, StatsGroupBy::Window);
        let n = s.overall.total;
        assert!((200..=500).contains(&n), "a few hundred: {n}");
        assert_eq!(s.demo_reviews, n, "every one marked");
        assert_eq!(s.overall.good + s.overall.bad, n);
        assert!(s.overall.bad > 0 && s.overall.bad_on_time > 0);
        assert!(s.overall.bad_on_time < s.overall.bad, "some late or open");
        assert_eq!(s.groups.iter().map(|g| g.figures.total).sum::<u64>(), n);
        assert_eq!(s.months.iter().map(|g| g.figures.total).sum::<u64>(), n);
        assert!((6..=7).contains(&s.months.len()), "{}", s.months.len());
        // 好评率 improves over the half year.
        let first = s.months.first().unwrap().figures.good_rate.unwrap();
        let last = s.months.last().unwrap().figures.good_rate.unwrap();
        assert!(last > first, "{first} → {last}");
        assert_eq!(
            demo_stats(&seed, today, StatsGroupBy::Window),
            s,
            "deterministic"
        );
        assert_eq!(
            demo_stats(&seed, today, StatsGroupBy::Month).groups,
            s.months
        );
    }

    #[test]
    fn export_writes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let files = export(dir.path(), Date::new(2026, 11, 20).unwrap()).unwrap();
        assert_eq!(files.len(), 8);
        let month: ReviewStats =
            serde_json::from_slice(&std::fs::read(dir.path().join("stats-month.json")).unwrap())
                .unwrap();
        assert_eq!(month.group_by, "month");
        assert!(month.demo_reviews > 0);
        let certs: Vec<serde_json::Value> =
            serde_json::from_slice(&std::fs::read(dir.path().join("certificates.json")).unwrap())
                .unwrap();
        assert!(certs
            .iter()
            .all(|c| c["holder_code"].as_str().is_some_and(|s| !s.is_empty())));
        let seed = SeedData::embedded().unwrap();
        let catalog = std::fs::read(dir.path().join("catalog.json")).unwrap();
        assert_eq!(
            catalog,
            build_catalog(&seed.domains, &seed.entries).json.to_vec()
        );
    }
}
