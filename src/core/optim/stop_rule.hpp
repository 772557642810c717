// stop_rule.hpp: the one rule by which every run of the course (OptimizerRun, RollRun)
// and every cell of the maps (MapLearningRates1D, MapBasins2D) decides, after each step,
// whether it diverged, left the range it must stay in, settled, or goes on.
//
// How to use (after one step from `prev` to `next`, gradient `g` at `next`):
//   const StepVerdict v = kSettleOnStepAndSlope.Judge(prev, next, g, 2, std::isfinite(loss), true);
//   if (v == StepVerdict::Diverged) ...
#pragma once
#include <algorithm>
#include <cmath>

namespace downhill {

// A coordinate farther than this from 0 counts as a blow-up (as does NaN or infinity).
inline constexpr double kBlowUp = 1e6;

// True when |v| > kBlowUp or v is not a number.
inline bool BlownUp(double v) { return !(std::fabs(v) <= kBlowUp); }

// What one step did, from the worst (each run decides which of them stop it).
enum class StepVerdict {
    Diverged,  // a coordinate blew up (BlownUp), or what was evaluated at the new point is not finite
    LeftRange, // finite, but outside the range the run must stay in
    Settled,   // moved less than settle_step (by its largest coordinate), at a gradient below settle_grad
    Moving,    // none of these
};

// The settle tolerances; the blow-up limit is kBlowUp for every run.
struct StopRule {
    double settle_step = 1e-9; // a step shorter than this (largest coordinate change) ...
    double settle_grad = 1e-6; // ... at a gradient (largest entry) smaller than this: settled;
                               // 0: the step alone decides (no gradient needed)

    // Judges the step from prev to next (dim coordinates each).
    //   grad:   the gradient at next (dim entries), or null when the run does not look at it
    //           (then settle_grad must be 0)
    //   finite: whatever else the caller evaluated at next (the loss) is finite
    //   inside: next lies in the range the run must stay in (true when it has none)
    StepVerdict Judge(const double* prev, const double* next, const double* grad, int dim, bool finite,
                      bool inside) const {
        double moved = 0, gmax = 0;
        bool bad = !finite;
        for (int i = 0; i < dim; ++i) {
            moved = std::max(moved, std::fabs(next[i] - prev[i]));
            bad = bad || BlownUp(next[i]);
            if (grad) {
                gmax = std::max(gmax, std::fabs(grad[i]));
                bad = bad || !std::isfinite(grad[i]);
            }
        }
        if (bad) return StepVerdict::Diverged;
        if (!inside) return StepVerdict::LeftRange;
        if (moved < settle_step && (settle_grad <= 0 || gmax < settle_grad)) return StepVerdict::Settled;
        return StepVerdict::Moving;
    }
};

// OptimizerRun and both maps: a tiny step at a tiny slope.
inline constexpr StopRule kSettleOnStepAndSlope{1e-9, 1e-6};
// RollRun: a tiny step alone (it keeps stepping after settling, so a pause on a slope shows).
inline constexpr StopRule kSettleOnStep{1e-9, 0.0};

} // namespace downhill
