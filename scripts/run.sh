#!/usr/bin/env bash
# Install what is missing, build, and start the reference server with the seeded database,
# serving the built app at http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" run
"$ROOT/scripts/build.sh"
export PORT="${PORT:-8080}"
export DATA_DIR="${DATA_DIR:-$HOME/.local/share/enforcement-kiosk}"
export DIST_DIR="$ROOT/dist"
mkdir -p "$DATA_DIR"
step "run: http://127.0.0.1:$PORT/  (data: $DATA_DIR; Ctrl+C stops)"
exec "$SERVER_BIN" serve
