// play.hpp: the play controls of every animated widget (models built on model::PlayClock,
// with CanRun(), kMinSpeed, kMaxSpeed and kSpeedUnit), bound the same way for each:
//   bind::BindPlay(class_<Model>("Name").constructor<>().function(...));
// adds setPlaying and setSpeed, and step, advance, reset and setLogScale where the model
// has them.
#pragma once
#include <emscripten/bind.h>

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
    // Infinity: as fast as possible, for a model that can run flat out.
    constexpr bool flat_out = requires { Model::kFlatOut; };
    const bool fastest = flat_out && std::isinf(sps) && sps > 0;
    if (!fastest && (!std::isfinite(sps) || sps < Model::kMinSpeed || sps > Model::kMaxSpeed)) {
        std::snprintf(PendingError(), sizeof(Refusal::message),
                      flat_out ? "Speed must lie between %g and %g %s per second, or be Infinity."
                               : "Speed must lie between %g and %g %s per second.",
                      Model::kMinSpeed, Model::kMaxSpeed, Model::kSpeedUnit);
        return Refuse();
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

// advance(n): up to n steps by hand, 0 <= n <= Model::kMaxAdvance; returns the steps taken.
template <class Model>
int Advance(Model& m, int n) {
    if (n < 0 || n > Model::kMaxAdvance) {
        std::snprintf(PendingError(), sizeof(Refusal::message), "advance(n) takes 0 <= n <= %d.", Model::kMaxAdvance);
        Refuse();
        return 0;
    }
    return m.Advance(n);
}

// The play controls on the class of an animated model.
template <class Model>
const emscripten::class_<Model>& BindPlay(const emscripten::class_<Model>& c) {
    c.function("setPlaying", &SetPlaying<Model>).function("setSpeed", &SetSpeed<Model>);
    if constexpr (requires(Model& m) { m.Step(); }) c.function("step", &Model::Step);
    if constexpr (requires(Model& m) { m.Advance(1); }) c.function("advance", &Advance<Model>);
    if constexpr (requires(Model& m) { m.Reset(); }) c.function("reset", &Model::Reset);
    if constexpr (requires(Model& m) { m.log_scale = true; }) c.function("setLogScale", &SetLogScale<Model>);
    return c;
}

} // namespace downhill::bind
