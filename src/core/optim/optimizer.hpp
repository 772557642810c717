// optimizer.hpp: the interface every optimizer shares. Each optimizer is one small type
// in its own header (gd.hpp, sgd.hpp, momentum.hpp, nesterov.hpp, adagrad.hpp,
// rmsprop.hpp, adam.hpp) whose Update() is its rule, with the formula and its source
// written above it. registry.hpp lists them (name, defaults, settings and their ranges)
// and makes one by name; the loops that call them are OptimizerRun (run.hpp), the maps
// (maps.cpp, which call Update() directly with the scheduled rate) and the Trainer
// (train/trainer.hpp).
//
// How to use:
//   Adam adam;  adam.learning_rate = 0.1;
//   std::vector<double> w = {...}, g(w.size());
//   for (...) { /* g = dL/dw at w */  adam.Step(w, g); }
#pragma once
#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "schedule.hpp"

namespace downhill {

class Optimizer {
public:
    virtual ~Optimizer() = default;
    virtual const char* name() const = 0; // stable id, e.g. "adam"

    double learning_rate = 0.1; // base step size eta (> 0)
    Schedule schedule;          // how eta changes with the step number

    // One update of x in place from the gradient g at x, with the scheduled rate. Uses the
    // first min(x.size(), g.size()) entries; state is sized on the first call (or after a
    // change of size), so later calls do not allocate.
    void Step(std::span<double> x, std::span<const double> g) {
        const std::size_t n = std::min(x.size(), g.size());
        Update(x.first(n), g.first(n), CurrentLearningRate());
        ++steps_;
    }

    // Forget the state (velocities, averages) and the step count; keeps the settings.
    void Reset() {
        steps_ = 0;
        ResetState();
    }

    long steps() const { return steps_; } // Step() calls since the last Reset()
    double CurrentLearningRate() const { return learning_rate * ScheduleFactor(schedule, steps_); }

    // The rule itself: x <- x + (its step), with learning rate lr. x and g have equal size.
    virtual void Update(std::span<double> x, std::span<const double> g, double lr) = 0;

protected:
    virtual void ResetState() {}

    // Per-coordinate state of length n, zeroed when its length changes.
    static void FitState(std::vector<double>& v, std::size_t n) {
        if (v.size() != n) v.assign(n, 0.0);
    }

private:
    long steps_ = 0;
};

} // namespace downhill
