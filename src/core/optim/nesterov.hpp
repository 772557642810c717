// nesterov.hpp: Nesterov's accelerated gradient (momentum that looks ahead).
#pragma once
#include "optimizer.hpp"

namespace downhill {

class Nesterov final : public Optimizer {
public:
    const char* name() const override { return "nesterov"; }

    double momentum = 0.9; // mu in [0, 1)

    // Nesterov momentum (Nesterov 1983, "A method for solving the convex programming
    // problem with convergence rate O(1/k^2)"; in the form of Sutskever, Martens, Dahl &
    // Hinton 2013): the gradient is taken at the look-ahead point x + mu v. Stored here is
    // that look-ahead point itself (Bengio, Boulanger-Lewandowski & Pascanu 2013), so g is
    // the gradient at the stored x:
    //   v' = mu * v - eta * g
    //   x <- x - mu * v + (1 + mu) * v',   v <- v'
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        FitState(v_, x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double prev = v_[i];
            v_[i] = momentum * prev - lr * g[i];
            x[i] += -momentum * prev + (1.0 + momentum) * v_[i];
        }
    }

    const std::vector<double>& velocity() const { return v_; }

protected:
    void ResetState() override { std::fill(v_.begin(), v_.end(), 0.0); }

private:
    std::vector<double> v_;
};

} // namespace downhill
