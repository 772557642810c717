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

const char* RollPhaseName(RollPhase p) {
    switch (p) {
    case RollPhase::Ready: return "ready";
    case RollPhase::Rolling: return "rolling";
    case RollPhase::Settling: return "settling";
    case RollPhase::Bouncing: return "bouncing";
    case RollPhase::Jumping: return "jumping";
    case RollPhase::Settled: return "settled";
    case RollPhase::LeftCurve: return "left-curve";
    case RollPhase::BlewUp: return "blew-up";
    }
    return "ready";
}

int ValleyOf(const std::vector<StationaryPoint>& points, double x) {
    // Basin k runs between the k-th and (k+1)-th maximum; its minimum is the one inside.
    double left = -INFINITY, right = INFINITY;
    for (const auto& p : points) {
        if (p.is_minimum) continue;
        if (p.x <= x) left = p.x;
        else { right = p.x; break; }
    }
    int k = 0;
    for (const auto& p : points) {
        if (!p.is_minimum) continue;
        if (p.x > left && p.x < right) return k;
        ++k;
    }
    return -1;
}

RollReading ReadRoll(const RollRun& run, const std::vector<StationaryPoint>& points) {
    RollReading r;
    const auto& t = run.trail();
    r.valley = std::isfinite(run.x()) ? ValleyOf(points, run.x()) : -1;
    if (run.status() == RollStatus::Diverged) { r.phase = RollPhase::BlewUp; return r; }
    if (run.status() == RollStatus::OutOfView) { r.phase = RollPhase::LeftCurve; return r; }
    if (run.status() == RollStatus::Settled) { r.phase = RollPhase::Settled; r.valleys = 1; return r; }
    if (run.step() == 0) return r;
    const int n = int(t.size());
    const int w = std::min(n, RollReading::kWindow);
    r.window = w;
    // The valleys the recent positions landed in.
    int seen[RollReading::kWindow];
    for (int i = n - w; i < n; ++i) {
        const int v = ValleyOf(points, t[i]);
        bool known = false;
        for (int j = 0; j < r.valleys; ++j) known = known || seen[j] == v;
        if (!known) seen[r.valleys++] = v;
    }
    if (r.valleys > 1) {
        // Only the last few steps count for rolling over one ridge into the next valley.
        int last_change = n - 1;
        while (last_change > n - w && ValleyOf(points, t[last_change - 1]) == r.valley) --last_change;
        const bool one_crossing = [&] {
            const int before = ValleyOf(points, t[last_change - 1]);
            for (int i = n - w; i < last_change; ++i)
                if (ValleyOf(points, t[i]) != before) return false;
            return true;
        }();
        // One crossing, then steps that close in on the new valley's bottom: rolling on.
        if (!(one_crossing && n - last_change >= 3)) { r.phase = RollPhase::Jumping; return r; }
    }
    if (n < 4 || r.valley < 0) { r.phase = RollPhase::Rolling; return r; }
    double bottom = 0;
    for (int k = 0, i = 0; i < int(points.size()); ++i)
        if (points[i].is_minimum && k++ == r.valley) bottom = points[i].x;
    // In one valley: is the reach of the swings about the bottom shrinking? The farthest
    // of the last four positions against the farthest of the four before them, and those
    // against the four before them.
    const int from = n - w;
    auto reach = [&](int a, int b) {
        double m = 0;
        for (int i = std::max(a, from); i < b; ++i) m = std::max(m, std::fabs(t[i] - bottom));
        return m;
    };
    const double earlier = reach(n - 12, n - 8), before = reach(n - 8, n - 4), now = reach(n - 4, n);
    int flips = 0;
    for (int i = from + 1; i < n; ++i)
        if ((t[i] - bottom) * (t[i - 1] - bottom) < 0) ++flips;
    // Shrinking twice running (a chaotic bounce shrinks now and then, but seldom twice).
    const bool closer = (now < 0.8 * before && (n < 12 || before < 0.8 * earlier)) || now < 1e-6;
    r.phase = closer ? RollPhase::Settling : flips >= 2 ? RollPhase::Bouncing : RollPhase::Rolling;
    return r;
}

} // namespace downhill
