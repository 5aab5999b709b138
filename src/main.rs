//! wasm entry: install the crash policy, read the runtime config, mount the app.

fn main() {
    enforcement_kiosk::ui::start();
}
