//! Live wasm heap accounting: a thin wrapper around the system allocator that counts the bytes
//! currently allocated. Wasm linear memory only ever grows (it is the allocator's high-water
//! mark), so it cannot tell a leak from fragmentation; this figure can. Shown on the admin
//! screen and read by the soak benchmark (`ekHeapBytes`, exported by the binary).
//!
//! Instrumentation is opt-in: the wrapper is the global allocator only in builds with the
//! `instrument` cargo feature (`make bench`, and the heap guard of `make test`); the release
//! build a hall runs uses the plain system allocator and exports nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting live bytes and live allocations.
pub struct CountingAlloc;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE_BLOCKS: AtomicUsize = AtomicUsize::new(0);
/// Live blocks by size: bucket `i` holds sizes `8*i+1 ..= 8*(i+1)`; the last one everything larger.
const BUCKETS: usize = 65;
static BY_SIZE: [AtomicUsize; BUCKETS] = [const { AtomicUsize::new(0) }; BUCKETS];

fn bucket(size: usize) -> usize {
    (size.saturating_sub(1) / 8).min(BUCKETS - 1)
}

/// Live blocks per size bucket (see `BY_SIZE`), for finding what a leak is made of.
pub fn live_by_size() -> Vec<usize> {
    BY_SIZE.iter().map(|b| b.load(Relaxed)).collect()
}

fn added(size: usize) {
    LIVE_BYTES.fetch_add(size, Relaxed);
    LIVE_BLOCKS.fetch_add(1, Relaxed);
    BY_SIZE[bucket(size)].fetch_add(1, Relaxed);
}

fn removed(size: usize) {
    LIVE_BYTES.fetch_sub(size, Relaxed);
    LIVE_BLOCKS.fetch_sub(1, Relaxed);
    BY_SIZE[bucket(size)].fetch_sub(1, Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only counters are added.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            added(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            added(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        removed(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            removed(layout.size());
            added(new_size);
        }
        p
    }
}

#[cfg(all(target_arch = "wasm32", feature = "instrument"))]
#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Whether this build counts its heap (the `instrument` feature on wasm).
pub const COUNTING: bool = cfg!(all(target_arch = "wasm32", feature = "instrument"));

/// Bytes currently allocated on the wasm heap; `None` where the counter is not installed.
pub fn live_bytes() -> Option<usize> {
    COUNTING.then(|| LIVE_BYTES.load(Relaxed))
}

/// Allocations currently live; `None` where the counter is not installed.
pub fn live_blocks() -> Option<usize> {
    COUNTING.then(|| LIVE_BLOCKS.load(Relaxed))
}

/// Current size of the wasm linear memory in bytes (0 natively).
pub fn linear_memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// "1.23 MB" for the admin screen.
pub fn format_mb(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_it_forwards() {
        let a = CountingAlloc;
        let bytes = || LIVE_BYTES.load(Relaxed);
        let blocks = || LIVE_BLOCKS.load(Relaxed);
        let (b0, n0) = (bytes(), blocks());
        let layout = Layout::from_size_align(100, 8).unwrap();
        // SAFETY: allocate, grow and free one block through the wrapper.
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            assert_eq!((bytes() - b0, blocks() - n0), (100, 1));
            let q = a.realloc(p, layout, 300);
            assert_eq!(bytes() - b0, 300);
            a.dealloc(q, Layout::from_size_align(300, 8).unwrap());
        }
        assert_eq!((bytes(), blocks()), (b0, n0));
        // Natively the wrapper is not the global allocator: nothing is reported.
        assert_eq!(live_bytes(), None);
        assert!(live_by_size().iter().all(|&n| n == 0));
    }

    #[test]
    fn formats_megabytes() {
        assert_eq!(format_mb(1_234_567), "1.23 MB");
    }
}
