//! Hidden admin screen (long press on the hall name, then the PIN): version and build, the
//! configuration in force and why any key fell back, backend health and latency, the review
//! outbox with "send now", reload, and a deliberate panic so an integrator can watch the crash
//! policy (log, reload to the home screen) work on the real device. Leaving it returns home.

use crate::ui::components::when::When;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::domain::text::constant_time_eq;

use crate::ui::features::admin::context::{use_admin_session, AdminSession};
use crate::ui::features::admin::messages::AdminMsg;
use crate::ui::i18n::{use_i18n, ShellMsg};
use crate::ui::kiosk::catalog::use_catalog_feed;
use crate::ui::kiosk::{heap, outbox, use_backend, use_config, use_outbox_status};

/// Hex SHA-256 of the PIN through the browser's SubtleCrypto (no hash code in the wasm).
async fn sha256_hex(text: &str) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let bytes = text.as_bytes().to_vec();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", &bytes)
        .ok()?;
    let buf = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let arr = js_sys::Uint8Array::new(buf.dyn_ref::<js_sys::ArrayBuffer>()?);
    Some(arr.to_vec().iter().map(|b| format!("{b:02x}")).collect())
}

/// Constant-time comparison of two hex digests; the configured one may be in upper case.
pub fn digest_eq(a: &str, b: &str) -> bool {
    constant_time_eq(a.as_bytes(), b.to_ascii_lowercase().as_bytes())
}

#[component]
pub fn Admin() -> impl IntoView {
    let i18n = use_i18n();
    let cfg = use_config();
    let AdminSession {
        unlocked,
        pin,
        wrong,
    } = use_admin_session();
    let check = Action::new_local(move |p: &String| {
        let p = p.clone();
        let want = cfg.with(|c| c.admin_pin_hash.clone());
        async move {
            let ok = sha256_hex(&p).await.is_some_and(|h| digest_eq(&h, &want));
            unlocked.set(ok);
            wrong.set(!ok);
            pin.set(String::new());
        }
    });
    let navigate = use_navigate();
    let exit = move |_| navigate("/", Default::default());

    view! {
        <section class="page admin" data-testid="admin">
            <h1>{i18n.tr(AdminMsg::Title)}</h1>
            <Show when=move || unlocked.get() fallback=move || view! {
                <form on:submit=move |ev| { ev.prevent_default(); check.dispatch(pin.get_untracked()); }>
                    <label for="admin-pin">{i18n.tr(AdminMsg::Pin)}</label>
                    <input id="admin-pin" type="password" inputmode="numeric" autocomplete="off" data-testid="admin-pin"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev)) />
                    <When when=move || wrong.get()><p class="field-error" role="alert">{i18n.tr(AdminMsg::WrongPin)}</p></When>
                    <div class="btn-row"><button class="btn btn-primary" type="submit" data-testid="admin-unlock">{i18n.tr(ShellMsg::KeypadDone)}</button></div>
                </form>
            }>
                <AdminPanel />
            </Show>
            <div class="btn-row"><button class="btn" data-testid="admin-exit" on:click=exit.clone()>{i18n.tr(AdminMsg::Exit)}</button></div>
        </section>
    }
}

#[component]
fn AdminPanel() -> impl IntoView {
    let i18n = use_i18n();
    let backend = use_backend();
    let cfg = use_config();
    let queued = use_outbox_status();
    let sender = outbox::use_outbox_sender();
    let loaded = cfg.loaded();
    let c = loaded.config.clone();
    let health = LocalResource::new(move || {
        let b = backend.get();
        async move {
            let t0 = js_sys::Date::now();
            let r = b.health().await;
            (r, js_sys::Date::now() - t0)
        }
    });
    let rows: Vec<(&'static str, String)> = vec![
        ("mode", c.mode.as_str().into()),
        ("api_base", c.api_base.clone()),
        ("kiosk_id", c.kiosk_id.clone()),
        ("hall_name", c.hall_name.clone()),
        ("region_code", c.region_code.clone()),
        ("idle_seconds", c.idle_seconds.to_string()),
        ("idle_seconds_personal", c.idle_seconds_personal.to_string()),
        ("idle_warning_seconds", c.idle_warning_seconds.to_string()),
        ("default_locale", c.default_locale.clone()),
        (
            "features",
            c.features
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("request_timeout_ms", c.request_timeout_ms.to_string()),
        (
            "catalog_refresh_seconds",
            c.catalog_refresh_seconds.to_string(),
        ),
        ("assist_enabled", c.assist_enabled.to_string()),
        ("assist_window", c.assist_window.clone()),
    ];
    let feed = use_catalog_feed();
    let dash = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or_else(|| "—".into());
    let fallbacks = loaded.fallbacks.clone();
    view! {
        <div class="card">
            <h2>{i18n.tr(AdminMsg::Version)}</h2>
            <p data-testid="admin-version">{env!("CARGO_PKG_VERSION")} " · " {option_env!("EK_BUILD").unwrap_or("dev")}</p>
            <p data-testid="admin-memory">{i18n.tr(AdminMsg::Memory)} ": " {heap::live_bytes().map(heap::format_mb).unwrap_or_else(|| "—".to_string())}
                " / " {heap::format_mb(heap::linear_memory_bytes())}</p>
        </div>
        <div class="card">
            <h2>{i18n.tr(AdminMsg::Config)}</h2>
            <dl class="kv">{rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
            <h3>{i18n.tr(AdminMsg::Fallbacks)}</h3>
            <ul data-testid="admin-fallbacks">
                {if fallbacks.is_empty() { view! { <li>{i18n.tr(AdminMsg::Empty)}</li> }.into_any() }
                 else { fallbacks.into_iter().map(|f| view! { <li>{f}</li> }).collect_view().into_any() }}
            </ul>
        </div>
        <div class="card">
            <h2>{i18n.tr(AdminMsg::Health)}</h2>
            <p data-testid="admin-health">
                {move || health.get().map(|(r, ms)| match r {
                    Ok(h) => format!("{} · {} · {:.0} ms", i18n.t(ShellMsg::Ok), h.version, ms),
                    Err(e) => format!("{e} · {ms:.0} ms"),
                })}
            </p>
            <button class="btn" on:click=move |_| health.refetch()>{i18n.tr(ShellMsg::Retry)}</button>
        </div>
        <div class="card">
            <h2>{i18n.tr(AdminMsg::Catalog)}</h2>
            <dl class="kv">
                <dt>{i18n.tr(AdminMsg::CatalogInForce)}</dt>
                <dd data-testid="admin-catalog-in-force">
                    {move || dash(health.get().and_then(|(r, _)| r.ok()).map(|h| h.catalog_version))}
                </dd>
                <dt>{i18n.tr(AdminMsg::CatalogShown)}</dt>
                <dd data-testid="admin-catalog-shown">{move || dash(feed.current_version.get())}</dd>
                <dt>{i18n.tr(AdminMsg::CatalogPending)}</dt>
                <dd data-testid="admin-catalog-pending">{move || dash(feed.pending_version.get())}</dd>
            </dl>
        </div>
        <crate::ui::features::admin::widgets::assist_calls::AssistCalls />
        <div class="card">
            <h2>{i18n.tr(AdminMsg::Outbox)}</h2>
            <p data-testid="admin-outbox">{move || queued.len.get()}</p>
            <div class="btn-row">
                <button class="btn" data-testid="admin-send-now" on:click=move |_| outbox::send_now(sender)>{i18n.tr(AdminMsg::SendNow)}</button>
                <button class="btn" data-testid="admin-reload" on:click=move |_| {
                    if let Some(w) = web_sys::window() { let _ = w.location().replace("/"); }
                }>{i18n.tr(AdminMsg::Reload)}</button>
                <button class="btn" data-testid="admin-crash-test" on:click=move |_| {
                    panic!("admin: deliberate panic to test crash recovery");
                }>{i18n.tr(AdminMsg::CrashTest)}</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_compare_case_insensitively_and_by_length() {
        assert!(super::digest_eq("ab12", "AB12"));
        assert!(!super::digest_eq("ab12", "ab13"));
        assert!(!super::digest_eq("ab12", "ab1"));
    }
}
