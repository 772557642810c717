// race.cpp: see race.hpp.
#include "race.hpp"

#include <cmath>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] RaceSettings
//-----------------------------------------------------------------------------

double RaceSuggestedLearningRate(const std::string& surface) {
    if (surface == "ravine") return 0.03;
    if (surface == "rosenbrock") return 0.002;
    if (surface == "himmelblau") return 0.01;
    return 0.05;
}

RaceSettings RaceDefaults(const std::string& surface) {
    RaceSettings s;
    std::unique_ptr<Landscape2D> f = MakeLandscape2D(surface);
    if (!f) return s;
    s.surface = surface;
    s.learning_rate = RaceSuggestedLearningRate(surface);
    s.start_x = f->start().x;
    s.start_y = f->start().y;
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Race
//-----------------------------------------------------------------------------

// The settings racer `name` runs with.
static OptimizerSettings RacerSettings(const std::string& name, const RaceSettings& s) {
    OptimizerSettings o = DefaultOptimizerSettings(name);
    o.learning_rate = s.learning_rate;
    o.momentum = s.momentum;
    o.beta1 = s.beta1;
    o.beta2 = s.beta2;
    o.noise = s.noise;
    o.seed = s.seed;
    return o;
}

Race::Race() {
    const RaceSettings s = RaceDefaults("ravine");
    surface_ = MakeLandscape2D(s.surface);
    critical_ = surface_->critical_points();
    for (const auto& c : critical_)
        if (c.kind == CriticalKind::GlobalMin || c.kind == CriticalKind::LocalMin) ++minima_;
    lowest_ = minima_ ? critical_[0].f : 0.0;
    Rebuild(s);
}

std::string Race::Rebuild(const RaceSettings& s) {
    if (s.optimizers.empty()) return "Pick at least one optimizer for the race.";
    if (s.optimizers.size() > OptimizerNames().size()) return "There are only seven optimizers to race.";
    for (size_t i = 0; i < s.optimizers.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (s.optimizers[i] == s.optimizers[j]) return "Each optimizer can race only once.";
    if (!std::isfinite(s.learning_rate) || s.learning_rate < RaceSettings::kMinLearningRate ||
        s.learning_rate > RaceSettings::kMaxLearningRate)
        return "The learning rate must be a number from 0.00001 to 10.";
    for (const auto& name : s.optimizers) {
        const std::string err = ValidateOptimizerSettings(name, RacerSettings(name, s));
        if (!err.empty()) return err;
    }
    const Range2D r = surface_->range();
    if (!std::isfinite(s.start_x) || !std::isfinite(s.start_y) || s.start_x < r.xlo || s.start_x > r.xhi ||
        s.start_y < r.ylo || s.start_y > r.yhi)
        return "The start must be a point inside the map.";
    std::vector<std::unique_ptr<OptimizerRun>> runs;
    for (const auto& name : s.optimizers) {
        auto run = std::make_unique<OptimizerRun>(*surface_);
        run->SetOptimizer(name, RacerSettings(name, s));
        run->SetStart(s.start_x, s.start_y);
        runs.push_back(std::move(run));
    }
    runs_ = std::move(runs);
    settings_ = s;
    reached_.assign(runs_.size(), -1);
    ticks_ = 0;
    for (int i = 0; i < size(); ++i) Check(i);
    return "";
}

std::string Race::SetSurface(const std::string& name) {
    std::unique_ptr<Landscape2D> f = MakeLandscape2D(name);
    if (!f) return "Unknown surface \"" + name.substr(0, 40) + "\".";
    RaceSettings s = RaceDefaults(name);
    s.optimizers = settings_.optimizers;
    s.momentum = settings_.momentum;
    s.beta1 = settings_.beta1;
    s.beta2 = settings_.beta2;
    s.noise = settings_.noise;
    s.seed = settings_.seed;
    // The racers point at the old surface: drop them before it goes.
    runs_.clear();
    surface_ = std::move(f);
    critical_ = surface_->critical_points();
    minima_ = 0;
    for (const auto& c : critical_)
        if (c.kind == CriticalKind::GlobalMin || c.kind == CriticalKind::LocalMin) ++minima_;
    lowest_ = minima_ ? critical_[0].f : 0.0;
    return Rebuild(s); // the defaults always pass
}

std::string Race::SetOptimizers(const std::vector<std::string>& names) {
    // Known names only, kept in OptimizerNames() order so the legend never reshuffles.
    for (const auto& n : names) {
        bool known = false;
        for (const auto& k : OptimizerNames()) known = known || n == k;
        if (!known) return "Unknown optimizer \"" + n.substr(0, 40) + "\".";
    }
    RaceSettings s = settings_;
    s.optimizers.clear();
    for (const auto& k : OptimizerNames()) {
        int count = 0;
        for (const auto& n : names) count += n == k;
        if (count > 1) return "Each optimizer can race only once.";
        if (count) s.optimizers.push_back(k);
    }
    return Rebuild(s);
}

std::string Race::SetLearningRate(double lr) {
    RaceSettings s = settings_;
    s.learning_rate = lr;
    return Rebuild(s);
}

std::string Race::SetMomentum(double mu) {
    if (!(mu >= 0 && mu <= RaceSettings::kMaxMomentum)) return "The momentum must lie between 0 and 0.999.";
    RaceSettings s = settings_;
    s.momentum = mu;
    return Rebuild(s);
}

std::string Race::SetAdamBetas(double beta1, double beta2) {
    if (!(beta1 >= 0 && beta1 <= RaceSettings::kMaxBeta1)) return "Adam's beta1 must lie between 0 and 0.999.";
    if (!(beta2 >= 0 && beta2 <= RaceSettings::kMaxBeta2)) return "Adam's beta2 must lie between 0 and 0.99999.";
    RaceSettings s = settings_;
    s.beta1 = beta1;
    s.beta2 = beta2;
    return Rebuild(s);
}

std::string Race::SetNoise(double sigma, std::uint32_t seed) {
    if (!(sigma >= 0 && sigma <= RaceSettings::kMaxNoise)) return "The gradient noise must lie between 0 and 10.";
    if (seed < 1 || seed > RaceSettings::kMaxSeed) return "The seed must be a whole number from 1 to 2147483647.";
    RaceSettings s = settings_;
    s.noise = sigma;
    s.seed = seed;
    return Rebuild(s);
}

std::string Race::SetStart(double x, double y) {
    RaceSettings s = settings_;
    s.start_x = x;
    s.start_y = y;
    return Rebuild(s);
}

void Race::Reset() {
    for (auto& r : runs_) r->Reset();
    reached_.assign(runs_.size(), -1);
    ticks_ = 0;
    for (int i = 0; i < size(); ++i) Check(i);
}

void Race::Check(int i) {
    if (reached_[i] >= 0) return;
    const double d = DistanceToMinimum(i);
    if (d >= 0 && d <= kReachedDistance) reached_[i] = runs_[i]->step();
}

bool Race::Step() {
    if (ticks_ >= kMaxSteps) return false;
    bool moved = false;
    for (int i = 0; i < size(); ++i) {
        if (runs_[i]->Step()) {
            moved = true;
            Check(i);
        }
    }
    if (moved) ++ticks_;
    return moved;
}

int Race::Advance(int n) {
    int taken = 0;
    while (taken < n && Step()) ++taken;
    return taken;
}

bool Race::AnyRunning() const {
    if (ticks_ >= kMaxSteps) return false;
    for (const auto& r : runs_)
        if (r->status() == RunStatus::Running) return true;
    return false;
}

int Race::NearestMinimum(int i) const {
    const OptimizerRun& r = run(i);
    int best = -1;
    double best_d = 0;
    for (int k = 0; k < minima_; ++k) {
        const double d = std::hypot(r.x() - critical_[k].x, r.y() - critical_[k].y);
        if (best < 0 || d < best_d) {
            best = k;
            best_d = d;
        }
    }
    return best;
}

double Race::DistanceToMinimum(int i) const {
    const int k = NearestMinimum(i);
    if (k < 0) return -1.0;
    const OptimizerRun& r = run(i);
    const double d = std::hypot(r.x() - critical_[k].x, r.y() - critical_[k].y);
    return std::isnan(d) ? INFINITY : d;
}

int Race::Winner() const {
    int best = -1;
    for (int i = 0; i < size(); ++i) {
        if (reached_[i] < 0) continue;
        if (best < 0 || reached_[i] < reached_[best] ||
            (reached_[i] == reached_[best] && runs_[i]->loss() < runs_[best]->loss()))
            best = i;
    }
    return best;
}

} // namespace downhill
