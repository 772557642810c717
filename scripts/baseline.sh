#!/usr/bin/env bash
# baseline.sh: builds Dear ImGui 1.86's own Emscripten example (SDL2 + WebGL, demo window)
# into build/baseline, the size baseline the budgets are compared with. Run once.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPS="$ROOT/build/deps"; I="$DEPS/imgui"; OUT="$ROOT/build/baseline"
export NODE_PATH=/usr/share/nodejs
[ -f "$OUT/imgui_example.wasm" ] && exit 0
mkdir -p "$OUT"
em++ -O2 -DIMGUI_DISABLE_FILE_FUNCTIONS -I"$I" -I"$I/backends" -I"$DEPS/sdl2-wasm/include/SDL2" \
  "$I/examples/example_emscripten_opengl3/main.cpp" "$I"/imgui.cpp "$I"/imgui_demo.cpp "$I"/imgui_draw.cpp \
  "$I"/imgui_tables.cpp "$I"/imgui_widgets.cpp "$I/backends/imgui_impl_sdl.cpp" "$I/backends/imgui_impl_opengl3.cpp" \
  "$DEPS/sdl2-wasm/lib/libSDL2.a" -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sNO_FILESYSTEM=1 \
  -o "$OUT/imgui_example.js"
