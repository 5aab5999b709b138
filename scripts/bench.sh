#!/usr/bin/env bash
# Performance figures against the budgets of the design (see bench/README.md). Prints every
# figure as it goes and ONE table at the end (metric, value, budget, met?). Loopback only;
# every part is bounded in time and stops by itself. Figures, not pass/fail: the exit status is
# non-zero only when a part could not run at all.
#
#   scripts/bench.sh [--quick] [--sessions N] [--only sizes,cold,search,soak,load,durability,replicas,contract] [--build]
#     --quick       soak of 100 sessions instead of 1 000
#     --sessions N  soak of N sessions
#     --only LIST   run only these parts (comma-separated)
#     --build       rebuild (scripts/build.sh) even when dist/ and the server binary exist
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

SESSIONS=1000
ONLY="sizes,cold,search,soak,load,durability,replicas,contract"
FORCE_BUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SESSIONS=100 ;;
    --sessions) SESSIONS="${2:?--sessions needs a number}"; shift ;;
    --sessions=*) SESSIONS="${1#*=}" ;;
    --only) ONLY="${2:?--only needs a list}"; shift ;;
    --only=*) ONLY="${1#*=}" ;;
    --build) FORCE_BUILD=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
case "$SESSIONS" in ''|*[!0-9]*) echo "bench: --sessions needs a number" >&2; exit 2 ;; esac
wants() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

T0=$SECONDS
BENCH_RESULTS="$(mktemp "${TMPDIR:-/tmp}/ek-bench-results-XXXXXX")"
export BENCH_RESULTS SERVER_BIN
export DIST_DIR="$ROOT/dist"
trap 'rm -f "$BENCH_RESULTS"' EXIT
failed_parts=()
record() { node "$ROOT/bench/record.js" "$@"; }
# part NAME SECONDS COMMAND...: runs a part with a hard time limit.
part() {
  local name="$1" limit="$2"; shift 2
  local t=$SECONDS
  timeout --kill-after=30 "$limit" "$@"
  local rc=$?
  if [ $rc -ne 0 ]; then
    failed_parts+=("$name (exit $rc)")
    [ $rc -eq 124 ] && echo "bench: $name stopped at its ${limit} s limit"
  fi
  echo "bench: $name took $((SECONDS - t)) s"
  return 0
}

step "bench: prerequisites"
# Only what the benchmarks use; scripts/setup.sh installs it when something is missing. The
# server-only parts need neither Chromium nor dist/ (the contract part installs its own Python
# venv: bench/contract.sh).
browser=0
for p in sizes cold search soak; do wants "$p" && browser=1; done
if [ "$browser" -eq 1 ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v brotli >/dev/null 2>&1 \
  || [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; }; then
  "$ROOT/scripts/setup.sh" || { echo "bench: scripts/setup.sh failed"; exit 1; }
fi
bench_debs=()
{ wants load || wants replicas; } && ! command -v wrk >/dev/null 2>&1 && bench_debs+=(wrk)
# The replicas part: nginx in front of two servers, PostgreSQL behind them (bench only).
wants replicas && ! command -v nginx >/dev/null 2>&1 && bench_debs+=(nginx)
wants replicas && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && bench_debs+=(postgresql)
if [ ${#bench_debs[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${bench_debs[@]}"
  # The package's own nginx is not wanted running: the bench starts its own on a loopback port.
  { command -v systemctl >/dev/null 2>&1 && $SUDO systemctl stop nginx 2>/dev/null; } || true
  [ -f /run/nginx.pid ] && $SUDO kill "$(cat /run/nginx.pid)" 2>/dev/null || true
fi
if [ "$FORCE_BUILD" -eq 1 ] || { [ "$browser" -eq 1 ] && { [ ! -f "$ROOT/dist/index.html" ] \
  || { wants soak && [ ! -f "$ROOT/dist-instrumented/index.html" ]; }; }; }; then
  EK_INSTRUMENTED=1 "$ROOT/scripts/build.sh" || { echo "bench: build failed"; exit 1; }
elif [ ! -x "$SERVER_BIN" ]; then
  cargo build --release -p kiosk-server || { echo "bench: server build failed"; exit 1; }
fi
echo "server: $SERVER_BIN"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(chromium --version 2>/dev/null | head -1)"

if wants sizes; then
  step "bench 1/8: first-visit sizes (dist/, raw / gzip -9 / brotli -q 11)"
  out="$(bash "$ROOT/scripts/size.sh")"
  echo "$out"
  first_br="$(echo "$out" | awk '/^first-visit brotli:/ { print $3 }')"
  entry_br="$(echo "$out" | awk '/^entry deep-link brotli:/ { print $4 }')"
  if [ -n "$first_br" ] && [ -n "$entry_br" ]; then
    kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }
    record "first visit of / (wasm+js+css), brotli" "$(kb "$first_br") KB" "<= 150 KB" \
      "$([ "$first_br" -le 150000 ] && echo true || echo false)"
    record "first visit of /lenient/item/<id> (wasm+js+css), brotli" "$(kb "$entry_br") KB" "<= 200 KB" \
      "$([ "$entry_br" -le 200000 ] && echo true || echo false)"
  else
    failed_parts+=("sizes"); record "first-visit download, brotli" "error" "<= 150 KB" null "size.sh printed no total"
  fi
fi

if wants cold; then
  step "bench 2/8: cold start (Chromium, CPU x4, fresh context, median of 10) vs a static home page"
  part "cold start" 900 node "$ROOT/bench/coldstart.js" --runs 10
fi

if wants search; then
  step "bench 3/8: search as you type (native criterion, then the browser over 10 000 entries)"
  crit_log="$(mktemp)"
  timeout --kill-after=30 1800 cargo bench --no-default-features --bench search -- --quick 2>&1 | tee "$crit_log" \
    | grep -E 'time:|^(search|index)|Finished|^error' | grep -v '^Benchmarking' || true
  # "name  time: [lo mid hi]" (or the name on the line before): the slowest search's median.
  slow="$(awk '
    /time:/ {
      name = $0; sub(/ *time:.*/, "", name); gsub(/^ +| +$/, "", name)
      if (name == "") name = prev
      match($0, /\[[^]]*\]/); split(substr($0, RSTART + 1, RLENGTH - 2), t, " ")
      v = t[3]; u = t[4]; us = (u == "ns") ? v / 1000 : (u == "ms") ? v * 1000 : (u == "s") ? v * 1e6 : v
      if (name ~ /^search/ && us > max) { max = us; worst = name }
    }
    { if ($0 !~ /^ *$/) prev = $0; gsub(/^ +| +$/, "", prev) }
    END { if (worst != "") printf "%.1f µs (%s)\n", max, worst }' "$crit_log")"
  build_ms="$(awk '/^index build.*time:/ { match($0, /\[[^]]*\]/); split(substr($0, RSTART + 1, RLENGTH - 2), t, " "); print t[3] " " t[4] }' "$crit_log")"
  if [ -n "$slow" ]; then
    record "native search, slowest query over 10k (criterion median)" "$slow" "(info)" null
    [ -n "$build_ms" ] && record "native search index build, 10k entries (criterion median)" "$build_ms" "(info)" null
  else
    failed_parts+=("criterion bench"); record "native search (criterion)" "error" "(info)" null "see the cargo bench output"
  fi
  rm -f "$crit_log"
  part "search in the browser" 1200 node "$ROOT/bench/search.js" --entries 10000
fi

if wants soak; then
  step "bench 4/8: soak, $SESSIONS kiosk sessions on one page"
  max_min=$(( SESSIONS / 8 + 10 ))
  part "soak" $(( (max_min + 12) * 60 )) node "$ROOT/bench/soak.js" --sessions "$SESSIONS" --max-minutes "$max_min"
fi

if wants load; then
  step "bench 5/8: server load (wrk, 10 s per scenario)"
  part "server load" 600 node "$ROOT/bench/load.js" --duration 10
fi

if wants durability; then
  step "bench 6/8: durability (review POSTs streamed, kill -9 mid-stream, restart, every 2xx present once)"
  part "durability" 300 node "$ROOT/bench/durability.js" --rounds 2
fi

if wants replicas; then
  step "bench 7/8: replicas (SQLite vs 1 PostgreSQL replica vs 2 behind nginx; durability with kill -9 of one)"
  part "replicas" 900 node "$ROOT/bench/replicas.js" --duration 10
fi

if wants contract; then
  step "bench 8/8: API contract (schemathesis, every check, against the server's own OpenAPI document)"
  part "contract" 600 bash "$ROOT/bench/contract.sh"
fi

step "bench: results ($(( (SECONDS - T0) / 60 )) min $(( (SECONDS - T0) % 60 )) s)"
node "$ROOT/bench/table.js" "$BENCH_RESULTS"
if [ ${#failed_parts[@]} -gt 0 ]; then
  echo "bench: parts that did not finish cleanly: ${failed_parts[*]}"
  exit 1
fi
