// test_roll.cpp: the Roll Downhill run, step by step, against hand-computed updates.
#include <gtest/gtest.h>

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

// A million steps keep the trail at its cap, newest last (their time: scripts/bench --limits).
TEST(RollRun, AMillionStepsKeepTheTrailAtItsCap) {
    CourseCurve f;
    RollRun run(f, {0.0, 0.18});
    ASSERT_EQ(run.Advance(1000000), 1000000);
    EXPECT_EQ(run.trail().size(), static_cast<size_t>(RollRun::kTrailCap));
    EXPECT_EQ(run.trail().back(), run.x());
}

// The status line reads the run as a whole, never one step: at a rate that throws the
// ball between valleys it says so, whichever way the last step went.
TEST(RollReading, NamesTheValleysByTheirBasins) {
    CourseCurve f;
    const auto points = Stationary1D(f);
    EXPECT_EQ(ValleyOf(points, -3.0), 0);
    EXPECT_EQ(ValleyOf(points, -0.63), 1);
    EXPECT_EQ(ValleyOf(points, 0.9), 1);  // left of the ridge at x ~ 0.984
    EXPECT_EQ(ValleyOf(points, 1.1), 2);
    EXPECT_EQ(ValleyOf(points, 4.9), 3);
    EXPECT_EQ(ValleyOf(points, -4.99), -1); // beyond the ridge at x ~ -4.94 no valley is drawn
}

TEST(RollReading, SmallStepsSettleThenSettled) {
    CourseCurve f;
    const auto points = Stationary1D(f);
    RollRun run(f, {3.0, 0.05});
    EXPECT_EQ(ReadRoll(run, points).phase, RollPhase::Ready);
    run.Advance(10);
    const RollReading r = ReadRoll(run, points);
    EXPECT_EQ(r.phase, RollPhase::Settling);
    EXPECT_EQ(r.valley, 2);
    run.Advance(400);
    EXPECT_EQ(ReadRoll(run, points).phase, RollPhase::Settled);
}

TEST(RollReading, AboveTwoOverCurvatureTheBallBouncesInItsValley) {
    CourseCurve f;
    const auto points = Stationary1D(f);
    // 0.18 > 2/f'' ~ 0.149 at x ~ 1.885: a steady bounce, every step of it read the same.
    RollRun run(f, {3.0, 0.18});
    run.Advance(12);
    for (int i = 0; i < 200; ++i) {
        run.Step();
        const RollReading r = ReadRoll(run, points);
        ASSERT_EQ(r.phase, RollPhase::Bouncing) << "step " << run.step();
        ASSERT_EQ(r.valley, 2);
    }
}

TEST(RollReading, ChaoticRatesJumpBetweenValleysThenLeaveTheCurve) {
    CourseCurve f;
    const auto points = Stationary1D(f);
    // eta = 1.1 from x = -2: one valley after another until the ball leaves the curve.
    RollRun run(f, {-2.0, 1.1});
    run.Step();
    int jumping = 0, steps = 0;
    while (run.Step()) {
        if (run.status() != RollStatus::Running) break;
        ++steps;
        const RollReading r = ReadRoll(run, points);
        EXPECT_GE(r.valleys, 2);
        jumping += r.phase == RollPhase::Jumping;
    }
    EXPECT_GT(steps, 5);
    EXPECT_EQ(jumping, steps);
    // eta = 0.45 from x = 3: the ball is thrown out of its valley into the next one (jumping),
    // then wanders around that valley's bottom without settling; never "settling" for long.
    RollRun wild(f, {3.0, 0.45});
    bool jumped = false;
    int settling = 0;
    for (int i = 0; i < 300; ++i) {
        wild.Step();
        const RollReading r = ReadRoll(wild, points);
        jumped = jumped || r.phase == RollPhase::Jumping;
        if (i >= 24) settling += r.phase == RollPhase::Settling || r.phase == RollPhase::Settled;
    }
    EXPECT_TRUE(jumped);
    EXPECT_LT(settling, 10);
    EXPECT_EQ(ReadRoll(wild, points).valley, 1);
    // And the end of a run is named for what happened.
    RollRun off(f, {1.5, 1.1});
    off.Step();
    EXPECT_EQ(ReadRoll(off, points).phase, RollPhase::LeftCurve);
}
