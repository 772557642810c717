// roll.cpp: see roll.hpp.
#include "roll.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace downhill {

const char* RollStatusName(RollStatus s) {
    switch (s) {
    case RollStatus::Running: return "running";
    case RollStatus::Settled: return "settled";
    case RollStatus::OutOfView: return "out-of-view";
    case RollStatus::Diverged: return "diverged";
    case RollStatus::LeftDomain: return "left-domain";
    }
    return "running";
}

RollRun::RollRun(const Landscape1D& curve, RollSettings s) : curve_(&curve) {
    trail_.reserve(2 * kTrailCap); // all the memory a run will ever use, taken once
    // Out-of-range settings fall back to the defaults, so a run is always valid.
    if (!SetLearningRate(s.learning_rate).empty()) settings_.learning_rate = RollSettings{}.learning_rate;
    if (!SetStart(s.start_x).empty()) settings_.start_x = RollSettings{}.start_x;
    Reset();
}

void RollRun::SetCurve(const Landscape1D& curve) {
    curve_ = &curve;
    const double x = std::fmin(std::fmax(settings_.start_x, curve.lo()), curve.hi());
    if (!SetStart(x).empty()) settings_.start_x = x; // where the curve is undefined: Step reports it
    Reset();
}

std::string RollRun::SetStart(double x) {
    if (!std::isfinite(x)) return "The start position must be a number.";
    if (x < curve_->lo() || x > curve_->hi()) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "The start position must lie between %g and %g.", curve_->lo(), curve_->hi());
        return msg;
    }
    const std::string undefined = curve_->undefined_at(x);
    if (!undefined.empty()) return "The curve is not defined at the start: " + undefined + ".";
    settings_.start_x = x;
    Reset();
    return "";
}

std::string RollRun::SetLearningRate(double lr) {
    if (!std::isfinite(lr)) return "The learning rate must be a number.";
    if (lr < RollSettings::kMinLearningRate || lr > RollSettings::kMaxLearningRate)
        return "The learning rate must lie between 0.01 and 1.2.";
    settings_.learning_rate = lr;
    Reset();
    return "";
}

void RollRun::Reset() {
    x_ = settings_.start_x;
    step_ = 0;
    status_ = RollStatus::Running;
    stopped_at_ = -1;
    domain_message_.clear();
    trail_.clear();
    trail_.push_back(x_);
}

bool RollRun::Step() {
    if (status_ == RollStatus::Diverged || status_ == RollStatus::OutOfView || status_ == RollStatus::LeftDomain) return false;
    if (step_ == 0 && !curve_->undefined_at(x_).empty()) { // a start where a typed curve is undefined
        status_ = RollStatus::LeftDomain;
        stopped_at_ = 0;
        domain_message_ = curve_->undefined_at(x_);
        return false;
    }
    const double next = x_ - settings_.learning_rate * curve_->slope(x_);
    const double prev = x_;
    x_ = next;
    ++step_;
    if (trail_.size() >= static_cast<size_t>(2 * kTrailCap)) { // keep the newest kTrailCap - 1, then add x
        std::copy(trail_.end() - (kTrailCap - 1), trail_.end(), trail_.begin());
        trail_.resize(kTrailCap - 1);
    }
    trail_.push_back(x_);
    // Settling does not stop the run: Step() goes on, and the status follows the last step.
    const double f = curve_->value(x_);
    const bool inside = !(x_ < curve_->lo() || x_ > curve_->hi());
    if (!std::isfinite(f) && std::isfinite(x_) && inside) {
        domain_message_ = curve_->undefined_at(x_);
        if (!domain_message_.empty()) {
            status_ = RollStatus::LeftDomain;
            stopped_at_ = step_;
            return true;
        }
    }
    switch (kSettleOnStep.Judge(&prev, &x_, nullptr, 1, std::isfinite(f), inside)) {
    case StepVerdict::Diverged:
        status_ = RollStatus::Diverged;
        stopped_at_ = step_;
        break;
    case StepVerdict::LeftRange:
        status_ = RollStatus::OutOfView;
        stopped_at_ = step_;
        break;
    case StepVerdict::Settled: status_ = RollStatus::Settled; break;
    case StepVerdict::Moving: status_ = RollStatus::Running; break;
    }
    return true;
}

int RollRun::Advance(int n) {
    int taken = 0;
    while (taken < n && Step()) ++taken;
    return taken;
}

} // namespace downhill
