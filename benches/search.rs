//! Search-as-you-type benchmarks over 10 000 synthetic entries (budget: ≤ 16 ms p95 per
//! keystroke in the browser, so well under 3 ms natively).
//!
//! `cargo bench --no-default-features --bench search`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use enforcement_kiosk::domain::search::{synthetic_catalog, Filter, SearchIndex};

const N: usize = 10_000;

fn build(c: &mut Criterion) {
    let entries = synthetic_catalog(N);
    c.bench_function("index build (10k)", |b| {
        b.iter(|| SearchIndex::new(black_box(&entries)))
    });
}

fn queries(c: &mut Criterion) {
    let index = SearchIndex::new(&synthetic_catalog(N));
    let all = Filter::default();
    let cases = [
        ("hanzi 纳税申报", "纳税申报"),
        ("full pinyin nashuishenbao", "nashuishenbao"),
        ("full pinyin with space", "nashui shenbao"),
        ("initials nssb", "nssb"),
        ("one letter s", "s"),
        ("hanzi in conditions 承诺书", "承诺书"),
        ("no match zzzz", "zzzz"),
    ];
    for (name, q) in cases {
        let hits = index.search(q, &all).len();
        c.bench_function(&format!("search {name} (10k, {hits} hits)"), |b| {
            b.iter(|| index.search(black_box(q), black_box(&all)))
        });
    }
}

criterion_group!(benches, build, queries);
criterion_main!(benches);
