// sgd.hpp: stochastic gradient descent, simulated on a landscape by adding seeded noise
// to the exact gradient (the noise a mini-batch would bring). The same seed gives the
// same run, bit for bit, natively and in WebAssembly.
#pragma once
#include <cstdint>

#include "optimizer.hpp"

namespace downhill {

// splitmix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"):
// a tiny generator whose output is the same on every platform.
struct SplitMix64 {
    std::uint64_t state = 0;

    std::uint64_t Next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits.
    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    // Mean 0, variance 1, bell-shaped: the sum of four uniforms, centred and scaled
    // (Irwin-Hall). Bounded by +-2*sqrt(3); only + - * are used, so it is exactly
    // reproducible across standard libraries, unlike std::normal_distribution.
    double Normalish() {
        const double s = Uniform() + Uniform() + Uniform() + Uniform();
        return (s - 2.0) * 1.7320508075688772;
    }
};

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
