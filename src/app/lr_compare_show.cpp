// lr_compare_show.cpp: wires a learning-rate comparison to the frame loop: tick, then draw.
#include "canvas.hpp"
#include "lr_compare_host.hpp"
#include "views/lr_compare_view.hpp"

namespace downhill::app {

void ShowLrCompare(LrCompareHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double dt, float w, float h) {
        host->Tick(dt);
        views::DrawLrCompareView(host->compare, host->log_scale, w, h, DarkTheme());
    });
}

} // namespace downhill::app
