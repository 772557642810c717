// momentum_quadratic.hpp: heavy-ball momentum on a two-weight quadratic bowl whose
// condition number the learner sets, and the speed at which it converges.
//
//   f(w) = 1/2 (lambda1 w1^2 + lambda2 w2^2),  lambda1 = 1 (steep), lambda2 = 1/kappa (shallow)
//
// The bowl is diagonal, so each weight is one eigen-direction: a run splits exactly into
// two one-dimensional runs, and each converges at the spectral radius of its own 2 x 2
// iteration matrix. The slower of the two sets the rate of the whole run.
//
// Index
//   [SECTION] Runs: the path, the loss and each direction's error per step
//   [SECTION] Rates: spectral radius, the best settings, steps to a tolerance
//   [SECTION] The convergence map over (eta, beta)
#pragma once
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Runs
//-----------------------------------------------------------------------------

// One heavy-ball run from (w1, w2) = (1, 1) with velocity 0.
//   z <- beta z + grad f(w);   w <- w - eta z        (beta = 0: plain gradient descent)
struct MomentumRun {
    std::vector<double> w1, w2; // weights per step, entry 0 the start (w1 steep, w2 shallow)
    std::vector<double> loss;   // f(w) per step
    int steps_to_tol = -1;      // first step whose loss is at most tol x the start's; -1 never
    bool diverged = false;      // the loss grew past 1e12 x the start's and the run stopped
};

// The start of every run, on both eigen-directions.
inline constexpr double kMomentumStart = 1.0;
// The loss the runs aim for, as a share of the start's loss (a millionth).
inline constexpr double kMomentumTol = 1e-6;

// f(w) on the bowl of condition number kappa.
double MomentumLoss(double kappa, double w1, double w2);

// Runs `steps` steps (fewer when it diverges); with stop_at_tol, stops at the first step
// whose loss is at most kMomentumTol x the start's.
MomentumRun RunMomentum(double kappa, double eta, double beta, int steps, bool stop_at_tol = false);

//-----------------------------------------------------------------------------
// [SECTION] Rates
//-----------------------------------------------------------------------------

// Spectral radius of the iteration on one eigen-direction of curvature lambda:
//   (z, w) <- [[beta, lambda], [-eta beta, 1 - eta lambda]] (z, w)
// whose eigenvalues solve x^2 - (1 + beta - eta lambda) x + beta = 0. The error along that
// direction shrinks by about this factor per step (below 1 converges, 1 or more does not).
double DirectionRate(double lambda, double eta, double beta);

// The rate of the whole run: the larger of the two directions' rates.
double MomentumRate(double kappa, double eta, double beta);

// Steps for the loss (which falls as rate^2 per step) to reach kMomentumTol of its start:
// ceil(ln tol / (2 ln rate)); -1 when rate >= 1.
int PredictedSteps(double rate);

// The best settings for this bowl and the rate they reach.
struct MomentumBest {
    double eta, beta, rate;
};
// Plain gradient descent: eta = 2 / (lambda1 + lambda2), rate (kappa - 1) / (kappa + 1).
MomentumBest BestPlainGd(double kappa);
// Momentum: beta = ((sqrt k - 1)/(sqrt k + 1))^2, eta = (2 / (sqrt l1 + sqrt l2))^2,
// rate (sqrt k - 1)/(sqrt k + 1).
MomentumBest BestMomentum(double kappa);

// The largest stable learning rate for a given beta: 2 (1 + beta) / lambda_max.
inline double MomentumEtaLimit(double beta) { return 2.0 * (1.0 + beta); }

//-----------------------------------------------------------------------------
// [SECTION] The convergence map
//-----------------------------------------------------------------------------

// The map's axes: eta in (0, kMapEtaMax], beta in [0, kMapBetaMax).
inline constexpr double kMapEtaMax = 4.0, kMapBetaMax = 1.0;

// n x n cells over (eta, beta): cell (i, j) at eta = (i + 1/2) kMapEtaMax / n (column i),
// beta = (j + 1/2) kMapBetaMax / n (row j, bottom row first); each holds MomentumRate.
std::vector<double> MomentumRateMap(double kappa, int n);

} // namespace downhill
