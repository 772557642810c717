// weights_fit_view.hpp: draws the "weights and fit" widget: the data and the current line
// (left, or on top on a phone) beside the MSE contour map over (w, b) with the least-squares
// minimum, the run's path and the current point (right, or below). Reads the model; changes
// nothing.
//
// Index
//   [SECTION] Layout (drawing and pointer input agree on it)
//   [SECTION] Drawing
#pragma once
#include <vector>

#include "core/contour.hpp"
#include "model/weights_fit_model.hpp"
#include "views/chart.hpp"
#include "views/view.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

// The two plots: data (x, y) and the map (w, b) over the model's window.
struct WeightsFitLayout {
    Plot data, map;
};
WeightsFitLayout MakeWeightsFitLayout(const Range2D& window, float w, float h);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws into the background draw list of the current ImGui frame.
void DrawWeightsFitView(const model::WeightsFitModel& m, float w, float h, bool dark);

template <>
struct View<model::WeightsFitModel> {
    void Draw(model::WeightsFitModel& m, const Frame& f) { DrawWeightsFitView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
