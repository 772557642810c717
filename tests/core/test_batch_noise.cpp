// test_batch_noise.cpp: the line fit's gradients against finite differences, the spread of
// mini-batch gradients against its exact expectation (sampling without replacement), and
// the learning-rate range test on quadratics whose blow-up rate is known (2 / curvature).
#include <gtest/gtest.h>

#include <cmath>

#include "core/batch_noise.hpp"

using namespace downhill;

TEST(BatchNoise, DataIsSeededAndGradientsMatchFiniteDifferences) {
    const LineData a = MakeLineData(64, 1), b = MakeLineData(64, 1), c = MakeLineData(64, 2);
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
    EXPECT_NE(a.x, c.x);
    for (double x : a.x) { EXPECT_GE(x, -1.0); EXPECT_LT(x, 1.0); }
    for (auto [w, bb] : {std::pair{0.0, 0.0}, {1.3, -0.4}, {2.0, 1.0}}) {
        const auto g = ExampleGradients(a, w, bb);
        double gw = 0, gb = 0;
        for (const Grad2& e : g) { gw += e.w / g.size(); gb += e.b / g.size(); }
        const double h = 1e-6;
        EXPECT_NEAR(gw, (LineLoss(a, w + h, bb) - LineLoss(a, w - h, bb)) / (2 * h), 1e-6);
        EXPECT_NEAR(gb, (LineLoss(a, w, bb + h) - LineLoss(a, w, bb - h)) / (2 * h), 1e-6);
    }
    // One point: residual 2*0 + 1 - 3 = -2 at (w, b) = (2, 1) for the point (0, 3).
    LineData one{{0.0}, {3.0}};
    EXPECT_DOUBLE_EQ(LineLoss(one, 2, 1), 4.0);
    EXPECT_DOUBLE_EQ(ExampleGradients(one, 2, 1)[0].b, -4.0);
}

TEST(BatchNoise, CurvatureIsTheHessiansTopEigenvalue) {
    const LineData d = MakeLineData(64, 1);
    const double L = LineLossCurvature(d);
    // Along the top eigenvector the loss's second difference equals L; check by power
    // iteration on the Hessian built from second differences of LineLoss.
    const double h = 1e-3;
    auto second = [&](double u, double v) {
        return (LineLoss(d, u * h, v * h) - 2 * LineLoss(d, 0, 0) + LineLoss(d, -u * h, -v * h)) / (h * h);
    };
    const double hww = second(1, 0), hbb = second(0, 1), hwb = 0.5 * (second(1, 1) - hww - hbb);
    const double top = 0.5 * (hww + hbb) + std::sqrt(0.25 * (hww - hbb) * (hww - hbb) + hwb * hwb);
    EXPECT_NEAR(L, top, 1e-5);
}

TEST(BatchNoise, SpreadMatchesSamplingWithoutReplacementInExpectation) {
    const LineData d = MakeLineData(64, 1);
    const auto g = ExampleGradients(d, 0, 0);
    const BatchNoiseStudy s = StudyBatchNoise(g, 20000, 3);
    ASSERT_EQ(s.rows.size(), 7u); // 1, 2, 4, 8, 16, 32, 64
    for (size_t i = 0; i < s.rows.size(); ++i) {
        const BatchNoiseRow& r = s.rows[i];
        EXPECT_EQ(r.batch, 1 << i);
        // The exact expectation (sigma^2/B)(N-B)/(N-1); 20000 samples: within 3 %.
        EXPECT_NEAR(r.expected, std::sqrt(s.sigma2 / r.batch * (64.0 - r.batch) / 63.0) / s.norm, 1e-12);
        if (r.batch < 64) EXPECT_NEAR(r.spread / r.expected, 1.0, 0.03) << "B = " << r.batch;
        EXPECT_NEAR(r.simple, std::sqrt(s.sigma2 / r.batch) / s.norm, 1e-12);
    }
    // The whole dataset as the batch: exactly the full gradient, spread 0.
    EXPECT_EQ(s.rows.back().spread, 0.0);
    EXPECT_EQ(s.rows.back().expected, 0.0);
    // At B = 1 the correction is (N-1)/(N-1) = 1: the rule of thumb holds exactly.
    EXPECT_DOUBLE_EQ(s.rows[0].expected, s.rows[0].simple);
    // Quadrupling B (without the correction) halves the spread.
    EXPECT_NEAR(s.rows[0].simple / s.rows[2].simple, 2.0, 1e-12);
    // Same seed, same numbers.
    const BatchNoiseStudy again = StudyBatchNoise(g, 20000, 3);
    EXPECT_EQ(again.rows[3].spread, s.rows[3].spread);
}

TEST(BatchNoise, SampledBatchesHoldDistinctPoints) {
    // Gradients 1, 2, 4, 8, ... in w: a batch's sum has one bit per point it holds, so a
    // batch of three distinct points sums to a number with exactly three bits set.
    std::vector<Grad2> g;
    for (int i = 0; i < 8; ++i) g.push_back({double(1 << i), 0.0});
    for (const Grad2& m : SampleBatchGradients(g, 8, 50, 5)) EXPECT_DOUBLE_EQ(m.w, 255.0 / 8);
    for (const Grad2& m : SampleBatchGradients(g, 3, 500, 5)) {
        const double sum = std::round(m.w * 3);
        EXPECT_NEAR(m.w * 3, sum, 1e-9);
        EXPECT_EQ(__builtin_popcount(unsigned(sum)), 3);
    }
    EXPECT_EQ(ExpectedSquaredSpread(1.0, 8, 8), 0.0);
    EXPECT_DOUBLE_EQ(ExpectedSquaredSpread(2.0, 9, 4), 2.0 / 4 * 5 / 8);
}

TEST(BatchNoise, RangeTestBlowsUpJustPastTwoOverCurvature) {
    for (double L : {0.5, 3.0, 40.0}) {
        // f(x) = L/2 x^2: a step multiplies x by (1 - lr L), so the loss rises from the first
        // rate above 2/L on.
        const LossAndGradient f = [L](const std::vector<double>& p, std::vector<double>& g) {
            g = {L * p[0]};
            return 0.5 * L * p[0] * p[0];
        };
        const RangeTestResult r = RunRangeTest(f, {3.0}, 1e-5, 10, 200);
        ASSERT_GE(r.blowup, 1) << "L = " << L;
        EXPECT_GT(r.lr[r.blowup], 2 / L);
        EXPECT_LE(r.lr[r.blowup - 1], 2 / L); // within one step of the grid
        EXPECT_LT(r.suggested, 2 / L);
        EXPECT_GT(r.suggested, 0.01 / L);
        // Deterministic.
        EXPECT_EQ(RunRangeTest(f, {3.0}, 1e-5, 10, 200).loss, r.loss);
        // The rates are evenly spaced on a log scale from 1e-5 to 10.
        EXPECT_DOUBLE_EQ(r.lr[0], 1e-5);
        EXPECT_NEAR(r.lr[1] / r.lr[0], std::pow(1e6, 1.0 / 199), 1e-12);
    }
}

TEST(BatchNoise, RangeTestOnTheLineFit) {
    const LineData d = MakeLineData(64, 1);
    const double L = LineLossCurvature(d);
    const RangeTestResult r = RangeTestLineFit(d, 0, 0, 1e-5, 10, 200);
    ASSERT_GE(r.blowup, 1);
    // Gradient descent on a quadratic cannot rise below 2/L. Past it the climb starts from a
    // loss already at its floor (the steepest direction was all but removed near 1/L), so it
    // shows some grid steps later, within a factor 5.
    EXPECT_GT(r.lr[r.blowup], 2 / L);
    EXPECT_LT(r.lr[r.blowup], 5 * 2 / L);
    EXPECT_LT(r.suggested, 2 / L);
    EXPECT_GT(r.suggested, 0.1 / L);
    // The suggested rate trains well: 50 steps get close to the best line's loss.
    const double start = LineLoss(d, 0, 0), after = TrainLineFit(d, 0, 0, r.suggested, 50);
    EXPECT_LT(after, 0.4 * start);
    EXPECT_GT(TrainLineFit(d, 0, 0, 2.2 / L, 50), start); // past 2/L it diverges
    // The run stops once the loss passes 100 times its start.
    EXPECT_GT(r.loss.back(), 100 * r.start_loss);
    EXPECT_EQ(r.smooth.size(), r.loss.size());
}
