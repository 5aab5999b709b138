//! Plain state of the lenient screens: the list state carried in the URL, the public URL of an
//! entry, counts and validity. No view code here, so it is unit-tested natively.

use crate::contract::{Catalog, LenientEntry, ListKind};
use crate::domain::date::Date;
use crate::domain::region;
use crate::domain::text::encode_component;

/// Results rendered at once; "show more" adds as many again.
pub const PAGE: usize = 20;
/// Longest query kept (the search box has the same `maxlength`).
pub const MAX_QUERY_CHARS: usize = 100;
/// Longest domain code accepted from a URL.
const MAX_DOMAIN_CHARS: usize = 64;

/// What the list shows: `/lenient/list?domain=<code>&kind=<kind>&q=<query>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListState {
    /// Domain code; `None` = every domain.
    pub domain: Option<String>,
    /// List kind; `None` = every kind.
    pub kind: Option<ListKind>,
    /// The query exactly as typed (not trimmed: the box and the URL must agree while typing).
    pub q: String,
    /// `regions=all`: also the entries that do not apply in the hall's region.
    pub all_regions: bool,
}

impl ListState {
    /// From the URL's query parameters; anything unusable means "no filter".
    pub fn from_params(domain: Option<&str>, kind: Option<&str>, q: Option<&str>) -> ListState {
        Self::from_params_with_regions(domain, kind, q, None)
    }

    /// [`Self::from_params`] plus the `regions` parameter (`all` = every region).
    pub fn from_params_with_regions(
        domain: Option<&str>,
        kind: Option<&str>,
        q: Option<&str>,
        regions: Option<&str>,
    ) -> ListState {
        let domain = domain
            .map(str::trim)
            .filter(|d| {
                !d.is_empty()
                    && d.chars().count() <= MAX_DOMAIN_CHARS
                    && !d.chars().any(char::is_control)
            })
            .map(String::from);
        let kind = kind
            .map(ListKind::parse)
            .filter(|k| *k != ListKind::Unknown);
        let q = q.map(clamp_query).unwrap_or_default();
        ListState {
            domain,
            kind,
            q,
            all_regions: regions == Some("all"),
        }
    }

    /// The list URL for this state (parameters in a fixed order, empty ones left out).
    pub fn href(&self) -> String {
        let mut parts = Vec::with_capacity(3);
        if let Some(d) = &self.domain {
            parts.push(format!("domain={}", encode_component(d)));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.as_str()));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        if self.all_regions {
            parts.push("regions=all".to_string());
        }
        if parts.is_empty() {
            "/lenient/list".to_string()
        } else {
            format!("/lenient/list?{}", parts.join("&"))
        }
    }
}

/// The first screen's URL for a query typed there: `/lenient` or `/lenient?q=<query>` (the
/// domain grid has no domain or kind of its own).
pub fn home_href(q: &str) -> String {
    if q.is_empty() {
        "/lenient".to_string()
    } else {
        format!("/lenient?q={}", encode_component(q))
    }
}

/// Whether `entry` applies in the hall at `region_code` (the kiosk's `region_code`):
/// national, its province, its city and its county do (see [`region::applies_in`]).
pub fn applies_here(entry: &LenientEntry, region_code: &str) -> bool {
    region::applies_in(&entry.region_codes, region_code)
}

/// At most [`MAX_QUERY_CHARS`] characters, control characters removed.
pub fn clamp_query(q: &str) -> String {
    q.chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect()
}

/// The path of an entry's detail page.
pub fn item_href(id: &str) -> String {
    format!("/lenient/item/{}", encode_component(id))
}

/// The public URL of an entry for the QR hand-off: the configured public base URL, else the
/// page's origin; `?demo=1` when the kiosk runs in demo mode (the phone has no other way to
/// know).
pub fn public_item_url(public_base: &str, origin: &str, id: &str, demo: bool) -> String {
    let base = if public_base.trim().is_empty() {
        origin
    } else {
        public_base.trim()
    };
    let base = base.trim_end_matches('/');
    let demo = if demo { "?demo=1" } else { "" };
    format!("{base}{}{demo}", item_href(id))
}

/// Whether an entry is in force on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    InForce,
    NotYet,
    Expired,
}

/// From the entry's `valid_from` / `valid_to` (unparseable dates are ignored: the dates are
/// still shown as given).
pub fn validity(valid_from: &str, valid_to: Option<&str>, today: Date) -> Validity {
    if valid_to.and_then(Date::parse).is_some_and(|to| to < today) {
        Validity::Expired
    } else if Date::parse(valid_from).is_some_and(|from| from > today) {
        Validity::NotYet
    } else {
        Validity::InForce
    }
}

/// Number of entries per list kind within a domain (`None` = all) that apply at
/// `region_code` (empty = every region), in [`ListKind::ALL`] order, kinds without entries
/// left out.
pub fn kinds_in_domain(
    cat: &Catalog,
    domain: Option<&str>,
    region_code: &str,
) -> Vec<(ListKind, usize)> {
    let mut n = [0usize; ListKind::ALL.len()];
    for e in &cat.entries {
        if domain.is_none_or(|d| e.entry.domain == d) && applies_here(&e.entry, region_code) {
            if let Some(i) = ListKind::ALL.iter().position(|k| *k == e.entry.kind) {
                n[i] += 1;
            }
        }
    }
    ListKind::ALL
        .into_iter()
        .zip(n)
        .filter(|(_, c)| *c > 0)
        .collect()
}

/// Entries per domain that apply at `region_code` (empty = every region), in the catalog's
/// domain order, domains without entries left out.
pub fn domain_counts(cat: &Catalog, region_code: &str) -> Vec<(usize, usize)> {
    let mut n = vec![0usize; cat.domains.len()];
    for e in cat
        .entries
        .iter()
        .filter(|e| applies_here(&e.entry, region_code))
    {
        if let Some(i) = cat.domains.iter().position(|d| d.code == e.entry.domain) {
            n[i] += 1;
        }
    }
    n.into_iter().enumerate().filter(|(_, c)| *c > 0).collect()
}

/// One domain chip of the list page: the domain and how many entries it has that the region
/// filter lets through.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainChip {
    pub domain: crate::contract::DomainInfo,
    pub count: usize,
}

/// The list page's domain chips for the current region filter: every domain with entries that
/// apply at `region_code` (or every region when `all_regions`), in catalog order, with their
/// counts; the `selected` domain keeps its chip (count 0) even when the filter empties it, so
/// the person can see what is selected and leave it.
pub fn domain_chips(
    cat: &Catalog,
    region_code: &str,
    all_regions: bool,
    selected: Option<&str>,
) -> Vec<DomainChip> {
    let counts = domain_counts(cat, if all_regions { "" } else { region_code });
    cat.domains
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let count = counts.iter().find(|(j, _)| *j == i).map_or(0, |(_, c)| *c);
            (count > 0 || selected == Some(d.code.as_str())).then(|| DomainChip {
                domain: d.clone(),
                count,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{CatalogEntry, DomainInfo, LenientEntry};

    #[test]
    fn the_first_screen_keeps_its_query_in_the_url() {
        assert_eq!(home_href(""), "/lenient");
        assert_eq!(home_href("fapiao"), "/lenient?q=fapiao");
        assert_eq!(
            home_href("纳税 申报"),
            "/lenient?q=%E7%BA%B3%E7%A8%8E%20%E7%94%B3%E6%8A%A5"
        );
        assert_eq!(home_href("a&q=b"), "/lenient?q=a%26q%3Db");
    }

    #[test]
    fn state_round_trips_through_the_url() {
        let s = ListState {
            domain: Some("tax".into()),
            kind: Some(ListKind::FirstViolation),
            q: "纳税 sb".into(),
            all_regions: false,
        };
        let href = s.href();
        assert_eq!(
            href,
            "/lenient/list?domain=tax&kind=first_violation&q=%E7%BA%B3%E7%A8%8E%20sb"
        );
        // What the router hands back after decoding the query string.
        let back = ListState::from_params(Some("tax"), Some("first_violation"), Some("纳税 sb"));
        assert_eq!(back, s);
        assert_eq!(ListState::default().href(), "/lenient/list");
        let q_only = ListState {
            q: "nssb".into(),
            ..Default::default()
        };
        assert_eq!(q_only.href(), "/lenient/list?q=nssb");
    }

    #[test]
    fn the_all_regions_switch_lives_in_the_url() {
        let s = ListState::from_params_with_regions(Some("tax"), None, None, Some("all"));
        assert!(s.all_regions);
        assert_eq!(s.href(), "/lenient/list?domain=tax&regions=all");
        let back = ListState::from_params_with_regions(Some("tax"), None, None, Some("bogus"));
        assert!(!back.all_regions);
        assert_eq!(back.href(), "/lenient/list?domain=tax");
    }

    #[test]
    fn entries_apply_by_the_kiosk_region_code() {
        let with = |codes: &[&str]| LenientEntry {
            region_codes: codes.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        };
        // A 姑苏区 kiosk: national and 江苏 lists apply, a 陕西省渭南市 list does not.
        assert!(applies_here(&with(&["000000"]), "320508"));
        assert!(applies_here(&with(&["320000"]), "320508"));
        assert!(!applies_here(&with(&["610500"]), "320508"));
        // A kiosk without a region shows everything.
        assert!(applies_here(&with(&["610500"]), ""));
    }

    #[test]
    fn unusable_parameters_mean_no_filter() {
        let s = ListState::from_params(Some("  "), Some("bogus"), None);
        assert_eq!(s, ListState::default());
        let s = ListState::from_params(Some("tax"), Some("all"), Some(""));
        assert_eq!(s.kind, None);
        assert_eq!(s.domain.as_deref(), Some("tax"));
        let long = "x".repeat(500);
        assert_eq!(ListState::from_params(Some(&long), None, None).domain, None);
        let q = ListState::from_params(None, None, Some(&long)).q;
        assert_eq!(q.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(clamp_query("a\u{0}b\nc"), "abc");
        // Trailing spaces survive: the box and the URL stay equal while typing.
        assert_eq!(
            ListState::from_params(None, None, Some("nashui ")).q,
            "nashui "
        );
    }

    #[test]
    fn encoding_is_safe_for_paths_and_queries() {
        assert_eq!(encode_component("tax-003"), "tax-003");
        assert_eq!(encode_component("a/b?c&d=e#f"), "a%2Fb%3Fc%26d%3De%23f");
        assert_eq!(encode_component("申报"), "%E7%94%B3%E6%8A%A5");
        assert_eq!(item_href("x/../y"), "/lenient/item/x%2F..%2Fy");
    }

    #[test]
    fn public_url_prefers_the_configured_base() {
        assert_eq!(
            public_item_url(
                "https://kiosk.example.gov.cn/",
                "http://127.0.0.1:8080",
                "tax-003",
                false
            ),
            "https://kiosk.example.gov.cn/lenient/item/tax-003"
        );
        assert_eq!(
            public_item_url(" ", "http://127.0.0.1:8080", "tax-003", true),
            "http://127.0.0.1:8080/lenient/item/tax-003?demo=1"
        );
    }

    #[test]
    fn validity_against_today() {
        let today = Date::new(2025, 6, 1).unwrap_or(Date {
            year: 2025,
            month: 6,
            day: 1,
        });
        assert_eq!(
            validity("2019-03-15", Some("2023-12-25"), today),
            Validity::Expired
        );
        assert_eq!(
            validity("2025-06-01", Some("2025-06-01"), today),
            Validity::InForce
        );
        assert_eq!(validity("2025-06-02", None, today), Validity::NotYet);
        assert_eq!(validity("", None, today), Validity::InForce);
        assert_eq!(
            validity("garbage", Some("also garbage"), today),
            Validity::InForce
        );
    }

    fn entry(id: &str, domain: &str, kind: ListKind) -> CatalogEntry {
        CatalogEntry {
            entry: LenientEntry {
                id: id.into(),
                domain: domain.into(),
                kind,
                title: id.into(),
                ..Default::default()
            },
            keys: Default::default(),
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            version: "v1".into(),
            domains: ["tax", "market", "empty"]
                .iter()
                .map(|c| DomainInfo {
                    code: (*c).into(),
                    name_zh: String::new(),
                    name_en: String::new(),
                })
                .collect(),
            entries: vec![
                entry("t1", "tax", ListKind::FirstViolation),
                entry("t2", "tax", ListKind::FirstViolation),
                entry("t3", "tax", ListKind::NoFault),
                entry("m1", "market", ListKind::Minor),
                entry("x1", "nowhere", ListKind::Minor),
            ],
        }
    }

    #[test]
    fn counts_per_domain_and_kind() {
        let cat = catalog();
        assert_eq!(
            kinds_in_domain(&cat, Some("tax"), ""),
            vec![(ListKind::FirstViolation, 2), (ListKind::NoFault, 1)]
        );
        assert_eq!(kinds_in_domain(&cat, None, "")[0], (ListKind::Minor, 2));
        assert!(kinds_in_domain(&cat, Some("empty"), "").is_empty());
        // Domain 0 (tax) has 3, domain 1 (market) 1, the empty domain is left out.
        assert_eq!(domain_counts(&cat, ""), vec![(0, 3), (1, 1)]);
        // In 姑苏区 the 陕西 entry t3 is not counted; entries without codes still are.
        let mut cat = cat;
        cat.entries[2].entry.region_codes = vec!["610500".into()];
        cat.entries[0].entry.region_codes = vec!["320000".into()];
        assert_eq!(domain_counts(&cat, "320508"), vec![(0, 2), (1, 1)]);
        assert_eq!(
            kinds_in_domain(&cat, Some("tax"), "320508"),
            vec![(ListKind::FirstViolation, 2)]
        );
    }
    #[test]
    fn domain_chips_follow_the_region_switch() {
        let mut cat = catalog();
        // t1–t3 (tax) apply only in 陕西; m1 (market) everywhere.
        for e in cat.entries.iter_mut().take(3) {
            e.entry.region_codes = vec!["610500".into()];
        }
        let codes = |chips: Vec<DomainChip>| -> Vec<(String, usize)> {
            chips
                .into_iter()
                .map(|c| (c.domain.code, c.count))
                .collect()
        };
        assert_eq!(
            codes(domain_chips(&cat, "320508", false, None)),
            vec![("market".to_string(), 1)]
        );
        assert_eq!(
            codes(domain_chips(&cat, "320508", true, None)),
            vec![("tax".to_string(), 3), ("market".to_string(), 1)]
        );
        // The selected domain keeps its chip when the filter empties it.
        assert_eq!(
            codes(domain_chips(&cat, "320508", false, Some("tax"))),
            vec![("tax".to_string(), 0), ("market".to_string(), 1)]
        );
        // An unknown selected domain adds nothing; no region code = every region.
        assert_eq!(domain_chips(&cat, "320508", false, Some("nope")).len(), 1);
        assert_eq!(domain_chips(&cat, "", false, None).len(), 2);
        // In the 陕西 city they apply: 3 tax entries and the market one.
        assert_eq!(
            codes(domain_chips(&cat, "610502", false, None)),
            vec![("tax".to_string(), 3), ("market".to_string(), 1)]
        );
    }
}
