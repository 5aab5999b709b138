//! Long-session memory: a kiosk's root never unmounts, so whatever the reactive graph and the
//! router keep per child owner or per navigation under a long-lived owner grows all day.
//! These tests count live heap bytes with a counting global allocator (this test binary only).
#![cfg(all(feature = "ui", not(target_arch = "wasm32")))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);
// SAFETY: forwards to System; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Relaxed);
        System.dealloc(p, l)
    }
}
#[global_allocator]
static A: Counting = Counting;

use leptos::prelude::*;

/// The counter is global: the tests must not run at the same time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn dropped_child_owners_do_not_accumulate_under_a_long_lived_owner() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let root = Owner::new();
    root.set();
    // Warm up (arena, thread locals).
    for _ in 0..100 {
        let c = root.child();
        c.with(|| {
            let s = RwSignal::new(1);
            s.set(2);
        });
        drop(c);
    }
    let before = LIVE.load(Relaxed);
    for _ in 0..10_000 {
        let c = root.child();
        c.with(|| {
            let s = RwSignal::new(1);
            s.set(2);
        });
        drop(c);
    }
    let grown = LIVE.load(Relaxed) - before;
    assert!(
        grown < 64 * 1024,
        "10 000 dropped child owners left {grown} bytes live"
    );
}

#[test]
fn dropped_subscribers_do_not_accumulate_on_a_long_lived_signal() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // The i18n locale or the elder-mode flag live all day; every reactive text node of every
    // screen subscribes to them and is dropped when the screen goes.
    let root = Owner::new();
    root.set();
    let locale = ArcRwSignal::new(0u32);
    let make = |n: usize| {
        for _ in 0..n {
            let l = locale.clone();
            let m = ArcMemo::new(move |_| l.get() + 1);
            // Read untracked: the memo still subscribes to `locale` while it computes, and the
            // test prints nothing (captured output would count as live heap).
            assert_eq!(m.get_untracked(), locale.get_untracked() + 1);
            drop(m);
        }
    };
    make(100);
    let before = LIVE.load(Relaxed);
    make(10_000);
    let grown = LIVE.load(Relaxed) - before;
    assert!(
        grown < 64 * 1024,
        "10 000 dropped subscribers left {grown} bytes live"
    );
    // The signal still notifies the subscribers that are alive.
    let l = locale.clone();
    let alive = ArcMemo::new(move |_| l.get() * 10);
    assert_eq!(alive.get_untracked(), 0);
    locale.set(3);
    assert_eq!(alive.get_untracked(), 30);
}
