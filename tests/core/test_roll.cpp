// test_roll.cpp: the Roll Downhill run, step by step, against hand-computed updates.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "core/roll.hpp"

using namespace downhill;

static double Fp(double x) { return 0.24 * x + 2.4 * std::cos(2.4 * x) - 1.5 * std::sin(5 * x); }

TEST(RollRun, FirstStepsFollowTheUpdateRule) {
    CourseCurve f;
    RollRun run(f, {1.0, 0.05});
    // x1 = 1 - 0.05 * f'(1): f'(1) = 0.24 + 2.4cos(2.4) - 1.5sin(5) = -0.0913585053...
    const double x1 = 1.0 - 0.05 * Fp(1.0);
    ASSERT_TRUE(run.Step());
    EXPECT_DOUBLE_EQ(run.x(), x1);
    EXPECT_NEAR(run.x(), 1.0 + 0.05 * 0.0913585053, 1e-9);
    double x = x1;
    for (int i = 0; i < 4; ++i) { x -= 0.05 * Fp(x); run.Step(); }
    EXPECT_EQ(run.step(), 5);
    EXPECT_DOUBLE_EQ(run.x(), x);
    EXPECT_EQ(run.trail().size(), 6u);
}

TEST(RollRun, SmallLearningRateSettlesInTheNearestValley) {
    CourseCurve f;
    RollRun left(f, {-1.5, 0.05}), right(f, {1.2, 0.05}), far(f, {-2.8, 0.05});
    left.Advance(2000); right.Advance(2000); far.Advance(2000);
    EXPECT_NEAR(left.x(), -0.628311, 1e-6);
    EXPECT_NEAR(right.x(), 1.884756, 1e-6);
    EXPECT_NEAR(far.x(), -3.140659, 1e-6);
    EXPECT_EQ(left.status(), RollStatus::Settled);
}

TEST(RollRun, OneLearningRateSettlesInOneValleyAndBouncesInAnother) {
    // eta = 0.15 lies below 2/f'' at x ~ -3.141 (0.1514) but above it at x ~ -0.628 (0.1483).
    CourseCurve f;
    RollRun stable(f, {-2.9, 0.15}), bouncing(f, {-0.5, 0.15});
    stable.Advance(5000); bouncing.Advance(5000);
    EXPECT_NEAR(stable.x(), -3.140659, 1e-6);
    EXPECT_EQ(stable.status(), RollStatus::Settled);
    EXPECT_GT(std::fabs(bouncing.x() - (-0.628311)), 1e-3);
    EXPECT_EQ(bouncing.status(), RollStatus::Running);
}

TEST(RollRun, RefusesBadSettingsAndKeepsWorking) {
    CourseCurve f;
    RollRun run(f);
    EXPECT_EQ(run.settings().learning_rate, 0.18);
    EXPECT_FALSE(run.SetLearningRate(std::nan("")).empty());
    EXPECT_FALSE(run.SetLearningRate(5.0).empty());
    EXPECT_FALSE(run.SetLearningRate(0.0).empty());
    EXPECT_FALSE(run.SetStart(9.0).empty());
    EXPECT_FALSE(run.SetStart(INFINITY).empty());
    EXPECT_EQ(run.settings().learning_rate, 0.18);
    EXPECT_EQ(run.settings().start_x, 3.0);
    EXPECT_TRUE(run.Step());
    EXPECT_TRUE(std::isfinite(run.x()));
    RollRun fallback(f, {99.0, -1.0});
    EXPECT_EQ(fallback.settings().start_x, 3.0);
    EXPECT_EQ(fallback.settings().learning_rate, 0.18);
}

TEST(RollRun, LeavingTheDrawnRangeStopsTheRun) {
    CourseCurve f;
    RollRun run(f, {4.9, 1.2});
    int taken = run.Advance(100);
    EXPECT_EQ(run.status(), RollStatus::OutOfView);
    EXPECT_EQ(run.stopped_at(), taken);
    EXPECT_FALSE(run.Step());
}

TEST(RollRun, TrailIsCapped) {
    CourseCurve f;
    RollRun run(f, {0.0, 0.18});
    run.Advance(RollRun::kTrailCap + 500);
    EXPECT_EQ(run.trail().size(), static_cast<size_t>(RollRun::kTrailCap));
    EXPECT_EQ(run.trail().back(), run.x());
}

TEST(RollRun, TrailKeepsTheNewestPositionsInOrder) {
    CourseCurve f;
    RollRun run(f, {-2.9, 0.05});
    const int steps = 3 * RollRun::kTrailCap + 17;
    std::vector<double> xs{-2.9};
    for (int i = 0; i < steps; ++i) xs.push_back(xs.back() - 0.05 * f.slope(xs.back()));
    ASSERT_EQ(run.Advance(steps), steps);
    const auto trail = run.trail();
    ASSERT_EQ(trail.size(), static_cast<size_t>(RollRun::kTrailCap));
    for (size_t i = 0; i < trail.size(); ++i) ASSERT_EQ(trail[i], xs[xs.size() - trail.size() + i]) << i;
}

TEST(RollRun, AMillionStepsTakeLittleTime) {
    CourseCurve f;
    RollRun run(f, {0.0, 0.18});
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_EQ(run.Advance(1000000), 1000000);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(s, 1.0);
    EXPECT_EQ(run.trail().size(), static_cast<size_t>(RollRun::kTrailCap));
    EXPECT_EQ(run.trail().back(), run.x());
}
