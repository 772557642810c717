// show.cpp: wires a widget's host to the frame loop: tick, then draw.
#include "show.hpp"

#include "canvas.hpp"
#include "views/roll_view.hpp"

namespace downhill::app {

void ShowRoll(RollHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double dt, float w, float h) {
        host->Tick(dt);
        views::DrawRollView(host->run, host->minima, w, h, DarkTheme());
    });
}

} // namespace downhill::app
