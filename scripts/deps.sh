#!/usr/bin/env bash
# deps.sh: installs and builds everything Downhill needs, once; a second run reuses it.
#
#   scripts/deps.sh            system packages, npm tools, SDL2 + Dear ImGui for wasm
#
# What it does, in order (each step is skipped when its result is already there):
#   [1] Debian packages: cmake, g++, GoogleTest, Emscripten, Chromium, Python 3 (runs the
#       lessons' Python examples in a test), and the canvases' typeface (fonts-dejavu-core)
#       with the tool that subsets it (python3-fonttools)
#   [2] npm dev tools, pinned by scripts/package-lock.json, into scripts/node_modules
#   [3] Dear ImGui 1.86 and SDL2 2.26.5 sources from Debian's source packages (sha256-checked)
#   [4] libSDL2.a for wasm, with only the video and events subsystems, into build/deps
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPS="$ROOT/build/deps"
mkdir -p "$DEPS"
log() { printf '[deps] %s\n' "$*"; }
export NODE_PATH=/usr/share/nodejs

# ---- [1] Debian packages ---------------------------------------------------------
need_pkgs=()
for p in cmake g++ make libgtest-dev emscripten chromium xz-utils ca-certificates python3 fonts-dejavu-core python3-fonttools; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing Debian packages: ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# ---- [2] npm dev tools -----------------------------------------------------------
if [ ! -f "$ROOT/scripts/node_modules/.package-lock.json" ] || \
   [ "$ROOT/scripts/package-lock.json" -nt "$ROOT/scripts/node_modules/.package-lock.json" ]; then
  log "installing npm tools (scripts/package-lock.json)"
  (cd "$ROOT/scripts" && npm ci --no-audit --no-fund --loglevel=error)
fi

# ---- [3] third-party sources -----------------------------------------------------
IMGUI_TAR=imgui_1.86+ds.orig.tar.xz
IMGUI_SHA=0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64
SDL_TAR=libsdl2_2.26.5+dfsg.orig.tar.gz
SDL_SHA=b3f2c822151804125d08db94c65852f711c2e5df2145a59da120748dc32eb9c3

fetch_sources() {
  local A="$DEPS/apt"
  mkdir -p "$A/lists/partial" "$A/parts"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$A/parts/src.sources"
  local O=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$A/parts"
           -o "Dir::State::Lists=$A/lists" -o Debug::NoLocking=1)
  apt-get "${O[@]}" update -qq
  (cd "$DEPS" && apt-get "${O[@]}" source --download-only imgui libsdl2 >/dev/null)
}
check_sha() { echo "$2  $DEPS/$1" | sha256sum -c --quiet - || { echo "checksum mismatch for $1" >&2; exit 1; }; }

if [ ! -d "$DEPS/imgui" ] || [ ! -d "$DEPS/SDL2-2.26.5" ]; then
  [ -f "$DEPS/$IMGUI_TAR" ] && [ -f "$DEPS/$SDL_TAR" ] || { log "fetching Dear ImGui and SDL2 source packages"; fetch_sources; }
  check_sha "$IMGUI_TAR" "$IMGUI_SHA"
  check_sha "$SDL_TAR" "$SDL_SHA"
  rm -rf "$DEPS/imgui" "$DEPS/SDL2-2.26.5"
  mkdir -p "$DEPS/imgui"
  tar -xJf "$DEPS/$IMGUI_TAR" -C "$DEPS/imgui" --strip-components=1
  tar -xzf "$DEPS/$SDL_TAR" -C "$DEPS"
  [ -d "$DEPS/SDL2-2.26.5" ] || mv "$DEPS"/SDL2-2.26.5* "$DEPS/SDL2-2.26.5" 2>/dev/null || true
fi

# ---- [4] libSDL2.a for wasm ------------------------------------------------------
# Only the video (Emscripten's driver alone) and events subsystems, compiled for size with
# link-time optimisation (the engine's LTO link then trims SDL with the rest: 3.5 KB of
# gzipped wasm against an -O3 library). The options are kept beside the library: a
# library built with other options is built again.
SDL_OPTS="-DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF \
-DSDL_HIDAPI=OFF -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_FILESYSTEM=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_THREADS=OFF \
-DSDL_ATOMIC=OFF -DSDL_RENDER=OFF -DSDL_CPUINFO=ON -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF \
-DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_C_FLAGS=-flto"
if [ ! -f "$DEPS/sdl2-wasm/lib/libSDL2.a" ] || [ "$(cat "$DEPS/sdl2-wasm/options" 2>/dev/null)" != "$SDL_OPTS" ]; then
  log "building SDL2 for wasm (once; a few minutes)"
  rm -rf "$DEPS/sdl2-build"
  # shellcheck disable=SC2086 # the options are words
  emcmake cmake -S "$DEPS/SDL2-2.26.5" -B "$DEPS/sdl2-build" \
    -DCMAKE_INSTALL_PREFIX="$DEPS/sdl2-wasm" $SDL_OPTS >"$DEPS/sdl2-configure.log" 2>&1 \
    || { tail -n 30 "$DEPS/sdl2-configure.log"; exit 1; }
  emmake make -C "$DEPS/sdl2-build" -j"$(nproc)" >"$DEPS/sdl2-make.log" 2>&1 || { tail -n 30 "$DEPS/sdl2-make.log"; exit 1; }
  make -C "$DEPS/sdl2-build" install >/dev/null
  echo "$SDL_OPTS" >"$DEPS/sdl2-wasm/options"
fi
log "ready"
