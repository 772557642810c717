// sgd.hpp: stochastic gradient descent, simulated on a landscape by adding seeded noise
// to the exact gradient (the noise a mini-batch would bring). The same seed gives the
// same run, bit for bit, natively and in WebAssembly (SplitMix64: random.hpp).
#pragma once
#include <cstdint>

#include "../random.hpp"
#include "optimizer.hpp"

namespace downhill {

class StochasticGradientDescent final : public Optimizer {
public:
    const char* name() const override { return "sgd"; }

    double noise = 0.5;      // sigma: standard deviation of the noise added to each gradient entry, >= 0
    std::uint32_t seed = 1;  // picks the noise sequence; read at the first Step() after a Reset()

    // Stochastic gradient descent (Robbins & Monro 1951, "A stochastic approximation
    // method"), the gradient estimate modelled as the true gradient plus noise:
    //   x <- x - eta * (g + sigma * xi),   xi ~ mean 0, variance 1 (see Normalish)
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        if (!seeded_) {
            rng_.state = seed;
            seeded_ = true;
        }
        for (std::size_t i = 0; i < x.size(); ++i) x[i] -= lr * (g[i] + noise * rng_.Normalish());
    }

protected:
    void ResetState() override { seeded_ = false; }

private:
    SplitMix64 rng_;
    bool seeded_ = false;
};

} // namespace downhill
