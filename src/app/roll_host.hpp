// roll_host.hpp: a Roll Downhill widget as the page sees it: the core's run plus the
// play clock. The frame loop calls Tick(dt); the core only advances when asked.
#pragma once
#include <cstdint>
#include <vector>

#include "core/landscape1d.hpp"
#include "core/maps.hpp"
#include "core/roll.hpp"

namespace downhill::app {

struct RollHost {
    CourseCurve curve;                        // the lesson's curve
    RollRun run{curve};                       // gradient descent on it
    std::vector<StationaryPoint> minima;      // the curve's minima, left to right
    bool playing = false;                     // Play pressed and not yet paused or stopped
    double steps_per_second = 4.0;            // play speed, 0.5 .. 60
    double clock = 0.0;                       // seconds owed to the next step while playing
    uint32_t version = 0;                     // bumped on every change the page must show
    bool show_map = false;                    // draw the start x learning-rate map under the curve
    LrMap map;                                // where every (start, eta) run ends; made by ComputeMap()
    uintptr_t map_texture = 0;                // the map as a texture (app/canvas.hpp), 0 until drawn
    bool map_dark = false;                    // the theme map_texture was coloured for
    static constexpr double kMapMaxLearningRate = 0.30; // top row of the map

    RollHost() {
        for (const auto& p : Stationary1D(curve))
            if (p.is_minimum) minima.push_back(p);
    }
    // Advances by the steps that dt seconds of play are worth (at most 8 per call).
    void Tick(double dt) {
        if (!playing) return;
        clock += dt;
        const double period = 1.0 / steps_per_second;
        for (int i = 0; i < 8 && clock >= period; ++i) {
            clock -= period;
            if (!run.Step() || run.status() == RollStatus::Diverged || run.status() == RollStatus::OutOfView ||
                run.status() == RollStatus::Settled) {
                playing = false;
            }
            ++version;
            if (!playing) break;
        }
        if (clock > period) clock = period;
    }
    RollRun& Run() { ++version; return run; } // mutable access that the page will see
    // The map: 200 starts x 120 learning rates from 0.01 to 0.30 (where valleys switch from
    // settling to bouncing, 2/f'' ~ 0.15), 300 steps each.
    void ComputeMap() {
        if (!map.outcome.empty()) return;
        LrMapSettings s;
        s.starts = 200;
        s.rates = 120;
        s.steps = 300;
        s.x_lo = curve.lo();
        s.x_hi = curve.hi();
        s.lr_lo = RollSettings::kMinLearningRate;
        s.lr_hi = kMapMaxLearningRate;
        map = MapLearningRates1D(curve, s);
    }
};

} // namespace downhill::app
