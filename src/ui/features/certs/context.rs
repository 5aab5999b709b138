//! What the certificates screen remembers: the answers, the chosen result, the results and the
//! last verification — all personal data, all registered with the privacy wipe. Page-local by default (dropped when the page goes away); a parent route
//! can hold it with [`CertsModule`] so a look at a detail and back keeps the results, while
//! leaving `/certs/*` (or the idle wipe, which goes home) still drops everything.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::contract::{CertSummary, CertVerifyResponse};
use crate::ui::kiosk::wipe::WipeRegistry;

/// How the user searches.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Mode {
    #[default]
    Number,
    Holder,
}

/// The remembered state (signals: a copyable handle).
#[derive(Clone, Copy)]
pub struct CertsState {
    pub mode: RwSignal<Mode>,
    pub number: RwSignal<String>,
    pub name: RwSignal<String>,
    pub holder_id: RwSignal<String>,
    pub code: RwSignal<String>,
    /// The identifier of a result chosen for verification.
    pub chosen: RwSignal<Option<String>>,
    /// `None` until a search answered.
    pub results: RwSignal<Option<Vec<CertSummary>>>,
    pub verified: RwSignal<Option<CertVerifyResponse>>,
}

impl CertsState {
    /// Fresh state under the current owner, registered with the privacy wipe (when the root
    /// provides one) for as long as that owner lives.
    pub fn new() -> CertsState {
        let st = CertsState {
            mode: RwSignal::new(Mode::Number),
            number: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            holder_id: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            chosen: RwSignal::new(None),
            results: RwSignal::new(None),
            verified: RwSignal::new(None),
        };
        if let Some(wipe) = use_context::<WipeRegistry>() {
            wipe.register_signal("certs", "mode", st.mode);
            wipe.register_signal("certs", "number", st.number);
            wipe.register_signal("certs", "holder_name", st.name);
            wipe.register_signal("certs", "holder_id", st.holder_id);
            wipe.register_signal("certs", "verify_code", st.code);
            wipe.register_signal("certs", "chosen", st.chosen);
            wipe.register_signal("certs", "results", st.results);
            wipe.register_signal("certs", "verified", st.verified);
        }
        st
    }

    /// The module's state if a [`CertsModule`] holds it, else a fresh page-local one.
    pub fn use_state() -> CertsState {
        use_context::<CertsState>().unwrap_or_default()
    }
}

impl Default for CertsState {
    fn default() -> Self {
        CertsState::new()
    }
}

/// Optional parent of the `/certs` routes (`<ParentRoute path=path!("/certs") view=CertsModule>`
/// with `""` → `Certs` and `"item/:identifier"` → `CertDetailPage`): keeps the search while the
/// user opens a detail and comes back.
#[component]
pub fn CertsModule() -> impl IntoView {
    provide_context(CertsState::new());
    view! { <Outlet /> }
}
