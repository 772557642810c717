// loss_gap_view.hpp: draws the loss gap widget: a 0..1 number line with the truth and the
// prediction, the gap between them, and one bar per loss.
#pragma once
#include "model/loss_gap_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

// Draws into the background draw list of the current ImGui frame (w x h CSS pixels).
void DrawLossGapView(const model::LossGapModel& host, float w, float h, bool dark);

// The value on the number line under a horizontal canvas position (CSS pixels), in [0, 1].
double LossGapValueAt(float px, float w);

template <>
struct View<model::LossGapModel> {
    void Draw(model::LossGapModel& m, const Frame& f) { DrawLossGapView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
