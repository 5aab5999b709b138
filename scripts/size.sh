#!/usr/bin/env bash
# Prints the sizes of what the build wrote to dist/ (raw / gzip -9 / brotli -q 11): every wasm
# module and JS/CSS file, then what a first visit downloads (wasm + js + css, brotli, as the
# server sends them precompressed): of `/` (the shell: main module, its JS, the split loader,
# the CSS) against the 150 KB budget, and of an entry's deep link `/lenient/item/<id>` (the
# shell plus the lenient chunk and the shared chunks it depends on) against 200 KB. Which chunks
# a feature needs is read from the split loader (__wasm_split-<hash>.js), which lists them.
#   scripts/size.sh [DIST]
set -euo pipefail
source "$(dirname "$0")/env.sh"
DIST="${1:-$ROOT/dist}"
cd "$DIST"
sizes() { printf '%d %d %d\n' "$(stat -c %s "$1")" "$(gzip -9c "$1" | wc -c)" "$(brotli -q 11 -c "$1" | wc -c)"; }
printf '%-62s %10s %10s %10s\n' asset raw gzip brotli
for f in index.html *.wasm *.js *.css manifest.webmanifest icons/icon.svg; do
  [ -f "$f" ] || continue
  read -r r g b < <(sizes "$f")
  printf '%-62s %10d %10d %10d\n' "$f" "$r" "$g" "$b"
done

main_js="$(grep -o 'enforcement-kiosk-[0-9a-f]*\.js' index.html | head -1)"
main_wasm="$(grep -o 'enforcement-kiosk-[0-9a-f]*_bg\.wasm' index.html | head -1)"
css="$(grep -o 'main-[0-9a-f]*\.css' index.html | head -1)"
link="$(ls __wasm_split-*.js 2>/dev/null | head -1 || true)"
# The split loader: `export const __wasm_split_load_<name> = ...makeLoad(<fetch "./file">, [deps])`
# and `const __chunk_N = makeLoad(<fetch "./file">, [])`.
feature_files() { # split name (lenient_entry, certs_page, ...) -> the .wasm files its first use fetches
  [ -n "$link" ] || return 0
  node -e '
    const src = require("fs").readFileSync(process.argv[1], "utf8");
    const files = {}; const re = /(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n\}\n, \[([^\]]*)\]/g;
    let m; const deps = {};
    while ((m = re.exec(src))) { files[m[1]] = m[2]; deps[m[1]] = m[3].split(",").map((s) => s.trim()).filter(Boolean); }
    const key = Object.keys(files).find((k) => new RegExp(`^__wasm_split_load_${process.argv[2]}(_[0-9a-f]+)?$`).test(k));
    if (!key) process.exit(0);
    console.log([files[key], ...deps[key].map((d) => files[d])].join("\n"));
  ' "$link" "$1"
}
total() { # files... -> "raw gzip brotli"
  local tr=0 tg=0 tb=0 r g b
  for f in "$@"; do read -r r g b < <(sizes "$f"); tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b)); done
  echo "$tr $tg $tb"
}
shell=("$main_wasm" "$main_js" "$css"); [ -n "$link" ] && shell+=("$link")
read -r sr sg sb < <(total "${shell[@]}")
# A feature's own stylesheet (style/<feature>.css) comes with its chunk.
feature_css() { ls "$1"-[0-9a-f]*.css 2>/dev/null | head -1; }
mapfile -t lenient < <(feature_files lenient_entry; feature_css lenient)
read -r lr lg lb < <(total "${shell[@]}" "${lenient[@]}")
echo
printf '%-62s %10d %10d %10d\n' "first visit of / (wasm+js+css: ${#shell[@]} files)" "$sr" "$sg" "$sb"
printf '%-62s %10d %10d %10d\n' "first visit of /lenient/item/<id> ($(( ${#shell[@]} + ${#lenient[@]} )) files)" "$lr" "$lg" "$lb"
# The shell's deferred half (src/ui/shell/deferred.rs: background tasks, later screens) comes
# 1 s after the first screen: not part of what the first screen waits for, but every visit
# downloads it, so it is printed, and the two first visits with it.
mapfile -t deferred < <(feature_files shell_deferred)
if [ "${#deferred[@]}" -gt 0 ]; then
  read -r dr dg db < <(total "${deferred[@]}")
  printf '%-62s %10d %10d %10d\n' "  + the shell's deferred half, 1 s later (${#deferred[@]} files)" "$dr" "$dg" "$db"
  read -r r g b < <(total "${shell[@]}" "${deferred[@]}")
  printf '%-62s %10d %10d %10d\n' "first visit of / with the deferred half" "$r" "$g" "$b"
  mapfile -t both < <(printf '%s\n' "${lenient[@]}" "${deferred[@]}" | sort -u)
  read -r r g b < <(total "${shell[@]}" "${both[@]}")
  printf '%-62s %10d %10d %10d\n' "first visit of /lenient/item/<id> with the deferred half" "$r" "$g" "$b"
fi
for split in lenient_page:lenient certs_page:certs reviews_page:reviews admin_page:admin; do
  mapfile -t ff < <(feature_files "${split%%:*}"; feature_css "${split#*:}")
  [ "${#ff[@]}" -gt 0 ] || continue
  read -r fr fg fb < <(total "${ff[@]}")
  printf '%-62s %10d %10d %10d\n' "  + first use of /${split#*:} (${#ff[@]} files)" "$fr" "$fg" "$fb"
done
verdict() { if [ "$1" -le "$2" ]; then echo within; else echo OVER; fi; }
echo "first-visit brotli: $sb B ($(verdict "$sb" 150000) the 150 KB budget)"
echo "entry deep-link brotli: $lb B ($(verdict "$lb" 200000) the 200 KB budget)"
