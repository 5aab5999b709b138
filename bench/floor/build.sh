#!/usr/bin/env bash
# The floor under the main module: the smallest Leptos 0.8 CSR app with the router (two routes,
# links, a signal, a Show, the panic hook), built exactly like the kiosk's main module (the
# release profile of the app, wasm-bindgen at the same version, wasm-opt -Oz with the same
# features), and its sizes. What the kiosk's first visit can weigh at least with this framework.
#
#   bash bench/floor/build.sh                        the floor
#   FEATURES=json-serde bash bench/floor/build.sh    plus a Problem-shaped decode with serde_json
#   FEATURES=json-swb bash bench/floor/build.sh      the same with serde-wasm-bindgen
#   (one of the two at a time: each defines the decode)
# The JS glue is minified with esbuild as the app's is (scripts/build-wasm.sh).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT/bench/floor"
cargo build --release --locked --target wasm32-unknown-unknown --quiet ${FEATURES:+--features "$FEATURES"}
WORK="$(mktemp -d /tmp/ek-floor.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
"$CARGO_TARGET_DIR/tools/ek-wasm-tools" bindgen "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/ek-floor.wasm" "$WORK" floor
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$WORK/floor_bg.wasm" -o "$WORK/floor_bg.opt.wasm" 2> >(grep -v 'unknown name subsection' >&2)
esbuild --minify --log-level=error "$WORK/floor.js" --outfile="$WORK/floor.js" --allow-overwrite
printf '%-22s %9s %9s %9s\n' file raw gzip brotli
total=0
for f in floor_bg.opt.wasm floor.js; do
  raw=$(stat -c%s "$WORK/$f"); gz=$(gzip -9 -n -c "$WORK/$f" | wc -c); br=$(brotli -q 11 -c "$WORK/$f" | wc -c)
  total=$((total + br))
  printf '%-22s %9d %9d %9d\n' "$f" "$raw" "$gz" "$br"
done
echo "floor${FEATURES:+ + $FEATURES} (wasm + js, brotli): $total B"
