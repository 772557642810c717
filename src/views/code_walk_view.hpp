// code_walk_view.hpp: draws the code walk-through's picture: the four data points with the
// model's line y = w * x (and the predictions and their errors once computed), next to the
// loss of every epoch so far. Reads the walk; changes nothing.
#pragma once
#include "core/loop_walk.hpp"
#include "model/code_walk_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

// The two panels inside a canvas of w x h CSS pixels: side by side when wide, stacked when
// narrow.
struct CodeWalkLayout {
    float data_l, data_t, data_r, data_b;   // the data panel (plot area)
    float loss_l, loss_t, loss_r, loss_b;   // the loss-per-epoch panel (plot area)
    bool stacked;
};
CodeWalkLayout MakeCodeWalkLayout(float w, float h);

// Draws into the background draw list of the current ImGui frame.
void DrawCodeWalkView(const LoopWalk& walk, float w, float h, bool dark);

template <>
struct View<model::CodeWalkModel> {
    void Draw(model::CodeWalkModel& m, const Frame& f) { DrawCodeWalkView(m.walk, f.w, f.h, f.dark); }
};

} // namespace downhill::views
