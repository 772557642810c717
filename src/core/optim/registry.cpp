// registry.cpp: see registry.hpp.
#include "registry.hpp"

#include <cmath>
#include <cstdio>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] OptimizerEntry and the table
//-----------------------------------------------------------------------------

namespace {

// The settings, each with its interval (shared by every optimizer that reads it).
const OptimizerParam kLearningRate = {"learningRate", "The learning rate", 0, 100, false, true, false,
                                      [](const OptimizerSettings& s) { return s.learning_rate; }};
const OptimizerParam kMomentum = {"momentum", "The momentum", 0, 1, true, false, false,
                                  [](const OptimizerSettings& s) { return s.momentum; }};
const OptimizerParam kRho = {"rho", "The decay rho", 0, 1, true, false, false,
                             [](const OptimizerSettings& s) { return s.rho; }};
const OptimizerParam kBeta1 = {"beta1", "beta1", 0, 1, true, false, false,
                               [](const OptimizerSettings& s) { return s.beta1; }};
const OptimizerParam kBeta2 = {"beta2", "beta2", 0, 1, true, false, false,
                               [](const OptimizerSettings& s) { return s.beta2; }};
const OptimizerParam kEpsilon = {"epsilon", "Epsilon", 0, 1, false, true, false,
                                 [](const OptimizerSettings& s) { return s.epsilon; }};
const OptimizerParam kNoise = {"noise", "The gradient noise", 0, 1000, true, true, false,
                               [](const OptimizerSettings& s) { return s.noise; }};
const OptimizerParam kSeed = {"seed", "The seed", 0, 4294967295.0, true, true, true,
                              [](const OptimizerSettings& s) { return static_cast<double>(s.seed); }};

// The plain defaults with this learning rate.
OptimizerSettings WithRate(double learning_rate) {
    OptimizerSettings s;
    s.learning_rate = learning_rate;
    return s;
}

std::vector<OptimizerEntry> BuildTable() {
    std::vector<OptimizerEntry> t;
    t.push_back({"gd", "Gradient descent", WithRate(0.1), {kLearningRate},
                 [](const OptimizerSettings&) -> std::unique_ptr<Optimizer> {
                     return std::make_unique<GradientDescent>();
                 }});
    t.push_back({"sgd", "SGD with noise", WithRate(0.05), {kLearningRate, kNoise, kSeed},
                 [](const OptimizerSettings& s) -> std::unique_ptr<Optimizer> {
                     auto o = std::make_unique<StochasticGradientDescent>();
                     o->noise = s.noise;
                     o->seed = s.seed;
                     return o;
                 }});
    t.push_back({"momentum", "Momentum", WithRate(0.02), {kLearningRate, kMomentum},
                 [](const OptimizerSettings& s) -> std::unique_ptr<Optimizer> {
                     auto o = std::make_unique<Momentum>();
                     o->momentum = s.momentum;
                     return o;
                 }});
    t.push_back({"nesterov", "Nesterov", WithRate(0.02), {kLearningRate, kMomentum},
                 [](const OptimizerSettings& s) -> std::unique_ptr<Optimizer> {
                     auto o = std::make_unique<Nesterov>();
                     o->momentum = s.momentum;
                     return o;
                 }});
    t.push_back({"adagrad", "AdaGrad", WithRate(0.5), {kLearningRate, kEpsilon},
                 [](const OptimizerSettings& s) -> std::unique_ptr<Optimizer> {
                     auto o = std::make_unique<AdaGrad>();
                     o->epsilon = s.epsilon;
                     return o;
                 }});
    t.push_back({"rmsprop", "RMSProp", WithRate(0.02), {kLearningRate, kRho, kEpsilon},
                 [](const OptimizerSettings& s) -> std::unique_ptr<Optimizer> {
                     auto o = std::make_unique<RMSProp>();
                     o->rho = s.rho;
                     o->epsilon = s.epsilon;
                     return o;
                 }});
    t.push_back({"adam", "Adam", WithRate(0.05), {kLearningRate, kBeta1, kBeta2, kEpsilon},
                 [](const OptimizerSettings& s) -> std::unique_ptr<Optimizer> {
                     auto o = std::make_unique<Adam>();
                     o->beta1 = s.beta1;
                     o->beta2 = s.beta2;
                     o->epsilon = s.epsilon;
                     return o;
                 }});
    return t;
}

} // namespace

const std::vector<OptimizerEntry>& OptimizerTable() {
    static const std::vector<OptimizerEntry> table = BuildTable();
    return table;
}

const OptimizerEntry* FindOptimizer(const std::string& name) {
    for (const OptimizerEntry& e : OptimizerTable())
        if (name == e.name) return &e;
    return nullptr;
}

const std::vector<std::string>& OptimizerNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const OptimizerEntry& e : OptimizerTable()) v.emplace_back(e.name);
        return v;
    }();
    return names;
}

//-----------------------------------------------------------------------------
// [SECTION] Validation and making by name
//-----------------------------------------------------------------------------

OptimizerSettings DefaultOptimizerSettings(const std::string& name) {
    const OptimizerEntry* e = FindOptimizer(name);
    return e ? e->defaults : OptimizerSettings{};
}

// "" when v lies in p's interval, else "<what> must lie in [lo, hi)" (brackets as the ends).
static std::string CheckParam(const OptimizerParam& p, double v) {
    const bool ok = (p.lo_closed ? v >= p.lo : v > p.lo) && (p.hi_closed ? v <= p.hi : v < p.hi); // false for NaN
    if (ok) return "";
    char msg[128];
    std::snprintf(msg, sizeof msg, "%s must lie in %c%g, %g%c.", p.what, p.lo_closed ? '[' : '(', p.lo, p.hi,
                  p.hi_closed ? ']' : ')');
    return msg;
}

std::string ValidateOptimizerSettings(const std::string& name, const OptimizerSettings& s) {
    const OptimizerEntry* e = FindOptimizer(name);
    if (!e) return "Unknown optimizer \"" + name.substr(0, 40) + "\".";
    // The learning rate (every entry's first setting) has messages of its own.
    if (!(s.learning_rate > 0) || !std::isfinite(s.learning_rate)) return "The learning rate must be a positive number.";
    if (s.learning_rate > kLearningRate.hi) return "The learning rate must be at most 100.";
    for (size_t i = 1; i < e->params.size(); ++i) {
        const std::string err = CheckParam(e->params[i], e->params[i].get(s));
        if (!err.empty()) return err;
    }
    return ValidateSchedule(s.schedule);
}

std::string MakeOptimizer(const std::string& name, const OptimizerSettings& s, std::unique_ptr<Optimizer>* out) {
    const std::string err = ValidateOptimizerSettings(name, s);
    if (!err.empty()) return err;
    std::unique_ptr<Optimizer> opt = FindOptimizer(name)->make(s);
    opt->learning_rate = s.learning_rate;
    opt->schedule = s.schedule;
    opt->Reset();
    if (out) *out = std::move(opt);
    return "";
}

} // namespace downhill
