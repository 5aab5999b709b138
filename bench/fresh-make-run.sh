#!/usr/bin/env bash
# Issue 14 item 4: how long `make run` takes on a fresh machine. A clean clone of this
# repository's HEAD, an empty CARGO_HOME, target folder and npm cache, and a PATH with only
# rustup's proxies (cargo, rustc, ...) and the system: none of the tools a previous build
# installed. Prints the seconds until the started server answers `/`, then stops it.
# Everything lives under one scratch folder, removed at the start of the next run.
#
#   bash bench/fresh-make-run.sh [SCRATCH]   (default /tmp/ek-fresh; port 18080)
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
S="${1:-/tmp/ek-fresh}"
rm -rf "$S" && mkdir -p "$S/cargo" "$S/npm" "$S/bin"
for t in cargo cargo-clippy cargo-fmt clippy-driver rustc rustdoc rustfmt rustup; do
  [ -e "$HOME/.cargo/bin/$t" ] && ln -s "$HOME/.cargo/bin/$t" "$S/bin/$t"
done
git clone -q "$SRC" "$S/clone"
cd "$S/clone"
export CARGO_HOME="$S/cargo" CARGO_TARGET_DIR="$S/target" npm_config_cache="$S/npm"
export PATH="$S/bin:/usr/local/bin:/usr/bin:/bin" PORT=18080 DATA_DIR="$S/data"
start=$(date +%s)
make run > "$S/make-run.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do
  kill -0 "$pid" 2>/dev/null || { echo "make run exited early: see $S/make-run.log"; exit 1; }
  sleep 2
done
echo "make run on a fresh machine: serving after $(( $(date +%s) - start )) s ($(git log --oneline -1 | cut -c1-7))"
grep -E 'Finished|==>' "$S/make-run.log" | sed 's/\x1b\[[0-9;]*m//g'
kill "$pid" 2>/dev/null || true
pkill -f "$S/target/release/kiosk-server" 2>/dev/null || true
