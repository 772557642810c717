// race.cpp: see race.hpp.
#include "race.hpp"

#include <cmath>
#include <map>
#include <mutex>
#include <utility>

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
    std::unique_ptr<Landscape2D> f = MakeLandscape2D(surface);
    if (!f) return RaceSettings{};
    return RaceDefaults(*f);
}

RaceSettings RaceDefaults(const Landscape2D& f) {
    RaceSettings s;
    s.surface = f.name();
    s.learning_rate = RaceSuggestedLearningRate(f.name());
    s.start_x = f.start().x;
    s.start_y = f.start().y;
    s.learning_rates.clear();
    for (const auto& name : s.optimizers) s.learning_rates.push_back(RaceTunedLearningRate(f, name).learning_rate);
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Tuned learning rates
//-----------------------------------------------------------------------------

static OptimizerSettings RacerSettings(const std::string& name, const RaceSettings& s, double lr);

// The search of RaceTunedLearningRate, uncached.
static TunedRate TuneRate(const Landscape2D& f, const std::string& optimizer) {
    const std::vector<CriticalPoint2D> cps = f.critical_points();
    std::vector<const CriticalPoint2D*> minima;
    for (const auto& c : cps)
        if (c.kind == CriticalKind::GlobalMin || c.kind == CriticalKind::LocalMin) minima.push_back(&c);
    TunedRate best{RaceSuggestedLearningRate(f.name()), -1, false};
    if (minima.empty()) return best;
    const RaceSettings defaults;
    for (int k = 0; k <= 40; ++k) {
        const double lr = std::pow(10.0, -4.0 + k / 10.0);
        OptimizerRun run(f);
        if (!run.SetOptimizer(optimizer, RacerSettings(optimizer, defaults, lr)).empty()) continue;
        run.SetStart(f.start().x, f.start().y);
        int since = -1;                      // the step from which the run has stayed near `at`
        const CriticalPoint2D* at = nullptr; // the minimum it is near, if any
        while (run.status() == RunStatus::Running && run.step() < kTuneSteps) {
            run.Step();
            const CriticalPoint2D* near = nullptr;
            for (const CriticalPoint2D* m : minima)
                if (std::hypot(run.x() - m->x, run.y() - m->y) <= Race::kReachedDistance) near = m;
            if (near != at) since = near ? run.step() : -1;
            at = near;
        }
        if (run.status() == RunStatus::Diverged || run.status() == RunStatus::LeftDomain || !at) continue;
        const bool global = at->kind == CriticalKind::GlobalMin;
        const bool better = best.steps < 0 || (global && !best.global) || (global == best.global && since < best.steps);
        if (better) best = {lr, since, global};
    }
    return best;
}

TunedRate RaceTunedLearningRate(const std::string& surface, const std::string& optimizer) {
    std::unique_ptr<Landscape2D> f = MakeLandscape2D(surface);
    if (!f) return {};
    return RaceTunedLearningRate(*f, optimizer);
}

TunedRate RaceTunedLearningRate(const Landscape2D& surface, const std::string& optimizer) {
    static std::mutex lock;
    static std::map<std::pair<std::string, std::string>, TunedRate> found;
    const std::lock_guard<std::mutex> hold(lock);
    const auto key = std::make_pair(surface.key(), optimizer);
    const auto it = found.find(key);
    if (it != found.end()) return it->second;
    bool known = false;
    for (const auto& n : OptimizerNames()) known = known || n == optimizer;
    if (!known) return {};
    // Typed surfaces come and go: the kept rates are forgotten once there are many.
    if (found.size() >= 512) found.clear();
    const TunedRate t = TuneRate(surface, optimizer);
    found.emplace(key, t);
    return t;
}

//-----------------------------------------------------------------------------
// [SECTION] Race
//-----------------------------------------------------------------------------

// The settings racer `name` runs with, at rate `lr`.
static OptimizerSettings RacerSettings(const std::string& name, const RaceSettings& s, double lr) {
    OptimizerSettings o = DefaultOptimizerSettings(name);
    o.learning_rate = lr;
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
    auto rate_ok = [](double lr) {
        return std::isfinite(lr) && lr >= RaceSettings::kMinLearningRate && lr <= RaceSettings::kMaxLearningRate;
    };
    if (!rate_ok(s.learning_rate)) return "The learning rate must be a number from 0.00001 to 10.";
    if (!s.learning_rates.empty() && s.learning_rates.size() != s.optimizers.size())
        return "Give one learning rate per racer.";
    for (double lr : s.learning_rates)
        if (!rate_ok(lr)) return "Each racer's learning rate must be a number from 0.00001 to 10.";
    auto rate = [&](size_t i) { return s.learning_rates.empty() ? s.learning_rate : s.learning_rates[i]; };
    for (size_t i = 0; i < s.optimizers.size(); ++i) {
        const std::string err = ValidateOptimizerSettings(s.optimizers[i], RacerSettings(s.optimizers[i], s, rate(i)));
        if (!err.empty()) return err;
    }
    const Range2D r = surface_->range();
    if (!std::isfinite(s.start_x) || !std::isfinite(s.start_y) || s.start_x < r.xlo || s.start_x > r.xhi ||
        s.start_y < r.ylo || s.start_y > r.yhi)
        return "The start must be a point inside the map.";
    const std::string undefined = surface_->undefined_at(s.start_x, s.start_y);
    if (!undefined.empty()) return "The surface is not defined at the start: " + undefined + ".";
    std::vector<std::unique_ptr<OptimizerRun>> runs;
    for (size_t i = 0; i < s.optimizers.size(); ++i) {
        const std::string& name = s.optimizers[i];
        auto run = std::make_unique<OptimizerRun>(*surface_);
        run->SetOptimizer(name, RacerSettings(name, s, rate(i)));
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
    SetSurface(std::move(f));
    return "";
}

void Race::SetSurface(std::unique_ptr<Landscape2D> f) {
    RaceSettings s = RaceDefaults(*f);
    s.optimizers = settings_.optimizers;
    s.momentum = settings_.momentum;
    s.beta1 = settings_.beta1;
    s.beta2 = settings_.beta2;
    s.noise = settings_.noise;
    s.seed = settings_.seed;
    // Own rates: each racer's tuned rate on the new surface; one shared rate: its suggested one.
    s.learning_rates.clear();
    if (own_rates())
        for (const auto& n : s.optimizers) s.learning_rates.push_back(RaceTunedLearningRate(*f, n).learning_rate);
    // The racers point at the old surface: drop them before it goes.
    runs_.clear();
    surface_ = std::move(f);
    critical_ = surface_->critical_points();
    minima_ = 0;
    for (const auto& c : critical_)
        if (c.kind == CriticalKind::GlobalMin || c.kind == CriticalKind::LocalMin) ++minima_;
    lowest_ = minima_ ? critical_[0].f : 0.0;
    Rebuild(s); // the defaults always pass
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
    s.learning_rates.clear();
    for (const auto& k : OptimizerNames()) {
        int count = 0;
        for (const auto& n : names) count += n == k;
        if (count > 1) return "Each optimizer can race only once.";
        if (!count) continue;
        s.optimizers.push_back(k);
        // Own rates: a racer that stays keeps its rate; a new one gets its tuned rate.
        if (!own_rates()) continue;
        double lr = RaceTunedLearningRate(*surface_, k).learning_rate;
        for (size_t i = 0; i < settings_.optimizers.size(); ++i)
            if (settings_.optimizers[i] == k) lr = settings_.learning_rates[i];
        s.learning_rates.push_back(lr);
    }
    return Rebuild(s);
}

std::string Race::SetLearningRate(double lr) {
    RaceSettings s = settings_;
    s.learning_rate = lr;
    s.learning_rates.clear();
    return Rebuild(s);
}

std::string Race::SetRacerLearningRate(int i, double lr) {
    if (i < 0 || i >= size()) return "There is no racer " + std::to_string(i) + ".";
    RaceSettings s = settings_;
    if (s.learning_rates.empty()) s.learning_rates.assign(s.optimizers.size(), s.learning_rate);
    s.learning_rates[size_t(i)] = lr;
    return Rebuild(s);
}

void Race::UseTunedRates() {
    RaceSettings s = settings_;
    s.learning_rates.clear();
    for (const auto& n : s.optimizers) s.learning_rates.push_back(RaceTunedLearningRate(*surface_, n).learning_rate);
    Rebuild(s); // tuned rates lie in range
}

double Race::learning_rate(int i) const {
    const size_t k = size_t(Index(i));
    return settings_.learning_rates.empty() ? settings_.learning_rate : settings_.learning_rates[k];
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
