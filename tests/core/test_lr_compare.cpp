// test_lr_compare.cpp: the steep bowl's derivatives, the presets, three runs against the
// closed form on the bowl, the blow-up to an infinite loss, trends and refused settings,
// and a typed curve (its steps, and a run stopped where the formula is undefined).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/lr_compare.hpp"

using namespace downhill;

TEST(LrCompare, SteepBowlDerivativesMatchFiniteDifferences) {
    SteepBowl1D f;
    for (double x : {-3.5, -1.0, -0.2, 0.0, 0.7, 2.0, 3.9}) {
        const double h = 1e-6;
        EXPECT_NEAR(f.slope(x), (f.value(x + h) - f.value(x - h)) / (2 * h), 1e-6 * (1 + std::fabs(f.slope(x))));
        EXPECT_NEAR(f.curvature(x), (f.slope(x + h) - f.slope(x - h)) / (2 * h), 1e-6 * (1 + f.curvature(x)));
    }
    EXPECT_EQ(f.value(0.0), 0.0);
    EXPECT_NEAR(f.value(1.0), 0.5430806348152437, 1e-15); // cosh(1) - 1
    const auto pts = Stationary1D(f);
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_NEAR(pts[0].x, 0.0, 1e-12);
    EXPECT_NEAR(pts[0].max_stable_lr, 2.0, 1e-9);
}

TEST(LrCompare, CurvesAndPresets) {
    EXPECT_EQ(LrCompareCurveNames(), (std::vector<std::string>{"bowl", "course", "steep"}));
    for (const auto& n : LrCompareCurveNames()) {
        auto f = MakeLrCompareCurve(n);
        ASSERT_TRUE(f);
        EXPECT_EQ(n, f->name());
        const LrCompareSettings s = LrComparePreset(n);
        EXPECT_EQ(s.curve, n);
        EXPECT_GE(s.start_x, f->lo());
        EXPECT_LE(s.start_x, f->hi());
        EXPECT_LT(s.learning_rate[0], s.learning_rate[1]);
        EXPECT_LT(s.learning_rate[1], s.learning_rate[2]);
    }
    EXPECT_FALSE(MakeLrCompareCurve("plateau"));
    EXPECT_EQ(LrComparePreset("nope").curve, "bowl");
    const LrCompareSettings c = LrComparePreset("course");
    EXPECT_EQ(c.start_x, -1.8);
    EXPECT_EQ(c.learning_rate[2], 0.2);
}

TEST(LrCompare, BowlRunsFollowTheClosedForm) {
    // f = x^2: x_n = (1 - 2 eta)^n x_0 for each of the three rates.
    LrCompare c;
    ASSERT_EQ(c.settings().curve, "bowl");
    ASSERT_EQ(c.settings().start_x, 2.5);
    EXPECT_EQ(c.Advance(10), 10);
    EXPECT_EQ(c.ticks(), 10);
    const double rates[3] = {0.001, 0.1, 0.95};
    for (int i = 0; i < 3; ++i) {
        const double x = 2.5 * std::pow(1 - 2 * rates[i], 10);
        EXPECT_NEAR(c.run(i).x(), x, 1e-14) << i;
        EXPECT_NEAR(c.run(i).loss(), x * x, 1e-13) << i;
        EXPECT_EQ(c.run(i).step(), 10);
    }
    EXPECT_NEAR(c.run(2).x(), 0.871696100250000, 1e-12); // 2.5 * (-0.9)^10: ten bounces, still far out
    EXPECT_EQ(c.Trend(0), LrTrend::Creeping);
    EXPECT_EQ(c.Trend(1), LrTrend::Descending);
    EXPECT_EQ(c.Trend(2), LrTrend::Overshooting);
    EXPECT_NEAR(c.Progress(1), 1 - std::pow(0.8, 20), 1e-12);
}

TEST(LrCompare, SteepLargeRateBlowsUpToAnInfiniteLossAtStepFour) {
    LrCompare c;
    ASSERT_EQ(c.SetCurve("steep"), "");
    EXPECT_EQ(c.settings().start_x, 1.0);
    double x = 1.0;
    for (int n = 1; n <= 3; ++n) {
        c.Step();
        x -= 2.2 * std::sinh(x);
        EXPECT_NEAR(c.run(2).x(), x, 1e-9 * std::fabs(x)) << n;
        EXPECT_EQ(c.run(2).status(), RunStatus::Running);
    }
    EXPECT_NEAR(c.run(2).x(), -35.0434, 1e-3);
    EXPECT_EQ(c.Trend(2), LrTrend::LeftView);
    c.Step();
    EXPECT_EQ(c.run(2).status(), RunStatus::Diverged);
    EXPECT_EQ(c.run(2).stopped_at(), 4);
    EXPECT_TRUE(std::isinf(c.run(2).loss()));
    EXPECT_EQ(c.Trend(2), LrTrend::Diverged);
    // The others carry on; the blown-up run stays where it stopped.
    c.Advance(20);
    EXPECT_EQ(c.run(2).step(), 4);
    EXPECT_EQ(c.run(0).step(), 24);
    EXPECT_EQ(c.ticks(), 24);
    EXPECT_TRUE(c.AnyRunning());
}

TEST(LrCompare, EveryRunStoppedMeansNoMoreSteps) {
    LrCompare c;
    ASSERT_EQ(c.SetLearningRate(0, 0.4), "");
    ASSERT_EQ(c.SetLearningRate(2, 5.0), ""); // factor -9: diverges fast
    c.Advance(1000);
    EXPECT_EQ(c.run(0).status(), RunStatus::Settled);
    EXPECT_EQ(c.run(1).status(), RunStatus::Settled);
    EXPECT_EQ(c.run(2).status(), RunStatus::Diverged);
    EXPECT_FALSE(c.AnyRunning());
    const int t = c.ticks();
    EXPECT_FALSE(c.Step());
    EXPECT_EQ(c.ticks(), t);
    // |2.5 * 9^n| passes 1e6 first at n = 6.
    EXPECT_EQ(c.run(2).stopped_at(), 6);
    EXPECT_TRUE(std::isfinite(c.run(2).loss()));
}

TEST(LrCompare, CourseLargeRateBouncesForever) {
    LrCompare c;
    ASSERT_EQ(c.SetCurve("course"), "");
    c.Advance(400);
    EXPECT_EQ(c.run(1).status(), RunStatus::Settled);
    EXPECT_NEAR(c.run(1).x(), -0.628, 1e-3);
    EXPECT_EQ(c.run(2).status(), RunStatus::Running);
    EXPECT_EQ(c.Trend(2), LrTrend::Overshooting);
    EXPECT_NEAR(c.lowest_loss(), -1.2507, 1e-4);
}

TEST(LrCompare, RefusedSettingsChangeNothing) {
    LrCompare c;
    c.Advance(3);
    EXPECT_NE(c.SetLearningRate(1, NAN), "");
    EXPECT_NE(c.SetLearningRate(1, 0.0), "");
    EXPECT_NE(c.SetLearningRate(1, 11.0), "");
    EXPECT_NE(c.SetLearningRate(3, 0.1), "");
    EXPECT_NE(c.SetStart(3.5), "");
    EXPECT_NE(c.SetStart(INFINITY), "");
    EXPECT_NE(c.SetCurve("plateau"), "");
    EXPECT_EQ(c.ticks(), 3);
    EXPECT_EQ(c.settings().learning_rate[1], 0.1);
    EXPECT_EQ(c.settings().curve, "bowl");
    EXPECT_EQ(c.SetLearningRate(1, 1e-7), "");
    EXPECT_EQ(c.ticks(), 0);
    EXPECT_EQ(c.SetStart(-3.0), "");
    EXPECT_EQ(c.run(0).x(), -3.0);
    EXPECT_EQ(c.Trend(0), LrTrend::Waiting);
}

TEST(LrCompare, TypedCurveKeepsTheRatesAndStepsByItsSlope) {
    LrCompare c; // the bowl: start 2.5, rates 0.001, 0.1, 0.95
    auto f = std::make_unique<FormulaCurve1D>();
    ASSERT_EQ(FormulaCurve1D::Make("x^4 - 3*x^2 + x", -2, 2, f.get()), "");
    c.SetCurve(std::move(f));
    EXPECT_EQ(c.settings().curve, "formula");
    // 2.5 is off [-2, 2]: the start moves 80% across, to 1.2; the rates stay.
    EXPECT_DOUBLE_EQ(c.settings().start_x, 1.2);
    EXPECT_EQ(c.settings().learning_rate[1], 0.1);
    ASSERT_EQ(c.minima().size(), 2u);
    EXPECT_NEAR(c.lowest_loss(), std::pow(-1.30084, 4) - 3 * 1.30084 * 1.30084 - 1.30084, 1e-4);
    c.Step();
    const double x = 1.2 - 0.1 * (4 * 1.2 * 1.2 * 1.2 - 6 * 1.2 + 1);
    EXPECT_NEAR(c.run(1).x(), x, 1e-14);
    EXPECT_EQ(c.Trend(1), LrTrend::Overshooting); // 1.1288: just past the minimum at 1.1309
}

TEST(LrCompare, TypedCurveRunLeavingTheDomainStopsWithWhy) {
    LrCompare c;
    auto f = std::make_unique<FormulaCurve1D>();
    ASSERT_EQ(FormulaCurve1D::Make("sqrt(x + 3) + x^2", -2, 2, f.get()), "");
    c.SetCurve(std::move(f));
    ASSERT_EQ(c.SetStart(2), "");
    ASSERT_EQ(c.SetLearningRate(2, 2.0), "");
    // f'(2) = 1 / (2 sqrt 5) + 4 ~ 4.2236: the step goes to 2 - 8.447 = -6.447, where x + 3 < 0.
    c.Step();
    EXPECT_EQ(c.run(2).status(), RunStatus::LeftDomain);
    EXPECT_EQ(c.Trend(2), LrTrend::LeftDomain);
    EXPECT_STREQ(LrTrendName(c.Trend(2)), "left-domain");
    EXPECT_EQ(c.run(2).domain_message().find("sqrt of a negative number at x = -6.447"), 0u) << c.run(2).domain_message();
    EXPECT_EQ(c.run(2).x(), 2.0);
    EXPECT_NE(c.run(0).status(), RunStatus::LeftDomain);
}
