// code_walk_show.cpp: wires a code walk-through widget to the frame loop: tick, then draw.
#include "canvas.hpp"
#include "code_walk_host.hpp"
#include "views/code_walk_view.hpp"

namespace downhill::app {

void ShowCodeWalk(CodeWalkHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double dt, float w, float h) {
        host->Tick(dt);
        views::DrawCodeWalkView(host->walk, w, h, DarkTheme());
    });
}

} // namespace downhill::app
