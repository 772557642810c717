// play.hpp: the play controls of every animated widget (models built on model::PlayClock,
// with CanRun(), kMinSpeed, kMaxSpeed and kSpeedUnit), bound the same way for each:
//   .function("setPlaying", &bind::SetPlaying<Model>)
//   .function("setSpeed", &bind::SetSpeed<Model>)
#pragma once
#include <cmath>
#include <cstdio>

#include "bindings/errors.hpp"

namespace downhill::bind {

// Play (only while the run can go on) or pause.
template <class Model>
void SetPlaying(Model& m, bool on) { m.PlayClock::SetPlaying(on, m.CanRun()); }

// Steps per second within the model's range; a RangeError names the range otherwise.
template <class Model>
void SetSpeed(Model& m, double sps) {
    if (!std::isfinite(sps) || sps < Model::kMinSpeed || sps > Model::kMaxSpeed) {
        std::snprintf(PendingError(), 512, "Speed must lie between %g and %g %s per second.", Model::kMinSpeed,
                      Model::kMaxSpeed, Model::kSpeedUnit);
        ThrowPending();
    }
    m.steps_per_second = sps;
    ++m.version;
}

// The loss chart's scale: plain or log10 of (loss - lowest).
template <class Model>
void SetLogScale(Model& m, bool on) {
    m.log_scale = on;
    ++m.version;
}

// advance(n): the argument check shared by every model's bulk stepping.
inline void CheckAdvance(int n) { RefuseIf(n < 0 || n > 1000000, "advance(n) takes 0 <= n <= 1000000."); }

} // namespace downhill::bind
