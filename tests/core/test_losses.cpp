// test_losses.cpp: every loss against the course's worked examples, its gradient against
// finite differences, and its behaviour at the extremes (p = 0 or 1, logits of 1000, NaN).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/losses.hpp"

using namespace downhill;

// Central difference of a scalar loss with respect to the prediction.
static double NumericGrad(const std::function<double(double)>& f, double x, double h = 1e-6) {
    return (f(x + h) - f(x - h)) / (2 * h);
}

TEST(Losses, WorkedExamplesFromTheCourse) {
    // House price: truth 80, prediction 70 (lakh): (80 - 70)^2 = 100.
    EXPECT_DOUBLE_EQ(SquaredError(80, 70).value, 100.0);
    EXPECT_DOUBLE_EQ(SquaredError(80, 70).grad, -20.0); // 2 (70 - 80): raise the prediction
    // Apple / orange: prediction 0.92, truth 0 -> 0.8464.
    EXPECT_NEAR(SquaredError(0, 0.92).value, 0.8464, 1e-15);
    EXPECT_NEAR(SquaredError(0, 0.92).grad, 1.84, 1e-15);
    // Blood sugar: truth 0.85, prediction 0.62: the gap is 0.23.
    EXPECT_NEAR(AbsoluteError(0.85, 0.62).value, 0.23, 1e-15);
    EXPECT_EQ(AbsoluteError(0.85, 0.62).grad, -1.0);
    // Spam filter, truth spam: p = 0.9 -> -log 0.9 = 0.10536; p = 0.1 -> -log 0.1 = 2.302585.
    EXPECT_NEAR(BinaryCrossEntropy(1, 0.9).value, 0.105360515657826, 1e-12);
    EXPECT_NEAR(BinaryCrossEntropy(1, 0.1).value, 2.302585092994046, 1e-12);
    EXPECT_NEAR(BinaryCrossEntropy(1, 0.9).grad, -1.0 / 0.9, 1e-12);
    EXPECT_NEAR(BinaryCrossEntropy(0, 0.9).value, 2.302585092994046, 1e-12);
}

TEST(Losses, AbsoluteErrorTreatsEveryUnitTheSame) {
    EXPECT_EQ(AbsoluteError(0, 2).value, 2.0);
    EXPECT_EQ(AbsoluteError(0, 4).value, 4.0); // twice the miss, twice the loss
    EXPECT_EQ(SquaredError(0, 4).value, 16.0); // squared: four times
    EXPECT_EQ(AbsoluteError(0, 4).grad, 1.0);
    EXPECT_EQ(AbsoluteError(1, 1).grad, 0.0); // the kink
}

TEST(Losses, HuberIsQuadraticInsideDeltaAndLinearOutside) {
    EXPECT_DOUBLE_EQ(Huber(0, 0.5).value, 0.125);
    EXPECT_DOUBLE_EQ(Huber(0, 0.5).grad, 0.5);
    EXPECT_DOUBLE_EQ(Huber(0, 3).value, 2.5); // 1 * (3 - 0.5)
    EXPECT_DOUBLE_EQ(Huber(0, 3).grad, 1.0);
    EXPECT_DOUBLE_EQ(Huber(0, -3).grad, -1.0);
    EXPECT_DOUBLE_EQ(Huber(1, 5, 2.0).value, 6.0); // 2 * (4 - 1)
    // A delta that is not a positive number counts as 1.
    EXPECT_DOUBLE_EQ(Huber(0, 3, -2).value, 2.5);
    EXPECT_DOUBLE_EQ(Huber(0, 3, std::nan("")).value, 2.5);
}

TEST(Losses, HingeKeepsAMargin) {
    EXPECT_DOUBLE_EQ(Hinge(1, 0.3).value, 0.7);
    EXPECT_DOUBLE_EQ(Hinge(1, 0.3).grad, -1.0);
    EXPECT_DOUBLE_EQ(Hinge(-1, 0.3).value, 1.3);
    EXPECT_DOUBLE_EQ(Hinge(-1, 0.3).grad, 1.0);
    EXPECT_EQ(Hinge(1, 2.0).value, 0.0); // right side, past the margin: no loss
    EXPECT_EQ(Hinge(1, 2.0).grad, 0.0);
}

TEST(Losses, CrossEntropyIsFiniteAtCertainty) {
    for (double y : {0.0, 1.0}) {
        for (double p : {0.0, 1.0}) {
            const LossGrad lg = BinaryCrossEntropy(y, p);
            EXPECT_TRUE(std::isfinite(lg.value)) << y << " " << p;
            EXPECT_TRUE(std::isfinite(lg.grad)) << y << " " << p;
        }
    }
    EXPECT_NEAR(BinaryCrossEntropy(1, 0).value, -std::log(1e-15), 1e-9); // 34.539, capped
    EXPECT_LT(BinaryCrossEntropy(1, 1).value, 1e-14);
    EXPECT_LT(BinaryCrossEntropy(0, 0).value, 1e-14);
    EXPECT_GT(BinaryCrossEntropy(0, 1).value, 30.0); // confidently wrong: punished hard
}

TEST(Losses, CrossEntropyFromALogitIsStable) {
    // z = log 9 is p = 0.9.
    EXPECT_NEAR(BinaryCrossEntropyLogit(1, std::log(9.0)).value, 0.105360515657826, 1e-12);
    EXPECT_NEAR(BinaryCrossEntropyLogit(1, std::log(9.0)).grad, -0.1, 1e-12);
    EXPECT_NEAR(BinaryCrossEntropyLogit(0, 1000).value, 1000.0, 1e-9);
    EXPECT_NEAR(BinaryCrossEntropyLogit(0, 1000).grad, 1.0, 1e-15);
    EXPECT_NEAR(BinaryCrossEntropyLogit(1, -1000).value, 1000.0, 1e-9);
    EXPECT_EQ(BinaryCrossEntropyLogit(1, 1000).value, 0.0);
    EXPECT_EQ(BinaryCrossEntropyLogit(0, -1000).value, 0.0);
    EXPECT_NEAR(BinaryCrossEntropyLogit(1, 0).value, std::log(2.0), 1e-15);
    EXPECT_EQ(BinaryCrossEntropyLogit(1, INFINITY).value, 0.0);
    EXPECT_EQ(BinaryCrossEntropyLogit(1, -INFINITY).value, INFINITY);
    EXPECT_EQ(BinaryCrossEntropyLogit(1, -INFINITY).grad, -1.0);
    // It agrees with the probability form where both are accurate.
    for (double z : {-5.0, -1.0, 0.3, 2.0, 6.0}) {
        const double p = 1 / (1 + std::exp(-z));
        EXPECT_NEAR(BinaryCrossEntropyLogit(0.3, z).value, BinaryCrossEntropy(0.3, p).value, 1e-12);
    }
}

TEST(Losses, ScalarGradientsMatchFiniteDifferences) {
    for (double y : {-1.3, 0.0, 0.4, 2.0}) {
        for (double x : {-2.1, -0.37, 0.55, 1.9, 3.3}) {
            if (std::fabs(x - y) < 1e-3) continue;
            EXPECT_NEAR(SquaredError(y, x).grad, NumericGrad([&](double v) { return SquaredError(y, v).value; }, x), 1e-7);
            EXPECT_NEAR(AbsoluteError(y, x).grad, NumericGrad([&](double v) { return AbsoluteError(y, v).value; }, x), 1e-7);
            if (std::fabs(std::fabs(x - y) - 1.0) > 1e-3)
                EXPECT_NEAR(Huber(y, x).grad, NumericGrad([&](double v) { return Huber(y, v).value; }, x), 1e-7);
        }
    }
    for (double y : {0.0, 0.25, 1.0}) {
        for (double p : {0.03, 0.2, 0.5, 0.77, 0.98}) {
            EXPECT_NEAR(BinaryCrossEntropy(y, p).grad,
                        NumericGrad([&](double v) { return BinaryCrossEntropy(y, v).value; }, p, 1e-7), 1e-5);
        }
        for (double z : {-7.0, -1.5, 0.0, 0.8, 4.0, 30.0}) {
            EXPECT_NEAR(BinaryCrossEntropyLogit(y, z).grad,
                        NumericGrad([&](double v) { return BinaryCrossEntropyLogit(y, v).value; }, z), 1e-7);
        }
    }
    for (double y : {-1.0, 1.0}) {
        for (double s : {-2.0, -0.4, 0.3, 1.7}) {
            EXPECT_NEAR(Hinge(y, s).grad, NumericGrad([&](double v) { return Hinge(y, v).value; }, s), 1e-7);
        }
    }
}

TEST(Losses, SoftmaxKnownValuesAndLargeLogits) {
    const double z[3] = {1, 2, 3};
    double p[3];
    Softmax(z, 3, p);
    EXPECT_NEAR(p[0], 0.0900305731703805, 1e-15);
    EXPECT_NEAR(p[1], 0.2447284710547976, 1e-15);
    EXPECT_NEAR(p[2], 0.6652409557748219, 1e-15);
    const double big[3] = {1000, 1001, 1002}; // same differences: same probabilities
    Softmax(big, 3, p);
    EXPECT_NEAR(p[2], 0.6652409557748219, 1e-15);
    const double inf[3] = {0, INFINITY, INFINITY};
    Softmax(inf, 3, p);
    EXPECT_EQ(p[0], 0.0);
    EXPECT_EQ(p[1], 0.5);
    Softmax(nullptr, 3, p); // ignored
    Softmax(z, 0, p);
}

TEST(Losses, SoftmaxCrossEntropyIsTheLogOfTheTrueClass) {
    // Cat / dog / horse logits 1, 2, 3, true class horse: -log p = log(1 + e^-1 + e^-2).
    const double z[3] = {1, 2, 3}, t[3] = {0, 0, 1};
    double g[3];
    EXPECT_NEAR(LossAndGrad(LossKind::SoftmaxCE, z, t, 3, g), 0.4076059644443806, 1e-14);
    EXPECT_NEAR(g[0], 0.0900305731703805, 1e-15); // softmax - one-hot
    EXPECT_NEAR(g[2], 0.6652409557748219 - 1, 1e-15);
    // Logits of 1000: no overflow, no NaN.
    const double big[3] = {1000, 0, -1000}, right[3] = {1, 0, 0}, wrong[3] = {0, 1, 0};
    EXPECT_NEAR(LossAndGrad(LossKind::SoftmaxCE, big, right, 3, g), 0.0, 1e-15);
    EXPECT_NEAR(g[0], 0.0, 1e-15);
    EXPECT_NEAR(LossAndGrad(LossKind::SoftmaxCE, big, wrong, 3, g), 1000.0, 1e-9);
    EXPECT_NEAR(g[0], 1.0, 1e-15);
    EXPECT_NEAR(g[1], -1.0, 1e-15);
    EXPECT_TRUE(std::isfinite(g[2]));
}

TEST(Losses, VectorLossesAverageAndMatchFiniteDifferences) {
    const double out[2] = {1, 3}, tgt[2] = {0, 1};
    double g[2];
    EXPECT_DOUBLE_EQ(LossAndGrad(LossKind::MSE, out, tgt, 2, g), 2.5); // (1 + 4) / 2
    EXPECT_DOUBLE_EQ(g[0], 1.0);
    EXPECT_DOUBLE_EQ(g[1], 2.0);
    EXPECT_DOUBLE_EQ(LossAndGrad(LossKind::MAE, out, tgt, 2, g), 1.5);
    EXPECT_DOUBLE_EQ(g[1], 0.5);
    // Hinge maps the target 0 / 1 to -1 / +1.
    const double score[1] = {0.3}, one[1] = {1}, zero[1] = {0};
    EXPECT_DOUBLE_EQ(LossAndGrad(LossKind::Hinge, score, one, 1, nullptr), 0.7);
    EXPECT_DOUBLE_EQ(LossAndGrad(LossKind::Hinge, score, zero, 1, nullptr), 1.3);

    const LossKind kinds[] = {LossKind::MSE, LossKind::MAE, LossKind::Huber, LossKind::BCE, LossKind::SoftmaxCE, LossKind::Hinge};
    const double o[3] = {0.7, -1.6, 2.2}, t3[3] = {0.2, 0.0, 0.8};
    for (LossKind k : kinds) {
        const int n = (k == LossKind::BCE || k == LossKind::Hinge) ? 1 : 3;
        const double* t = (k == LossKind::Hinge) ? one : t3;
        double grad[3];
        LossAndGrad(k, o, t, n, grad, 1.0);
        for (int i = 0; i < n; ++i) {
            double a[3] = {o[0], o[1], o[2]}, b[3] = {o[0], o[1], o[2]};
            a[i] += 1e-6;
            b[i] -= 1e-6;
            const double fd = (LossAndGrad(k, a, t, n, nullptr, 1.0) - LossAndGrad(k, b, t, n, nullptr, 1.0)) / 2e-6;
            EXPECT_NEAR(grad[i], fd, 1e-7) << LossKindName(k) << " output " << i;
        }
    }
}

TEST(Losses, NamesRoundTrip) {
    const LossKind kinds[] = {LossKind::MSE, LossKind::MAE, LossKind::Huber, LossKind::BCE, LossKind::SoftmaxCE, LossKind::Hinge};
    for (LossKind k : kinds) {
        LossKind parsed = LossKind::MSE;
        EXPECT_TRUE(ParseLossKind(LossKindName(k), &parsed));
        EXPECT_EQ(parsed, k);
    }
    EXPECT_STREQ(LossKindName(LossKind::SoftmaxCE), "softmax-ce");
    LossKind untouched = LossKind::Huber;
    EXPECT_FALSE(ParseLossKind("cross-entropy?", &untouched));
    EXPECT_EQ(untouched, LossKind::Huber);
}

TEST(Losses, NanAndBadArgumentsNeverCrash) {
    const double nan = std::nan("");
    EXPECT_TRUE(std::isnan(SquaredError(1, nan).value));
    EXPECT_TRUE(std::isnan(AbsoluteError(1, nan).grad));
    EXPECT_TRUE(std::isnan(Huber(1, nan).value));
    EXPECT_TRUE(std::isnan(BinaryCrossEntropy(1, nan).value));
    EXPECT_TRUE(std::isnan(BinaryCrossEntropyLogit(nan, 0).value));
    EXPECT_TRUE(std::isnan(Hinge(1, nan).value));
    const double o[2] = {1, 2}, t[2] = {0, 1};
    EXPECT_TRUE(std::isnan(LossAndGrad(LossKind::MSE, nullptr, t, 2, nullptr)));
    EXPECT_TRUE(std::isnan(LossAndGrad(LossKind::MSE, o, t, 0, nullptr)));
    EXPECT_TRUE(std::isnan(LossAndGrad(LossKind::MSE, o, t, -4, nullptr)));
    const double bad[2] = {nan, 1};
    double g[2];
    EXPECT_TRUE(std::isnan(LossAndGrad(LossKind::SoftmaxCE, bad, t, 2, g)));
    EXPECT_TRUE(std::isnan(LossAndGrad(LossKind::BCE, bad, t, 1, g)));
}
