// backprop_show.cpp: wires a backpropagation widget to the frame loop.
#include "backprop_host.hpp"
#include "canvas.hpp"
#include "views/backprop_view.hpp"

namespace downhill::app {

void ShowBackprop(BackpropHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double, float w, float h) { views::DrawBackpropView(*host, w, h, DarkTheme()); });
}

} // namespace downhill::app
