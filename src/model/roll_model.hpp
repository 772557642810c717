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
    RollRun run{curve};                       // gradient descent on it
    std::vector<StationaryPoint> points;      // the curve's minima and maxima, left to right
    std::vector<StationaryPoint> minima;      // the curve's minima, left to right
    bool show_map = false;                    // draw the start x learning-rate map under the curve
    LrMap map;                                // where every (start, eta) run ends; made by ComputeMap()
    static constexpr const char* kSpeedUnit = "steps";
    static constexpr double kMapMaxLearningRate = 0.30; // top row of the map

    static constexpr bool kFlatOut = true;    // setSpeed(Infinity): as many steps as a frame has time for

    RollModel() {
        points = Stationary1D(curve);
        for (const auto& p : points)
            if (p.is_minimum) minima.push_back(p);
    }
    // Up to 8 steps a frame (as fast as possible: up to 400, within 8 ms); play stops when
    // the ball settles, blows up or leaves the view.
    void Tick(double dt) {
        const bool flat_out = std::isinf(steps_per_second);
        PlayClock::Tick(dt, flat_out ? 400 : 8, [this] {
            const bool stepped = run.Step();
            const RollStatus s = run.status();
            return stepped && s != RollStatus::Diverged && s != RollStatus::OutOfView && s != RollStatus::Settled;
        }, flat_out ? 0.008 : 0);
    }
    RollReading Reading() const { return ReadRoll(run, points); }
    // A settled ball may be played on (a new learning rate can shake it); a lost one may not.
    bool CanRun() const { return run.status() != RollStatus::Diverged && run.status() != RollStatus::OutOfView; }
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
        s.x_lo = curve.lo();
        s.x_hi = curve.hi();
        s.lr_lo = RollSettings::kMinLearningRate;
        s.lr_hi = kMapMaxLearningRate;
        map = MapLearningRates1D(curve, s);
    }
};

} // namespace downhill::model
