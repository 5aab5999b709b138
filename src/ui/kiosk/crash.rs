//! Crash policy: a panic is logged and the app reloads to the home screen, because there is
//! no way to recover a wasm app after a panic (leptos#3072) and a kiosk must never freeze.
//! A `?recovered=N` counter stops a reload loop when the home screen itself panics.

/// The URL to reload to after a panic, or `None` to stop reloading (too many in a row).
pub fn recovery_url(current_search: &str) -> Option<String> {
    let n = current_search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("recovered="))
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0);
    (n < 3).then(|| format!("/?recovered={}", n + 1))
}

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(w) = web_sys::window() {
            let search = w.location().search().unwrap_or_default();
            if let Some(url) = recovery_url(&search) {
                let _ = w.location().replace(&url);
            }
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::recovery_url;

    #[test]
    fn reloads_at_most_three_times() {
        assert_eq!(recovery_url("").as_deref(), Some("/?recovered=1"));
        assert_eq!(
            recovery_url("?recovered=2").as_deref(),
            Some("/?recovered=3")
        );
        assert_eq!(recovery_url("?a=b&recovered=3"), None);
        assert_eq!(
            recovery_url("?recovered=x").as_deref(),
            Some("/?recovered=1")
        );
    }
}
