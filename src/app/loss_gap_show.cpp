// loss_gap_show.cpp: wires a loss gap widget to the frame loop.
#include "canvas.hpp"
#include "loss_gap_host.hpp"
#include "show.hpp"
#include "views/loss_gap_view.hpp"

namespace downhill::app {

void ShowLossGap(LossGapHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double, float w, float h) { views::DrawLossGapView(*host, w, h, DarkTheme()); });
}

} // namespace downhill::app
