// code_walk_host.hpp: the code walk-through widget (lessons/07-training-loop.md): the training
// loop's code run one line at a time by the core (core/loop_walk.hpp), plus the play clock
// for Run. The frame loop calls Tick(dt); the walk only advances when asked.
#pragma once
#include <cstdint>

#include "core/loop_walk.hpp"

namespace downhill::app {

struct CodeWalkHost {
    LoopWalk walk;                   // the program and its state after every line run
    bool playing = false;            // Run pressed and not yet paused or finished
    double lines_per_second = 2.0;   // Run's pace, kMinSpeed .. kMaxSpeed
    double clock = 0.0;              // seconds owed to the next line while playing
    uint32_t version = 0;            // bumped on every change the page must show
    static constexpr double kMinSpeed = 0.25, kMaxSpeed = 20.0;

    // Runs the lines that dt seconds of play are worth (at most 8 per call); stops at the end.
    void Tick(double dt) {
        if (!playing) return;
        clock += dt;
        const double period = 1.0 / lines_per_second;
        for (int i = 0; i < 8 && clock >= period; ++i) {
            clock -= period;
            if (!walk.Next() || walk.state().finished) playing = false;
            ++version;
            if (!playing) break;
        }
        if (clock > period) clock = period;
    }
    LoopWalk& Walk() { ++version; return walk; } // mutable access that the page will see
};

void ShowCodeWalk(CodeWalkHost* host); // draw `host` every frame and tick its play clock (null: draw nothing)

} // namespace downhill::app
