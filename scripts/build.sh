#!/usr/bin/env bash
# Release build: the reference server, the offline-demo data it exports, the wasm app.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step "build: reference server (release)"
cargo build --release -p kiosk-server

if [ "${EK_TEST_TOOLS:-0}" = 1 ]; then
  step "build: fault proxy (for the fault-injection e2e tests)"
  cargo build --release -p fault-proxy
fi

step "build: demo data (public/demo, from the same seed as the server)"
"$SERVER_BIN" export-demo "$ROOT/public/demo"

step "build: wasm app (trunk --release, wasm-opt -Oz)"
trunk build --release --offline

if [ -x "$ROOT/node_modules/.bin/workbox" ] && [ -f "$ROOT/workbox-config.cjs" ]; then
  step "build: service worker (Workbox)"
  workbox generateSW workbox-config.cjs
fi
echo "build: dist/ ready"

# The same app with the heap probes (the `instrument` feature: a counting allocator and the
# ekHeap* exports), for the heap guard of `make test` and the soak of `make bench` only. The
# build a hall runs (dist/) never carries them.
if [ "${EK_INSTRUMENTED:-0}" = 1 ]; then
  step "build: instrumented wasm app (heap probes) into dist-instrumented/"
  trunk build --release --offline --features instrument --dist "$ROOT/dist-instrumented"
  if [ -x "$ROOT/node_modules/.bin/workbox" ]; then
    EK_DIST=dist-instrumented workbox generateSW workbox-config.cjs
  fi
  echo "build: dist-instrumented/ ready"
fi
