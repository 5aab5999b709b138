//! The localized error panel with a retry button, shown wherever data failed to load.

use leptos::prelude::*;

use crate::client::error::ApiError;
use crate::contract::ProblemCode;
use crate::ui::i18n::{use_i18n, ShellMsg};

/// The message for an error (never the raw text: it could carry anything).
pub fn message_for(e: Option<&ApiError>) -> ShellMsg {
    match e {
        Some(ApiError::Network(_)) | Some(ApiError::Aborted) => ShellMsg::ErrorNetwork,
        Some(ApiError::Timeout) => ShellMsg::ErrorTimeout,
        Some(ApiError::Malformed(_)) | Some(ApiError::TooLarge) => ShellMsg::ErrorMalformed,
        Some(ApiError::NotFound) => ShellMsg::ErrorNotFound,
        Some(ApiError::Problem(p)) if p.code == ProblemCode::RateLimited || p.status == 429 => {
            ShellMsg::ErrorRateLimited
        }
        Some(ApiError::Problem(p)) if p.status == 404 => ShellMsg::ErrorNotFound,
        _ => ShellMsg::ErrorServer,
    }
}

/// Shown by an `ErrorBoundary` around data that failed to load.
#[component]
pub fn ErrorPanel(
    /// The errors caught by the boundary.
    errors: ArcRwSignal<Errors>,
    /// Called by the retry button (usually `resource.refetch()`).
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let msg = move || {
        let errs = errors.get();
        let first = errs.iter().next().map(|(_, e)| e.clone());
        let api = first
            .as_ref()
            .and_then(|e| (**e).downcast_ref::<ApiError>().cloned());
        message_for(api.as_ref())
    };
    view! {
        <section class="error-panel" data-testid="error-panel" role="alert">
            <h2>{i18n.tr(ShellMsg::ErrorTitle)}</h2>
            <p>{move || i18n.t(msg())}</p>
            <button class="btn btn-primary" data-testid="retry" on:click=move |_| on_retry.run(())>
                {i18n.tr(ShellMsg::Retry)}
            </button>
        </section>
    }
}

/// The same panel for an error held directly (e.g. the result of a submit action).
#[component]
pub fn ErrorMessage(
    /// The error to explain.
    error: ApiError,
    /// Called by the retry button.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = message_for(Some(&error));
    view! {
        <section class="error-panel" data-testid="error-panel" role="alert">
            <h2>{i18n.tr(ShellMsg::ErrorTitle)}</h2>
            <p>{i18n.tr(key)}</p>
            <button class="btn btn-primary" data-testid="retry" on:click=move |_| on_retry.run(())>
                {i18n.tr(ShellMsg::Retry)}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Problem;

    #[test]
    fn errors_map_to_messages() {
        assert_eq!(
            message_for(Some(&ApiError::Timeout)),
            ShellMsg::ErrorTimeout
        );
        assert_eq!(
            message_for(Some(&ApiError::Malformed("x".into()))),
            ShellMsg::ErrorMalformed
        );
        let p = ApiError::Problem(Problem {
            status: 429,
            code: ProblemCode::RateLimited,
            ..Default::default()
        });
        assert_eq!(message_for(Some(&p)), ShellMsg::ErrorRateLimited);
        let p = ApiError::Problem(Problem {
            status: 503,
            ..Default::default()
        });
        assert_eq!(message_for(Some(&p)), ShellMsg::ErrorServer);
        assert_eq!(message_for(None), ShellMsg::ErrorServer);
    }
}
