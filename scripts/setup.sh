#!/usr/bin/env bash
# Installs whatever is missing; idempotent (a second run takes seconds). Everything comes from
# the package registries (crates.io, npm, Debian): trunk never downloads tools itself.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step "setup: Rust wasm target"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "setup: Debian packages (chromium, chromium-driver, fonts-noto-cjk, brotli)"
missing=()
for p in chromium chromium-driver fonts-noto-cjk brotli; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

step "setup: trunk 0.21.14 (0.22 needs a newer rustc)"
if ! trunk --version 2>/dev/null | grep -q '0.21.14'; then
  cargo install trunk --version 0.21.14 --locked
fi

WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
step "setup: wasm-bindgen-cli $WB_VERSION (= Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION"; then
  # Not --locked: its lockfile pins a webpki-roots the registry lacks; the CLI version is exact anyway.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

npm_ci() { # dir
  local dir="$1" stamp="$1/node_modules/.lock-stamp"
  local sum; sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" > "$stamp"
  fi
}
step "setup: npm packages (binaryen wasm-opt 132, Playwright, axe-core; no browser download)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm_ci "$ROOT"
npm_ci "$ROOT/tests/e2e"
wasm-opt --version | grep -q 'version 132' || { echo "wasm-opt 132 not first on PATH"; exit 1; }
echo "setup: done"
