// adagrad.hpp: per-coordinate steps scaled by the whole history of squared gradients.
#pragma once
#include <cmath>

#include "optimizer.hpp"

namespace downhill {

class AdaGrad final : public Optimizer {
public:
    const char* name() const override { return "adagrad"; }

    double epsilon = 1e-8; // keeps the division finite, > 0

    // AdaGrad (Duchi, Hazan & Singer 2011, "Adaptive subgradient methods for online
    // learning and stochastic optimization"): coordinates that have seen large gradients
    // take smaller steps, and every step shrinks as the sum grows.
    //   G <- G + g^2
    //   x <- x - eta * g / (sqrt(G) + epsilon)
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        FitState(sum_, x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            sum_[i] += g[i] * g[i];
            x[i] -= lr * g[i] / (std::sqrt(sum_[i]) + epsilon);
        }
    }

protected:
    void ResetState() override { std::fill(sum_.begin(), sum_.end(), 0.0); }

private:
    std::vector<double> sum_;
};

} // namespace downhill
