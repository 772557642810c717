// race_host.hpp: the optimizer race widget as the page sees it: the core's race, the play
// clock, and the top-down map of the surface (samples, contour lines, the texture), made
// again whenever the surface changes.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "app/play_clock.hpp"
#include "core/contour.hpp"
#include "core/race.hpp"

namespace downhill::app {

// The sampled surface behind the map: what the view shades and outlines.
struct RaceMap {
    std::string surface;                 // the surface these belong to ("" until made)
    int nx = 0, ny = 0;                  // samples across and up
    std::vector<double> grid;            // SampleLandscape2D layout: row j = y from ylo to yhi
    std::vector<double> sorted;          // SortedFinite(grid): ranks shade the map
    std::vector<ContourSegment> contours;// lines at 14 quantile levels
    double lowest_sample = 0;            // smallest finite sample (the chart's floor without a minimum)
};

struct RaceHost : PlayClock {
    static constexpr double kMinSpeed = 0.5, kMaxSpeed = 240; // steps per second
    Race race;                      // the racers
    bool log_scale = true;          // loss chart: log10 of (loss - lowest) when the surface has a minimum
    RaceMap map;                    // made by EnsureMap() for race.surface()
    uintptr_t map_texture = 0;      // the map as a texture (app/canvas.hpp), 0 until drawn
    bool map_dark = false;          // the theme map_texture was coloured for
    std::string map_texture_surface;// the surface map_texture shows

    RaceHost() { steps_per_second = 30.0; }
    // Up to 16 steps a frame; play stops once no racer is still going.
    void Tick(double dt) { PlayClock::Tick(dt, 16, [this] { race.Step(); return race.AnyRunning(); }); }
    bool CanRun() const { return race.AnyRunning(); }
    Race& Mutable() { ++version; return race; } // mutable access that the page will see

    // Samples the surface (160 points along the longer side) and outlines it, once per surface.
    void EnsureMap() {
        const Landscape2D& f = race.surface();
        if (map.surface == f.name()) return;
        const Range2D r = f.range();
        const double wide = r.xhi - r.xlo, tall = r.yhi - r.ylo;
        map.nx = wide >= tall ? 160 : std::max(2, int(160 * wide / tall));
        map.ny = tall >= wide ? 160 : std::max(2, int(160 * tall / wide));
        map.grid = SampleLandscape2D(f, map.nx, map.ny);
        map.sorted = SortedFinite(map.grid);
        map.contours = ContourSegments(map.grid, map.nx, map.ny, r, QuantileLevels(map.sorted, 14));
        map.lowest_sample = map.sorted.empty() ? 0.0 : map.sorted.front();
        map.surface = f.name();
    }
};

// Draws `host` every frame and ticks its play clock (null: draw nothing). race_show.cpp.
void ShowRace(RaceHost* host);

} // namespace downhill::app
