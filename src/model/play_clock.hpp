// play_clock.hpp: the Play / Pause state every animated widget model shares. The frame
// loop hands it the seconds since the last frame; it says how many steps they are worth.
// The core never owns the clock: the model asks the core for each step.
//
// A model built on it supplies CanRun() (whether play may start), kMinSpeed, kMaxSpeed and
// kSpeedUnit (what one step is, for messages), and Tick(dt); every setter that changes the
// run calls Pause(), so a change is always seen from a standstill.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <type_traits>

namespace downhill::model {

struct PlayClock {
    bool playing = false;           // Play pressed and not yet paused or finished
    double steps_per_second = 4.0;  // play speed (each model sets its own range)
    double clock = 0.0;             // seconds owed to the next step while playing
    uint32_t version = 0;           // bumped on every change the page must show
    static constexpr int kMaxAdvance = 1000000; // the most steps one Advance(n) may be asked for

    // While playing, calls step() once for each step that dt seconds are worth, at most
    // max_steps times and (when max_seconds > 0) for at most that much wall-clock time;
    // step() returns false when the run is over, which stops playing.
    template <class StepFn>
    void Tick(double dt, int max_steps, StepFn step, double max_seconds = 0) {
        if (!playing) return;
        clock += dt;
        const double period = 1.0 / steps_per_second;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < max_steps && clock >= period; ++i) {
            clock -= period;
            const bool more = step();
            ++version;
            if (!more) {
                playing = false;
                break;
            }
            if (max_seconds > 0 &&
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > max_seconds)
                break;
        }
        if (clock > period) clock = period;
    }
    // Play (when `can_run`) or pause, from the next frame on.
    void SetPlaying(bool on, bool can_run) {
        ++version;
        playing = on && can_run;
        clock = 0;
    }
    // Stops play: called by every change to the run.
    void Pause() {
        if (playing) ++version;
        playing = false;
        clock = 0;
    }
    // A change to the run: pauses play, bumps the version, then returns change(). A change
    // refused (a non-empty message) leaves the clock as it was, play and version included.
    template <class ChangeFn>
    auto Change(ChangeFn change) {
        const PlayClock before = *this;
        Pause();
        ++version;
        if constexpr (std::is_same_v<decltype(change()), std::string>) {
            std::string result = change();
            if (!result.empty()) *this = before;
            return result;
        } else {
            return change();
        }
    }
};

} // namespace downhill::model
