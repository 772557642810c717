#!/usr/bin/env bash
# build.sh: builds Downhill from scratch or incrementally (installs what is missing first).
#
#   scripts/build.sh            deps + native core/tests + wasm module + course pages
#
# DOWNHILL_BASE_URL=https://example.org/downhill/ scripts/build.sh: the address the site
# will be published at, for the oEmbed files (other sites need absolute addresses); without
# it they hold relative ones.
#
# Output: build/native (core, core_tests, core_bench), build/wasm/downhill.js,
# build/site (the static course bundle: open build/site/index.html or serve it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs   # Emscripten's JS optimizer needs Debian's acorn
bash scripts/deps.sh
log() { printf '[build] %s\n' "$*"; }
JOBS=$(nproc)

log "native core and tests"
[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
cmake --build build/native -j"$JOBS" 2>&1 | grep -E 'error|warning' || true
[ "${PIPESTATUS[0]}" = 0 ] || { cmake --build build/native -j1; exit 1; }

log "wasm module"
[ -f build/wasm/CMakeCache.txt ] || emcmake cmake --preset wasm >/dev/null
cmake --build build/wasm -j"$JOBS" 2>&1 | grep -E 'error' || true
[ "${PIPESTATUS[0]}" = 0 ] || { cmake --build build/wasm -j1; exit 1; }

log "course pages"
BASE_URL_ARGS=()
[ -z "${DOWNHILL_BASE_URL:-}" ] || BASE_URL_ARGS=(--base-url "$DOWNHILL_BASE_URL")
NODE_PATH="$ROOT/scripts/node_modules" node scripts/build_site.js --out build/site "${BASE_URL_ARGS[@]}"
cp web/favicon.svg web/*.js web/*.css build/site/
# The canvases' typeface's licence (DejaVu Sans, Bitstream Vera terms), from Debian.
cp /usr/share/doc/fonts-dejavu-core/copyright build/site/font-licence.txt
# The page scripts and style sheets ship minified (their sources in web/ stay readable).
(cd build/site && node "$ROOT/scripts/minify.js" $(cd "$ROOT/web" && ls *.js *.css))
# The single-widget page loads the one widget script it shows when it mounts (web/widgets.js);
# scorm.html is the SCORM package's launch page.
cp web/embed.html web/scorm.html build/site/
rm -f build/site/downhill-*.js build/site/downhill-*.wasm  # the per-widget modules of older builds
cp build/wasm/downhill.js build/wasm/downhill.wasm build/site/
node scripts/inline_wasm.js build/site build/wasm/downhill.wasm
node scripts/finish_site.js build/site "${BASE_URL_ARGS[@]}"
log "SCORM package"
node scripts/package_scorm.js --site build/site --out build/downhill-scorm.zip
log "done: build/site"
