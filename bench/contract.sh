#!/usr/bin/env bash
# Contract: schemathesis (PyPI, pinned by bench/contract/requirements.txt) against the release
# reference server's own OpenAPI document, every check on. A fresh database, a known admin
# token and very high rate limits (so 429s do not hide the handlers); loopback only, a bounded
# number of cases per operation and a hard time limit. Prints the figures (operations, test
# cases, failures by check) and records them for the bench table (bench/record.js).
#
#   bash bench/contract.sh [--examples 100] [--seed 20261122] [--port 18535] [--time-limit 420]
#     --examples N    at most N generated cases per operation and phase (schemathesis -n)
#     --seed N        hypothesis seed (fixed by default: the same cases each run); `random` for a new one
#     --port P        first port tried; the first free one in 18520-18550 is used
#     --time-limit S  schemathesis is stopped after S seconds (then the figures are marked incomplete)
#
# CONTRACT_KEEP=1 keeps the temporary directory (reports, logs, database) for a closer look.
# The venv lives outside the clone ($CONTRACT_VENV, default ~/.cache/enforcement-kiosk/venv-contract)
# and is (re)installed from PyPI only when requirements.txt or the Python version changed.
set -uo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"

EXAMPLES=100
SEED=20261122
PORT_FIRST=18535
TIME_LIMIT=420
while [ $# -gt 0 ]; do
  case "$1" in
    --examples) EXAMPLES="${2:?}"; shift ;;
    --examples=*) EXAMPLES="${1#*=}" ;;
    --seed) SEED="${2:?}"; shift ;;
    --seed=*) SEED="${1#*=}" ;;
    --port) PORT_FIRST="${2:?}"; shift ;;
    --port=*) PORT_FIRST="${1#*=}" ;;
    --time-limit) TIME_LIMIT="${2:?}"; shift ;;
    --time-limit=*) TIME_LIMIT="${1#*=}" ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "contract: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for v in "$EXAMPLES" "$PORT_FIRST" "$TIME_LIMIT"; do
  case "$v" in ''|*[!0-9]*) echo "contract: numbers expected" >&2; exit 2 ;; esac
done
[ "$SEED" = random ] && SEED="$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
case "$SEED" in ''|*[!0-9]*) echo "contract: --seed needs a number or 'random'" >&2; exit 2 ;; esac

BUDGET="0 server errors, 0 schema violations"
VENV="${CONTRACT_VENV:-$HOME/.cache/enforcement-kiosk/venv-contract}"
REQ="$ROOT/bench/contract/requirements.txt"
CONFIG="$ROOT/bench/contract/schemathesis.toml"
PYTHON="${PYTHON:-python3}"
record() { node "$ROOT/bench/record.js" "$@"; }
give_up() { echo "contract: $1" >&2; record "contract (schemathesis)" "error" "$BUDGET" null "$1"; exit 1; }

# --- the venv: idempotent, from PyPI only ----------------------------------------------------
stamp="$( { sha256sum "$REQ" | cut -d' ' -f1; "$PYTHON" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/schemathesis" ] || [ "$(cat "$VENV/.requirements-stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "contract: installing $(grep -m1 '^schemathesis==' "$REQ") and its pinned dependencies into $VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv --clear "$VENV" || give_up "python3 -m venv failed"
  # The default index only: no local wheel directories or extra indexes from the environment.
  env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_NO_INDEX PIP_FIND_LINKS= \
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$REQ" \
    || give_up "pip install -r bench/contract/requirements.txt failed"
  echo "$stamp" > "$VENV/.requirements-stamp"
fi
ST="$VENV/bin/schemathesis"
echo "contract: $("$ST" --version 2>/dev/null)"

# --- the release server on a free loopback port ----------------------------------------------
[ -x "$SERVER_BIN" ] || give_up "no server binary at $SERVER_BIN (cargo build --release -p kiosk-server)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ek-contract-XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null
  fi
  if [ -n "${CONTRACT_KEEP:-}" ]; then echo "contract: kept $WORK (reports, logs, database)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

TOKEN="contract-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
port_free() { "$PYTHON" -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.close()' "$1" 2>/dev/null; }
PORT=""
for off in $(seq 0 30); do
  p=$(( 18520 + (PORT_FIRST - 18520 + off) % 31 ))
  if port_free "$p"; then PORT=$p; break; fi
done
[ -n "$PORT" ] || give_up "no free port in 18520-18550"
mkdir -p "$WORK/data" "$WORK/report"
# Rate limits very high: the limiters are checked by the Rust tests; here they would answer
# 429 to most certificate and review look-ups and hide the handlers behind them.
PORT="$PORT" HOST=127.0.0.1 DATA_DIR="$WORK/data" DIST_DIR="${DIST_DIR:-$ROOT/dist}" ADMIN_TOKEN="$TOKEN" \
  CERT_RATE_PER_MIN=100000000 REVIEW_LOOKUP_PER_MIN=100000000 LOG_REQUESTS=0 \
  "$SERVER_BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 600); do
  curl -fsS -o /dev/null "$BASE/api/v1/health" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; give_up "the server exited at start"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$BASE/api/v1/health" || give_up "the server did not answer /api/v1/health within 60 s"
echo "contract: server $SERVER_BIN on $BASE (fresh database)"

# --- schemathesis ------------------------------------------------------------------------------
# Every check; every phase (examples, coverage, fuzzing, stateful); one worker (the machine has
# two cores and the server needs one); each operation goes on after its first failure.
cmd=("$ST" --config-file "$CONFIG" --no-color run "$BASE/api/v1/openapi.json"
  --checks all --max-examples "$EXAMPLES" --seed "$SEED" --continue-on-failure --workers 1
  --request-timeout 10 --report json,ndjson --report-dir "$WORK/report")
echo "contract: schemathesis ${cmd[*]:1} (time limit ${TIME_LIMIT} s)"
t0=$SECONDS
( cd "$WORK" && CONTRACT_ADMIN_TOKEN="$TOKEN" timeout --kill-after=10 "$TIME_LIMIT" "${cmd[@]}" ) 2>&1 | tee "$WORK/schemathesis.log"
st_rc=${PIPESTATUS[0]}
echo "contract: schemathesis exited $st_rc after $((SECONDS - t0)) s"
[ "$st_rc" -eq 124 ] && echo "contract: stopped at the ${TIME_LIMIT} s limit"

alive=1
kill -0 "$SERVER_PID" 2>/dev/null || alive=0
[ "$alive" -eq 1 ] && echo "contract: server health after the run: $(curl -fsS "$BASE/api/v1/health" 2>&1)"
if [ -s "$WORK/server.log" ]; then
  echo "contract: server log (last lines):"; tail -15 "$WORK/server.log" | sed 's/^/  /'
fi
"$PYTHON" "$ROOT/bench/contract/summary.py" "$WORK/report" "$WORK/rows.tsv" || give_up "could not read the schemathesis reports"
while IFS=$'\t' read -r metric value budget met note; do
  [ "$alive" -eq 0 ] && { met=false; note="the server died during the run; $note"; }
  record "$metric" "$value" "$budget" "$met" "$note"
done < "$WORK/rows.tsv"
[ "$alive" -eq 1 ] || { echo "contract: the server died during the run" >&2; exit 1; }
# schemathesis exits 1 when a check failed: that is a figure, not a broken part.
case "$st_rc" in 0|1) exit 0 ;; *) exit 1 ;; esac
