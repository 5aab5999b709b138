//! The body of the list page once the catalog is loaded: domain chips, kind chips, the count,
//! the visible slice of the results and "show more".

use crate::ui::components::when::When;
use std::rc::Rc;

use leptos::prelude::*;

use super::domain_chips::DomainChips;
use crate::contract::{Catalog, ListKind};
use crate::domain::search::{Filter, Hit, MatchField, SearchIndex};
use crate::ui::features::lenient::messages::LenientMsg;
use crate::ui::features::lenient::messages::{count_text, kind_short};
use crate::ui::features::lenient::paging::{with_page, PageWindow, ELDER_PAGE};
use crate::ui::features::lenient::state::{
    applies_here, domain_chips, item_href, kinds_in_domain, ListState, PAGE,
};
use crate::ui::features::lenient::widgets::highlight::Highlight;
use crate::ui::features::lenient::widgets::kind_chips::KindChips;
use crate::ui::i18n::{fill, use_i18n};
use crate::ui::kiosk::{use_config, use_elder};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// One search over the domain (every kind), shared by the chips, the count and the list.
struct Found {
    hits: Vec<Hit>,
    /// Kind of each hit, parallel to `hits` (so filtering never touches the catalog).
    kinds: Vec<ListKind>,
    /// Whether each hit applies in the hall's region, parallel to `hits`.
    here: Vec<bool>,
    /// Hits left out because they do not apply here (the switch is off).
    hidden: usize,
}

impl Found {
    fn count(&self, kind: Option<ListKind>) -> usize {
        match kind {
            None => self.hits.len(),
            Some(k) => self.kinds.iter().filter(|x| **x == k).count(),
        }
    }
}

/// One visible result row, copied out of the catalog.
struct Row {
    id: String,
    kind: ListKind,
    title: String,
    marks: Vec<(usize, usize)>,
    meta: String,
    other: bool,
    not_here: bool,
}

/// The results for `state` (domain and kind) and `text` (the query as typed).
#[component]
pub fn Results(
    /// The catalog the index was built from.
    cat: Rc<Catalog>,
    /// Its search index (built once per catalog).
    index: Rc<SearchIndex>,
    /// Domain and kind from the URL.
    #[prop(into)]
    state: Signal<ListState>,
    /// The query as typed.
    #[prop(into)]
    text: Signal<String>,
    /// Navigates to a list state (`true` = replace the history entry).
    go: Callback<(ListState, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = StoredValue::new_local((cat, index));
    let domain = Memo::new(move |_| state.with(|s| s.domain.clone()));
    let kind = Memo::new(move |_| state.with(|s| s.kind));
    let all_regions = Memo::new(move |_| state.with(|s| s.all_regions));
    let region_code = StoredValue::new(use_config().with(|c| c.region_code.clone()));

    // Runs once per keystroke or domain change; nothing here clones entries.
    let found = Memo::new_with_compare(
        move |_| {
            let q = text.get();
            // Only the domain: the URL catching up with the typed query must not search again.
            let filter = Filter {
                domain: domain.get(),
                kind: None,
            };
            let all = all_regions.get();
            data.with_value(|(cat, index)| {
                let mut hits = index.search(&q, &filter);
                let mut here: Vec<bool> = hits
                    .iter()
                    .map(|h| {
                        cat.entries
                            .get(h.pos)
                            .is_none_or(|e| region_code.with_value(|r| applies_here(&e.entry, r)))
                    })
                    .collect();
                let before = hits.len();
                if !all {
                    let mut keep = here.iter();
                    hits.retain(|_| keep.next().copied().unwrap_or(true));
                    here.retain(|h| *h);
                }
                let hidden = before - hits.len();
                let kinds = hits
                    .iter()
                    .map(|h| {
                        cat.entries
                            .get(h.pos)
                            .map(|e| e.entry.kind)
                            .unwrap_or_default()
                    })
                    .collect();
                Found {
                    hits,
                    kinds,
                    here,
                    hidden,
                }
            })
        },
        |_, _| true,
    );
    let shown = RwSignal::new(PAGE);
    Effect::new(move |prev: Option<()>| {
        text.track();
        domain.track();
        kind.track();
        all_regions.track();
        if prev.is_some() && shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });

    // Chips: the kinds the domain has (stable while typing), counted for the current query.
    let domain_kinds = Memo::new(move |_| {
        let d = domain.get();
        data.with_value(|(cat, _)| {
            let all = all_regions.get();
            region_code
                .with_value(|r| kinds_in_domain(cat, d.as_deref(), if all { "" } else { r }))
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        })
    });
    let chip_kinds = Signal::derive(move || {
        let mut ks = domain_kinds.get();
        if let Some(k) = kind.get() {
            if !ks.contains(&k) {
                ks.push(k);
            }
        }
        found.with(|f| {
            ks.into_iter()
                .map(|k| (k, f.count(Some(k))))
                .collect::<Vec<_>>()
        })
    });
    let total = Signal::derive(move || found.with(|f| f.hits.len()));
    let count = Memo::new(move |_| found.with(|f| f.count(kind.get())));
    let pick_kind = Callback::new(move |k: Option<ListKind>| {
        go.run((
            ListState {
                kind: k,
                q: text.get_untracked(),
                ..state.get_untracked()
            },
            false,
        ));
    });

    // The domain chips follow the region switch (and keep the selected domain's chip).
    let domains = Memo::new(move |_| {
        let all = all_regions.get();
        let d = domain.get();
        data.with_value(|(cat, _)| {
            region_code.with_value(|r| domain_chips(cat, r, all, d.as_deref()))
        })
    });
    let pick_domain = Callback::new(move |d: Option<String>| {
        go.run((
            ListState {
                domain: d,
                kind: None,
                q: text.get_untracked(),
                all_regions: all_regions.get_untracked(),
            },
            false,
        ));
    });

    let domain_name = move |code: &str| -> String {
        data.with_value(|(cat, _)| {
            cat.domains
                .iter()
                .find(|d| d.code == code)
                .map(|d| i18n.pick(&d.name_zh, &d.name_en).to_string())
                .unwrap_or_else(|| code.to_string())
        })
    };
    // 长辈版: five at a time, the page in the URL; otherwise a long list with "show more".
    let elder = use_elder();
    let query = use_query_map();
    let window = Memo::new(move |_| {
        let page = query.with(|m| m.get("page"));
        PageWindow::new(count.get(), page.as_deref(), ELDER_PAGE)
    });
    let page_href = move |page: usize| {
        let s = ListState {
            q: text.get(),
            ..state.get()
        };
        with_page(&s.href(), page)
    };
    let items = move || {
        let k = kind.get();
        let (skip, n) = if elder.on.get() {
            let w = window.get();
            (w.skip, w.take)
        } else {
            (0, shown.get())
        };
        // Only the visible slice is copied out of the catalog.
        let rows: Vec<Row> = found.with(|f| {
            data.with_value(|(cat, _)| {
                f.hits
                    .iter()
                    .zip(&f.kinds)
                    .zip(&f.here)
                    .filter(|((_, hk), _)| k.is_none_or(|k| **hk == k))
                    .skip(skip)
                    .take(n)
                    .filter_map(|((h, _), here)| {
                        let e = &cat.entries.get(h.pos)?.entry;
                        Some(Row {
                            id: e.id.clone(),
                            kind: e.kind,
                            title: e.title.clone(),
                            marks: h.marks.clone(),
                            meta: format!(
                                "{} · {} · {}",
                                domain_name(&e.domain),
                                i18n.t(kind_short(e.kind)),
                                e.region
                            ),
                            other: h.field == MatchField::Other,
                            not_here: !*here,
                        })
                    })
                    .collect()
            })
        });
        rows.into_iter()
            .map(|r| {
                view! {
                    // A plain link (the router handles its click): cheaper than `<A>` to rebuild
                    // on every keystroke.
                    <li>
                        <a href=item_href(&r.id) class="item-link" data-testid="lenient-item"
                            data-id=r.id data-kind=r.kind.as_str()>
                            <span class="item-title"><Highlight text=r.title marks=r.marks /></span>
                            <span class="item-meta">{r.meta}</span>
                            {r.other.then(|| view! { <span class="item-meta match-other">{i18n.t(LenientMsg::MatchedOther)}</span> })}
                            {r.not_here.then(|| view! { <span class="badge badge-warn" data-testid="lenient-not-here">{i18n.t(LenientMsg::NotHere)}</span> })}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };

    let hidden = Memo::new(move |_| found.with(|f| f.hidden));
    let toggle_regions = move |_| {
        go.run((
            ListState {
                q: text.get_untracked(),
                all_regions: !all_regions.get_untracked(),
                ..state.get_untracked()
            },
            false,
        ));
    };

    view! {
        <DomainChips chips=domains selected=domain on_select=pick_domain />
        <When when=move || { all_regions.get() || hidden.get() > 0 }>
            <p class="region-switch">
                <button type="button" class="btn" data-testid="lenient-all-regions"
                    aria-pressed=move || all_regions.get().to_string() on:click=toggle_regions>
                    {move || if all_regions.get() {
                        i18n.t(LenientMsg::OnlyThisRegion).to_string()
                    } else {
                        format!("{} ({})", i18n.t(LenientMsg::ShowOtherRegions), hidden.get())
                    }}
                </button>
                <When when=move || all_regions.get()>
                    <span class="hint" data-testid="lenient-other-regions-shown">{i18n.tr(LenientMsg::OtherRegionsShown)}</span>
                </When>
            </p>
        </When>
        <KindChips kinds=chip_kinds total selected=kind on_select=pick_kind />
        <p class="result-count" data-testid="lenient-count" data-count=move || count.get().to_string()
            role="status" aria-live="polite">
            {move || count_text(i18n.locale(), count.get())}
        </p>
        <When when=move || count.get() == 0>
            <p class="hint" data-testid="lenient-empty">{i18n.tr(LenientMsg::NoResults)}</p>
        </When>
        <ul class="list lenient-results">{items}</ul>
        <When when=move || { elder.on.get() && window.get().pages > 1 }>
            <nav class="pager" data-testid="lenient-pager" aria-label=move || fill(i18n.t(LenientMsg::PageOf), window.get().page as i64)>
                {move || match window.get().prev() {
                    Some(p) => view! { <A href=page_href(p) attr:class="btn" attr:data-testid="lenient-page-prev">{i18n.tr(LenientMsg::PrevPage)}</A> }.into_any(),
                    None => view! { <span class="btn pager-off" aria-hidden="true">{i18n.tr(LenientMsg::PrevPage)}</span> }.into_any(),
                }}
                <span class="pager-pos" data-testid="lenient-page">{move || { let w = window.get(); format!("{} / {}", w.page, w.pages) }}</span>
                {move || match window.get().next() {
                    Some(p) => view! { <A href=page_href(p) attr:class="btn btn-primary" attr:data-testid="lenient-page-next">{i18n.tr(LenientMsg::NextPage)}</A> }.into_any(),
                    None => view! { <span class="btn pager-off" aria-hidden="true">{i18n.tr(LenientMsg::NextPage)}</span> }.into_any(),
                }}
            </nav>
        </When>
        <When when=move || { !elder.on.get() && count.get() > shown.get() }>
            <button type="button" class="btn lenient-more" data-testid="lenient-more"
                on:click=move |_| shown.update(|n| *n += PAGE)>
                {i18n.tr(LenientMsg::ShowMore)} " ("
                {move || format!("{} {} / {}", i18n.t(LenientMsg::Shown), shown.get().min(count.get()), count.get())} ")"
            </button>
        </When>
    }
}
