// lr_compare.cpp: see lr_compare.hpp.
#include "lr_compare.hpp"

#include <cmath>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] SteepBowl1D
//-----------------------------------------------------------------------------

double SteepBowl1D::value(double x) const { return std::cosh(x) - 1.0; }
double SteepBowl1D::slope(double x) const { return std::sinh(x); }
double SteepBowl1D::curvature(double x) const { return std::cosh(x); }

//-----------------------------------------------------------------------------
// [SECTION] Curves and their suggested settings
//-----------------------------------------------------------------------------

const std::vector<std::string>& LrCompareCurveNames() {
    static const std::vector<std::string> names = {"bowl", "course", "steep"};
    return names;
}

std::unique_ptr<Landscape1D> MakeLrCompareCurve(const std::string& name) {
    if (name == "steep") return std::make_unique<SteepBowl1D>();
    if (name == "bowl" || name == "course") return MakeLandscape1D(name);
    return nullptr;
}

LrCompareSettings LrComparePreset(const std::string& curve) {
    LrCompareSettings s;
    if (curve == "course") {
        s.curve = "course";
        s.start_x = -1.8;
        s.learning_rate = {0.005, 0.05, 0.2};
    } else if (curve == "steep") {
        s.curve = "steep";
        s.start_x = 1.0;
        s.learning_rate = {0.01, 0.5, 2.2};
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] LrTrend
//-----------------------------------------------------------------------------

const char* LrTrendName(LrTrend t) {
    switch (t) {
    case LrTrend::Waiting: return "waiting";
    case LrTrend::Creeping: return "creeping";
    case LrTrend::Descending: return "descending";
    case LrTrend::Overshooting: return "overshooting";
    case LrTrend::LeftView: return "left-view";
    case LrTrend::Settled: return "settled";
    case LrTrend::Diverged: return "diverged";
    case LrTrend::LeftDomain: return "left-domain";
    }
    return "waiting";
}

//-----------------------------------------------------------------------------
// [SECTION] LrCompare
//-----------------------------------------------------------------------------

LrCompare::LrCompare() : curve_(MakeLrCompareCurve(settings_.curve)) { Build(); }

void LrCompare::Build() {
    minima_.clear();
    lowest_ = 0;
    bool any = false;
    for (const auto& p : Stationary1D(*curve_)) {
        if (!p.is_minimum) continue;
        minima_.push_back(p);
        if (!any || p.f < lowest_) lowest_ = p.f;
        any = true;
    }
    for (int i = 0; i < kRuns; ++i) {
        runs_[i] = std::make_unique<OptimizerRun>(*curve_);
        OptimizerSettings s = DefaultOptimizerSettings("gd");
        s.learning_rate = settings_.learning_rate[i];
        runs_[i]->SetOptimizer("gd", s);
        runs_[i]->SetStart(settings_.start_x);
    }
    ticks_ = 0;
}

std::string LrCompare::SetCurve(const std::string& name) {
    std::unique_ptr<Landscape1D> f = MakeLrCompareCurve(name);
    if (!f) return "Unknown curve \"" + name.substr(0, 40) + "\".";
    // The runs point at the old curve: drop them before it goes.
    for (auto& r : runs_) r.reset();
    curve_ = std::move(f);
    settings_ = LrComparePreset(name);
    Build();
    return "";
}

void LrCompare::SetCurve(std::unique_ptr<Landscape1D> f) {
    for (auto& r : runs_) r.reset();
    curve_ = std::move(f);
    settings_.curve = curve_->name();
    const double x = settings_.start_x;
    if (!(x >= curve_->lo() && x <= curve_->hi()) || !curve_->undefined_at(x).empty())
        settings_.start_x = curve_->lo() + 0.8 * (curve_->hi() - curve_->lo());
    Build();
}

std::string LrCompare::SetStart(double x) {
    if (!std::isfinite(x) || x < curve_->lo() || x > curve_->hi()) return "The start must be a point on the drawn curve.";
    const std::string undefined = curve_->undefined_at(x);
    if (!undefined.empty()) return "The curve is not defined at the start: " + undefined + ".";
    settings_.start_x = x;
    for (auto& r : runs_) r->SetStart(x);
    ticks_ = 0;
    return "";
}

std::string LrCompare::SetLearningRate(int i, double lr) {
    if (i < 0 || i >= kRuns) return "There are three runs: 0, 1 and 2.";
    if (!std::isfinite(lr) || lr < LrCompareSettings::kMinLearningRate || lr > LrCompareSettings::kMaxLearningRate)
        return "A learning rate must be a number from 0.0000001 to 10.";
    OptimizerSettings s = DefaultOptimizerSettings("gd");
    s.learning_rate = lr;
    const std::string err = runs_[i]->SetOptimizer("gd", s);
    if (!err.empty()) return err;
    settings_.learning_rate[i] = lr;
    Reset();
    return "";
}

void LrCompare::Reset() {
    for (auto& r : runs_) r->Reset();
    ticks_ = 0;
}

bool LrCompare::Step() {
    if (ticks_ >= kMaxSteps) return false;
    bool moved = false;
    for (auto& r : runs_) moved = r->Step() || moved;
    if (moved) ++ticks_;
    return moved;
}

int LrCompare::Advance(int n) {
    int taken = 0;
    while (taken < n && Step()) ++taken;
    return taken;
}

bool LrCompare::AnyRunning() const {
    if (ticks_ >= kMaxSteps) return false;
    for (const auto& r : runs_)
        if (r->status() == RunStatus::Running) return true;
    return false;
}

double LrCompare::Progress(int i) const {
    const OptimizerRun& r = run(i);
    const double f0 = curve_->value(settings_.start_x);
    const double drop = f0 - lowest_;
    if (!(drop > 0)) return 0.0;
    return (f0 - r.loss()) / drop;
}

LrTrend LrCompare::Trend(int i) const {
    const OptimizerRun& r = run(i);
    if (r.status() == RunStatus::Diverged) return LrTrend::Diverged;
    if (r.status() == RunStatus::LeftDomain) return LrTrend::LeftDomain;
    if (r.status() == RunStatus::Settled) return LrTrend::Settled;
    if (r.step() == 0) return LrTrend::Waiting;
    if (r.x() < curve_->lo() || r.x() > curve_->hi()) return LrTrend::LeftView;
    // Overshooting: within the last four steps the slope changed sign between two
    // consecutive positions, i.e. a step carried the ball past a bottom.
    const std::vector<double>& p = r.positions();
    const size_t n = p.size();
    for (size_t k = n >= 5 ? n - 4 : 1; k < n; ++k) {
        const double a = curve_->slope(p[k - 1]), b = curve_->slope(p[k]);
        if ((a < 0 && b > 0) || (a > 0 && b < 0)) return LrTrend::Overshooting;
    }
    // Creeping: the last step covered under 0.2% of the drawn width while most of the
    // way down is still ahead.
    const double last = n >= 2 ? std::fabs(p[n - 1] - p[n - 2]) : 0.0;
    if (last < 0.002 * (curve_->hi() - curve_->lo()) && Progress(i) < 0.9) return LrTrend::Creeping;
    return LrTrend::Descending;
}

} // namespace downhill
