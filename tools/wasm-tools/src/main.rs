//! `ek-wasm-tools split IN.wasm OUT_DIR NAME` and `ek-wasm-tools bindgen IN.wasm OUT_DIR NAME`:
//! what `wasm-split-cli --out-name NAME IN OUT_DIR` and `wasm-bindgen --target web
//! --keep-lld-exports --no-demangle --no-typescript --out-dir OUT_DIR --out-name NAME IN` do,
//! through the same libraries. `ek-wasm-tools version` prints the wasm-bindgen version.

use std::path::Path;

use anyhow::{bail, Context, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["version"] => {
            println!("wasm-bindgen {}", wasm_bindgen_shared::version());
            Ok(())
        }
        ["split", input, out_dir, name] => split(Path::new(input), Path::new(out_dir), name),
        ["bindgen", input, out_dir, name] => bindgen(Path::new(input), Path::new(out_dir), name),
        _ => bail!(
            "usage: ek-wasm-tools (version | split IN OUT_DIR NAME | bindgen IN OUT_DIR NAME)"
        ),
    }
}

/// The main module as `OUT_DIR/NAME.wasm`, one module per split point and per shared chunk,
/// and `__wasm_split.js`, which loads them (importing `initSync` from `./NAME.js`).
fn split(input: &Path, out_dir: &Path, name: &str) -> Result<()> {
    let wasm = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    std::fs::create_dir_all(out_dir)?;
    let main_out = out_dir.join(format!("{name}.wasm"));
    let main_js = format!("./{name}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir;
    opts.main_out_path = &main_out;
    opts.main_module = &main_js;
    opts.target.web();
    wasm_split_cli_support::transform(opts).map_err(|e| anyhow::anyhow!("wasm-split: {e:?}"))?;
    Ok(())
}

/// wasm-bindgen's JS glue (`NAME.js`) and `NAME_bg.wasm` for the web target, keeping the
/// linker's exports the split chunks import.
/// The settings are the CLI's defaults where these flags leave them (its `rmain`), which differ
/// from `Bindgen::new()`'s in two places.
fn bindgen(input: &Path, out_dir: &Path, name: &str) -> Result<()> {
    #[allow(deprecated)] // the CLI passes its (default false) --reference-types the same way
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .reference_types(false)
        .omit_default_module_path(false)
        .web(true)?
        .keep_lld_exports(true)
        .demangle(false)
        .typescript(false)
        .out_name(name)
        .generate(out_dir)
        .context("wasm-bindgen")
}
