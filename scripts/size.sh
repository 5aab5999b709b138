#!/usr/bin/env bash
# Prints what a first visit downloads from dist/ (the app shell: html, wasm, js, css,
# manifest, icon), raw / gzip -9 / brotli -q 11, and the total against the 250 KB budget.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/dist"
printf '%-44s %10s %10s %10s\n' asset raw gzip brotli
tr=0; tg=0; tb=0
for f in index.html *.wasm *.js *.css manifest.webmanifest icons/icon.svg; do
  [ -f "$f" ] || continue
  r=$(stat -c %s "$f"); g=$(gzip -9c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
  tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
  printf '%-44s %10d %10d %10d\n' "$f" "$r" "$g" "$b"
done
printf '%-44s %10d %10d %10d\n' TOTAL "$tr" "$tg" "$tb"
budget=$((250 * 1000))
if [ "$tb" -le "$budget" ]; then verdict="within"; else verdict="OVER"; fi
echo "first-visit brotli: $tb B ($verdict the 250 KB budget)"
