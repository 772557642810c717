// test_linear_fit.cpp: the line-fit landscape over (w, b): known answers on hand-made
// points, the gradient against finite differences, the Hessian's eigenvalues with x
// measured and standardised, and gradient descent's step counts and stability limit.
#include <gtest/gtest.h>

#include <cmath>

#include "core/linear_fit.hpp"
#include "model/weights_fit_model.hpp"

using namespace downhill;

TEST(LinearFit, PointsOnALineAreFitExactly) {
    const FitData d{{1, 2, 3, 4}, {3, 5, 7, 9}}; // y = 2x + 1
    const FitMinimum m = LeastSquares(d);
    EXPECT_NEAR(m.w, 2.0, 1e-12);
    EXPECT_NEAR(m.b, 1.0, 1e-12);
    EXPECT_NEAR(m.mse, 0.0, 1e-20);
    // By hand: w = 0, b = 0 leaves residuals -3, -5, -7, -9: MSE = (9 + 25 + 49 + 81) / 4 = 41.
    EXPECT_DOUBLE_EQ(FitMse(d, 0, 0), 41.0);
    // Gradient there: (2/4) sum r x = 0.5 (-3 - 10 - 21 - 36) = -35; (2/4) sum r = -12.
    const Vec2 g = FitGradient(d, 0, 0);
    EXPECT_DOUBLE_EQ(g.x, -35.0);
    EXPECT_DOUBLE_EQ(g.y, -12.0);
    const Vec2 g0 = FitGradient(d, 2, 1);
    EXPECT_NEAR(g0.x, 0.0, 1e-12);
    EXPECT_NEAR(g0.y, 0.0, 1e-12);
}

TEST(LinearFit, GradientMatchesFiniteDifferences) {
    const FitData d = MakeFitData(7, 16);
    const FitData z = Standardised(d);
    const double h = 1e-6;
    for (const FitData* data : {&d, &z}) {
        for (Vec2 p : {Vec2{0, 0}, Vec2{3, -12}, Vec2{-1, 8}, Vec2{1.5, -5}}) {
            const Vec2 g = FitGradient(*data, p.x, p.y);
            const double gw = (FitMse(*data, p.x + h, p.y) - FitMse(*data, p.x - h, p.y)) / (2 * h);
            const double gb = (FitMse(*data, p.x, p.y + h) - FitMse(*data, p.x, p.y - h)) / (2 * h);
            EXPECT_NEAR(g.x, gw, 1e-5 * (1 + std::fabs(gw)));
            EXPECT_NEAR(g.y, gb, 1e-5 * (1 + std::fabs(gb)));
            // The Hessian: differences of the exact gradient.
            const FitCurvature c = CurvatureOf(*data);
            const Vec2 gp = FitGradient(*data, p.x + h, p.y), gq = FitGradient(*data, p.x, p.y + h);
            EXPECT_NEAR((gp.x - g.x) / h, c.hessian.xx, 1e-4 * c.hessian.xx);
            EXPECT_NEAR((gp.y - g.y) / h, c.hessian.xy, 1e-4 * (1 + std::fabs(c.hessian.xy)));
            EXPECT_NEAR((gq.y - g.y) / h, c.hessian.yy, 1e-4 * c.hessian.yy);
        }
    }
}

TEST(LinearFit, HessianEigenvaluesMeasuredAndStandardised) {
    // x = 1, 2, 3: mean 2, mean x^2 14/3, H = [[28/3, 4], [4, 2]]: trace 34/3, det 8/3.
    const FitData d{{1, 2, 3}, {0, 0, 0}};
    const FitCurvature c = CurvatureOf(d);
    EXPECT_DOUBLE_EQ(c.hessian.xx, 28.0 / 3);
    EXPECT_DOUBLE_EQ(c.hessian.xy, 4.0);
    EXPECT_DOUBLE_EQ(c.hessian.yy, 2.0);
    EXPECT_NEAR(c.lambda_min + c.lambda_max, 34.0 / 3, 1e-12);
    EXPECT_NEAR(c.lambda_min * c.lambda_max, 8.0 / 3, 1e-12);
    EXPECT_NEAR(c.max_stable_lr, 2.0 / c.lambda_max, 1e-15);
    // Standardised: mean 0, variance 1, so H = 2 I, condition number 1, 2 / lambda_max = 1.
    const FitCurvature s = CurvatureOf(Standardised(d));
    EXPECT_NEAR(s.hessian.xx, 2.0, 1e-12);
    EXPECT_NEAR(s.hessian.xy, 0.0, 1e-12);
    EXPECT_NEAR(s.lambda_min, 2.0, 1e-12);
    EXPECT_NEAR(s.lambda_max, 2.0, 1e-12);
    EXPECT_NEAR(s.condition, 1.0, 1e-12);
    EXPECT_NEAR(s.max_stable_lr, 1.0, 1e-12);
    const FitScale sc = ScaleOf(d);
    EXPECT_DOUBLE_EQ(sc.mean, 2.0);
    EXPECT_NEAR(sc.std, std::sqrt(2.0 / 3), 1e-15);
}

TEST(LinearFit, TheCourseDataAndItsWindows) {
    const FitData a = MakeFitData(7, 16), b = MakeFitData(7, 16);
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
    ASSERT_EQ(a.x.size(), 16u);
    for (double x : a.x) { EXPECT_GE(x, 2.0); EXPECT_LE(x, 8.0); }
    const model::WeightsFitModel m;
    const FitMinimum raw = LeastSquares(m.raw), z = LeastSquares(m.scaled_data);
    EXPECT_NEAR(raw.mse, z.mse, 1e-12); // the same best line either way
    const Vec2 back = ToRaw(m.scale, {z.w, z.b});
    EXPECT_NEAR(back.x, raw.w, 1e-12);
    EXPECT_NEAR(back.y, raw.b, 1e-12);
    // The minimum and the start (0, 0) lie well inside each window.
    auto inside = [](const Range2D& r, double w, double b) {
        return w > r.xlo + 0.1 * (r.xhi - r.xlo) && w < r.xhi - 0.1 * (r.xhi - r.xlo) && b > r.ylo + 0.1 * (r.yhi - r.ylo) &&
               b < r.yhi - 0.1 * (r.yhi - r.ylo);
    };
    EXPECT_TRUE(inside(m.kRawWindow, raw.w, raw.b));
    EXPECT_TRUE(inside(m.kScaledWindow, z.w, z.b));
    EXPECT_TRUE(inside(m.kRawWindow, 0, 0));
    EXPECT_TRUE(inside(m.kScaledWindow, 0, 0));
    EXPECT_GT(CurvatureOf(m.raw).condition, 100);
}

TEST(LinearFit, StepsToToleranceAndTheStabilityLimit) {
    const FitData d = MakeFitData(7, 16), z = Standardised(d);
    const FitScale s = ScaleOf(d);
    // H = 2 I and a learning rate of 1/2: one step lands on the minimum.
    EXPECT_EQ(FitStepsToTolerance(z, ToScaled(s, {0, 0}), 0.5), 1);
    const FitMinimum m = LeastSquares(d);
    EXPECT_EQ(FitStepsToTolerance(d, {m.w, m.b}, 0.01), 0);
    const int raw = FitStepsToTolerance(d, {0, 0}, 0.03), scaled = FitStepsToTolerance(z, ToScaled(s, {0, 0}), 0.03);
    EXPECT_GT(raw, 5 * scaled);
    EXPECT_GT(scaled, 0);
    // Just below 2 / lambda_max it still gets there; just above it blows up.
    const double limit = CurvatureOf(d).max_stable_lr;
    EXPECT_GT(FitStepsToTolerance(d, {0, 0}, 0.98 * limit), 0);
    EXPECT_EQ(FitStepsToTolerance(d, {0, 0}, 1.02 * limit), -1);
    EXPECT_EQ(FitStepsToTolerance(z, {0, 0}, 1.02), -1);
    // A step is w -= lr dw, b -= lr db.
    const Vec2 g = FitGradient(d, 1, 2), p = FitStep(d, {1, 2}, 0.1);
    EXPECT_DOUBLE_EQ(p.x, 1 - 0.1 * g.x);
    EXPECT_DOUBLE_EQ(p.y, 2 - 0.1 * g.y);
}

TEST(WeightsFitModel, RunsChecksAndSwitchesScale) {
    model::WeightsFitModel m;
    EXPECT_EQ(m.SetWeights(NAN, 0), "The weights w and b must be numbers.");
    EXPECT_NE(m.SetWeights(5, 0), ""); // outside the measured-x window
    EXPECT_EQ(m.SetWeights(4.5, -20), "");
    EXPECT_NE(m.SetLearningRate(0), "");
    EXPECT_NE(m.SetLearningRate(1.3), "");
    EXPECT_EQ(m.SetLearningRate(0.03), "");
    EXPECT_EQ(m.SetWeights(0, 0), "");
    EXPECT_EQ(m.Advance(100000), m.steps_raw);
    EXPECT_TRUE(m.Reached());
    EXPECT_FALSE(m.CanRun());
    // Scaling keeps the start's line: (0, 0) is the line y = 0 either way.
    m.SetScaled(true);
    EXPECT_EQ(m.step(), 0);
    EXPECT_NEAR(m.start.x, 0, 1e-12);
    EXPECT_NEAR(m.start.y, 0, 1e-12);
    EXPECT_EQ(m.Advance(100000), m.steps_scaled);
    EXPECT_LT(m.steps_scaled * 5, m.steps_raw);
    // A line outside the new window is moved into it.
    m.SetScaled(false);
    EXPECT_EQ(m.SetWeights(4.5, 10), "");
    m.SetScaled(true);
    EXPECT_LE(m.start.y, 10.0);
    // Above 2 / lambda_max with measured x the run blows up and stops.
    m.SetScaled(false);
    EXPECT_EQ(m.SetLearningRate(0.1), "");
    m.Advance(1000);
    EXPECT_TRUE(m.diverged);
    EXPECT_EQ(m.steps_raw, -1);
}
