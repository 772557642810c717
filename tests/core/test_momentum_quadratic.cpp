// test_momentum_quadratic.cpp: known answers for heavy-ball momentum on the two-weight bowl
// (src/core/momentum_quadratic.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/momentum_quadratic.hpp"

using namespace downhill;

TEST(MomentumQuadratic, GradientMatchesFiniteDifferences) {
    // The runs use grad f = (w1, w2 / kappa); central differences of MomentumLoss agree.
    const double kappa = 37, h = 1e-6;
    for (double w1 : {-1.3, 0.2, 0.9})
        for (double w2 : {-0.7, 0.5, 2.0}) {
            const double g1 = (MomentumLoss(kappa, w1 + h, w2) - MomentumLoss(kappa, w1 - h, w2)) / (2 * h);
            const double g2 = (MomentumLoss(kappa, w1, w2 + h) - MomentumLoss(kappa, w1, w2 - h)) / (2 * h);
            EXPECT_NEAR(g1, w1, 1e-8);
            EXPECT_NEAR(g2, w2 / kappa, 1e-8);
        }
}

TEST(MomentumQuadratic, PlainGdRateIsTheStepFactor) {
    // beta = 0: the matrix's eigenvalues are 0 and 1 - eta lambda.
    EXPECT_NEAR(DirectionRate(1.0, 0.5, 0.0), 0.5, 1e-15);
    EXPECT_NEAR(DirectionRate(1.0, 1.5, 0.0), 0.5, 1e-15);
    EXPECT_NEAR(DirectionRate(0.01, 1.0, 0.0), 0.99, 1e-15);
    EXPECT_NEAR(DirectionRate(1.0, 2.5, 0.0), 1.5, 1e-15);
    // A complex pair: modulus sqrt(beta). eta = 1, beta = 0.9, lambda = 1: trace 0.9, 0.81 < 3.6.
    EXPECT_NEAR(DirectionRate(1.0, 1.0, 0.9), std::sqrt(0.9), 1e-15);
    // Real pair: eta = 0.1, beta = 0.25, lambda = 1: x^2 - 1.15 x + 0.25, roots 0.8816.. and 0.2836..
    EXPECT_NEAR(DirectionRate(1.0, 0.1, 0.25), 0.5 * (1.15 + std::sqrt(1.15 * 1.15 - 1.0)), 1e-15);
}

TEST(MomentumQuadratic, BestPlainGdAtKappa100) {
    const MomentumBest b = BestPlainGd(100);
    EXPECT_NEAR(b.eta, 200.0 / 101.0, 1e-12);
    EXPECT_EQ(b.beta, 0.0);
    EXPECT_NEAR(b.rate, 99.0 / 101.0, 1e-12);
    EXPECT_NEAR(MomentumRate(100, b.eta, 0.0), 99.0 / 101.0, 1e-12);
    // Both directions at the same rate, the steep one flipping sign every step.
    const MomentumRun r = RunMomentum(100, b.eta, 0.0, 4);
    EXPECT_NEAR(r.w1[1], -99.0 / 101.0, 1e-12);
    EXPECT_NEAR(r.w2[1], 99.0 / 101.0, 1e-12);
    // Any other rate is slower.
    for (double eta : {1.9, 1.97, 1.99, 2.0}) EXPECT_GT(MomentumRate(100, eta, 0.0), b.rate);
}

TEST(MomentumQuadratic, BestMomentumAtKappa100) {
    const MomentumBest b = BestMomentum(100);
    EXPECT_NEAR(b.beta, (9.0 / 11.0) * (9.0 / 11.0), 1e-12); // 0.6694
    EXPECT_NEAR(b.eta, (2.0 / 1.1) * (2.0 / 1.1), 1e-12);     // 3.3058
    EXPECT_NEAR(b.rate, 9.0 / 11.0, 1e-12);                   // 0.8182
    EXPECT_NEAR(MomentumRate(100, b.eta, b.beta), 9.0 / 11.0, 1e-6);
}

TEST(MomentumQuadratic, NoCellOfAFineSearchBeatsTheBestSettings) {
    for (double kappa : {2.0, 10.0, 100.0, 1000.0}) {
        const MomentumBest m = BestMomentum(kappa), g = BestPlainGd(kappa);
        double best = 2, best_gd = 2;
        for (int i = 1; i <= 400; ++i) {
            const double eta = i * 0.01;
            best_gd = std::min(best_gd, MomentumRate(kappa, eta, 0.0));
            for (int j = 0; j < 200; ++j) best = std::min(best, MomentumRate(kappa, eta, j * 0.005));
        }
        EXPECT_GE(best, m.rate - 1e-6) << kappa;
        EXPECT_LT(best, m.rate + 0.02) << kappa;
        EXPECT_GE(best_gd, g.rate - 1e-12) << kappa;
        EXPECT_LT(best_gd, g.rate + 0.01) << kappa;
    }
}

TEST(MomentumQuadratic, SimulatedDecayFollowsTheSpectralRadius) {
    // Plain GD, eta = 1, kappa = 100: the steep error is gone after one step and the
    // shallow one shrinks by 0.99 a step, so the loss by 0.9801.
    const MomentumRun g = RunMomentum(100, 1.0, 0.0, 300);
    EXPECT_EQ(g.w1[1], 0.0);
    for (int t = 1; t < 300; ++t) EXPECT_NEAR(g.loss[t + 1] / g.loss[t], 0.9801, 1e-12);
    // Momentum, eta = 1, beta = 0.9: a complex pair of modulus sqrt(0.9) on both directions.
    // The loss swings, but its peaks fall by rate^2 a step.
    const MomentumRun m = RunMomentum(100, 1.0, 0.9, 700);
    const auto peak = [&](int from) { return *std::max_element(m.loss.begin() + from, m.loss.begin() + from + 100); };
    const double measured = std::pow(peak(500) / peak(200), 1.0 / (2 * 300));
    EXPECT_NEAR(measured, std::sqrt(std::sqrt(0.9)) * std::sqrt(std::sqrt(0.9)), 0.003);
    EXPECT_NEAR(measured, MomentumRate(100, 1.0, 0.9), 0.003);
}

TEST(MomentumQuadratic, DivergesPastTwoTimesOnePlusBeta) {
    for (double beta : {0.0, 0.5, 0.9}) {
        const double limit = MomentumEtaLimit(beta);
        EXPECT_LT(MomentumRate(10, limit * 0.99, beta), 1.0) << beta;
        EXPECT_GT(MomentumRate(10, limit * 1.01, beta), 1.0) << beta;
        EXPECT_FALSE(RunMomentum(10, limit * 0.99, beta, 20000).diverged) << beta;
        EXPECT_TRUE(RunMomentum(10, limit * 1.05, beta, 20000).diverged) << beta;
    }
}

TEST(MomentumQuadratic, StepsToAMillionth) {
    // Best plain GD: the loss falls by exactly (99/101)^2 a step from (1, 1), so the run
    // and the prediction agree: ceil(ln 1e-6 / (2 ln(99/101))) = 346.
    const MomentumBest g = BestPlainGd(100);
    EXPECT_EQ(PredictedSteps(g.rate), 346);
    EXPECT_EQ(RunMomentum(100, g.eta, 0.0, 5000, true).steps_to_tol, 346);
    EXPECT_EQ(PredictedSteps(99.0 / 101.0), 346);
    EXPECT_EQ(PredictedSteps(1.0), -1);
    EXPECT_EQ(PredictedSteps(0.0), 1);
    // Momentum at its best is several times faster (the double root adds a few steps).
    const MomentumBest m = BestMomentum(100);
    const int steps = RunMomentum(100, m.eta, m.beta, 5000, true).steps_to_tol;
    EXPECT_EQ(PredictedSteps(m.rate), 35);
    EXPECT_GT(steps, 35);
    EXPECT_LT(steps, 80);
    // Stopping at the tolerance: the last loss is the first one under it.
    const MomentumRun r = RunMomentum(100, 1.0, 0.9, 5000, true);
    EXPECT_EQ(int(r.loss.size()) - 1, r.steps_to_tol);
    EXPECT_LE(r.loss.back(), 1e-6 * r.loss.front());
    EXPECT_GT(r.loss[r.loss.size() - 2], 1e-6 * r.loss.front());
}

TEST(MomentumQuadratic, StepsGrowWithKappaForGdAndWithItsRootForMomentum) {
    // Ten times the condition number: about ten times the steps for plain GD, about
    // sqrt(10) = 3.16 times for momentum.
    const double gd = double(PredictedSteps(BestPlainGd(1000).rate)) / PredictedSteps(BestPlainGd(100).rate);
    const double mo = double(PredictedSteps(BestMomentum(1000).rate)) / PredictedSteps(BestMomentum(100).rate);
    EXPECT_NEAR(gd, 10.0, 0.1);
    EXPECT_NEAR(mo, std::sqrt(10.0), 0.25);
}

TEST(MomentumQuadratic, MapCellsHoldTheRateAtTheirCentres) {
    const int n = 16;
    const std::vector<double> map = MomentumRateMap(50, n);
    ASSERT_EQ(map.size(), size_t(n * n));
    EXPECT_DOUBLE_EQ(map[0], MomentumRate(50, 0.125, 1.0 / 32));
    EXPECT_DOUBLE_EQ(map[3 * n + 5], MomentumRate(50, 5.5 * 0.25, 3.5 / 16));
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const double eta = (i + 0.5) * 0.25, beta = (j + 0.5) / n;
            if (eta > MomentumEtaLimit(beta)) EXPECT_GT(map[j * n + i], 1.0);
            EXPECT_GE(map[j * n + i], BestMomentum(50).rate - 1e-9);
        }
    EXPECT_TRUE(MomentumRateMap(50, 0).empty());
}
