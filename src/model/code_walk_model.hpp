// code_walk_model.hpp: the code walk-through widget (lessons/07-training-loop.md): the training
// loop's code run one line at a time by the core (core/loop_walk.hpp), plus the play clock
// for Run. The frame loop calls Tick(dt); the walk only advances when asked.
#pragma once
#include <cstdint>
#include <string>

#include "core/loop_walk.hpp"
#include "model/play_clock.hpp"

namespace downhill::model {

struct CodeWalkModel : PlayClock {
    static constexpr double kMinSpeed = 0.25, kMaxSpeed = 20.0; // lines per second
    static constexpr const char* kSpeedUnit = "lines";
    static constexpr int kMaxAdvance = 100000;
    LoopWalk walk;                   // the program and its state after every line run

    CodeWalkModel() { steps_per_second = 2.0; }
    // Runs the lines that dt seconds of play are worth (at most 8 per call); stops at the end.
    void Tick(double dt) { PlayClock::Tick(dt, 8, [this] { return walk.Next() && !walk.state().finished; }); }
    bool CanRun() const { return !walk.state().finished; }
    // Moves by hand and changes: each pauses Run. "" = done, else why not.
    bool Next() { return Change([&] { return walk.Next(); }); }
    bool Back() { return Change([&] { return walk.Back(); }); }
    int RunToEnd() { return Change([&] { return walk.RunToEnd(); }); }
    void Reset() { Change([&] { walk.Reset(); }); }
    std::string SetLearningRate(double lr) { return Change([&] { return walk.SetLearningRate(lr); }); }
    std::string SetEpochs(int epochs) { return Change([&] { return walk.SetEpochs(epochs); }); }
    // Lines run in bulk (Run goes on).
    int Advance(int n) { ++version; return walk.Advance(n); }
};

} // namespace downhill::model
