#!/usr/bin/env bash
# The wasm app, split by feature (issue 14): what trunk did, plus wasm-split, which trunk cannot
# run (trunk-rs/trunk#1022: its hooks run too early or too late; the split has to happen between
# cargo and wasm-bindgen).
#
#   cargo rustc --release --bin enforcement-kiosk (the final link with --emit-relocs)
#   -> ek-wasm-tools split (tools/wasm-tools, over wasm_split_cli_support 0.2.4, the library of
#      the registry's wasm-split-cli): the main module, one chunk per `#[lazy]` function (one
#      per feature: src/ui/features/*/routes.rs) and chunks of the code several of them share,
#      plus __wasm_split.js, which fetches a chunk on first use
#   -> ek-wasm-tools bindgen (wasm-bindgen-cli-support at the Cargo.lock version; what
#      `wasm-bindgen --target web --keep-lld-exports --no-demangle` does) on the main module
#      (the chunks import the main module's memory, table and the functions they call by those
#      exports)
#   -> wasm-opt -Oz on every .wasm (node_modules' binaryen 132; Debian's 108 breaks the app)
#   -> content-hashed names, index.html with the inline loader (the server hashes it into its
#      CSP), style/main.css, each feature's style/<feature>.css (named in the loader's
#      `__ekBoot.styles`, fetched with the feature's chunk) and the public/ files trunk copied
#   -> esbuild --minify on the JS glue, the CSS and sw-register.js
#
# Usage: build-wasm.sh [--dist DIR] [--features LIST] [--dev]
#   --dev: debug profile, no wasm-opt and no minifying (the fast loop: build-wasm.sh --dev, then
#   reload; the reference server re-reads index.html for its CSP when a build replaces it).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

DIST="$ROOT/dist"
FEATURES=""
PROFILE=release
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST="$2"; shift 2 ;;
    --features) FEATURES="$2"; shift 2 ;;
    --dev) PROFILE=dev; shift ;;
    *) echo "build-wasm: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$DIST" in /*) ;; *) DIST="$ROOT/$DIST" ;; esac

BIN=enforcement-kiosk
need() { command -v "$1" >/dev/null || { echo "build-wasm: $1 not found (run scripts/setup.sh run)" >&2; exit 1; }; }
need brotli
TOOLS="$CARGO_TARGET_DIR/tools/ek-wasm-tools"
[ -x "$TOOLS" ] || { echo "build-wasm: $TOOLS not built (run scripts/setup.sh run)" >&2; exit 1; }
WB_LOCK="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
"$TOOLS" version | grep -q " $WB_LOCK" ||
  { echo "build-wasm: $("$TOOLS" version) is not the Cargo.lock version $WB_LOCK" >&2; exit 1; }

# 1. cargo: only the final link gets --emit-relocs (the splitter reads the relocations), so the
# dependencies stay shared with every other build in the target directory.
args=(--bin "$BIN" --target wasm32-unknown-unknown)
[ "$PROFILE" = release ] && args+=(--release)
# `split`: the feature pages become split points (Cargo.toml); this script always splits.
args+=(--features "split${FEATURES:+,$FEATURES}")
cargo rustc "${args[@]}" -- -C link-arg=--emit-relocs
outdir=release; [ "$PROFILE" = dev ] && outdir=debug
RAW="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$outdir/$BIN.wasm"

WORK="$(mktemp -d /tmp/ek-wasm.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/split" "$WORK/out"

# 2. split.
"$TOOLS" split "$RAW" "$WORK/split" "$BIN"

# A chunk that cannot be fetched is the app's to report (the split functions are `fallible`: the
# page shows the error panel with a retry), so the loader only warns instead of console.error.
if [ -f "$WORK/split/__wasm_split.js" ]; then
  grep -q 'console.error(e);' "$WORK/split/__wasm_split.js" ||
    { echo "build-wasm: the split loader changed (no console.error(e) to turn into a warning)" >&2; exit 1; }
  sed -i "s/console.error(e);/console.warn('feature chunk not loaded:', e);/" "$WORK/split/__wasm_split.js"
  # A feature's page also needs its stylesheet (style/<feature>.css): the loader of each feature's
  # chunk asks index.html's `__ekBoot.style(name)` for it as it starts fetching the chunk, and the
  # load succeeds once both came (a failed sheet fails the load: the page's error panel and
  # retry, as for the chunk). In JS, so the main module carries no code for it.
  perl -0pi -e 's/(export const __wasm_split_load_(lenient|certs|reviews)_(?:page|entry) = wrapAsyncCb\(makeLoad\(\(\) => \{\n\s*const src = [^\n]*\n\s*src\.catch\(\(\) => \{\}\);\n)(\s*)return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/$1$3const css = globalThis.__ekBoot?.style?.("$2");\n$3css?.catch(() => {});\n$3return async (imports) => { const m = await WebAssembly.instantiateStreaming(src, imports); await css; return m; };/g' "$WORK/split/__wasm_split.js"
  n="$(grep -c '__ekBoot?.style?.(' "$WORK/split/__wasm_split.js" || true)"
  [ "$n" = 4 ] ||
    { echo "build-wasm: the split loader changed (expected 4 feature loaders to add the stylesheet to, found $n)" >&2; exit 1; }
fi

# 3. bindgen on the main module only.
"$TOOLS" bindgen "$WORK/split/$BIN.wasm" "$WORK/out" "$BIN"
for f in "$WORK/split"/*; do
  case "$(basename "$f")" in "$BIN.wasm") ;; *) cp -r "$f" "$WORK/out/" ;; esac
done

# EK_WASM_KEEP=DIR keeps the modules as they are before wasm-opt (with their name sections), for
# twiggy (bench/README.md).
if [ -n "${EK_WASM_KEEP:-}" ]; then mkdir -p "$EK_WASM_KEEP" && cp "$WORK/out"/*.wasm "$EK_WASM_KEEP/"; fi

# 4. wasm-opt every module. strip = "debuginfo" keeps target_features in the main module, but
# the chunks the splitter writes carry no such section, so the features are named.
# One wasm-opt per core, the largest modules first (the main module alone is a third of the work).
if [ "$PROFILE" = release ]; then
  need wasm-opt
  # shellcheck disable=SC2016 # $0 is the module, expanded by the inner shell
  ls -S "$WORK/out"/*.wasm | xargs -d '\n' -n 1 -P "$(nproc)" sh -c '
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
      --enable-mutable-globals --enable-reference-types --enable-multivalue "$0" -o "$0.opt" &&
      mv "$0.opt" "$0"' 2> >(grep -v 'unknown name subsection' >&2)
fi

# 5. content-hashed names. Chunks first (the link module names them), then the two JS modules,
# which import each other (main -> __wasm_split.js for the loaders, __wasm_split.js -> main for
# initSync): they share one hash over both contents and the main wasm.
h16() { sha256sum "$@" | sha256sum | cut -c1-16; }
cd "$WORK/out"
LINK=__wasm_split.js
for f in *.wasm; do
  [ "$f" = "${BIN}_bg.wasm" ] && continue
  stem="${f%.wasm}"; h="$(h16 "$f")"
  mv "$f" "$stem-$h.wasm"
  [ -f "$LINK" ] && sed -i "s#\"./$f\"#\"./$stem-$h.wasm\"#g" "$LINK"
done
MAIN_WASM="$BIN-$(h16 "${BIN}_bg.wasm")_bg.wasm"
mv "${BIN}_bg.wasm" "$MAIN_WASM"
H="$(h16 "$BIN.js" $( [ -f "$LINK" ] && echo "$LINK") "$MAIN_WASM")"
MAIN_JS="$BIN-$H.js"
if [ -f "$LINK" ]; then
  LINK_JS="__wasm_split-$H.js"
  sed -i "s#\"./$BIN.js\"#\"./$MAIN_JS\"#g" "$LINK"
  # Only the import statement: the imports object keeps the module name the wasm imports from.
  sed -i "/^import /s#\(['\"]\)\./$LINK\1#\1./$LINK_JS\1#" "$BIN.js"
  mv "$LINK" "$LINK_JS"
fi
mv "$BIN.js" "$MAIN_JS"
if grep -q "__wbindgen_placeholder__\|__wasm_split_placeholder__" ./*.js; then
  echo "build-wasm: a JS module still imports a placeholder module (leptos#4245)" >&2; exit 1
fi
CSS="main-$(h16 "$ROOT/style/main.css").css"
cp "$ROOT/style/main.css" "$CSS"
# Each feature's own rules (style/<feature>.css): fetched with the feature's chunk (step 2), not
# by the first screen; the loader's `__ekBoot.style(name)` adds one on first use.
FEATURE_CSS=()
styles=""
for name in lenient certs reviews; do
  f="$name-$(h16 "$ROOT/style/$name.css").css"
  cp "$ROOT/style/$name.css" "$f"
  FEATURE_CSS+=("$f")
  styles="$styles${styles:+, }$name: '/$f'"
done
# 5b. minify the JS glue and the CSS (esbuild from node_modules; no renaming of exports or
# properties, so the wasm imports, the chunks' imports of the main module and window.wasmBindings
# keep their names). The names above hash the sources, which fixes the minified output too.
# The glue went from 63,113 to 29,204 B raw (bench/README.md). The split loader stays as the
# splitter wrote it (380 B brotli more): scripts/size.sh reads which chunks each feature
# fetches from its text.
if [ "$PROFILE" = release ]; then
  need esbuild
  for f in "$MAIN_JS" "$CSS" "${FEATURE_CSS[@]}"; do
    # --log-level=error: the glue's imports object names the loader module once per import
    # (wasm-bindgen's duplicate keys, all the same namespace), which esbuild warns about.
    esbuild --minify --log-level=error "$f" --outfile="$f" --allow-overwrite
  done
fi
cd "$ROOT"

# 6. dist/: the public files, the build's files and index.html with the loader.
rm -rf "$DIST"
mkdir -p "$DIST"
cp -r public/icons "$DIST/"
# public/demo is written by build.sh (the server's export-demo) before this runs.
if [ -d public/demo ]; then cp -r public/demo "$DIST/"; else echo "build-wasm: no public/demo (build.sh writes it): the offline demo is left out" >&2; fi
cp public/config.json public/manifest.webmanifest public/sw-register.js "$DIST/"
if [ "$PROFILE" = release ]; then
  esbuild --minify --log-level=error public/sw-register.js --outfile="$DIST/sw-register.js" --allow-overwrite
else
  # The dev loop has no precache (scripts/build.sh runs Workbox): a worker that removes itself
  # and its caches, so a browser that installed a release build's worker on this origin shows
  # the new build at the next reload instead of the old precached one.
  cat > "$DIST/sw.js" <<'SW'
// Written by scripts/build-wasm.sh --dev: removes the service worker and its caches.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(
  caches.keys().then((ks) => Promise.all(ks.map((k) => caches.delete(k))))
    .then(() => self.registration.unregister())
    .then(() => self.clients.matchAll({ type: 'window' }))
    .then((cs) => cs.forEach((c) => c.navigate(c.url)))));
SW
fi
cp -r "$WORK/out"/. "$DIST/"
# The loader: the same globals trunk's gave (window.wasmBindings, TrunkApplicationStarted), which
# the heap probes of the tests and the soak benchmark read.
loader="import init, * as bindings from '/$MAIN_JS';
const boot = window.__ekBoot;
const wasm = await init({ module_or_path: boot ? await boot.wasm.catch(() => '/$MAIN_WASM') : '/$MAIN_WASM' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));"
# Everything the first screen waits for starts while the HTML is parsed. A module script runs
# only once the document is parsed and its stylesheet loaded, so a classic script ahead of the
# stylesheet (a script after it would wait for the CSS) starts compiling the main module as its
# bytes arrive and fetches config.json, which the app reads before it mounts
# (`ui::start` takes `__ekBoot.config`). The loader falls back to a plain fetch of the module
# when streaming compilation is refused (a server without `application/wasm`). The split loader
# is preloaded: the main JS imports it and would find it only once parsed. The preload links
# start both fetches before the parser reaches the script (the script's fetches take them).
boot="window.__ekBoot = { wasm: WebAssembly.compileStreaming(fetch('/$MAIN_WASM')), config: fetch('/config.json').then((r) => (r.ok ? r.text() : null), () => null), styles: { $styles }, css: {} };
window.__ekBoot.style = (n) => { const b = window.__ekBoot; if (!b.styles[n]) return Promise.resolve(); return b.css[n] || (b.css[n] = new Promise((ok, no) => { const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = b.styles[n]; l.onload = ok; l.onerror = () => { l.remove(); delete b.css[n]; no(new Error('stylesheet ' + n)); }; document.head.append(l); })); };
window.__ekBoot.wasm.catch(() => {});"
link_preload=""
[ -n "${LINK_JS:-}" ] && link_preload="
  <link rel=\"modulepreload\" href=\"/$LINK_JS\" />"
head_tags="  <link rel=\"preload\" href=\"/$MAIN_WASM\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\" />
  <link rel=\"preload\" href=\"/config.json\" as=\"fetch\" crossorigin=\"anonymous\" />
  <script>$boot</script>
  <link rel=\"stylesheet\" href=\"/$CSS\" />
  <link rel=\"modulepreload\" href=\"/$MAIN_JS\" />$link_preload
  <script type=\"module\">$loader</script>"
awk -v tags="$head_tags" '
  /<\/head>/ { print tags }
  { print }
' index.html > "$DIST/index.html"
echo "build-wasm: $DIST ($PROFILE): $MAIN_JS, $MAIN_WASM, $(find "$DIST" -maxdepth 1 -name '*.wasm' | wc -l) wasm modules"
