// run.cpp: see run.hpp.
//
// Index
//   [SECTION] OptimizerRun
//   [SECTION] Trajectory
#include "run.hpp"

#include <cmath>
#include <span>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] OptimizerRun
//-----------------------------------------------------------------------------

const char* RunStatusName(RunStatus s) {
    switch (s) {
    case RunStatus::Running: return "running";
    case RunStatus::Settled: return "settled";
    case RunStatus::Diverged: return "diverged";
    case RunStatus::LeftDomain: return "left-domain";
    }
    return "running";
}

OptimizerRun::OptimizerRun(const Landscape1D& f) : f1_(&f), dim_(1) {
    MakeOptimizer(name_, settings_, &opt_);
    start_[0] = f.lo() + 0.8 * (f.hi() - f.lo());
    Reset();
}

OptimizerRun::OptimizerRun(const Landscape2D& f) : f2_(&f), dim_(2) {
    MakeOptimizer(name_, settings_, &opt_);
    const Vec2 s = f.start();
    start_[0] = s.x;
    start_[1] = s.y;
    Reset();
}

double OptimizerRun::Evaluate(const double* p, double* g) const {
    if (f1_) {
        g[0] = f1_->slope(p[0]);
        g[1] = 0;
        return f1_->value(p[0]);
    }
    const Vec2 v = f2_->gradient(p[0], p[1]);
    g[0] = v.x;
    g[1] = v.y;
    return f2_->value(p[0], p[1]);
}

bool OptimizerRun::InRange(double x, double y) const {
    if (!std::isfinite(x) || !std::isfinite(y)) return false;
    if (f1_) return x >= f1_->lo() && x <= f1_->hi();
    const Range2D r = f2_->range();
    return x >= r.xlo && x <= r.xhi && y >= r.ylo && y <= r.yhi;
}

std::string OptimizerRun::UndefinedAt(double x, double y) const {
    return f1_ ? f1_->undefined_at(x) : f2_->undefined_at(x, y);
}

std::string OptimizerRun::SetOptimizer(const std::string& name, const OptimizerSettings& s) {
    std::unique_ptr<Optimizer> opt;
    const std::string err = MakeOptimizer(name, s, &opt);
    if (!err.empty()) return err;
    opt_ = std::move(opt);
    name_ = name;
    settings_ = s;
    Reset();
    return "";
}

std::string OptimizerRun::SetStart(double x, double y) {
    if (dim_ == 1) y = 0;
    if (!InRange(x, y)) return "The start must be a point inside the drawn range.";
    const std::string undefined = UndefinedAt(x, y);
    if (!undefined.empty()) return "The function is not defined at the start: " + undefined + ".";
    start_[0] = x;
    start_[1] = y;
    Reset();
    return "";
}

double OptimizerRun::learning_rate() const { return opt_->CurrentLearningRate(); }

void OptimizerRun::Reset() {
    opt_->Reset();
    pos_[0] = start_[0];
    pos_[1] = start_[1];
    loss_ = Evaluate(pos_, grad_);
    step_ = 0;
    status_ = RunStatus::Running;
    stopped_at_ = -1;
    domain_message_.clear();
    first_recorded_ = 0;
    positions_.clear();
    losses_.clear();
    Record();
}

void OptimizerRun::Record() {
    if (!record_) return;
    if (losses_.size() >= static_cast<size_t>(kTrailCap)) {
        // Drop the oldest quarter at once, so recording stays cheap on average.
        const size_t drop = kTrailCap / 4;
        losses_.erase(losses_.begin(), losses_.begin() + static_cast<std::ptrdiff_t>(drop));
        positions_.erase(positions_.begin(), positions_.begin() + static_cast<std::ptrdiff_t>(drop * dim_));
        first_recorded_ += static_cast<int>(drop);
    }
    for (int i = 0; i < dim_; ++i) positions_.push_back(pos_[i]);
    losses_.push_back(loss_);
}

bool OptimizerRun::Step() {
    if (status_ != RunStatus::Running) return false;
    double next[2] = {pos_[0], pos_[1]};
    const double g[2] = {grad_[0], grad_[1]};
    opt_->Step(std::span<double>(next, static_cast<size_t>(dim_)), std::span<const double>(g, static_cast<size_t>(dim_)));
    double ng[2];
    const double l = Evaluate(next, ng);
    // A finite point where a typed formula is undefined: the run stops where it is, with why.
    if (!(std::isfinite(l) && std::isfinite(ng[0]) && std::isfinite(ng[1])) && std::isfinite(next[0]) &&
        std::isfinite(next[1])) {
        std::string why = UndefinedAt(next[0], next[1]);
        if (!why.empty()) {
            status_ = RunStatus::LeftDomain;
            stopped_at_ = step_;
            domain_message_ = std::move(why);
            return true;
        }
    }
    const StepVerdict v = kSettleOnStepAndSlope.Judge(pos_, next, ng, dim_, std::isfinite(l), true);
    pos_[0] = next[0];
    pos_[1] = next[1];
    grad_[0] = ng[0];
    grad_[1] = ng[1];
    loss_ = l;
    ++step_;
    Record();
    if (v == StepVerdict::Diverged) {
        status_ = RunStatus::Diverged;
        stopped_at_ = step_;
    } else if (v == StepVerdict::Settled) {
        status_ = RunStatus::Settled;
        stopped_at_ = step_;
    }
    return true;
}

int OptimizerRun::Advance(int n) {
    int taken = 0;
    while (taken < n && Step()) ++taken;
    return taken;
}

//-----------------------------------------------------------------------------
// [SECTION] Trajectory
//-----------------------------------------------------------------------------

struct RunAccess {
    static void NoTrail(OptimizerRun& run) {
        run.record_ = false;
        run.positions_.clear();
        run.losses_.clear();
    }
};

static constexpr int kMaxTrajectorySteps = 1000000;

static Trajectory Collect(OptimizerRun& run, const std::string& optimizer, const OptimizerSettings& s, double x0,
                          double y0, int steps) {
    Trajectory t;
    if (steps < 0 || steps > kMaxTrajectorySteps) {
        t.error = "The number of steps must lie between 0 and 1000000.";
        return t;
    }
    t.error = run.SetOptimizer(optimizer, s);
    if (t.error.empty()) t.error = run.SetStart(x0, y0);
    if (!t.error.empty()) return t;
    RunAccess::NoTrail(run);
    const int dim = run.dim();
    const size_t reserve = static_cast<size_t>(std::min(steps, 1 << 16)) + 1;
    t.positions.reserve(reserve * static_cast<size_t>(dim));
    t.losses.reserve(reserve);
    auto push = [&] {
        t.positions.push_back(run.x());
        if (dim == 2) t.positions.push_back(run.y());
        t.losses.push_back(run.loss());
    };
    push();
    while (t.steps < steps && run.Step()) {
        ++t.steps;
        push();
    }
    t.dim = dim;
    t.status = run.status();
    t.stopped_at = run.stopped_at();
    return t;
}

Trajectory RunOptimizer1D(const Landscape1D& f, const std::string& optimizer, const OptimizerSettings& s,
                          double x0, int steps) {
    OptimizerRun run(f);
    return Collect(run, optimizer, s, x0, 0.0, steps);
}

Trajectory RunOptimizer2D(const Landscape2D& f, const std::string& optimizer, const OptimizerSettings& s,
                          double x0, double y0, int steps) {
    OptimizerRun run(f);
    return Collect(run, optimizer, s, x0, y0, steps);
}

} // namespace downhill
