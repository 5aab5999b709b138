//! The `/certs` route subtree.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, MatchNestedRoutes};

use super::context::CertsModule;
use super::pages::{detail::CertDetailPage, search::Certs};

/// `/certs` (search and verify) and `/certs/item/:identifier`. Nested under [`CertsModule`] so
/// the results survive a look at a detail; leaving `/certs` (or the idle wipe) drops them.
#[component(transparent)]
pub fn CertsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/certs") view=CertsModule>
            <Route path=path!("") view=Certs />
            <Route path=path!("item/:identifier") view=CertDetailPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The `:identifier` of `/certs/item/:identifier`.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct CertParams {
    pub identifier: Option<String>,
}
