// lr_compare_model.hpp: the learning-rate comparison widget as the page sees it: the core's
// three runs plus the play clock. The frame loop calls Tick(dt); the core only advances
// when asked.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "model/play_clock.hpp"
#include "core/lr_compare.hpp"

namespace downhill::model {

struct LrCompareModel : PlayClock {
    static constexpr double kMinSpeed = 0.5, kMaxSpeed = 60; // steps per second
    LrCompare compare;              // three gradient-descent runs on one curve
    bool log_scale = false;         // loss chart: log10 of (loss - lowest) instead of the loss
    std::string named = "bowl";     // the named curve chosen last (a typed one's way back)

    LrCompareModel() { steps_per_second = 6.0; }
    // Up to 8 steps a frame; play stops once no run is still going.
    void Tick(double dt) { PlayClock::Tick(dt, 8, [this] { compare.Step(); return compare.AnyRunning(); }); }
    bool CanRun() const { return compare.AnyRunning(); }
    static constexpr const char* kSpeedUnit = "steps";
    // Changes to the runs: each pauses play. "" = done, else why not.
    std::string SetCurve(const std::string& name) {
        return Change([&] {
            const std::string err = compare.SetCurve(name);
            if (err.empty()) named = name;
            return err;
        });
    }
    // Runs on the learner's formula, drawn over [lo, hi] (empty text: the named curve chosen
    // last, with its suggestions). "" = done; else why not (the formula's message names the
    // position) and nothing changes.
    std::string SetFormula(const std::string& text, double lo, double hi) {
        if (text.empty()) return SetCurve(named);
        auto c = std::make_unique<FormulaCurve1D>();
        const std::string error = FormulaCurve1D::Make(text, lo, hi, c.get());
        if (!error.empty()) return error;
        return Change([&] { compare.SetCurve(std::move(c)); return std::string(); });
    }
    // The typed curve's formula ("" for a named curve).
    std::string Formula() const {
        const auto* f = dynamic_cast<const FormulaCurve1D*>(&compare.curve());
        return f ? f->formula().text() : std::string();
    }
    std::string SetStart(double x) { return Change([&] { return compare.SetStart(x); }); }
    std::string SetLearningRate(int i, double lr) { return Change([&] { return compare.SetLearningRate(i, lr); }); }
    void Reset() { Change([&] { compare.Reset(); }); }
    // Steps taken by hand (play goes on).
    bool Step() { ++version; return compare.Step(); }
    int Advance(int n) { ++version; return compare.Advance(n); }
};

} // namespace downhill::model
