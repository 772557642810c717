// loss_explorer_view.hpp: draws the loss explorer: either the loss curves with the
// prediction marker, or the outlier data with its two fitted lines. Reads the host only.
//
// Index
//   [SECTION] Layouts: data <-> pixel mappings shared by drawing and pointer input
//   [SECTION] Drawing
#pragma once
#include "model/loss_explorer_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layouts
//-----------------------------------------------------------------------------

// A plot area (CSS pixels from the canvas' top-left) and the data range it shows.
struct LossExplorerLayout {
    float left, top, right, bottom;
    double xmin, xmax, ymin, ymax;
    float PxX(double x) const { return left + float((x - xmin) / (xmax - xmin)) * (right - left); }
    float PxY(double y) const { return bottom - float((y - ymin) / (ymax - ymin)) * (bottom - top); }
    double XAt(float px) const { return xmin + double(px - left) / double(right - left) * (xmax - xmin); }
    double YAt(float py) const { return ymin + double(bottom - py) / double(bottom - top) * (ymax - ymin); }
};
// Curves view: prediction -1 .. 2 across, loss 0 .. 4 up (higher values leave the top).
LossExplorerLayout MakeLossCurvesLayout(float w, float h);
// Outlier view: x 0 .. 10 across, y -4 .. 14 up (the outlier's whole range).
LossExplorerLayout MakeOutlierLayout(float w, float h);

// RGBA of curve k (LossCurve order) in the light or dark theme; the page's check boxes
// use the same colours for their swatches.
unsigned LossCurveColour(int k, bool dark);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws the current view into the background draw list of the current ImGui frame.
void DrawLossExplorerView(const model::LossExplorerModel& host, float w, float h, bool dark);

template <>
struct View<model::LossExplorerModel> {
    void Draw(model::LossExplorerModel& m, const Frame& f) { DrawLossExplorerView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
