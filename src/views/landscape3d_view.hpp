// landscape3d_view.hpp: draws the 3-D loss surface widget with Dear ImGui's draw lists:
// the floor with its x and y axes, the surface as quads coloured by height and shaded by
// the light, far ones first (painter's algorithm), its contour lines, a marker on each
// critical point and, around the chosen one, a ring, a label and its curvature guides.
// Reads the host; changes nothing (the host's Prepare() projects the mesh beforehand).
#pragma once
#include <cstdint>

#include "model/landscape3d_model.hpp"
#include "views/theme.hpp"
#include "views/view.hpp"

namespace downhill::views {

// The critical points' colours (kGlobalMinRGB, ...) are in views/theme.hpp.

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
