#!/usr/bin/env bash
# dev-site.sh DIR WASM_BUILD: a quick bundle for trying widgets: copies web/ and the wasm
# module built in WASM_BUILD (default build/wasm) into DIR with the single-widget page
# (DIR/embed.html?widget=NAME&...). Does not build the lessons.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:?usage: scripts/dev-site.sh DIR [WASM_BUILD]}
WASM=${2:-$ROOT/build/wasm}
mkdir -p "$OUT"
cp "$ROOT"/web/*.js "$ROOT"/web/*.css "$ROOT"/web/favicon.svg "$OUT"/
cp "$WASM"/downhill*.js "$WASM"/downhill*.wasm "$OUT"/
node "$ROOT/scripts/inline_wasm.js" "$OUT" "$WASM"/downhill*.wasm
tags=$(for f in "$ROOT"/web/widget-*.js; do printf '<script src="%s"></script>\n' "$(basename "$f")"; done)
awk -v tags="$tags" '/<!-- widget scripts/ { printf "%s\n", tags; next } { print }' "$ROOT/web/embed.html" > "$OUT/embed.html"
