// roll_show.cpp: wires a Roll Downhill host to the frame loop: tick, then draw.
#include "show.hpp"

#include "canvas.hpp"
#include "views/roll_view.hpp"

namespace downhill::app {

void ShowRoll(RollHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double dt, float w, float h) {
        host->Tick(dt);
        if (host->show_map) {
            host->ComputeMap();
            if (!host->map_texture || host->map_dark != DarkTheme()) {
                const std::vector<unsigned char> px = views::RollMapPixels(host->map, DarkTheme());
                host->map_texture = UploadTexture(host->map_texture, px.data(), host->map.starts, host->map.rates);
                host->map_dark = DarkTheme();
            }
        }
        views::DrawRollView(host->run, host->minima, host->show_map ? &host->map : nullptr, host->map_texture,
                            w, h, DarkTheme());
    });
}

} // namespace downhill::app
