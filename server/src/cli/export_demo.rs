//! `kiosk-server export-demo <dir>`: the offline data the browser's DemoBackend reads.

use std::path::Path;

use enforcement_kiosk::contract::{Rating, ReviewState, ReviewStats};
use enforcement_kiosk::domain::cert;
use enforcement_kiosk::domain::cert::CertRecord;
use enforcement_kiosk::domain::date::Date;

use enforcement_kiosk::domain::review::{build_stats, StatsQuery, StatsRow};

use crate::seed::{build_catalog, SeedData};

/// How many synthetic reviews the demo statistics are computed from.
pub const DEMO_REVIEWS: usize = 60;

/// Deterministic synthetic reviews over the 90 days before `today`.
pub fn synthetic_reviews(seed: &SeedData, today: Date) -> Vec<StatsRow> {
    // Mostly good, as in real halls; every 差评 handling state represented.
    const RATINGS: [Rating; 10] = [
        Rating::VerySatisfied,
        Rating::VerySatisfied,
        Rating::Satisfied,
        Rating::VerySatisfied,
        Rating::BasicallySatisfied,
        Rating::Satisfied,
        Rating::Dissatisfied,
        Rating::VerySatisfied,
        Rating::Satisfied,
        Rating::VeryDissatisfied,
    ];
    const BAD_STATES: [ReviewState; 6] = [
        ReviewState::Revisited,
        ReviewState::Rectified,
        ReviewState::Explained,
        ReviewState::Rectifying,
        ReviewState::Verifying,
        ReviewState::PendingVerification,
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut bad_seen = 0;
    (0..DEMO_REVIEWS)
        .map(|i| {
            let rating = RATINGS[(next() % RATINGS.len() as u64) as usize];
            let state = if rating.is_bad() {
                bad_seen += 1;
                BAD_STATES[(bad_seen - 1) % BAD_STATES.len()]
            } else {
                ReviewState::Submitted
            };
            let window_id =
                (!seed.windows.is_empty()).then(|| seed.windows[i % seed.windows.len()].id.clone());
            let service_id = (!seed.services.is_empty())
                .then(|| seed.services[(i * 7 + 3) % seed.services.len()].id.clone());
            let day = today.add_days(-((next() % 90) as i64)).to_string();
            StatsRow {
                rating,
                state,
                window_id,
                service_id,
                day,
            }
        })
        .collect()
}

/// The demo statistics, grouped by window, over the last 90 days.
pub fn demo_stats(seed: &SeedData, today: Date) -> ReviewStats {
    let rows = synthetic_reviews(seed, today);
    let q = StatsQuery {
        from: Some(today.add_days(-89)),
        to: Some(today),
        group_by: enforcement_kiosk::contract::StatsGroupBy::Window,
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
/// `valid_to_days_from_seed`, so the demo masks and dates them itself) and stats.json.
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
        (
            "stats.json",
            serde_json::to_vec_pretty(&demo_stats(&seed, today))?,
        ),
    ];
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
        let s = demo_stats(&seed, today);
        assert_eq!(s.overall.total, DEMO_REVIEWS as u64);
        assert_eq!(s.overall.good + s.overall.bad, DEMO_REVIEWS as u64);
        assert!(s.overall.bad > 0 && s.overall.bad_rectified > 0);
        assert_eq!(
            s.groups.iter().map(|g| g.figures.total).sum::<u64>(),
            DEMO_REVIEWS as u64
        );
        assert_eq!(demo_stats(&seed, today), s, "deterministic");
    }

    #[test]
    fn export_writes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let files = export(dir.path(), Date::new(2026, 11, 20).unwrap()).unwrap();
        assert_eq!(files.len(), 6);
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
