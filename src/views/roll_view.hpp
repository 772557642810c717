// roll_view.hpp: draws a Roll Downhill run (curve, ball, trail, minima, start) with
// Dear ImGui's draw lists. Reads the core's state; changes nothing.
//
// Index
//   [SECTION] Layout: data <-> pixel mapping shared by drawing and pointer input
//   [SECTION] Drawing
#pragma once
#include <vector>

#include "core/landscape1d.hpp"
#include "core/roll.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

// The plot area inside a canvas of w x h CSS pixels and the data range it shows.
struct RollLayout {
    float left, top, right, bottom;   // plot area, CSS pixels from the canvas' top-left
    double xmin, xmax, ymin, ymax;    // data range shown
    float PxX(double x) const { return left + float((x - xmin) / (xmax - xmin)) * (right - left); }
    float PxY(double y) const { return bottom - float((y - ymin) / (ymax - ymin)) * (bottom - top); }
    double XAt(float px) const { return xmin + double(px - left) / double(right - left) * (xmax - xmin); }
};
RollLayout MakeRollLayout(const Landscape1D& curve, float w, float h);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws into the background draw list of the current ImGui frame.
void DrawRollView(const RollRun& run, const std::vector<StationaryPoint>& minima, float w, float h, bool dark);

} // namespace downhill::views
