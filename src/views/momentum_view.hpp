// momentum_view.hpp: draws the "why momentum works" widget in four panels: the path on the
// bowl's contour ellipses, the map of convergence rates over (eta, beta), the loss per step
// (split into its steep and shallow parts) and each direction's error per step.
#pragma once
#include "model/momentum_model.hpp"
#include "views/chart.hpp"
#include "views/view.hpp"

namespace downhill::views {

// The four panels of a w x h canvas (CSS pixels): two by two when wide, stacked when narrow.
struct MomentumPanels {
    Box path, map, loss, dirs;
    Box map_plot; // the map's cells (inside `map`, without its title and axis labels)
};
MomentumPanels LayoutMomentum(float w, float h);

// The (eta, beta) under a canvas point; false when the point is off the map's cells.
bool MomentumMapAt(float px, float py, float w, float h, double* eta, double* beta);

// Draws into the background draw list of the current ImGui frame.
void DrawMomentumView(const model::MomentumModel& m, float w, float h, bool dark);

template <>
struct View<model::MomentumModel> {
    void Draw(model::MomentumModel& m, const Frame& f) { DrawMomentumView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
