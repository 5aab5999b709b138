#!/usr/bin/env bash
# Release build: the reference server, the offline-demo data it exports, the wasm app.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

# Writes name.br (brotli quality 11) and name.gz (gzip -9) beside every file the build made, for
# the server to send as they are (it compresses only API responses on the fly). config.json is
# left alone: a hall edits it after deployment, and a stale .br beside it would win.
# One file per core at a time.
precompress() { # dir
  local files=()
  mapfile -d '' files < <(find "$1" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \
    -o -name '*.html' -o -name '*.json' -o -name '*.svg' -o -name '*.webmanifest' \) \
    ! -path "$1/config.json" -print0)
  # shellcheck disable=SC2016 # $0 is the file, expanded by the inner shell
  printf '%s\0' "${files[@]}" |
    xargs -0 -n 1 -P "$(nproc)" sh -c 'brotli -q 11 -f -k -o "$0.br" "$0" && gzip -9 -n -k -f "$0"'
  local n=${#files[@]}
  echo "build: $n files in $1 precompressed (.br q11, .gz -9)"
}

step "build: reference server (release)"
cargo build --release -p kiosk-server

if [ "${EK_TEST_TOOLS:-0}" = 1 ]; then
  step "build: fault proxy (for the fault-injection e2e tests)"
  cargo build --release -p fault-proxy
fi

step "build: demo data (public/demo, from the same seed as the server)"
"$SERVER_BIN" export-demo "$ROOT/public/demo"

step "build: wasm app (split by feature: cargo, wasm-split, wasm-bindgen, wasm-opt -Oz)"
bash "$ROOT/scripts/build-wasm.sh" --dist "$ROOT/dist"

if [ -x "$ROOT/node_modules/.bin/workbox" ] && [ -f "$ROOT/workbox-config.cjs" ]; then
  step "build: service worker (Workbox)"
  workbox generateSW workbox-config.cjs
fi
precompress "$ROOT/dist"
echo "build: dist/ ready"

# The same app with the heap probes (the `instrument` feature: a counting allocator and the
# ekHeap* exports), for the heap guard of `make test` and the soak of `make bench` only. The
# build a hall runs (dist/) never carries them.
if [ "${EK_INSTRUMENTED:-0}" = 1 ]; then
  step "build: instrumented wasm app (heap probes) into dist-instrumented/"
  bash "$ROOT/scripts/build-wasm.sh" --features instrument --dist "$ROOT/dist-instrumented"
  if [ -x "$ROOT/node_modules/.bin/workbox" ]; then
    EK_DIST=dist-instrumented workbox generateSW workbox-config.cjs
  fi
  precompress "$ROOT/dist-instrumented"
  echo "build: dist-instrumented/ ready"
fi
