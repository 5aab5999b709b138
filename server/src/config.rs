//! Runtime configuration: environment variables, overridden by command-line flags.

use std::path::PathBuf;
use std::time::Duration;

use enforcement_kiosk::domain::date::Date;

/// Everything the server needs to start. Build it with [`Config::from_env`] or by hand in tests.
#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// Directory holding `kiosk.sqlite3` (created when missing).
    pub data_dir: PathBuf,
    /// The built app (trunk's `dist/`).
    pub dist_dir: PathBuf,
    /// Bearer token for `/api/v1/admin/*`.
    pub admin_token: String,
    /// True when the token was generated (it is then printed once at start).
    pub admin_token_generated: bool,
    /// Token-bucket size and refill per minute for the certificate endpoints.
    pub cert_rate_per_min: u32,
    /// Review status look-ups per minute, per client and per review number (a 4-digit phone
    /// check is only 10 000 guesses: this keeps enumeration impractical).
    pub review_lookup_per_min: u32,
    /// Working days a 差评 has to be verified and rectified.
    pub bad_review_deadline_days: u32,
    /// Pins "today" (tests, demos). `None` = the real date in China Standard Time.
    pub seed_today: Option<Date>,
    /// One line per request on stderr.
    pub log_requests: bool,
    /// `INSTANCE_ID`: an opaque label the starter chose (1–64 characters of `[A-Za-z0-9_-]`),
    /// echoed in the `X-Instance-Id` header of `GET /api/v1/health` so that whoever started this
    /// process can tell it from another server answering on the same address (the e2e harness
    /// passes a random one). `None`: no header.
    pub instance_id: Option<String>,
    /// `DATABASE_URL`: unset or `sqlite://[PATH]` = the SQLite file (`DATA_DIR/kiosk.sqlite3`
    /// by default); `postgres://user@host:port/db` = PostgreSQL (several replicas may share it).
    pub database_url: Option<String>,
    /// `DATABASE_POOL_SIZE`: PostgreSQL connections per process (default 16).
    pub database_pool_size: usize,
    /// `DATABASE_TIMEOUT_MS`: the longest a request waits for PostgreSQL (a free connection
    /// or an answer) before it gets 503 `database_unavailable` (default 5000).
    pub database_timeout: Duration,
    /// `DEMO_HISTORY` (default on; `0` = off): the marked demo history (演示数据) of a few
    /// hundred reviews over the six months before the seed day is stored (off: removed).
    pub demo_history: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid value for {name}: {value:?}")]
    Invalid { name: &'static str, value: String },
}

impl Config {
    /// Defaults for a data directory and a dist directory; everything else as documented.
    pub fn new(data_dir: impl Into<PathBuf>, dist_dir: impl Into<PathBuf>) -> Config {
        Config {
            host: "127.0.0.1".into(),
            port: 8080,
            data_dir: data_dir.into(),
            dist_dir: dist_dir.into(),
            admin_token: random_token(),
            admin_token_generated: true,
            cert_rate_per_min: 30,
            review_lookup_per_min: 10,
            bad_review_deadline_days: enforcement_kiosk::domain::review::BAD_REVIEW_DEADLINE_DAYS,
            seed_today: None,
            log_requests: true,
            instance_id: None,
            database_url: None,
            database_pool_size: 16,
            database_timeout: Duration::from_millis(5000),
            demo_history: true,
        }
    }

    /// Reads `HOST`, `PORT`, `DATA_DIR`, `DIST_DIR`, `ADMIN_TOKEN`, `CERT_RATE_PER_MIN`, `REVIEW_LOOKUP_PER_MIN`,
    /// `BAD_REVIEW_DEADLINE_DAYS`, `SEED_TODAY`, `LOG_REQUESTS` (`0` turns request logs off),
    /// `INSTANCE_ID`, `DATABASE_URL`, `DATABASE_POOL_SIZE` and `DATABASE_TIMEOUT_MS`.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mut c = Config::new(
            get("DATA_DIR").unwrap_or_else(|| "./var".into()),
            get("DIST_DIR").unwrap_or_else(|| "./dist".into()),
        );
        if let Some(h) = get("HOST").filter(|h| !h.trim().is_empty()) {
            c.host = h.trim().to_string();
        }
        if let Some(p) = get("PORT") {
            c.port = parse_num("PORT", &p)?;
        }
        if let Some(t) = get("ADMIN_TOKEN").filter(|t| !t.trim().is_empty()) {
            c.admin_token = t.trim().to_string();
            c.admin_token_generated = false;
        }
        if let Some(v) = get("REVIEW_LOOKUP_PER_MIN") {
            c.review_lookup_per_min = parse_num("REVIEW_LOOKUP_PER_MIN", &v)?;
        }
        if let Some(v) = get("CERT_RATE_PER_MIN") {
            c.cert_rate_per_min = parse_num("CERT_RATE_PER_MIN", &v)?;
            if c.cert_rate_per_min == 0 {
                return Err(ConfigError::Invalid {
                    name: "CERT_RATE_PER_MIN",
                    value: v,
                });
            }
        }
        if let Some(v) = get("BAD_REVIEW_DEADLINE_DAYS") {
            c.bad_review_deadline_days = parse_num("BAD_REVIEW_DEADLINE_DAYS", &v)?;
        }
        if let Some(v) = get("SEED_TODAY").filter(|v| !v.trim().is_empty()) {
            c.seed_today = Some(Date::parse(&v).ok_or(ConfigError::Invalid {
                name: "SEED_TODAY",
                value: v.clone(),
            })?);
        }
        if let Some(v) = get("LOG_REQUESTS") {
            c.log_requests = !matches!(v.trim(), "0" | "false" | "off" | "no");
        }
        if let Some(v) = get("DATABASE_URL").filter(|v| !v.trim().is_empty()) {
            c.database_url = Some(v.trim().to_string());
        }
        if let Some(v) = get("DATABASE_POOL_SIZE") {
            c.database_pool_size = parse_num("DATABASE_POOL_SIZE", &v)?;
            if c.database_pool_size == 0 {
                return Err(ConfigError::Invalid {
                    name: "DATABASE_POOL_SIZE",
                    value: v,
                });
            }
        }
        if let Some(v) = get("DATABASE_TIMEOUT_MS") {
            let ms: u64 = parse_num("DATABASE_TIMEOUT_MS", &v)?;
            c.database_timeout = Duration::from_millis(ms.max(100));
        }
        if let Some(v) = get("DEMO_HISTORY") {
            c.demo_history = !matches!(v.trim(), "0" | "false" | "off" | "no");
        }
        if let Some(v) = get("INSTANCE_ID").filter(|v| !v.is_empty()) {
            if !valid_instance_id(&v) {
                return Err(ConfigError::Invalid {
                    name: "INSTANCE_ID",
                    value: v,
                });
            }
            c.instance_id = Some(v);
        }
        Ok(c)
    }

    /// Applies `--host`, `--port`, `--data-dir`, `--dist-dir` flags; returns the other arguments.
    pub fn apply_flags(&mut self, args: Vec<String>) -> Result<Vec<String>, ConfigError> {
        let mut rest = Vec::new();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (a.clone(), None),
            };
            let flag: Option<&'static str> = match name.as_str() {
                "--host" => Some("--host"),
                "--port" => Some("--port"),
                "--data-dir" => Some("--data-dir"),
                "--dist-dir" => Some("--dist-dir"),
                _ => None,
            };
            let Some(flag) = flag else {
                rest.push(a);
                continue;
            };
            let value = match inline.or_else(|| it.next()) {
                Some(v) => v,
                None => {
                    return Err(ConfigError::Invalid {
                        name: flag,
                        value: String::new(),
                    })
                }
            };
            match flag {
                "--host" => self.host = value,
                "--port" => self.port = parse_num("--port", &value)?,
                "--data-dir" => self.data_dir = value.into(),
                _ => self.dist_dir = value.into(),
            }
        }
        Ok(rest)
    }

    /// `DATA_DIR/kiosk.sqlite3`.
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("kiosk.sqlite3")
    }
}

fn parse_num<T: std::str::FromStr>(name: &'static str, v: &str) -> Result<T, ConfigError> {
    v.trim().parse().map_err(|_| ConfigError::Invalid {
        name,
        value: v.to_string(),
    })
}

/// 1–64 characters of `[A-Za-z0-9_-]` (always a valid header value).
pub fn valid_instance_id(v: &str) -> bool {
    (1..=64).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// 32 hex characters from the OS random generator.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_values_are_read_and_checked() {
        let env = |k: &str| match k {
            "PORT" => Some("9090".to_string()),
            "ADMIN_TOKEN" => Some("secret".to_string()),
            "SEED_TODAY" => Some("2026-11-20".to_string()),
            "CERT_RATE_PER_MIN" => Some("5".to_string()),
            _ => None,
        };
        let c = Config::from_lookup(env).unwrap();
        assert_eq!(c.port, 9090);
        assert_eq!(c.admin_token, "secret");
        assert!(!c.admin_token_generated);
        assert_eq!(c.seed_today, Date::new(2026, 11, 20));
        assert_eq!(c.cert_rate_per_min, 5);
        assert_eq!(c.host, "127.0.0.1");
        let bad = Config::from_lookup(|k| (k == "PORT").then(|| "eighty".to_string()));
        assert!(bad.is_err());
        let bad = Config::from_lookup(|k| (k == "SEED_TODAY").then(|| "2026-02-30".to_string()));
        assert!(bad.is_err());
    }

    #[test]
    fn instance_ids_are_plain_labels() {
        let with = |v: &str| {
            let v = v.to_string();
            Config::from_lookup(move |k| (k == "INSTANCE_ID").then(|| v.clone()))
        };
        assert_eq!(Config::new("/a", "/b").instance_id, None);
        assert_eq!(with("").unwrap().instance_id, None);
        assert_eq!(
            with("e2e-3f9a_01").unwrap().instance_id.as_deref(),
            Some("e2e-3f9a_01")
        );
        assert!(with(&"x".repeat(64)).is_ok());
        for bad in ["a b", "x\r\nSet-Cookie: y", "键", &"x".repeat(65)] {
            assert!(with(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn flags_override_and_pass_the_rest_through() {
        let mut c = Config::new("/a", "/b");
        let rest = c
            .apply_flags(vec![
                "serve".into(),
                "--port=7000".into(),
                "--data-dir".into(),
                "/x".into(),
            ])
            .unwrap();
        assert_eq!(rest, vec!["serve".to_string()]);
        assert_eq!(c.port, 7000);
        assert_eq!(c.data_dir, PathBuf::from("/x"));
        assert!(c.apply_flags(vec!["--port".into()]).is_err());
    }

    #[test]
    fn generated_tokens_are_random_hex() {
        let a = random_token();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, random_token());
    }
}
