// race_show.cpp: wires an optimizer race to the frame loop: tick, (re)make the map's
// texture when the surface or the theme changed, then draw.
#include "canvas.hpp"
#include "race_host.hpp"
#include "views/race_view.hpp"

namespace downhill::app {

void ShowRace(RaceHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double dt, float w, float h) {
        host->Tick(dt);
        host->EnsureMap();
        if (!host->map_texture || host->map_dark != DarkTheme() || host->map_texture_surface != host->map.surface) {
            const std::vector<unsigned char> px = views::RaceMapPixels(host->map, DarkTheme());
            host->map_texture = UploadTexture(host->map_texture, px.data(), host->map.nx, host->map.ny);
            host->map_dark = DarkTheme();
            host->map_texture_surface = host->map.surface;
        }
        views::DrawRaceView(host->race, host->map, host->map_texture, host->log_scale, w, h, DarkTheme());
    });
}

} // namespace downhill::app
