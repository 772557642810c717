// roll_model.hpp: a Roll Downhill widget as the page sees it: the core's run plus the
// play clock. The frame loop calls Tick(dt); the core only advances when asked.
// The map's texture belongs to the view (views/roll_view.hpp).
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "model/play_clock.hpp"
#include "core/landscape1d.hpp"
#include "core/maps.hpp"
#include "core/roll.hpp"

namespace downhill::model {

struct RollModel : PlayClock {
    static constexpr double kMinSpeed = 0.5, kMaxSpeed = 60; // steps per second
    CourseCurve curve;                        // the lesson's curve
    FormulaCurve1D custom;                    // a curve the learner typed (SetFormula)
    bool use_custom = false;                  // the run is on `custom`, not on `curve`
    RollRun run{curve};                       // gradient descent on the chosen curve
    std::vector<StationaryPoint> points;      // the chosen curve's minima and maxima, left to right
    std::vector<StationaryPoint> minima;      // the curve's minima, left to right
    bool show_map = false;                    // draw the start x learning-rate map under the curve
    LrMap map;                                // where every (start, eta) run ends; made by ComputeMap()
    int map_serial = 0;                       // counts the maps made (a view redraws its image when it changes)
    static constexpr const char* kSpeedUnit = "steps";
    static constexpr double kMapMaxLearningRate = 0.30; // top row of the map

    static constexpr bool kFlatOut = true;    // setSpeed(Infinity): as many steps as a frame has time for

    RollModel() { FindMinima(); }
    // The chosen curve's stationary points, and its minima among them.
    void FindMinima() {
        points = Stationary1D(run.curve());
        minima.clear();
        for (const auto& p : points)
            if (p.is_minimum) minima.push_back(p);
    }
    // Runs on the learner's formula, drawn over [lo, hi] (empty text: the lesson's curve).
    // "" = done; else why not (the formula's message names the position) and nothing changes.
    std::string SetFormula(const std::string& text, double lo, double hi) {
        if (text.empty()) {
            use_custom = false;
        } else {
            FormulaCurve1D c;
            const std::string error = FormulaCurve1D::Make(text, lo, hi, &c);
            if (!error.empty()) return error;
            custom = std::move(c);
            use_custom = true;
        }
        return Change([&] {
            run.SetCurve(use_custom ? static_cast<const Landscape1D&>(custom) : curve);
            FindMinima();
            map = LrMap{};
            if (show_map) ComputeMap();
            return std::string();
        });
    }
    // Up to 8 steps a frame (as fast as possible: up to 400, within 8 ms); play stops when
    // the ball settles, blows up or leaves the view.
    void Tick(double dt) {
        const bool flat_out = std::isinf(steps_per_second);
        PlayClock::Tick(dt, flat_out ? 400 : 8, [this] {
            const bool stepped = run.Step();
            const RollStatus s = run.status();
            return stepped && s != RollStatus::Diverged && s != RollStatus::OutOfView && s != RollStatus::Settled &&
                   s != RollStatus::LeftDomain;
        }, flat_out ? 0.008 : 0);
    }
    RollReading Reading() const { return ReadRoll(run, points); }
    // A settled ball may be played on (a new learning rate can shake it); a lost one may not.
    bool CanRun() const {
        return run.status() != RollStatus::Diverged && run.status() != RollStatus::OutOfView && run.status() != RollStatus::LeftDomain;
    }
    // Changes to the run: each pauses play. "" = done, else why not.
    std::string SetStart(double x) { return Change([&] { return run.SetStart(x); }); }
    std::string SetLearningRate(double lr) { return Change([&] { return run.SetLearningRate(lr); }); }
    void Reset() { Change([&] { run.Reset(); }); }
    // Steps taken by hand (play goes on).
    bool Step() { ++version; return run.Step(); }
    int Advance(int n) { ++version; return run.Advance(n); }
    void ShowMap(bool on) {
        show_map = on;
        if (on) ComputeMap();
        ++version;
    }
    // The map: 200 starts x 120 learning rates from 0.01 to 0.30 (where valleys switch from
    // settling to bouncing, 2/f'' ~ 0.15), 300 steps each.
    void ComputeMap() {
        if (!map.outcome.empty()) return;
        LrMapSettings s;
        s.starts = 200;
        s.rates = 120;
        s.steps = 300;
        s.x_lo = run.curve().lo();
        s.x_hi = run.curve().hi();
        s.lr_lo = RollSettings::kMinLearningRate;
        s.lr_hi = kMapMaxLearningRate;
        map = MapLearningRates1D(run.curve(), s);
        ++map_serial;
    }
};

} // namespace downhill::model
