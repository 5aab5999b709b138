#!/usr/bin/env bash
# The feasibility probe of issue 14: a minimal Leptos 0.8.23 CSR app with a router and one
# `#[lazy_route]`, split without trunk. Not part of the workspace (its own [workspace]).
#   cargo (--emit-relocs) -> wasm-split-cli -> wasm-bindgen --keep-lld-exports -> wasm-opt -Oz
# then: python3 serve.py 18777 & node smoke.js 18777
# (the CLIs: `cargo install wasm_split_cli_support --version 0.2.4 --locked --features build-binary`
# and `cargo install wasm-bindgen-cli --version 0.2.130`; the app itself uses tools/wasm-tools)
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ek-split-probe/target}"
[ -f Cargo.lock ] || cp "$ROOT/Cargo.lock" Cargo.lock   # the versions the app uses
RUSTFLAGS="-C link-args=--emit-relocs" cargo build --release --lib --target wasm32-unknown-unknown
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/split_probe.wasm"
rm -rf split out && mkdir -p split out
wasm-split-cli --out-name split_probe "$raw" split
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript --out-dir out --out-name split_probe split/split_probe.wasm
for f in split/*; do [ "$(basename "$f")" = split_probe.wasm ] || cp "$f" out/; done
for f in out/*.wasm; do
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$f" -o "$f.opt"
  mv "$f.opt" "$f"
done
cat > out/index.html <<'H'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>probe</title>
<script type="module">import init from '/split_probe.js'; await init({ module_or_path: '/split_probe_bg.wasm' });</script>
</head><body></body></html>
H
printf '%-52s %9s %9s\n' file raw brotli
for f in out/*.wasm out/*.js; do
  printf '%-52s %9d %9d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -q 11 -c "$f" | wc -c)"
done
