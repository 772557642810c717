// momentum.hpp: gradient descent with momentum (the heavy ball).
#pragma once
#include "optimizer.hpp"

namespace downhill {

class Momentum final : public Optimizer {
public:
    const char* name() const override { return "momentum"; }

    double momentum = 0.9; // mu in [0, 1): how much of the velocity survives each step

    // Heavy-ball momentum (Polyak 1964, "Some methods of speeding up the convergence of
    // iteration methods"): the ball keeps a velocity v that the slope accelerates.
    //   v <- mu * v - eta * g
    //   x <- x + v
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        FitState(v_, x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            v_[i] = momentum * v_[i] - lr * g[i];
            x[i] += v_[i];
        }
    }

    const std::vector<double>& velocity() const { return v_; }

protected:
    void ResetState() override { std::fill(v_.begin(), v_.end(), 0.0); }

private:
    std::vector<double> v_;
};

} // namespace downhill
