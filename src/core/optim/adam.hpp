// adam.hpp: momentum and RMSProp together, with bias correction.
#pragma once
#include <cmath>

#include "optimizer.hpp"

namespace downhill {

class Adam final : public Optimizer {
public:
    const char* name() const override { return "adam"; }

    double beta1 = 0.9;    // decay of the gradient average (the momentum), in [0, 1)
    double beta2 = 0.999;  // decay of the squared-gradient average, in [0, 1)
    double epsilon = 1e-8; // keeps the division finite, > 0

    // Adam (Kingma & Ba 2015, "Adam: a method for stochastic optimization"), at update t = 1, 2, ...:
    //   m <- beta1 * m + (1 - beta1) * g          (average gradient)
    //   v <- beta2 * v + (1 - beta2) * g^2        (average squared gradient)
    //   m^ = m / (1 - beta1^t),  v^ = v / (1 - beta2^t)   (undo the pull towards 0 of the start)
    //   x <- x - eta * m^ / (sqrt(v^) + epsilon)
    // The first step is eta * g / (|g| + epsilon), about eta * sign(g), whatever the slope.
    void Update(std::span<double> x, std::span<const double> g, double lr) override {
        FitState(m_, x.size());
        FitState(v_, x.size());
        pow1_ *= beta1;
        pow2_ *= beta2;
        const double c1 = 1.0 / (1.0 - pow1_), c2 = 1.0 / (1.0 - pow2_);
        for (std::size_t i = 0; i < x.size(); ++i) {
            m_[i] = beta1 * m_[i] + (1.0 - beta1) * g[i];
            v_[i] = beta2 * v_[i] + (1.0 - beta2) * g[i] * g[i];
            x[i] -= lr * (m_[i] * c1) / (std::sqrt(v_[i] * c2) + epsilon);
        }
    }

protected:
    void ResetState() override {
        std::fill(m_.begin(), m_.end(), 0.0);
        std::fill(v_.begin(), v_.end(), 0.0);
        pow1_ = pow2_ = 1.0;
    }

private:
    std::vector<double> m_, v_;
    double pow1_ = 1.0, pow2_ = 1.0; // beta1^t, beta2^t
};

} // namespace downhill
