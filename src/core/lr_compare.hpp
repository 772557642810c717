// lr_compare.hpp: one start, three learning rates, side by side (lessons/05-learning-rate.md):
// plain gradient descent on a 1-D curve with a too-small, a good and a too-large step,
// advanced together by the host, each stopped by the run driver's divergence check.
//
// Index
//   [SECTION] SteepBowl1D: a bowl whose walls steepen exponentially (gradients explode)
//   [SECTION] Curves and their suggested settings
//   [SECTION] LrTrend: what a run is doing, in one word the page can explain
//   [SECTION] LrCompare: the three runs
//
// How to use:
//   LrCompare c;                       // the bowl with its suggested start and rates
//   c.SetCurve("steep");               // another curve: its own suggestions
//   c.Step();                          // one step of every run still going
//   c.run(2).status(), c.Trend(2)      // what the page reports
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "landscape1d.hpp"
#include "optim/run.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] SteepBowl1D
//-----------------------------------------------------------------------------

// A bowl that is gentle at the bottom and whose walls rise exponentially:
//   f(x) = cosh(x) - 1,  f'(x) = sinh(x),  f''(x) = cosh(x)
// One minimum: x = 0, f = 0, f'' = 1, so near the bottom gradient descent settles for
// eta < 2. Far out the slope explodes (f'(20) ~ 2.4e8): one step too many lands where the
// next gradient is astronomically large, and the step after that makes the loss infinite.
// Gradient descent from x = 1 with eta = 2.2: x ~ -1.585, 3.559, -35.04 (loss ~ 8.3e14),
// then ~ +1.8e15, where cosh overflows: the loss is infinite at step 4.
struct SteepBowl1D final : Landscape1D {
    const char* name() const override { return "steep"; }
    double value(double x) const override;
    double slope(double x) const override;
    double curvature(double x) const override;
    double lo() const override { return -4.0; }
    double hi() const override { return 4.0; }
};

//-----------------------------------------------------------------------------
// [SECTION] Curves and their suggested settings
//-----------------------------------------------------------------------------

// What the learner sets: one curve, one start, three learning rates.
struct LrCompareSettings {
    std::string curve = "bowl";                    // a name from LrCompareCurveNames(), or "formula"
    double start_x = 2.5;                          // inside the curve's drawn range
    std::array<double, 3> learning_rate = {0.001, 0.1, 0.95}; // small, medium, large
    static constexpr double kMinLearningRate = 1e-7;
    static constexpr double kMaxLearningRate = 10.0;
};

// "bowl" (x^2), "course" (the Roll Downhill curve), "steep" (SteepBowl1D).
const std::vector<std::string>& LrCompareCurveNames();

// A new curve of that name, or null for an unknown name.
std::unique_ptr<Landscape1D> MakeLrCompareCurve(const std::string& name);

// Start and rates that show the three behaviours on that curve (the bowl's for an
// unknown name):
//   bowl   start 2.5,  eta 0.001 (creeps), 0.1 (smooth), 0.95 (overshoots, bounces in slowly)
//   course start -1.8, eta 0.005 (creeps), 0.05 (smooth), 0.2 (bounces across the valley forever)
//   steep  start 1,    eta 0.01 (creeps), 0.5 (smooth), 2.2 (overshoots, then the loss becomes infinite)
LrCompareSettings LrComparePreset(const std::string& curve);

//-----------------------------------------------------------------------------
// [SECTION] LrTrend
//-----------------------------------------------------------------------------

enum class LrTrend {
    Waiting,      // no step taken yet
    Creeping,     // steps are tiny and the loss is still far above the bottom
    Descending,   // moving steadily downhill
    Overshooting, // a recent step jumped over the bottom (the slope changed sign)
    LeftView,     // still finite, but outside the drawn part of the curve
    Settled,      // came to rest (the run driver's settle test)
    Diverged,     // the run driver stopped it: position, loss or gradient blew up
    LeftDomain,   // its next step would land where a typed curve is not defined
};
const char* LrTrendName(LrTrend t); // "waiting", "creeping", "descending", "overshooting", "left-view", "settled",
                                    // "diverged", "left-domain"

//-----------------------------------------------------------------------------
// [SECTION] LrCompare
//-----------------------------------------------------------------------------

// Three gradient-descent runs on one curve from one start. Each run is an OptimizerRun
// ("gd"), so it stops by itself when it settles or diverges; Step() advances the others.
class LrCompare {
public:
    static constexpr int kRuns = 3;
    static constexpr int kMaxSteps = 20000; // Step() does nothing once this many were taken

    LrCompare(); // the bowl preset

    // Setters return "" and reset every run, or a message and change nothing.
    std::string SetCurve(const std::string& name);     // also takes that curve's preset start and rates
    // Any curve (a typed one): the rates stay; the start stays if it lies on the new curve,
    // else it moves 80% of the way across.
    void SetCurve(std::unique_ptr<Landscape1D> f);
    std::string SetStart(double x);                    // finite, inside [lo, hi] of the curve, where it is defined
    std::string SetLearningRate(int i, double lr);     // i in 0..2, lr in [kMin, kMax]
    void Reset();                                      // every run back to step 0

    bool Step();        // one step of every run still going; false when none was
    int Advance(int n); // up to n Step()s; returns how many moved a run
    bool AnyRunning() const;

    int ticks() const { return ticks_; } // Step()s that moved a run since Reset
    const LrCompareSettings& settings() const { return settings_; }
    const Landscape1D& curve() const { return *curve_; }
    const OptimizerRun& run(int i) const { return *runs_[Clamp(i)]; }
    const std::vector<StationaryPoint>& minima() const { return minima_; } // left to right
    double lowest_loss() const { return lowest_; }     // the smallest minimum of the curve
    LrTrend Trend(int i) const;
    // Share of the way down achieved: (f(start) - f(x)) / (f(start) - lowest); 1 at the
    // bottom, negative when the loss rose above its start; 0 when the start is the bottom.
    double Progress(int i) const;

private:
    static int Clamp(int i) { return i < 0 ? 0 : i >= kRuns ? kRuns - 1 : i; }
    void Build(); // runs from curve_ and settings_

    LrCompareSettings settings_;
    std::unique_ptr<Landscape1D> curve_;
    std::array<std::unique_ptr<OptimizerRun>, kRuns> runs_;
    std::vector<StationaryPoint> minima_;
    double lowest_ = 0;
    int ticks_ = 0;
};

} // namespace downhill
