// lr_compare_host.hpp: the learning-rate comparison widget as the page sees it: the core's
// three runs plus the play clock. The frame loop calls Tick(dt); the core only advances
// when asked.
#pragma once
#include <cstdint>

#include "core/lr_compare.hpp"

namespace downhill::app {

struct LrCompareHost {
    LrCompare compare;              // three gradient-descent runs on one curve
    bool playing = false;           // Play pressed and not yet paused, and a run still going
    double steps_per_second = 6.0;  // play speed, 0.5 .. 60
    double clock = 0.0;             // seconds owed to the next step while playing
    bool log_scale = false;         // loss chart: log10 of (loss - lowest) instead of the loss
    uint32_t version = 0;           // bumped on every change the page must show

    // Advances by the steps that dt seconds of play are worth (at most 8 per call); stops
    // playing once no run is still going.
    void Tick(double dt) {
        if (!playing) return;
        clock += dt;
        const double period = 1.0 / steps_per_second;
        for (int i = 0; i < 8 && clock >= period; ++i) {
            clock -= period;
            compare.Step();
            ++version;
            if (!compare.AnyRunning()) {
                playing = false;
                break;
            }
        }
        if (clock > period) clock = period;
    }
    LrCompare& Compare() { ++version; return compare; } // mutable access that the page will see
};

// Draws `host` every frame and ticks its play clock (null: draw nothing). lr_compare_show.cpp.
void ShowLrCompare(LrCompareHost* host);

} // namespace downhill::app
