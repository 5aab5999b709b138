//! What the lenient screens keep between pages: the list the person came from (for the entry's
//! back link) and the search index of the catalog last searched. Both are registered with the
//! privacy wipe; neither holds personal data, but the last query is the person's own.

use std::rc::{Rc, Weak};

use leptos::prelude::*;

use crate::client::backend::CatalogText;
use crate::client::error::ApiError;
use crate::contract::Catalog;
use crate::domain::search::SearchIndex;
use crate::ui::kiosk::wipe::{use_wipe_registry, WipeKind};

/// The catalog an index was built from (weakly held) and the index.
type IndexCache = Option<(Weak<Catalog>, Rc<SearchIndex>)>;

/// The lenient context: a copyable handle provided once at the root.
#[derive(Clone, Copy)]
pub struct LenientSession {
    /// The last list URL (`/lenient/list?…`) of this session.
    last_list: RwSignal<Option<String>>,
    /// The index of the catalog last searched; rebuilt only when the catalog changes.
    index: StoredValue<IndexCache, LocalStorage>,
    /// The catalog last decoded, reused while its version is the one the shell hands out.
    decoded: StoredValue<Option<Rc<Catalog>>, LocalStorage>,
}

impl LenientSession {
    /// Remembers the list the person is on.
    pub fn remember_list(&self, href: String) {
        self.last_list.set(Some(href));
    }

    /// The list the person came from in this session, if any.
    pub fn last_list(&self) -> Option<String> {
        self.last_list.get()
    }

    /// The catalog in `text`, decoded once per version: the same `Rc` comes back while the
    /// version stays, so the search index built from it is reused too.
    pub fn decode(&self, text: &CatalogText) -> Result<Rc<Catalog>, ApiError> {
        let cached = self
            .decoded
            .with_value(|slot| slot.as_ref().filter(|c| c.version == text.version).cloned());
        if let Some(cat) = cached {
            return Ok(cat);
        }
        let cat = Rc::new(text.decode()?);
        self.decoded.set_value(Some(cat.clone()));
        Ok(cat)
    }

    /// The search index of `cat`, built once per catalog (a 304 revalidation returns the same
    /// `Rc`, so going back and forth between list and entries never rebuilds it).
    pub fn index_for(&self, cat: &Rc<Catalog>) -> Rc<SearchIndex> {
        let cached = self.index.with_value(|slot| {
            slot.as_ref().and_then(|(weak, index)| {
                weak.upgrade()
                    .is_some_and(|c| Rc::ptr_eq(&c, cat))
                    .then(|| index.clone())
            })
        });
        if let Some(index) = cached {
            return index;
        }
        let index = Rc::new(SearchIndex::new(&cat.entries));
        self.index
            .set_value(Some((Rc::downgrade(cat), index.clone())));
        index
    }
}

/// Provides the lenient context and registers its state with the privacy wipe.
pub fn provide_lenient() -> LenientSession {
    let ctx = LenientSession {
        last_list: RwSignal::new(None),
        index: StoredValue::new_local(None),
        decoded: StoredValue::new_local(None),
    };
    let wipe = use_wipe_registry();
    wipe.register_signal("lenient", "last_list", ctx.last_list);
    let index = ctx.index;
    wipe.register(
        "lenient",
        "search_index",
        WipeKind::Cache,
        move || {
            let _ = index.try_set_value(None);
        },
        move || index.try_with_value(Option::is_none).unwrap_or(true),
    );
    provide_context(ctx);
    ctx
}

/// The root's lenient context.
pub fn use_lenient() -> LenientSession {
    expect_context::<LenientSession>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::CatalogEntry;
    use crate::ui::kiosk::wipe::provide_wipe_registry;

    fn catalog(n: usize) -> Rc<Catalog> {
        Rc::new(Catalog {
            entries: vec![CatalogEntry::default(); n],
            ..Default::default()
        })
    }

    fn text(version: &str, entries: usize) -> CatalogText {
        let cat = Catalog {
            version: version.into(),
            entries: vec![CatalogEntry::default(); entries],
            ..Default::default()
        };
        CatalogText {
            version: version.into(),
            json: serde_json::to_string(&cat).expect("catalog as JSON").into(),
        }
    }

    #[test]
    fn a_catalog_is_decoded_once_per_version() {
        let owner = Owner::new();
        owner.with(|| {
            provide_wipe_registry();
            let s = provide_lenient();
            let a = s.decode(&text("v1", 3)).expect("decodes");
            assert_eq!((a.version.as_str(), a.entries.len()), ("v1", 3));
            // The same version (a revalidation) gives the same `Rc`: the index is kept.
            let b = s.decode(&text("v1", 3)).expect("decodes");
            assert!(Rc::ptr_eq(&a, &b));
            let c = s.decode(&text("v2", 4)).expect("decodes");
            assert_eq!(c.entries.len(), 4);
            // A body that is not a catalog is a malformed answer, and changes nothing.
            let bad = CatalogText {
                version: "v3".into(),
                json: r#"{"version":"v3","entries":"no"}"#.into(),
            };
            assert!(matches!(s.decode(&bad), Err(ApiError::Malformed(_))));
            let d = s.decode(&text("v2", 4)).expect("decodes");
            assert!(Rc::ptr_eq(&c, &d));
        });
    }

    #[test]
    fn index_is_built_once_per_catalog() {
        let owner = Owner::new();
        owner.with(|| {
            provide_wipe_registry();
            let s = provide_lenient();
            let cat = catalog(5);
            let a = s.index_for(&cat);
            let b = s.index_for(&cat);
            assert!(Rc::ptr_eq(&a, &b));
            let other = catalog(5);
            let c = s.index_for(&other);
            assert!(!Rc::ptr_eq(&a, &c));
            assert_eq!(c.len(), 5);
        });
    }
}
