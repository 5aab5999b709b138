//! Scanning a certificate's QR code with the camera, on phones whose browser has
//! `BarcodeDetector` (the button is never shown elsewhere). The camera stops as soon as a code is
//! read, when the user stops it, or when the screen goes away.
//!
//! The media and detector APIs are reached through JS reflection: no web-sys features beyond
//! the app's own are needed.

use crate::ui::components::when::When;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::ui::features::certs::messages::CertMsg;
use crate::ui::i18n::use_i18n;

/// Milliseconds between two detection attempts.
const FRAME_MS: u32 = 250;

fn get(o: &JsValue, k: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(o, &JsValue::from_str(k))
}

fn has(o: &JsValue, k: &str) -> bool {
    get(o, k).is_ok_and(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `o.method(args…)`.
fn call(o: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(o, method)?.dyn_into()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(o, &list)
}

/// Awaits `o.method(args…)`, which returns a promise.
async fn call_async(o: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let p: js_sys::Promise = call(o, method, args)?.dyn_into()?;
    JsFuture::from(p).await
}

fn object(pairs: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o.into())
}

/// Whether this browser can scan QR codes with a camera.
pub fn camera_scan_supported() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    has(&w, "BarcodeDetector") && has(&w.navigator(), "mediaDevices")
}

fn detector() -> Result<JsValue, JsValue> {
    let w = web_sys::window().ok_or(JsValue::NULL)?;
    let ctor: js_sys::Function = get(&w, "BarcodeDetector")?.dyn_into()?;
    let formats = js_sys::Array::of1(&JsValue::from_str("qr_code"));
    let opts = object(&[("formats", formats.into())])?;
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&opts))
}

/// The rear camera's stream.
async fn open_camera() -> Result<JsValue, JsValue> {
    let w = web_sys::window().ok_or(JsValue::NULL)?;
    let devices = get(&w.navigator(), "mediaDevices")?;
    let video = object(&[("facingMode", JsValue::from_str("environment"))])?;
    let constraints = object(&[("video", video), ("audio", JsValue::FALSE)])?;
    call_async(&devices, "getUserMedia", &[&constraints]).await
}

/// The first QR text the detector sees in the video, if any.
async fn detect_once(det: &JsValue, video: &JsValue) -> Result<Option<String>, JsValue> {
    let found: js_sys::Array = call_async(det, "detect", &[video]).await?.dyn_into()?;
    Ok(found
        .iter()
        .find_map(|b| get(&b, "rawValue").ok()?.as_string()))
}

fn stop(stream: Option<JsValue>) {
    let Some(s) = stream else { return };
    if let Ok(tracks) = call(&s, "getTracks", &[]).and_then(|t| t.dyn_into::<js_sys::Array>()) {
        for t in tracks.iter() {
            let _ = call(&t, "stop", &[]);
        }
    }
}

/// A "scan with camera" button and, while scanning, the camera view.
#[component]
pub fn CameraScan(
    /// Called with the text of the QR code read.
    on_scan: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let supported = camera_scan_supported();
    let open = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let video = NodeRef::<html::Video>::new();
    let stream = StoredValue::new_local(None::<JsValue>);
    // Bumped to end a running scan loop (stop button, a result, cleanup).
    let run = StoredValue::new(0u64);
    let close = move || {
        run.update_value(|r| *r += 1);
        stop(stream.try_update_value(Option::take).flatten());
        let _ = open.try_set(false);
    };
    on_cleanup(close);
    let start = move || {
        failed.set(false);
        open.set(true);
        let my_run = run.get_value();
        let live = move || run.try_get_value() == Some(my_run);
        leptos::task::spawn_local(async move {
            let scanned = async {
                let det = detector()?;
                let s = open_camera().await?;
                if !live() {
                    stop(Some(s));
                    return Ok(None);
                }
                stream.set_value(Some(s.clone()));
                let v: JsValue = video.get_untracked().ok_or(JsValue::NULL)?.into();
                js_sys::Reflect::set(&v, &JsValue::from_str("srcObject"), &s)?;
                let _ = call_async(&v, "play", &[]).await;
                while live() {
                    if let Some(text) = detect_once(&det, &v).await? {
                        return Ok(Some(text));
                    }
                    gloo_timers::future::TimeoutFuture::new(FRAME_MS).await;
                }
                Ok::<_, JsValue>(None)
            }
            .await;
            if !live() {
                return;
            }
            close();
            match scanned {
                Ok(Some(text)) => on_scan.run(text),
                Ok(None) => {}
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
        });
    };
    supported.then(|| {
        view! {
            <button type="button" class="btn" data-testid="cert-scan-camera" aria-pressed=move || open.get().to_string()
                on:click=move |_| if open.get_untracked() { close() } else { start() }>
                {move || if open.get() { i18n.t(CertMsg::CameraCancel) } else { i18n.t(CertMsg::CameraScan) }}
            </button>
            <div class="camera-view" hidden=move || !open.get()>
                <video node_ref=video autoplay=true playsinline=true muted=true></video>
                <p class="hint">{i18n.tr(CertMsg::CameraHint)}</p>
            </div>
            <When when=move || failed.get()>
                <p class="field-error" role="alert">{i18n.tr(CertMsg::CameraError)}</p>
            </When>
        }
    })
}
