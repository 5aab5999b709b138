//! The `/lenient` route subtree.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::{check::Eligibility, home::LenientHome, item::LenientItem, list::LenientList};

/// `/lenient` (domains and search), `/lenient/list?domain=&kind=&q=`, `/lenient/item/:id` and
/// `/lenient/item/:id/check` (the self-check).
#[component(transparent)]
pub fn LenientRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/lenient") view=Outlet>
            <Route path=path!("") view=LenientHome />
            <Route path=path!("list") view=LenientList />
            <Route path=path!("item/:id") view=LenientItem />
            <Route path=path!("item/:id/check") view=Eligibility />
        </ParentRoute>
    }
    .into_inner()
}

/// The `:id` of `/lenient/item/:id` and `/lenient/item/:id/check`.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct ItemParams {
    pub id: Option<String>,
}

impl ItemParams {
    /// The entry id in the URL; empty when absent or unreadable.
    pub fn current() -> Memo<String> {
        let params = leptos_router::hooks::use_params::<ItemParams>();
        Memo::new(move |_| params.get().ok().and_then(|p| p.id).unwrap_or_default())
    }
}
