// loss_accuracy_view.hpp: draws the loss-versus-accuracy widget: the labelled points with
// the model's curve p(x), then the accuracy (a staircase) and the mean cross-entropy
// (smooth) against the boundary, all three over one x axis with the boundary across them.
#pragma once
#include "model/loss_accuracy_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

// Draws into the background draw list of the current ImGui frame (w x h CSS pixels).
void DrawLossAccuracyView(const model::LossAccuracyModel& m, float w, float h, bool dark);

// The boundary under a horizontal canvas position (CSS pixels), on the plotted line.
double LossAccuracyBoundaryAt(float px, float w);

template <>
struct View<model::LossAccuracyModel> {
    void Draw(model::LossAccuracyModel& m, const Frame& f) { DrawLossAccuracyView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
