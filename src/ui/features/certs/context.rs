//! What the certificates screen remembers: the answers, the chosen result, the results and the
//! last verification — all personal data, all registered with the privacy wipe. Page-local by default (dropped when the page goes away); a parent route
//! can hold it with [`provide_certs_module`] so a look at a detail and back keeps the results, while
//! leaving `/certs/*` (or the idle wipe, which goes home) still drops everything.

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

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

    /// The module's state if [`provide_certs_module`] holds it (created on the first page's call,
    /// under the module's owner), else a fresh page-local one.
    pub fn use_state() -> CertsState {
        let Some(slot) = use_context::<CertsSlot>() else {
            return CertsState::new();
        };
        if let Some(st) = slot.state.get_value() {
            return st;
        }
        let st = match slot.owner.as_ref().and_then(WeakOwner::upgrade) {
            Some(owner) => owner.with(CertsState::new),
            None => CertsState::new(),
        };
        slot.state.set_value(Some(st));
        st
    }
}

impl Default for CertsState {
    fn default() -> Self {
        CertsState::new()
    }
}

/// The `/certs` feature's setup (`FeaturePage::with_setup`), under the owner that outlives its
/// pages: keeps the search while the user opens a detail and comes back.
///
/// It only holds the place: the state is created by the first page that asks for it
/// ([`CertsState::use_state`]), in the feature's chunk, so the shell's module does not carry the
/// state's code (issue 14). Made under the feature route's owner, it lives until `/certs` is left.
pub fn provide_certs_module() {
    provide_context(CertsSlot {
        owner: Owner::current().as_ref().map(Owner::downgrade),
        state: StoredValue::new(None),
    });
}

/// Where [`provide_certs_module`] keeps the state for its pages.
#[derive(Clone)]
struct CertsSlot {
    /// The module's owner: the state's signals and wipe registrations live as long as it.
    /// Weak: the owner holds this context, so a strong handle here would keep it alive for ever.
    owner: Option<WeakOwner>,
    /// The state, once a page asked for it.
    state: StoredValue<Option<CertsState>>,
}

#[cfg(test)]
mod tests {
    use leptos::prelude::*;

    use super::{provide_certs_module, CertsState};
    use crate::ui::kiosk::wipe::provide_wipe_registry;

    fn certs_items(registry: &crate::ui::kiosk::wipe::WipeRegistry) -> usize {
        registry
            .items()
            .iter()
            .filter(|i| i.feature == "certs")
            .count()
    }

    #[test]
    fn the_module_state_is_made_once_by_the_first_page_and_outlives_it() {
        let root = Owner::new();
        root.with(|| {
            let registry = provide_wipe_registry();
            let module = Owner::new();
            module.with(|| {
                provide_certs_module();
                // Nothing is made until a page asks.
                assert_eq!(certs_items(&registry), 0);
                let search = Owner::new();
                let st = search.with(|| {
                    let st = CertsState::use_state();
                    st.name.set("王芳".into());
                    st
                });
                assert_eq!(certs_items(&registry), 8);
                // The search page goes (a look at a detail): the state stays with the module.
                search.cleanup();
                let detail = Owner::new();
                let again = detail.with(CertsState::use_state);
                assert_eq!(again.name.get_untracked(), "王芳");
                assert_eq!(st.name.get_untracked(), "王芳");
                assert_eq!(certs_items(&registry), 8);
                detail.cleanup();
            });
            // Leaving `/certs` drops it all.
            module.cleanup();
            assert_eq!(certs_items(&registry), 0);
        });
    }

    #[test]
    fn without_the_module_each_page_has_its_own_state() {
        let root = Owner::new();
        root.with(|| {
            let registry = provide_wipe_registry();
            let page = Owner::new();
            page.with(|| CertsState::use_state().name.set("王芳".into()));
            let other = Owner::new();
            assert_eq!(other.with(CertsState::use_state).name.get_untracked(), "");
            page.cleanup();
            other.cleanup();
            assert_eq!(certs_items(&registry), 0);
        });
    }
}
