// race_view.hpp: draws the optimizer race: a top-down map of the surface (shaded by height,
// with contour lines and its critical points), each racer's trail and marker, and the
// loss-vs-step chart. Reads the core and the host's map; changes nothing.
//
// Index
//   [SECTION] Layout: data <-> pixel mapping shared by drawing and pointer input
//   [SECTION] The map's pixels
//   [SECTION] Drawing
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/race_model.hpp"
#include "core/race.hpp"
#include "views/lr_compare_view.hpp"
#include "views/view.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

// Wide canvases (640 px and more) put the chart right of the map, narrow ones under it, and
// so do surfaces at least 1.6 times wider than tall (the ravine: 2.5), which would leave a
// thin strip of map beside the chart. The map keeps the surface's proportions.
struct RaceLayout {
    Box map;       // the surface's range, CSS pixels
    Box chart;     // loss-vs-step chart
    Range2D range; // data shown in `map`
    float PxX(double x) const { return map.left + float((x - range.xlo) / (range.xhi - range.xlo)) * map.Width(); }
    float PxY(double y) const { return map.bottom - float((y - range.ylo) / (range.yhi - range.ylo)) * map.Height(); }
    double DataX(float px) const { return range.xlo + double(px - map.left) / double(map.Width()) * (range.xhi - range.xlo); }
    double DataY(float py) const { return range.ylo + double(map.bottom - py) / double(map.Height()) * (range.yhi - range.ylo); }
};
RaceLayout MakeRaceLayout(const Landscape2D& f, float w, float h);

//-----------------------------------------------------------------------------
// [SECTION] The map's pixels
//-----------------------------------------------------------------------------

// The sampled surface as RGBA8 pixels (map.nx x map.ny, top row = largest y), shaded by
// rank: the lowest samples darkest in the light theme's blue-grey, the highest near white
// (dark theme: deep navy to slate), so the coloured trails stand out on both.
std::vector<unsigned char> RaceMapPixels(const model::RaceMap& map, bool dark);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws into the background draw list of the current ImGui frame; `texture` is
// RaceMapPixels(map) uploaded (0: the map is drawn without shading).
void DrawRaceView(const Race& race, const model::RaceMap& map, uintptr_t texture, bool log_scale, float w, float h,
                  bool dark);

// Index of `name` in OptimizerNames() (its colour and marker), 0 when unknown.
int RacerIndex(const std::string& name);

// The view of an optimizer race: samples the surface when it changed, and makes the map's
// texture again when the surface or the theme changed.
template <>
struct View<model::RaceModel> {
    uintptr_t map_texture = 0;       // RaceMapPixels uploaded, 0 until first drawn
    bool map_dark = false;           // the theme map_texture was coloured for
    std::string map_surface;         // the surface map_texture shows
    void Draw(model::RaceModel& m, const Frame& f);
};

} // namespace downhill::views
