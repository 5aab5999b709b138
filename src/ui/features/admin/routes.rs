//! The `/admin` route.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use super::pages::admin::Admin;

/// `/admin`: reached by a long press on the hall name; the PIN guards it.
#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/admin") view=Admin /> }.into_inner()
}
