// roll_view.hpp: draws a Roll Downhill run (curve, ball, trail, minima, start) with
// Dear ImGui's draw lists. Reads the core's state; changes nothing.
//
// Index
//   [SECTION] Layout: data <-> pixel mapping shared by drawing and pointer input
//   [SECTION] Drawing
#pragma once
#include <cstdint>
#include <vector>

#include "core/landscape1d.hpp"
#include "core/maps.hpp"
#include "core/roll.hpp"
#include "model/roll_model.hpp"
#include "views/view.hpp"

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
// The curve's plot; with the map shown it takes the top 58% of the canvas.
RollLayout MakeRollLayout(const Landscape1D& curve, float w, float h, bool with_map = false);

// The start x learning-rate map under the curve: columns share the curve's x axis, rows
// run from the smallest learning rate (bottom) to the largest (top).
struct RollMapLayout {
    float left, top, right, bottom; // CSS pixels
    double lr_lo, lr_hi;            // learning rates of the bottom and top rows
    bool Contains(float px, float py) const { return px >= left && px <= right && py >= top && py <= bottom; }
    double LrAt(float py) const { return lr_lo + double(bottom - py) / double(bottom - top) * (lr_hi - lr_lo); }
    float PxY(double lr) const { return bottom - float((lr - lr_lo) / (lr_hi - lr_lo)) * (bottom - top); }
};
RollMapLayout MakeRollMapLayout(const Landscape1D& curve, const LrMap& map, float w, float h);

// The map as RGBA8 pixels, one per cell, top row = largest learning rate. Colours: one per
// minimum (the same order as the page's legend), grey = left the drawn range, dark = did
// not settle in a minimum (still bouncing), red = blew up.
std::vector<unsigned char> RollMapPixels(const LrMap& map, bool dark);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws into the background draw list of the current ImGui frame. `points` are the
// curve's stationary points (Stationary1D): each valley, its stretch of the curve and its
// cells on the map share one colour (ValleyRgb). `map` and `map_texture` (RollMapPixels
// uploaded) are drawn when map is non-null, with each valley's stability boundary 2 / f''.
void DrawRollView(const RollRun& run, const std::vector<StationaryPoint>& points, const LrMap* map,
                  uintptr_t map_texture, float w, float h, bool dark);

// The view of a Roll Downhill model: the map's texture is made again when the theme changes.
template <>
struct View<model::RollModel> {
    uintptr_t map_texture = 0; // RollMapPixels uploaded, 0 until the map is first drawn
    bool map_dark = false;     // the theme map_texture was coloured for
    int map_serial = 0;        // the model's map_serial when map_texture was made (a new curve makes a new map)
    void Draw(model::RollModel& m, const Frame& f);
};

} // namespace downhill::views
