// lr_compare_view.hpp: draws the learning-rate comparison: three small panels (the curve,
// each run's ball and trail) over one loss-vs-step chart (views/chart.hpp). Reads the core;
// changes nothing.
//
// Index
//   [SECTION] Layout of the comparison (drawing and pointer input agree on it)
//   [SECTION] Drawing
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/lr_compare.hpp"
#include "imgui.h"
#include "model/lr_compare_model.hpp"
#include "views/chart.hpp"
#include "views/view.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout of the comparison
//-----------------------------------------------------------------------------

struct LrCompareLayout {
    Box panel[LrCompare::kRuns]; // the three panels, left to right: small, medium, large
    Box plot[LrCompare::kRuns];  // the curve's area inside each panel (below its title)
    Box chart;                   // the loss-vs-step chart under them
    double xmin = 0, xmax = 1;   // the curve's drawn range (every panel shows the same)
    double ymin = 0, ymax = 1;
    float PxX(int i, double x) const { return plot[i].left + float((x - xmin) / (xmax - xmin)) * plot[i].Width(); }
    float PxY(int i, double y) const { return plot[i].bottom - float((y - ymin) / (ymax - ymin)) * plot[i].Height(); }
};
LrCompareLayout MakeLrCompareLayout(const Landscape1D& curve, float w, float h);

// The curve x under a canvas point, if the point is on one of the panels' plots (else false).
bool LrComparePanelX(const LrCompareLayout& L, float px, float py, double* x);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws into the background draw list of the current ImGui frame.
void DrawLrCompareView(const LrCompare& compare, bool log_scale, float w, float h, bool dark);

template <>
struct View<model::LrCompareModel> {
    void Draw(model::LrCompareModel& m, const Frame& f) { DrawLrCompareView(m.compare, m.log_scale, f.w, f.h, f.dark); }
};

} // namespace downhill::views
