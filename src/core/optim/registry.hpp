// registry.hpp: the table of optimizers. One entry per optimizer holds everything the rest
// of the course knows about it by name: its stable id, its label, its default settings,
// the settings it reads with their valid ranges, and how to make it. The runs, both maps,
// the race, the learning-rate comparison, the trainer and the JavaScript side
// (optimizerTable()) all read this table; adding an optimizer means one header with its
// rule, one entry in registry.cpp and its type in VisitOptimizer below.
//
// Index
//   [SECTION] OptimizerSettings: every optimizer's hyperparameters in one plain struct
//   [SECTION] OptimizerEntry and the table
//   [SECTION] Validation and making by name
//   [SECTION] VisitOptimizer: the concrete type behind an Optimizer, for hot loops
//
// How to use:
//   const OptimizerEntry* e = FindOptimizer("adam");
//   OptimizerSettings s = e->defaults;  s.beta1 = 0.8;
//   std::unique_ptr<Optimizer> opt;
//   if (std::string err = MakeOptimizer("adam", s, &opt); !err.empty()) show(err);
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adagrad.hpp"
#include "adam.hpp"
#include "gd.hpp"
#include "momentum.hpp"
#include "nesterov.hpp"
#include "optimizer.hpp"
#include "rmsprop.hpp"
#include "sgd.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] OptimizerSettings
//-----------------------------------------------------------------------------

// Hyperparameters of every optimizer in one plain struct (it is what the URL stores);
// each optimizer reads the fields its table entry lists (ranges: OptimizerTable()).
struct OptimizerSettings {
    double learning_rate = 0.1; // eta, all optimizers: (0, 100]
    double momentum = 0.9;      // mu: momentum, nesterov; [0, 1)
    double rho = 0.9;           // decay of the squared-gradient average: rmsprop; [0, 1)
    double beta1 = 0.9;         // adam; [0, 1)
    double beta2 = 0.999;       // adam; [0, 1)
    double epsilon = 1e-8;      // adagrad, rmsprop, adam; (0, 1]
    double noise = 0.5;         // sgd: standard deviation of the gradient noise; [0, 1000]
    std::uint32_t seed = 1;     // sgd: the noise sequence
    Schedule schedule;          // all optimizers: how eta changes over the steps
};

//-----------------------------------------------------------------------------
// [SECTION] OptimizerEntry and the table
//-----------------------------------------------------------------------------

// One setting an optimizer reads, with the interval it must lie in.
struct OptimizerParam {
    const char* key;  // its name in JavaScript and links: "learningRate", "momentum", "rho", "beta1", "beta2", "epsilon", "noise", "seed"
    const char* what; // how a refusal names it: "The momentum must lie in [0, 1)."
    double lo, hi;    // the interval's ends
    bool lo_closed, hi_closed; // whether lo, hi themselves are allowed
    bool integer;     // whole numbers only (the seed)
    double (*get)(const OptimizerSettings&); // reads it from the settings
};

// One optimizer.
struct OptimizerEntry {
    const char* name;   // stable id, as Optimizer::name(): "adam"
    const char* label;  // for people: "Adam"
    OptimizerSettings defaults; // a good first try on the course's landscapes
    std::vector<OptimizerParam> params; // the settings it reads, learning rate first, in the order they are checked
    // A fresh optimizer with the settings of its own (momentum, betas, ...) from s; the
    // learning rate and schedule are set by MakeOptimizer.
    std::unique_ptr<Optimizer> (*make)(const OptimizerSettings& s);
};

// Every optimizer, in the course's order: gd, sgd, momentum, nesterov, adagrad, rmsprop, adam.
const std::vector<OptimizerEntry>& OptimizerTable();

// The entry called `name`, or null.
const OptimizerEntry* FindOptimizer(const std::string& name);

// The names of OptimizerTable(), in its order.
const std::vector<std::string>& OptimizerNames();

//-----------------------------------------------------------------------------
// [SECTION] Validation and making by name
//-----------------------------------------------------------------------------

// Settings that work on the course's landscapes for that optimizer (a good first try);
// the plain defaults for an unknown name.
OptimizerSettings DefaultOptimizerSettings(const std::string& name);

// "" when `name` is known and the fields it uses are in range, else a message for the
// learner (NaN, negative or absurd values are refused).
std::string ValidateOptimizerSettings(const std::string& name, const OptimizerSettings& s);

// Makes the optimizer into *out (fresh state) and returns ""; or returns the message of
// ValidateOptimizerSettings and leaves *out unchanged.
std::string MakeOptimizer(const std::string& name, const OptimizerSettings& s, std::unique_ptr<Optimizer>* out);

//-----------------------------------------------------------------------------
// [SECTION] VisitOptimizer
//-----------------------------------------------------------------------------

// The concrete types of the table's optimizers.
template <class... Ts>
struct OptimizerTypes {
    // Calls fn(opt as its concrete type) when it is one of Ts, else fn(opt).
    template <class Fn>
    static void Visit(Optimizer& opt, Fn&& fn) {
        const bool found = (TryAs<Ts>(opt, fn) || ...);
        if (!found) fn(opt);
    }

private:
    template <class T, class Fn>
    static bool TryAs(Optimizer& opt, Fn& fn) {
        T* t = dynamic_cast<T*>(&opt);
        if (t) fn(*t);
        return t != nullptr;
    }
};
using BuiltInOptimizers =
    OptimizerTypes<GradientDescent, StochasticGradientDescent, Momentum, Nesterov, AdaGrad, RMSProp, Adam>;

// fn(concrete optimizer) for the table's optimizers, fn(opt) for any other: a loop
// written once as a template then calls the rule without a virtual call per step.
template <class Fn>
void VisitOptimizer(Optimizer& opt, Fn&& fn) {
    BuiltInOptimizers::Visit(opt, fn);
}

} // namespace downhill
