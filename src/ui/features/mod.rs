//! The kiosk's features. Each folder owns one job end to end:
//!
//! - `routes.rs`: its route subtree, a `#[component(transparent)]` the shell mounts;
//! - `pages/`: one file per route;
//! - `widgets/`: the widgets only it uses;
//! - `context.rs`: the state that outlives a page (`provide_*` / `use_*`), each value
//!   registered with the privacy wipe ([`crate::ui::kiosk::wipe`]);
//! - `messages.rs`: its zh-CN / English message table;
//! - plain logic (`state.rs`, `logic.rs`, `form.rs`) with native unit tests.

pub mod admin;
pub mod assist;
pub mod certs;
pub mod lenient;
pub mod reviews;

#[cfg(test)]
mod tests {
    use crate::ui::i18n::check_table;

    #[test]
    fn every_feature_message_has_both_languages() {
        check_table(super::admin::messages::AdminMsg::ALL);
        check_table(super::assist::messages::AssistMsg::ALL);
        check_table(super::certs::messages::CertMsg::ALL);
        check_table(super::lenient::messages::LenientMsg::ALL);
        check_table(super::reviews::messages::ReviewMsg::ALL);
    }
}

/// The privacy-wipe registry over every feature: each feature's state is registered, filled,
/// and empty again after the wipe.
#[cfg(test)]
mod wipe_registry_tests {
    use std::collections::BTreeSet;
    use std::rc::Rc;

    use leptos::prelude::*;

    use crate::contract::{Catalog, CertSummary, CertVerifyResponse, ReviewReceipt};
    use crate::ui::features::{admin, assist, certs, lenient, reviews};
    use crate::ui::kiosk::wipe::provide_wipe_registry;

    #[test]
    fn the_wipe_empties_everything_every_feature_registered() {
        let owner = Owner::new();
        owner.with(|| {
            let registry = provide_wipe_registry();
            let lenient = lenient::context::provide_lenient();
            let reviews = reviews::context::provide_review_context();
            let certs = certs::context::CertsState::new();
            let admin = admin::context::use_admin_session();
            let assist = assist::context::provide_assist();

            lenient.remember_list("/lenient/list?q=fapiao".into());
            lenient.index_for(&Rc::new(Catalog::default()));
            reviews.last_receipt.set(Some(ReviewReceipt {
                review_no: "R1".into(),
                ..Default::default()
            }));
            certs.mode.set(certs::context::Mode::Holder);
            certs.number.set("1.2.156.3005.2.x".into());
            certs.name.set("王芳".into());
            certs.holder_id.set("320505198509030123".into());
            certs.code.set("A7K9Q2".into());
            certs.chosen.set(Some("id".into()));
            certs.results.set(Some(vec![CertSummary::default()]));
            certs.verified.set(Some(CertVerifyResponse::default()));
            admin.unlocked.set(true);
            admin.pin.set("2468".into());
            admin.wrong.set(true);
            assist.notice.set(assist::context::Notice::Calling);

            let items = registry.items();
            let features: BTreeSet<_> = items.iter().map(|i| i.feature).collect();
            assert_eq!(
                features,
                ["admin", "assist", "certs", "lenient", "reviews"]
                    .into_iter()
                    .collect()
            );
            // Every item holds something before the wipe (so the check below can fail).
            for item in &items {
                assert!(
                    !item.is_clear(),
                    "{}.{} was not filled",
                    item.feature,
                    item.name
                );
            }
            registry.clear_all();
            for item in registry.items() {
                assert!(
                    item.is_clear(),
                    "{}.{} survived the wipe",
                    item.feature,
                    item.name
                );
            }
            assert_eq!(lenient.last_list(), None);
            assert_eq!(certs.holder_id.get_untracked(), "");
            assert!(!admin.unlocked.get_untracked());
            assert_eq!(
                assist.notice.get_untracked(),
                assist::context::Notice::Hidden
            );
        });
    }

    #[test]
    fn a_scope_that_ends_unregisters_its_items() {
        let owner = Owner::new();
        owner.with(|| {
            let registry = provide_wipe_registry();
            let page = Owner::new();
            page.with(|| {
                certs::context::CertsState::new();
            });
            assert!(registry.items().iter().any(|i| i.feature == "certs"));
            page.cleanup();
            assert!(!registry.items().iter().any(|i| i.feature == "certs"));
        });
    }
}
