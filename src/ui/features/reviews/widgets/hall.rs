//! The hall's windows and services for the review screens, remembered after the first good
//! answer so a kiosk that loses the server can still take reviews (they go to the outbox).
//! Reference data only: nothing personal is kept here. Also the names of a review target.

use std::rc::Rc;

use crate::client::backend::AnyBackend;
use crate::client::error::ApiError;
use crate::ui::features::reviews::context::{HallCache, ReviewContext};
use crate::ui::features::reviews::logic::Target;
use crate::ui::features::reviews::messages::ReviewMsg;
use leptos::prelude::*;

/// The hall's windows: fresh from the backend, or the last good list when it fails.
pub async fn windows(
    b: Rc<AnyBackend>,
    ctx: ReviewContext,
) -> Result<Rc<Vec<crate::contract::Window>>, ApiError> {
    match b.windows().await {
        Ok(v) => {
            let v = Rc::new(v);
            let _ = ctx
                .hall
                .try_update_value(|h: &mut HallCache| h.windows = Some(v.clone()));
            Ok(v)
        }
        Err(e) => ctx
            .hall
            .try_with_value(|h| h.windows.clone())
            .flatten()
            .ok_or(e),
    }
}

/// The hall's services: fresh from the backend, or the last good list when it fails.
pub async fn services(
    b: Rc<AnyBackend>,
    ctx: ReviewContext,
) -> Result<Rc<Vec<crate::contract::ServiceItem>>, ApiError> {
    match b.services().await {
        Ok(v) => {
            let v = Rc::new(v);
            let _ = ctx
                .hall
                .try_update_value(|h: &mut HallCache| h.services = Some(v.clone()));
            Ok(v)
        }
        Err(e) => ctx
            .hall
            .try_with_value(|h| h.services.clone())
            .flatten()
            .ok_or(e),
    }
}

/// What the target is, for the heading: (kind, name) lines. Never fails: without the server
/// the identifier itself is shown.
pub async fn describe(
    b: Rc<AnyBackend>,
    ctx: ReviewContext,
    t: Target,
) -> Vec<(ReviewMsg, String)> {
    match t {
        Target::Case(no) => {
            let mut lines = vec![(ReviewMsg::TargetCase, no.clone())];
            if let Ok(c) = b.case_info(no).await {
                lines.extend(c.service.map(|s| (ReviewMsg::TargetService, s.name)));
                lines.extend(c.window.map(|w| (ReviewMsg::TargetWindow, w.name)));
            }
            lines
        }
        Target::Window(id) => {
            let name = windows(b, ctx)
                .await
                .ok()
                .and_then(|v| v.iter().find(|w| w.id == id).map(|w| w.name.clone()));
            vec![(ReviewMsg::TargetWindow, name.unwrap_or(id))]
        }
        Target::Service(id) => {
            let name = services(b, ctx)
                .await
                .ok()
                .and_then(|v| v.iter().find(|s| s.id == id).map(|s| s.name.clone()));
            vec![(ReviewMsg::TargetService, name.unwrap_or(id))]
        }
    }
}
