// gd.hpp: plain (full-batch) gradient descent.
#pragma once
#include "optimizer.hpp"

namespace downhill {

class GradientDescent final : public Optimizer {
public:
    const char* name() const override { return "gd"; }

    // Gradient descent (Cauchy 1847, "Methode generale pour la resolution des systemes
    // d'equations simultanees"):
    //   x <- x - eta * g
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        for (std::size_t i = 0; i < x.size(); ++i) x[i] -= lr * g[i];
    }
};

} // namespace downhill
