// momentum_quadratic.cpp: see momentum_quadratic.hpp.
#include "momentum_quadratic.hpp"

#include <cmath>

namespace downhill {

double MomentumLoss(double kappa, double w1, double w2) { return 0.5 * (w1 * w1 + w2 * w2 / kappa); }

MomentumRun RunMomentum(double kappa, double eta, double beta, int steps, bool stop_at_tol) {
    MomentumRun r;
    const double lambda[2] = {1.0, 1.0 / kappa};
    double w[2] = {kMomentumStart, kMomentumStart}, z[2] = {0, 0};
    const double start = MomentumLoss(kappa, w[0], w[1]);
    r.w1.push_back(w[0]);
    r.w2.push_back(w[1]);
    r.loss.push_back(start);
    for (int t = 1; t <= steps; ++t) {
        for (int k = 0; k < 2; ++k) {
            z[k] = beta * z[k] + lambda[k] * w[k]; // z <- beta z + lambda w (the gradient)
            w[k] -= eta * z[k];                    // w <- w - eta z
        }
        const double f = MomentumLoss(kappa, w[0], w[1]);
        if (!(f <= 1e12 * start)) { r.diverged = true; break; }
        r.w1.push_back(w[0]);
        r.w2.push_back(w[1]);
        r.loss.push_back(f);
        if (r.steps_to_tol < 0 && f <= kMomentumTol * start) {
            r.steps_to_tol = t;
            if (stop_at_tol) break;
        }
    }
    return r;
}

double DirectionRate(double lambda, double eta, double beta) {
    const double trace = 1.0 + beta - eta * lambda; // sum of the two eigenvalues; their product is beta
    const double disc = trace * trace - 4.0 * beta;
    if (disc < 0) return std::sqrt(beta); // a complex pair, both of modulus sqrt(beta)
    return 0.5 * (std::fabs(trace) + std::sqrt(disc));
}

double MomentumRate(double kappa, double eta, double beta) {
    return std::fmax(DirectionRate(1.0, eta, beta), DirectionRate(1.0 / kappa, eta, beta));
}

int PredictedSteps(double rate) {
    if (!(rate < 1)) return -1;
    if (rate <= 0) return 1;
    return int(std::ceil(std::log(kMomentumTol) / (2.0 * std::log(rate)) - 1e-9));
}

MomentumBest BestPlainGd(double kappa) {
    return {2.0 / (1.0 + 1.0 / kappa), 0.0, (kappa - 1.0) / (kappa + 1.0)};
}

MomentumBest BestMomentum(double kappa) {
    const double s = std::sqrt(kappa), q = (s - 1.0) / (s + 1.0), e = 2.0 / (1.0 + 1.0 / s);
    return {e * e, q * q, q};
}

std::vector<double> MomentumRateMap(double kappa, int n) {
    std::vector<double> out;
    if (n < 1) return out;
    out.reserve(size_t(n) * size_t(n));
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
            out.push_back(MomentumRate(kappa, (i + 0.5) * kMapEtaMax / n, (j + 0.5) * kMapBetaMax / n));
    return out;
}

} // namespace downhill
