// landscape3d_show.cpp: wires a 3-D loss surface widget to the frame loop: project the
// mesh if the view changed, then draw.
#include "canvas.hpp"
#include "landscape3d_host.hpp"
#include "views/landscape3d_view.hpp"

namespace downhill::app {

void ShowLandscape3D(Landscape3DHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double, float w, float h) {
        host->Prepare(w, h);
        views::DrawLandscape3DView(*host, w, h, DarkTheme());
    });
}

} // namespace downhill::app
