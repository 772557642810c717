// rmsprop.hpp: per-coordinate steps scaled by a running average of squared gradients.
#pragma once
#include <cmath>

#include "optimizer.hpp"

namespace downhill {

class RMSProp final : public Optimizer {
public:
    const char* name() const override { return "rmsprop"; }

    double rho = 0.9;      // decay of the running average, in [0, 1)
    double epsilon = 1e-8; // keeps the division finite, > 0

    // RMSProp (Tieleman & Hinton 2012, Coursera "Neural Networks for Machine Learning",
    // lecture 6.5): like AdaGrad, but old gradients fade, so steps do not shrink forever.
    //   E <- rho * E + (1 - rho) * g^2
    //   x <- x - eta * g / (sqrt(E) + epsilon)
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        FitState(avg_, x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            avg_[i] = rho * avg_[i] + (1.0 - rho) * g[i] * g[i];
            x[i] -= lr * g[i] / (std::sqrt(avg_[i]) + epsilon);
        }
    }

protected:
    void ResetState() override { std::fill(avg_.begin(), avg_.end(), 0.0); }

private:
    std::vector<double> avg_;
};

} // namespace downhill
