//! The `/reviews` route subtree.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::params::Params;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::{
    form::ReviewForm, home::ReviewsHome, lookup::ReviewLookup, receipt::ReviewReceiptPage,
    stats::ReviewStatsPage,
};

/// `/reviews` (choose what to rate), `/reviews/new`, `/reviews/receipt`, `/reviews/status`
/// (`/reviews/status/:no` from a receipt's QR code) and `/reviews/stats`.
#[component(transparent)]
pub fn ReviewsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/reviews") view=Outlet>
            <Route path=path!("") view=ReviewsHome />
            <Route path=path!("new") view=ReviewForm />
            <Route path=path!("receipt") view=ReviewReceiptPage />
            <Route path=path!("status") view=ReviewLookup />
            <Route path=path!("status/:no") view=ReviewLookup />
            <Route path=path!("stats") view=ReviewStatsPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The `:no` of `/reviews/status/:no`.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct StatusParams {
    pub no: Option<String>,
}
