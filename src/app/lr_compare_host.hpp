// lr_compare_host.hpp: the learning-rate comparison widget as the page sees it: the core's
// three runs plus the play clock. The frame loop calls Tick(dt); the core only advances
// when asked.
#pragma once
#include <cstdint>

#include "app/play_clock.hpp"
#include "core/lr_compare.hpp"

namespace downhill::app {

struct LrCompareHost : PlayClock {
    static constexpr double kMinSpeed = 0.5, kMaxSpeed = 60; // steps per second
    LrCompare compare;              // three gradient-descent runs on one curve
    bool log_scale = false;         // loss chart: log10 of (loss - lowest) instead of the loss

    LrCompareHost() { steps_per_second = 6.0; }
    // Up to 8 steps a frame; play stops once no run is still going.
    void Tick(double dt) { PlayClock::Tick(dt, 8, [this] { compare.Step(); return compare.AnyRunning(); }); }
    bool CanRun() const { return compare.AnyRunning(); }
    LrCompare& Compare() { ++version; return compare; } // mutable access that the page will see
};

// Draws `host` every frame and ticks its play clock (null: draw nothing). lr_compare_show.cpp.
void ShowLrCompare(LrCompareHost* host);

} // namespace downhill::app
