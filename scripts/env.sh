# Shared environment for every script. Build caches live outside the clone so a fresh
# clone does not rebuild from zero.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/enforcement-kiosk/target}"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
SERVER_BIN="$CARGO_TARGET_DIR/release/kiosk-server"
export SERVER_BIN
step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
