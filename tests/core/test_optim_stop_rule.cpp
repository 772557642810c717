// test_optim_stop_rule.cpp: the one rule for diverged, left the range, settled.
#include <gtest/gtest.h>

#include <cmath>

#include "core/optim/stop_rule.hpp"

using namespace downhill;

TEST(StopRule, BlowUpIsBeyondAMillionOrNotANumber) {
    EXPECT_EQ(kBlowUp, 1e6);
    EXPECT_FALSE(BlownUp(1e6));
    EXPECT_FALSE(BlownUp(-1e6));
    EXPECT_TRUE(BlownUp(1.0000001e6));
    EXPECT_TRUE(BlownUp(-INFINITY));
    EXPECT_TRUE(BlownUp(NAN));
}

TEST(StopRule, VerdictsFromTheWorst) {
    const StopRule& r = kSettleOnStepAndSlope;
    const double a[2] = {1, 2}, tiny[2] = {1 + 1e-10, 2}, far[2] = {2e6, 2}, nan[2] = {1, NAN};
    const double flat[2] = {1e-7, -1e-7}, steep[2] = {1e-3, 0}, bad[2] = {0, INFINITY};
    EXPECT_EQ(r.Judge(a, far, flat, 2, true, false), StepVerdict::Diverged); // before leaving the range
    EXPECT_EQ(r.Judge(a, nan, flat, 2, true, true), StepVerdict::Diverged);
    EXPECT_EQ(r.Judge(a, tiny, bad, 2, true, true), StepVerdict::Diverged);  // the gradient blew up
    EXPECT_EQ(r.Judge(a, tiny, flat, 2, false, true), StepVerdict::Diverged); // the loss did
    EXPECT_EQ(r.Judge(a, tiny, flat, 2, true, false), StepVerdict::LeftRange);
    EXPECT_EQ(r.Judge(a, tiny, flat, 2, true, true), StepVerdict::Settled);
    EXPECT_EQ(r.Judge(a, tiny, steep, 2, true, true), StepVerdict::Moving); // a short step on a slope
    const double step[2] = {1 + 1e-8, 2};
    EXPECT_EQ(r.Judge(a, step, flat, 2, true, true), StepVerdict::Moving);
    // One coordinate: only the first entries count.
    EXPECT_EQ(r.Judge(a, tiny, bad, 1, true, true), StepVerdict::Settled);
}

TEST(StopRule, RollDownhillSettlesOnTheStepAlone) {
    const double a = 0.5, b = 0.5 + 5e-10, c = 0.5 + 2e-9;
    EXPECT_EQ(kSettleOnStep.settle_grad, 0.0);
    EXPECT_EQ(kSettleOnStep.Judge(&a, &b, nullptr, 1, true, true), StepVerdict::Settled);
    EXPECT_EQ(kSettleOnStep.Judge(&a, &c, nullptr, 1, true, true), StepVerdict::Moving);
    const double big = 3e6;
    EXPECT_EQ(kSettleOnStep.Judge(&a, &big, nullptr, 1, true, false), StepVerdict::Diverged);
}
