#!/usr/bin/env bash
# Installs what is missing, then runs every test layer and prints one summary line.
# Layers: lint gates (fmt, clippy -D warnings native and wasm) -> native cargo tests (contract,
# domain, client, ui logic, server handlers; on SQLite) -> the server's tests on PostgreSQL ->
# in-browser
# wasm-bindgen tests in headless Chromium -> release build -> Playwright end-to-end tests
# against the real reference server and a real SQLite file.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh" test || { echo "summary: 0 passed, 1 failed (setup)"; exit 1; }

LOGDIR="$(mktemp -d)"
declare -a RESULTS=()
passed=0; failed=0; layers_failed=0

count_cargo() { # log -> adds to passed/failed
  local p f
  read -r p f < <(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { print p+0, f+0 }' "$1")
  passed=$((passed + p)); failed=$((failed + f))
}

layer() { # name, command...
  local name="$1"; shift
  step "test: $name"
  local log="$LOGDIR/$name.log" t0=$SECONDS
  if "$@" 2>&1 | tee "$log"; then
    RESULTS+=("PASS  $name ($((SECONDS - t0)) s)")
  else
    RESULTS+=("FAIL  $name ($((SECONDS - t0)) s)")
    layers_failed=$((layers_failed + 1))
  fi
}

# Lint gates: formatting, and clippy with warnings as errors, natively (every crate and target)
# and for the browser (the app, its instrumented variant and the in-browser tests).
lint() {
  cargo fmt --all --check &&
    cargo clippy --workspace --all-targets -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown -p enforcement-kiosk --lib --bins --test web -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown -p enforcement-kiosk --lib --bins --features instrument,split -- -D warnings
}
layer lint lint

layer native cargo test --workspace --all-targets --no-fail-fast
count_cargo "$LOGDIR/native.log"

# The server's whole suite again on PostgreSQL (Debian's package, a throw-away cluster on a
# loopback port, stopped at the end), plus the PostgreSQL-only tests (replicas, fault).
postgres_suite() {
  local dir url rc
  dir="$(mktemp -d /tmp/ek-pg.XXXXXX)"
  url="$(bash "$ROOT/scripts/pg.sh" start "$dir")" || { rm -rf "$dir"; return 1; }
  EK_TEST_DATABASE_URL="$url" EK_TEST_PG_DIR="$dir" \
    cargo test -p kiosk-server --all-targets --no-fail-fast
  rc=$?
  bash "$ROOT/scripts/pg.sh" stop "$dir"
  rm -rf "$dir"
  return $rc
}
layer postgres postgres_suite
count_cargo "$LOGDIR/postgres.log"

layer browser cargo test --target wasm32-unknown-unknown --test web
count_cargo "$LOGDIR/browser.log"

layer build env EK_INSTRUMENTED=1 EK_TEST_TOOLS=1 bash "$ROOT/scripts/build.sh"

if [ -f "$ROOT/dist/index.html" ]; then
  layer e2e bash -c "cd '$ROOT/tests/e2e' && npx playwright test"
  e2e_p=$(grep -Eo '^ +[0-9]+ passed' "$LOGDIR/e2e.log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  e2e_f=$(grep -Eo '^ +[0-9]+ failed' "$LOGDIR/e2e.log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + ${e2e_p:-0})); failed=$((failed + ${e2e_f:-0}))
else
  RESULTS+=("FAIL  e2e (no dist/ to test)"); layers_failed=$((layers_failed + 1))
fi

step "test: layers"
printf '  %s\n' "${RESULTS[@]}"
if [ "$layers_failed" -gt 0 ] && [ "$failed" -eq 0 ]; then failed=$layers_failed; fi
echo "summary: $passed passed, $failed failed"
[ "$layers_failed" -eq 0 ]
