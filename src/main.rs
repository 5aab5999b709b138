//! wasm entry: install the crash policy, read the runtime config, mount the app.

fn main() {
    enforcement_kiosk::ui::start();
}

/// Heap probes for the soak benchmark and the heap guard, only in `instrument` builds.
#[cfg(feature = "instrument")]
mod probes {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// Live wasm heap bytes, for the soak benchmark (read from the instance's exports).
    #[wasm_bindgen(js_name = ekHeapBytes)]
    pub fn heap_bytes() -> f64 {
        enforcement_kiosk::ui::kiosk::heap::live_bytes().unwrap_or(0) as f64
    }

    /// Live wasm heap allocations, for the soak benchmark.
    #[wasm_bindgen(js_name = ekHeapBlocks)]
    pub fn heap_blocks() -> f64 {
        enforcement_kiosk::ui::kiosk::heap::live_blocks().unwrap_or(0) as f64
    }

    /// Live wasm heap blocks by size bucket of 8 bytes (the last bucket: larger), for the soak
    /// benchmark to name what grows.
    #[wasm_bindgen(js_name = ekHeapBySize)]
    pub fn heap_by_size() -> Vec<f64> {
        enforcement_kiosk::ui::kiosk::heap::live_by_size()
            .into_iter()
            .map(|n| n as f64)
            .collect()
    }
}
