// roll.hpp: the Roll Downhill run: plain gradient descent of one ball on a 1-D curve.
//
// Index
//   [SECTION] RollSettings: the widget's shareable settings (the URL holds these)
//   [SECTION] RollRun: one run, advanced by the host one step at a time
//   [SECTION] Reading a run as a whole: settling, bouncing, jumping between valleys
#pragma once
#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "landscape1d.hpp"
#include "optim/stop_rule.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] RollSettings
//-----------------------------------------------------------------------------

// What a learner chooses; everything else follows from these and the curve.
struct RollSettings {
    double start_x = 3.0;        // start position, inside the curve's drawn range
    double learning_rate = 0.18; // eta, in [kMinLearningRate, kMaxLearningRate]
    static constexpr double kMinLearningRate = 0.01;
    static constexpr double kMaxLearningRate = 1.20;
};

// Outcome of a run so far.
enum class RollStatus {
    Running,   // still moving
    Settled,   // the last step moved less than 1e-9 (kSettleOnStep): converged to a stationary point
    OutOfView, // finite, but outside the drawn range of the curve
    Diverged,  // x or f(x) became non-finite or |x| > kBlowUp: the run blew up
    LeftDomain, // the ball reached a point where a typed curve is not defined (log of a negative number)
};
const char* RollStatusName(RollStatus s); // "running", "settled", "out-of-view", "diverged", "left-domain"

//-----------------------------------------------------------------------------
// [SECTION] RollRun
//-----------------------------------------------------------------------------

// Gradient descent on one curve:  x_{n+1} = x_n - eta * f'(x_n).
// The host calls Step() (or Advance(n)) and then reads the fields to draw them.
class RollRun {
public:
    explicit RollRun(const Landscape1D& curve, RollSettings s = {});

    // Runs on another curve from now on (it must outlive the run): the learning rate is
    // kept, the start is clamped into the new drawn range, and the run is reset.
    void SetCurve(const Landscape1D& curve);

    // Setters refuse a value the run cannot take (non-finite, outside its range): they
    // return a readable message and change nothing; on success they return "" and reset.
    std::string SetStart(double x);
    std::string SetLearningRate(double lr);
    void Reset();                          // back to step 0 at the start position
    bool Step();                           // one update; false (and no change) once stopped
    int Advance(int n);                    // up to n steps; returns how many were taken

    const RollSettings& settings() const { return settings_; }
    const Landscape1D& curve() const { return *curve_; }
    int step() const { return step_; }                       // updates taken since Reset
    double x() const { return x_; }                          // current position
    double loss() const { return curve_->value(x_); }        // f(x)
    double gradient() const { return curve_->slope(x_); }    // f'(x)
    RollStatus status() const { return status_; }
    int stopped_at() const { return stopped_at_; }           // step where Diverged/OutOfView/LeftDomain began, else -1
    const std::string& domain_message() const { return domain_message_; } // why, for LeftDomain ("" otherwise)
    // x at steps 0..step, newest last: the newest kTrailCap of them (a view into the run,
    // valid until its next change).
    std::span<const double> trail() const {
        const size_t n = std::min(trail_.size(), static_cast<size_t>(kTrailCap));
        return {trail_.data() + (trail_.size() - n), n};
    }

    static constexpr int kTrailCap = 4096; // oldest positions are dropped past this

private:
    const Landscape1D* curve_;
    RollSettings settings_;
    std::string domain_message_;
    double x_ = 0;
    int step_ = 0;
    RollStatus status_ = RollStatus::Running;
    int stopped_at_ = -1;
    // Positions, newest last; holds up to 2 * kTrailCap so that dropping the oldest is a
    // copy of kTrailCap values once every kTrailCap steps, not on every step.
    std::vector<double> trail_;
};

//-----------------------------------------------------------------------------
// [SECTION] Reading a run as a whole
//-----------------------------------------------------------------------------

// What the recent steps of a run add up to.
enum class RollPhase {
    Ready,    // no step taken yet
    Rolling,  // too few steps to tell: heading downhill
    Settling, // inside one valley, closer to its bottom step after step (straight or zigzag)
    Bouncing, // inside one valley, overshooting its bottom without getting closer
    Jumping,  // the recent steps land in different valleys
    Settled,  // the last step moved less than 1e-9
    LeftCurve, // jumped past the end of the drawn curve
    BlewUp,   // the position stopped being a usable number
};
const char* RollPhaseName(RollPhase p); // "ready", "rolling", "settling", "bouncing", "jumping", "settled", "left-curve", "blew-up"

// Which valley x lies in: the index into `minima` (left to right) of the minimum whose
// basin, bounded by the curve's maxima in `points`, holds x; -1 when that basin has no
// minimum (a slope running off the drawn curve). `points` is Stationary1D(curve).
int ValleyOf(const std::vector<StationaryPoint>& points, double x);

struct RollReading {
    RollPhase phase = RollPhase::Ready;
    int valley = -1;  // the valley of the newest position (index into the minima), or -1
    int valleys = 0;  // distinct valleys the recent steps landed in
    int window = 0;   // how many recent positions were read (at most kWindow)
    static constexpr int kWindow = 24;
};
// Reads the last kWindow positions of `run` on its curve; `points` is Stationary1D(curve).
RollReading ReadRoll(const RollRun& run, const std::vector<StationaryPoint>& points);

} // namespace downhill
