#!/usr/bin/env bash
# Installs whatever is missing; idempotent (a second run takes seconds). Everything comes from
# the package registries (crates.io, npm, Debian); no tool downloads anything by itself.
#
#   scripts/setup.sh run    what building and running the app needs (make run)
#   scripts/setup.sh test   that, plus what the tests need: Chromium, ChromeDriver, CJK fonts,
#                           PostgreSQL, the e2e npm packages (make test, make bench; the default)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
MODE="${1:-test}"
case "$MODE" in run|test) ;; *) echo "setup: mode is 'run' or 'test', not '$MODE'" >&2; exit 2 ;; esac

step "setup: Rust wasm target"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

debs=(brotli)
# postgresql: the test layer that runs the server's suite on PostgreSQL (scripts/pg.sh); `make
# run` stays on the embedded SQLite file and never installs it.
[ "$MODE" = test ] && debs+=(chromium chromium-driver fonts-noto-cjk postgresql)
step "setup: Debian packages (${debs[*]})"
missing=()
for p in "${debs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

npm_ci() { # dir
  local dir="$1" stamp="$1/node_modules/.lock-stamp"
  local sum; sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" > "$stamp"
  fi
}
# The npm packages install while cargo builds the tools below (the one is the network, the other
# the CPU); the build tools, and in test mode the e2e packages too.
npm_all() {
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  npm_ci "$ROOT"
  if [ "$MODE" = test ]; then npm_ci "$ROOT/tests/e2e"; fi
}
step "setup: npm build tools (binaryen wasm-opt 132, esbuild, Workbox)$([ "$MODE" = test ] && echo "; test packages: Playwright, axe-core, no browser download"), in the background"
npm_all &
NPM_PID=$!

# The splitter and wasm-bindgen of scripts/build-wasm.sh, as one binary over the libraries behind
# the registry's `wasm-split-cli` (wasm_split_cli_support 0.2.4) and `wasm-bindgen` (its
# cli-support at the Cargo.lock version): tools/wasm-tools. A no-op when it is built already.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
step "setup: wasm build tools (tools/wasm-tools: wasm-split, wasm-bindgen $WB_VERSION)"
grep -q "^wasm-bindgen-cli-support = \"=$WB_VERSION\"" tools/wasm-tools/Cargo.toml ||
  { echo "setup: tools/wasm-tools pins another wasm-bindgen than Cargo.lock's $WB_VERSION" >&2; exit 1; }
cargo build --profile tools --locked --quiet --manifest-path tools/wasm-tools/Cargo.toml

# The in-browser tests' runner (wasm-bindgen-test-runner) comes only with the CLI, and only the
# tests need it.
if [ "$MODE" = test ]; then
  step "setup: wasm-bindgen-cli $WB_VERSION (= Cargo.lock; its test runner)"
  if ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $WB_VERSION"; then
    # Not --locked: its lockfile pins a webpki-roots the registry lacks; the CLI version is exact anyway.
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
  fi
fi

step "setup: npm packages: waiting for them"
wait "$NPM_PID" || { echo "setup: npm ci failed" >&2; exit 1; }
wasm-opt --version | grep -q 'version 132' || { echo "wasm-opt 132 not first on PATH"; exit 1; }
echo "setup: done ($MODE)"
