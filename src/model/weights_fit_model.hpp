// weights_fit_model.hpp: the "weights and fit" widget (lessons/04-gradient-descent.md):
// a line yhat = w x + b over a small data set, and the same (w, b) as one point of the
// MSE landscape; gradient descent moves both, step by step, with x as measured or
// standardised.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/contour.hpp"
#include "core/linear_fit.hpp"
#include "model/play_clock.hpp"

namespace downhill::model {

struct WeightsFitModel : PlayClock {
    static constexpr uint64_t kSeed = 7;       // the data set's seed
    static constexpr int kPoints = 16;         // its size
    static constexpr double kMinRate = 0.001, kMaxRate = 1.2;
    static constexpr double kMinSpeed = 1, kMaxSpeed = 240; // steps per second
    static constexpr const char* kSpeedUnit = "steps";
    // The drawn (w, b) window for measured x (long thin valley) and for standardised x.
    static constexpr Range2D kRawWindow{-1.5, 4.5, -20, 10};
    static constexpr Range2D kScaledWindow{-5, 10, -5, 10};

    const FitData raw = MakeFitData(kSeed, kPoints);
    const FitData scaled_data = Standardised(raw);
    const FitScale scale = ScaleOf(raw);
    // The MSE map's contour lines over each window (measured x, standardised x): the data
    // never change, so each is sampled once, on a 48 x 48 grid at 12 quantile levels.
    struct MseContours {
        std::vector<ContourSegment> segments;
        int levels = 0;
    };
    const MseContours contours[2] = {MakeContours(raw, kRawWindow), MakeContours(scaled_data, kScaledWindow)};
    bool scaled = false;     // fit on standardised x
    Vec2 start{0, 0};        // (w, b) the run starts from (the point the learner placed)
    double lr = 0.03;        // learning rate
    std::vector<Vec2> path{Vec2{0, 0}}; // (w, b) after each step, start first
    bool diverged = false;   // |w| or |b| passed 1e6, or turned non-finite
    int steps_raw = 0, steps_scaled = 0; // StepsNeeded(false / true), kept from the last restart

    WeightsFitModel() { steps_per_second = 60; Restart(); }

    const FitData& data() const { return scaled ? scaled_data : raw; }
    const Range2D& window() const { return scaled ? kScaledWindow : kRawWindow; }
    const MseContours& map_contours() const { return contours[scaled]; }
    Vec2 now() const { return path.back(); }
    int step() const { return int(path.size()) - 1; }
    double Mse() const { return FitMse(data(), now().x, now().y); }
    bool Reached() const { return Mse() <= LeastSquares(data()).mse + kFitTolerance; }
    bool CanRun() const { return !diverged && !Reached() && step() < kFitMaxSteps; }

    // Up to 8 steps a frame; play stops at the minimum, a blow-up or kFitMaxSteps.
    void Tick(double dt) { PlayClock::Tick(dt, 8, [this] { return Step(); }); }
    // One gradient-descent step, (w, b) -= lr grad MSE; false once the run is over.
    bool Step() {
        ++version;
        if (!CanRun()) return false;
        const Vec2 p = FitStep(data(), now(), lr);
        path.push_back(p);
        if (!(std::fabs(p.x) < 1e6 && std::fabs(p.y) < 1e6)) diverged = true;
        return CanRun();
    }
    // Up to n steps by hand; returns the steps taken.
    int Advance(int n) {
        int k = 0;
        for (; k < n && CanRun(); ++k) Step();
        return k;
    }
    void Reset() { Change([&] { Restart(); }); }

    // Places the point (w, b) inside the current window; the run restarts there.
    std::string SetWeights(double w, double b) {
        const Range2D& r = window();
        char why[160];
        if (!std::isfinite(w) || !std::isfinite(b)) return "The weights w and b must be numbers.";
        if (w < r.xlo || w > r.xhi || b < r.ylo || b > r.yhi) {
            std::snprintf(why, sizeof why, "With %s x, w must lie between %g and %g and b between %g and %g.",
                          scaled ? "standardised" : "measured", r.xlo, r.xhi, r.ylo, r.yhi);
            return why;
        }
        return Change([&] { start = {w, b}; Restart(); return std::string(); });
    }
    std::string SetLearningRate(double v) {
        if (!std::isfinite(v) || v < kMinRate || v > kMaxRate) return "The learning rate must lie between 0.001 and 1.2.";
        return Change([&] { lr = v; Restart(); return std::string(); });
    }
    // Standardise x or not. The start keeps its line (its weights are rewritten for the other
    // x), moved into the new window when it falls outside; the run restarts.
    void SetScaled(bool on) {
        Change([&] {
            if (on == scaled) return;
            const Vec2 p = on ? ToScaled(scale, start) : ToRaw(scale, start);
            scaled = on;
            const Range2D& r = window();
            start = {std::clamp(p.x, r.xlo, r.xhi), std::clamp(p.y, r.ylo, r.yhi)};
            Restart();
        });
    }
    // Steps from the start's line to the minimum at this learning rate, with x measured
    // (scaled = false) or standardised; -1: never (blows up or more than kFitMaxSteps).
    int StepsNeeded(bool with_scaled) const {
        const Vec2 line = scaled ? ToRaw(scale, start) : start;
        return with_scaled ? FitStepsToTolerance(scaled_data, ToScaled(scale, line), lr)
                           : FitStepsToTolerance(raw, line, lr);
    }

private:
    void Restart() {
        path.assign(1, start);
        diverged = false;
        steps_raw = StepsNeeded(false);
        steps_scaled = StepsNeeded(true);
    }

    static MseContours MakeContours(const FitData& d, const Range2D& r) {
        constexpr int n = 48;
        std::vector<double> g(n * n);
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i)
                g[j * n + i] = FitMse(d, r.xlo + (r.xhi - r.xlo) * i / (n - 1), r.ylo + (r.yhi - r.ylo) * j / (n - 1));
        const std::vector<double> levels = QuantileLevels(SortedFinite(g), 12);
        return {ContourSegments(g, n, n, r, levels), int(levels.size())};
    }
};

} // namespace downhill::model
