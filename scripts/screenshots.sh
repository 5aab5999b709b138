#!/usr/bin/env bash
# `make screenshots`: PNGs of every screen × form factor × mode into $SHOTS_DIR (default
# /tmp/ek-screenshots, outside git). Builds the release app and server first when missing or
# older than the sources; starts its own server like the e2e global setup does.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
export SHOTS_DIR="${SHOTS_DIR:-/tmp/ek-screenshots}"

stale=0
if [ ! -f dist/index.html ] || [ ! -x "$SERVER_BIN" ]; then
  stale=1
elif [ -n "$(find src style index.html server/src -newer dist/index.html -type f -print -quit)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  step "screenshots: building (dist/ missing or older than the sources)"
  bash scripts/build.sh
fi
[ -d tests/e2e/node_modules ] || (cd tests/e2e && npm ci --no-audit --no-fund)

step "screenshots: into $SHOTS_DIR"
cd tests/e2e && node screenshots.js
