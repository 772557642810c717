// momentum_model.hpp: the "why momentum works" widget: a two-weight bowl of condition
// number kappa, one heavy-ball run with the learner's eta and beta, and the map of
// convergence rates over (eta, beta) (lessons/06-local-minima-optimizers.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/momentum_quadratic.hpp"
#include "model/checks.hpp"

namespace downhill::model {

// The widget's settings (the URL holds these).
struct MomentumSettings {
    double kappa = 100; // condition number lambda1 / lambda2, in [1, 1000]
    double eta = 1.0;   // learning rate, in [0.001, 4]
    double beta = 0.9;  // momentum, in [0, 0.999] (0: plain gradient descent)
};

struct MomentumModel {
    static constexpr double kMinKappa = 1, kMaxKappa = 1000;
    static constexpr double kMinEta = 0.001, kMaxEta = 4;
    static constexpr double kMinBeta = 0, kMaxBeta = 0.999;
    static constexpr int kMaxSteps = 5000; // the longest run shown
    static constexpr int kMapCells = 64;   // the map is kMapCells x kMapCells

    MomentumSettings settings;  // what the learner chose
    uint32_t version = 0;       // bumped on every change
    MomentumRun run;            // the learner's run, up to the tolerance or kMaxSteps
    std::vector<double> map;    // MomentumRateMap(kappa, kMapCells)
    int gd_steps = -1;          // steps of the best plain GD run to the tolerance (-1: not within kMaxSteps)
    int best_steps = -1;        // the same for the best momentum run

    MomentumModel() { Rebuild(true); }

    std::string SetKappa(double k) {
        std::string err = CheckInRange(k, kMinKappa, kMaxKappa, "condition number");
        if (err.empty()) { settings.kappa = k; Rebuild(true); }
        return err;
    }
    std::string SetEta(double eta) {
        std::string err = CheckInRange(eta, kMinEta, kMaxEta, "learning rate");
        if (err.empty()) { settings.eta = eta; Rebuild(false); }
        return err;
    }
    std::string SetBeta(double beta) {
        std::string err = CheckInRange(beta, kMinBeta, kMaxBeta, "momentum");
        if (err.empty()) { settings.beta = beta; Rebuild(false); }
        return err;
    }
    // Both at once (a click on the map, a preset).
    std::string SetEtaBeta(double eta, double beta) {
        std::string err = CheckInRange(eta, kMinEta, kMaxEta, "learning rate");
        if (err.empty()) err = CheckInRange(beta, kMinBeta, kMaxBeta, "momentum");
        if (err.empty()) { settings.eta = eta; settings.beta = beta; Rebuild(false); }
        return err;
    }
    double Rate() const { return MomentumRate(settings.kappa, settings.eta, settings.beta); }

  private:
    // Reruns the learner's run; with the bowl changed, the map and the best runs too.
    void Rebuild(bool bowl) {
        ++version;
        const double k = settings.kappa;
        run = RunMomentum(k, settings.eta, settings.beta, kMaxSteps, true);
        if (!bowl) return;
        map = MomentumRateMap(k, kMapCells);
        const MomentumBest g = BestPlainGd(k), m = BestMomentum(k);
        gd_steps = RunMomentum(k, g.eta, g.beta, kMaxSteps, true).steps_to_tol;
        best_steps = RunMomentum(k, m.eta, m.beta, kMaxSteps, true).steps_to_tol;
    }
};

} // namespace downhill::model
