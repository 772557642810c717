// loss_explorer_show.cpp: wires a loss explorer widget to the frame loop.
#include "canvas.hpp"
#include "loss_explorer_host.hpp"
#include "views/loss_explorer_view.hpp"

namespace downhill::app {

void ShowLossExplorer(LossExplorerHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double, float w, float h) { views::DrawLossExplorerView(*host, w, h, DarkTheme()); });
}

} // namespace downhill::app
