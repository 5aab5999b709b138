//! Runtime configuration (`public/config.json`), read at start so one build serves every hall.
//!
//! Parsing is lenient key by key: a missing or malformed file, or a single bad key, falls back
//! to safe defaults and the reason is kept for the admin screen.
//!
//! The file is read into a [`Json`] value by the browser's `JSON.parse` in the app (serde_json's
//! parser is not in the first module a visit loads: issue 14) and by serde_json natively (the
//! tests); the rules below work on that value, so both read a file the same way.

use std::fmt;

/// How often a running kiosk revalidates the catalog unless `catalog_refresh_seconds` says
/// otherwise: well under the 5 minutes within which a published version must be shown.
pub const CATALOG_REFRESH_DEFAULT_S: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Live,
    Demo,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Live => "live",
            Mode::Demo => "demo",
        }
    }
}

/// The modules a hall may switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Lenient,
    Certificates,
    Reviews,
}

impl Feature {
    pub const ALL: [Feature; 3] = [Feature::Lenient, Feature::Certificates, Feature::Reviews];
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Lenient => "lenient",
            Feature::Certificates => "certificates",
            Feature::Reviews => "reviews",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Base URL of the REST API, without trailing slash (default `/api/v1`, same origin).
    pub api_base: String,
    pub mode: Mode,
    pub kiosk_id: String,
    pub hall_name: String,
    /// 行政区划 code of the hall.
    pub region_code: String,
    /// Idle time before the countdown on reading screens.
    pub idle_seconds: u32,
    /// Idle time before the countdown on screens holding personal data.
    pub idle_seconds_personal: u32,
    /// Length of the countdown (≥ 20 s, WCAG 2.2.1).
    pub idle_warning_seconds: u32,
    /// `zh-CN` or `en`.
    pub default_locale: String,
    pub features: Vec<Feature>,
    /// Hex SHA-256 of the admin PIN.
    pub admin_pin_hash: String,
    /// Public base URL used in QR codes for the phone hand-off (default: the page's origin).
    pub public_base_url: String,
    /// Client timeout for API calls.
    pub request_timeout_ms: u32,
    /// How often a running kiosk revalidates the lenient catalog (a published version is
    /// shown on the next screen change after that).
    pub catalog_refresh_seconds: u32,
    /// 呼叫工作人员: the button is offered (default on).
    pub assist_enabled: bool,
    /// The window the assist notice sends the person to (at most 40 characters; empty = none).
    pub assist_window: String,
    /// Idle time on the home screen before the attract screen ("请触摸屏幕开始"); 0 = never.
    pub attract_after_seconds: u32,
    /// Whether 长辈版 is on at start and again after every idle wipe (default off: the next
    /// person gets the standard version).
    pub elder_default: bool,
    /// The services on the home and attract screens, top to bottom: the most used last, lowest
    /// on the screen and nearest the hand. A hall that knows its own traffic sets it; services
    /// it leaves out follow in the default order (certificates, lenient lists, 好差评: every
    /// visit ends with a rating).
    pub home_order: Vec<Feature>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: "/api/v1".into(),
            mode: Mode::Live,
            kiosk_id: "kiosk-unknown".into(),
            hall_name: "政务服务大厅".into(),
            region_code: String::new(),
            idle_seconds: 120,
            idle_seconds_personal: 60,
            idle_warning_seconds: 30,
            default_locale: "zh-CN".into(),
            features: Feature::ALL.to_vec(),
            // SHA-256 of "246810"; integrators must set their own.
            admin_pin_hash: "7c2523c985881fb2c2b4cfbe917eb12c4c4b61e898ad4e7160cfca487ca3c4f3"
                .into(),
            public_base_url: String::new(),
            request_timeout_ms: 8000,
            catalog_refresh_seconds: CATALOG_REFRESH_DEFAULT_S,
            assist_enabled: true,
            assist_window: String::new(),
            attract_after_seconds: 120,
            elder_default: false,
            home_order: vec![Feature::Certificates, Feature::Lenient, Feature::Reviews],
        }
    }
}

/// The configuration in force and why any key fell back to its default.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadedConfig {
    pub config: Config,
    /// Human-readable reasons (English; shown on the admin screen only).
    pub fallbacks: Vec<String>,
}

impl Config {
    pub fn is_enabled(&self, f: Feature) -> bool {
        self.features.contains(&f)
    }

    /// Parse the text of `config.json`. `None` means the file could not be fetched.
    pub fn from_json(text: Option<&str>) -> LoadedConfig {
        let mut out = LoadedConfig::default();
        let Some(text) = text else {
            out.fallbacks
                .push("config.json missing: all defaults".into());
            return out;
        };
        let v = match Json::parse(text) {
            Ok(v @ Json::Obj(_)) => v,
            Ok(_) => {
                out.fallbacks
                    .push("config.json is not a JSON object: all defaults".into());
                return out;
            }
            Err(e) => {
                out.fallbacks
                    .push(format!("config.json malformed ({e}): all defaults"));
                return out;
            }
        };
        let c = &mut out.config;
        let fb = &mut out.fallbacks;

        if let Some(s) = string_key(&v, "api_base", fb) {
            let s = s.trim_end_matches('/');
            if s.starts_with('/') || s.starts_with("https://") || s.starts_with("http://") {
                c.api_base = s.to_string();
            } else {
                fb.push(format!("api_base {s:?} is not a path or http(s) URL"));
            }
        }
        if let Some(s) = string_key(&v, "mode", fb) {
            match s.as_str() {
                "live" => c.mode = Mode::Live,
                "demo" => c.mode = Mode::Demo,
                _ => fb.push(format!("mode {s:?} unknown (live|demo)")),
            }
        }
        if let Some(s) = string_key(&v, "kiosk_id", fb) {
            if !s.is_empty()
                && s.len() <= 64
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                c.kiosk_id = s;
            } else {
                fb.push("kiosk_id must be 1-64 chars of [A-Za-z0-9_-]".into());
            }
        }
        if let Some(s) = string_key(&v, "hall_name", fb) {
            if !s.trim().is_empty() {
                c.hall_name = s.trim().chars().take(40).collect();
            }
        }
        if let Some(s) = string_key(&v, "region_code", fb) {
            if s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 12 {
                c.region_code = s;
            } else {
                fb.push("region_code must be digits".into());
            }
        }
        if let Some(n) = num_key(&v, "idle_seconds", 10, 3600, fb) {
            c.idle_seconds = n;
        }
        if let Some(n) = num_key(&v, "idle_seconds_personal", 10, 3600, fb) {
            c.idle_seconds_personal = n;
        } else if v.get("idle_seconds_personal").is_none() {
            c.idle_seconds_personal = c.idle_seconds.min(
                Config::default()
                    .idle_seconds_personal
                    .max(c.idle_seconds / 2),
            );
        }
        if let Some(n) = num_key(&v, "idle_warning_seconds", 20, 300, fb) {
            c.idle_warning_seconds = n;
        }
        if let Some(s) = string_key(&v, "default_locale", fb) {
            match s.as_str() {
                "zh-CN" | "en" => c.default_locale = s,
                _ => fb.push(format!("default_locale {s:?} unknown (zh-CN|en)")),
            }
        }
        if let Some(feats) = feature_list(&v, "features", fb) {
            c.features = feats;
        }
        if let Some(order) = feature_list(&v, "home_order", fb) {
            let rest: Vec<Feature> = c
                .home_order
                .iter()
                .copied()
                .filter(|f| !order.contains(f))
                .collect();
            c.home_order = order.into_iter().chain(rest).collect();
        }
        if let Some(s) = string_key(&v, "admin_pin_hash", fb) {
            if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
                c.admin_pin_hash = s.to_ascii_lowercase();
            } else {
                fb.push("admin_pin_hash must be 64 hex chars (SHA-256)".into());
            }
        }
        if let Some(s) = string_key(&v, "public_base_url", fb) {
            if s.is_empty() || s.starts_with("https://") || s.starts_with("http://") {
                c.public_base_url = s.trim_end_matches('/').to_string();
            } else {
                fb.push("public_base_url must be an http(s) URL".into());
            }
        }
        if let Some(n) = num_key(&v, "request_timeout_ms", 500, 60_000, fb) {
            c.request_timeout_ms = n;
        }
        if let Some(n) = num_key(&v, "catalog_refresh_seconds", 1, 240, fb) {
            c.catalog_refresh_seconds = n;
        }
        match v.get("assist_enabled") {
            None | Some(Json::Null) => {}
            Some(Json::Bool(b)) => c.assist_enabled = *b,
            Some(other) => fb.push(format!("assist_enabled must be true or false, got {other}")),
        }
        if let Some(s) = string_key(&v, "assist_window", fb) {
            let s = s.trim();
            if s.chars().count() <= crate::domain::assist::MAX_WINDOW_CHARS
                && !s.chars().any(char::is_control)
            {
                c.assist_window = s.to_string();
            } else {
                fb.push("assist_window must be at most 40 characters".into());
            }
        }
        match v.get("attract_after_seconds") {
            Some(n) if n.as_whole() == Some(0) => c.attract_after_seconds = 0,
            _ => {
                if let Some(n) = num_key(&v, "attract_after_seconds", 5, 3600, fb) {
                    c.attract_after_seconds = n;
                }
            }
        }
        match v.get("elder_default") {
            None | Some(Json::Null) => {}
            Some(Json::Bool(b)) => c.elder_default = *b,
            Some(other) => fb.push(format!("elder_default must be true or false, got {other}")),
        }
        if c.idle_seconds_personal > c.idle_seconds {
            fb.push("idle_seconds_personal above idle_seconds: clamped".into());
            c.idle_seconds_personal = c.idle_seconds;
        }
        out
    }

    /// Apply `?demo=1` (forces demo mode; `demo=0` is ignored: a URL can never force live).
    pub fn apply_query(&mut self, query: &str) {
        let q = query.trim_start_matches('?');
        if q.split('&').any(|kv| kv == "demo=1" || kv == "demo=true") {
            self.mode = Mode::Demo;
        }
    }
}

fn string_key(v: &Json, key: &str, fb: &mut Vec<String>) -> Option<String> {
    match v.get(key) {
        None | Some(Json::Null) => None,
        Some(Json::Str(s)) => Some(s.clone()),
        Some(other) => {
            fb.push(format!("{key} must be a string, got {other}"));
            None
        }
    }
}

fn num_key(v: &Json, key: &str, min: u32, max: u32, fb: &mut Vec<String>) -> Option<u32> {
    match v.get(key) {
        None | Some(Json::Null) => None,
        Some(n @ Json::Num(_)) => match n.as_whole() {
            Some(x) if x >= min as u64 && x <= max as u64 => Some(x as u32),
            _ => {
                fb.push(format!("{key} must be a whole number {min}..={max}"));
                None
            }
        },
        Some(other) => {
            fb.push(format!("{key} must be a number, got {other}"));
            None
        }
    }
}

/// A list of feature names (`lenient`, `certificates`, `reviews`) without repeats; an unknown
/// name is left out and reported. `None` when the key is absent or not an array.
fn feature_list(v: &Json, key: &str, fb: &mut Vec<String>) -> Option<Vec<Feature>> {
    let f = v.get(key)?;
    let Json::Arr(items) = f else {
        fb.push(format!("{key} must be an array"));
        return None;
    };
    let mut feats = Vec::new();
    for item in items {
        let name = match item {
            Json::Str(s) => Some(s.as_str()),
            _ => None,
        };
        match Feature::ALL.into_iter().find(|x| Some(x.as_str()) == name) {
            Some(x) if !feats.contains(&x) => feats.push(x),
            Some(_) => {}
            None => fb.push(format!("{key}: unknown entry {item}")),
        }
    }
    Some(feats)
}

/// A JSON value as `config.json` holds it. Objects keep their keys in file order; a key given
/// twice counts as its last occurrence, as in `JSON.parse` and serde_json.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// Every JSON number, as `JSON.parse` reads it.
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Parse JSON text; `Err` carries the parser's reason (for the admin screen).
    pub fn parse(text: &str) -> Result<Json, String> {
        #[cfg(all(target_arch = "wasm32", feature = "ui"))]
        {
            use wasm_bindgen::JsCast;
            match js_sys::JSON::parse(text) {
                Ok(v) => Ok(Json::from_js(&v)),
                Err(e) => Err(e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| "not JSON".into())),
            }
        }
        #[cfg(not(all(target_arch = "wasm32", feature = "ui")))]
        {
            serde_json::from_str::<serde_json::Value>(text)
                .map(Json::from)
                .map_err(|e| e.to_string())
        }
    }

    /// What `JSON.parse` gave, read back. Only JSON's own kinds come out of it; anything else
    /// (it cannot happen for parsed text) reads as `null`.
    #[cfg(all(target_arch = "wasm32", feature = "ui"))]
    fn from_js(v: &wasm_bindgen::JsValue) -> Json {
        if let Some(b) = v.as_bool() {
            Json::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Json::Num(n)
        } else if let Some(s) = v.as_string() {
            Json::Str(s)
        } else if js_sys::Array::is_array(v) {
            Json::Arr(
                js_sys::Array::from(v)
                    .iter()
                    .map(|x| Json::from_js(&x))
                    .collect(),
            )
        } else if v.is_object() {
            let entries = js_sys::Object::entries(&js_sys::Object::from(v.clone()));
            Json::Obj(
                entries
                    .iter()
                    .map(|kv| {
                        let kv = js_sys::Array::from(&kv);
                        let key = kv.get(0).as_string().unwrap_or_default();
                        (key, Json::from_js(&kv.get(1)))
                    })
                    .collect(),
            )
        } else {
            Json::Null
        }
    }

    /// The value under `key` of an object (`None` for other kinds).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A whole number from 0 to `u32::MAX` (`30` and `30.0` alike: JSON does not tell them apart
    /// in a browser).
    pub fn as_whole(&self) -> Option<u64> {
        match self {
            Json::Num(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => {
                Some(*n as u64)
            }
            _ => None,
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", feature = "ui")))]
impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Num(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Json::Str(s),
            Value::Array(a) => Json::Arr(a.into_iter().map(Json::from).collect()),
            Value::Object(m) => Json::Obj(m.into_iter().map(|(k, v)| (k, Json::from(v))).collect()),
        }
    }
}

/// For the fallback reasons: strings, whole numbers, `true`, `false` and `null` as JSON writes
/// them, other values by kind.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            // Whole numbers as integers, others by kind: formatting a float would bring
            // core's float printing (11 KB) into the first module for an admin-screen reason.
            Json::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => write!(f, "{}", *n as i64),
            Json::Num(_) => f.write_str("a fractional number"),
            Json::Str(s) => write!(f, "{s:?}"),
            Json::Arr(_) => f.write_str("an array"),
            Json::Obj(_) => f.write_str("an object"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_order_key() {
        let d = Config::default().home_order;
        assert_eq!(
            d,
            [Feature::Certificates, Feature::Lenient, Feature::Reviews]
        );
        // A partial order: the named ones first, the rest after them in the default order.
        let l = Config::from_json(Some(r#"{"home_order":["reviews","lenient"]}"#));
        assert_eq!(
            l.config.home_order,
            [Feature::Reviews, Feature::Lenient, Feature::Certificates]
        );
        assert!(l.fallbacks.is_empty());
        let l = Config::from_json(Some(r#"{"home_order":["lenient","bogus","lenient"]}"#));
        assert_eq!(
            l.config.home_order,
            [Feature::Lenient, Feature::Certificates, Feature::Reviews]
        );
        assert_eq!(l.fallbacks, ["home_order: unknown entry \"bogus\""]);
        let l = Config::from_json(Some(r#"{"home_order":"reviews"}"#));
        assert_eq!(l.config.home_order, d);
        assert_eq!(l.fallbacks, ["home_order must be an array"]);
    }

    #[test]
    fn attract_and_elder_default_keys() {
        let l = Config::from_json(Some(r#"{"attract_after_seconds":0,"elder_default":true}"#));
        assert_eq!(l.config.attract_after_seconds, 0);
        assert!(l.config.elder_default);
        assert!(l.fallbacks.is_empty());
        let l = Config::from_json(Some(r#"{"attract_after_seconds":2,"elder_default":"yes"}"#));
        assert_eq!(l.config.attract_after_seconds, 120);
        assert!(!l.config.elder_default);
        assert_eq!(l.fallbacks.len(), 2);
        assert_eq!(Config::default().attract_after_seconds, 120);
    }

    #[test]
    fn missing_and_malformed_fall_back_with_a_reason() {
        let l = Config::from_json(None);
        assert_eq!(l.config, Config::default());
        assert_eq!(l.fallbacks.len(), 1);
        let l = Config::from_json(Some("{not json"));
        assert_eq!(l.config, Config::default());
        assert!(l.fallbacks[0].contains("malformed"));
        let l = Config::from_json(Some("[1,2]"));
        assert!(l.fallbacks[0].contains("not a JSON object"));
    }

    #[test]
    fn good_keys_apply_and_bad_keys_fall_back_one_by_one() {
        let l = Config::from_json(Some(
            r#"{"api_base":"https://x.example/api/v1/","mode":"demo","kiosk_id":"k-01",
                "idle_seconds":"soon","idle_warning_seconds":5,"default_locale":"en",
                "features":["lenient","bogus","reviews"],"hall_name":"苏州市政务服务中心"}"#,
        ));
        let c = &l.config;
        assert_eq!(c.api_base, "https://x.example/api/v1");
        assert_eq!(c.mode, Mode::Demo);
        assert_eq!(c.kiosk_id, "k-01");
        assert_eq!(c.idle_seconds, 120);
        assert_eq!(
            c.idle_warning_seconds, 30,
            "below the 20 s floor falls back"
        );
        assert_eq!(c.default_locale, "en");
        assert_eq!(c.features, vec![Feature::Lenient, Feature::Reviews]);
        assert_eq!(c.hall_name, "苏州市政务服务中心");
        assert_eq!(l.fallbacks.len(), 3, "{:?}", l.fallbacks);
    }

    #[test]
    fn demo_query_forces_demo_only() {
        let mut c = Config::default();
        c.apply_query("?x=1&demo=0");
        assert_eq!(c.mode, Mode::Live);
        c.apply_query("?demo=1");
        assert_eq!(c.mode, Mode::Demo);
    }

    #[test]
    fn personal_idle_never_exceeds_reading_idle() {
        let l = Config::from_json(Some(r#"{"idle_seconds":30,"idle_seconds_personal":90}"#));
        assert_eq!(l.config.idle_seconds_personal, 30);
    }

    #[test]
    fn catalog_refresh_defaults_to_a_minute_and_stays_under_five() {
        assert_eq!(Config::default().catalog_refresh_seconds, 60);
        let l = Config::from_json(Some(r#"{"catalog_refresh_seconds":2}"#));
        assert_eq!(l.config.catalog_refresh_seconds, 2);
        assert!(l.fallbacks.is_empty(), "{:?}", l.fallbacks);
        let l = Config::from_json(Some(r#"{"catalog_refresh_seconds":600}"#));
        assert_eq!(l.config.catalog_refresh_seconds, 60);
        assert_eq!(l.fallbacks.len(), 1, "{:?}", l.fallbacks);
    }

    #[test]
    fn assist_is_on_by_default_and_takes_a_short_window() {
        let d = Config::default();
        assert!(d.assist_enabled && d.assist_window.is_empty());
        let l = Config::from_json(Some(
            r#"{"assist_enabled":false,"assist_window":" 综合受理窗口 A01 "}"#,
        ));
        assert!(!l.config.assist_enabled);
        assert_eq!(l.config.assist_window, "综合受理窗口 A01");
        assert!(l.fallbacks.is_empty(), "{:?}", l.fallbacks);
        let l = Config::from_json(Some(
            r#"{"assist_enabled":"no","assist_window":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}"#,
        ));
        assert!(l.config.assist_enabled);
        assert!(l.config.assist_window.is_empty());
        assert_eq!(l.fallbacks.len(), 2, "{:?}", l.fallbacks);
    }

    #[test]
    fn json_values_read_as_the_browser_reads_them() {
        let v = Json::parse(r#"{"a":1,"b":[true,null,"x"],"a":30.0,"c":{"d":-2.5}}"#).unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Json::Num(30.0)),
            "the last of a repeated key counts"
        );
        assert_eq!(v.get("a").and_then(Json::as_whole), Some(30));
        assert_eq!(
            v.get("b"),
            Some(&Json::Arr(vec![
                Json::Bool(true),
                Json::Null,
                Json::Str("x".into())
            ]))
        );
        assert_eq!(v.get("c").and_then(|c| c.get("d")), Some(&Json::Num(-2.5)));
        assert_eq!(Json::Num(-2.5).as_whole(), None);
        assert_eq!(Json::Num(1.5).as_whole(), None);
        assert_eq!(Json::Num(5e9).as_whole(), None);
        assert_eq!(Json::Str("7".into()).as_whole(), None);
        assert!(Json::parse("{not json").is_err());
        assert_eq!(
            format!(
                "{} {} {} {}",
                Json::Str("a\"b".into()),
                Json::Num(-5.0),
                Json::Num(0.5),
                Json::Obj(vec![])
            ),
            "\"a\\\"b\" -5 a fractional number an object"
        );
        let l = Config::from_json(Some(r#"{"idle_seconds":30.0,"request_timeout_ms":-1}"#));
        assert_eq!(l.config.idle_seconds, 30);
        assert_eq!(l.config.request_timeout_ms, 8000);
        assert_eq!(l.fallbacks.len(), 1, "{:?}", l.fallbacks);
    }
}
