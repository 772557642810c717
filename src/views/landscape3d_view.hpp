// landscape3d_view.hpp: draws the 3-D loss surface widget with Dear ImGui's draw lists:
// the floor with its x and y axes, the surface as quads coloured by height and shaded by
// the light, far ones first (painter's algorithm), its contour lines, a marker on each
// critical point and, around the chosen one, a ring, a label and its curvature guides.
// Reads the host; changes nothing (the host's Prepare() projects the mesh beforehand).
#pragma once
#include <cstdint>

#include "model/landscape3d_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

// Colours shared with the page's legend (web/widget-landscape-3d.js uses the same values).
constexpr uint32_t kGlobalMinRGB = 0xfbbf24; // amber star
constexpr uint32_t kLocalMinRGB = 0x22d3ee;  // cyan circle
constexpr uint32_t kSaddleRGB = 0xf472b6;    // pink triangle
constexpr uint32_t kPeakRGB = 0xe5e7eb;      // light grey square

// Draws into the background draw list of the current ImGui frame (w x h CSS pixels).
void DrawLandscape3DView(const model::Landscape3DModel& host, float w, float h, bool dark);

// The view of a 3-D surface: projects the mesh if the camera or the size changed, then draws.
template <>
struct View<model::Landscape3DModel> {
    void Draw(model::Landscape3DModel& m, const Frame& f) {
        m.Prepare(f.w, f.h);
        DrawLandscape3DView(m, f.w, f.h, f.dark);
    }
};

} // namespace downhill::views
