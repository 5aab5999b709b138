//! Token buckets per kiosk (`X-Kiosk-Id`) or, without one, per client IP.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request};

const MAX_KEYS: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// `per_min` requests in a burst, refilled at `per_min` per minute.
#[derive(Debug)]
pub struct RateLimiter {
    per_min: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    pub fn new(per_min: u32) -> RateLimiter {
        RateLimiter {
            per_min: per_min.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn rate_per_sec(&self) -> f64 {
        f64::from(self.per_min) / 60.0
    }

    /// Takes one token for `key`; `Err(seconds to wait)` when the bucket is empty.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u32> {
        let cap = f64::from(self.per_min);
        let rate = self.rate_per_sec();
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_KEYS && !map.contains_key(key) {
            // Forget buckets that have refilled completely: they behave like new ones.
            map.retain(|_, b| {
                (b.tokens + now.saturating_duration_since(b.last).as_secs_f64() * rate) < cap
            });
            if map.len() >= MAX_KEYS {
                map.clear();
            }
        }
        let b = map.entry(key.to_string()).or_insert(Bucket {
            tokens: cap,
            last: now,
        });
        let elapsed = now.saturating_duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * rate).min(cap);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - b.tokens) / rate).ceil();
            Err(wait.clamp(1.0, 3600.0) as u32)
        }
    }
}

/// The caller's key: a sane `X-Kiosk-Id`, else the peer IP.
pub fn client_key(req: &Request) -> String {
    let kiosk = req
        .headers()
        .get("x-kiosk-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()));
    if let Some(k) = kiosk {
        return format!("kiosk:{k}");
    }
    match req.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(addr)) => format!("ip:{}", addr.ip()),
        None => "ip:unknown".to_string(),
    }
}

/// The peer IP key, whatever `X-Kiosk-Id` says (a client rotating kiosk ids shares it).
pub fn ip_key(req: &Request) -> String {
    match req.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(addr)) => format!("ip:{}", addr.ip()),
        None => "ip:unknown".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bucket_empties_then_refills() {
        let rl = RateLimiter::new(3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(rl.check("a", t0), Ok(()));
        }
        // 3 per minute = one token every 20 s.
        assert_eq!(rl.check("a", t0), Err(20));
        assert_eq!(
            rl.check("b", t0),
            Ok(()),
            "other keys have their own bucket"
        );
        assert_eq!(rl.check("a", t0 + Duration::from_secs(10)), Err(10));
        assert_eq!(rl.check("a", t0 + Duration::from_secs(21)), Ok(()));
        assert!(rl.check("a", t0 + Duration::from_secs(21)).is_err());
    }

    #[test]
    fn key_table_is_bounded() {
        let rl = RateLimiter::new(1);
        let t0 = Instant::now();
        for i in 0..(MAX_KEYS + 10) {
            let _ = rl.check(&format!("k{i}"), t0);
        }
        assert!(rl.buckets.lock().unwrap().len() <= MAX_KEYS);
    }
}
