// play_clock.hpp: the Play / Pause state every animated widget host shares. The frame
// loop hands it the seconds since the last frame; it says how many steps they are worth.
// The core never owns the clock: the host asks the core for each step.
#pragma once
#include <cstdint>

namespace downhill::app {

struct PlayClock {
    bool playing = false;           // Play pressed and not yet paused or finished
    double steps_per_second = 4.0;  // play speed (each host sets its own range)
    double clock = 0.0;             // seconds owed to the next step while playing
    uint32_t version = 0;           // bumped on every change the page must show

    // While playing, calls step() once for each step that dt seconds are worth, at most
    // max_steps times; step() returns false when the run is over, which stops playing.
    template <class StepFn>
    void Tick(double dt, int max_steps, StepFn step) {
        if (!playing) return;
        clock += dt;
        const double period = 1.0 / steps_per_second;
        for (int i = 0; i < max_steps && clock >= period; ++i) {
            clock -= period;
            const bool more = step();
            ++version;
            if (!more) {
                playing = false;
                break;
            }
        }
        if (clock > period) clock = period;
    }
    // Play (when `can_run`) or pause, from the next frame on.
    void SetPlaying(bool on, bool can_run) {
        ++version;
        playing = on && can_run;
        clock = 0;
    }
};

} // namespace downhill::app
