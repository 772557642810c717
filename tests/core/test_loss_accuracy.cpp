// test_loss_accuracy.cpp: the logistic classifier of the loss-versus-accuracy widget:
// known answers for its mean cross-entropy, finite-difference checks of its slopes, the
// accuracy staircase and the boundary of least loss.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/loss_accuracy.hpp"

using namespace downhill;

namespace {
const std::vector<LabelledPoint> kPair = {{-1, 0}, {1, 1}}; // symmetric about 0
}

TEST(LossAccuracy, MeanCrossEntropyKnownAnswers) {
    // Each point has logit 1 towards its own class: loss log(1 + e^-1) each.
    const MeanLoss m = MeanCrossEntropy(kPair, 1, 0);
    EXPECT_NEAR(m.loss, std::log1p(std::exp(-1.0)), 1e-15);
    EXPECT_NEAR(m.db, 0.0, 1e-15); // (s(-1) - 0 + s(1) - 1) / 2 = 0
    const double s = 1 / (1 + std::exp(1.0));
    EXPECT_NEAR(m.dw, -s, 1e-15); // (s(-1) (-1) + (s(1) - 1) 1) / 2
    // At w = 0 every p is 1/2: the loss is log 2 whatever the data.
    EXPECT_NEAR(MeanCrossEntropy(AccuracyLessonPoints(), 0, 0).loss, std::log(2.0), 1e-15);
    EXPECT_EQ(MeanCrossEntropy({}, 1, 0).loss, 0.0);
}

TEST(LossAccuracy, SlopesMatchFiniteDifferences) {
    const auto& pts = AccuracyLessonPoints();
    for (double w : {0.5, 1.0, 2.0, 4.5})
        for (double b : {-3.0, -0.4, 0.0, 1.7}) {
            const MeanLoss m = MeanCrossEntropy(pts, w, b);
            const double h = 1e-6;
            const double db = (MeanCrossEntropy(pts, w, b + h).loss - MeanCrossEntropy(pts, w, b - h).loss) / (2 * h);
            const double dw = (MeanCrossEntropy(pts, w + h, b).loss - MeanCrossEntropy(pts, w - h, b).loss) / (2 * h);
            EXPECT_NEAR(m.db, db, 1e-8) << "w " << w << " b " << b;
            EXPECT_NEAR(m.dw, dw, 1e-8) << "w " << w << " b " << b;
        }
}

TEST(LossAccuracy, AccuracyIsAStaircaseWithStepsAtThePoints) {
    const auto& pts = AccuracyLessonPoints();
    ASSERT_EQ(pts.size(), 14u);
    const std::vector<double> steps = AccuracySteps(pts);
    ASSERT_EQ(steps.size(), 14u);
    for (size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i], pts[i].x);
    EXPECT_DOUBLE_EQ(AccuracyAtBoundary(pts, 0.0), 11.0 / 14);
    EXPECT_DOUBLE_EQ(AccuracyAtBoundary(pts, -2.0), 9.0 / 14);
    EXPECT_DOUBLE_EQ(AccuracyAtBoundary(pts, -3.0), 7.0 / 14); // everything called class 1
    EXPECT_DOUBLE_EQ(AccuracyAtBoundary(pts, 3.0), 7.0 / 14);  // everything called class 0
    // Flat between neighbouring points; one point crossed: exactly one more or one fewer right.
    for (size_t i = 0; i + 1 < steps.size(); ++i) {
        const double a = AccuracyAtBoundary(pts, steps[i] + 1e-9);
        for (int k = 1; k < 20; ++k)
            EXPECT_EQ(AccuracyAtBoundary(pts, steps[i] + (steps[i + 1] - steps[i]) * k / 20.0), a);
        const double before = AccuracyAtBoundary(pts, steps[i] - 1e-9);
        EXPECT_NEAR(std::fabs(a - before), 1.0 / 14, 1e-15);
    }
    // The model's own count agrees with the boundary x0 = -b / w.
    for (double x0 = -2.95; x0 < 3; x0 += 0.1)
        EXPECT_EQ(CorrectCount(pts, 2.0, -2.0 * x0), int(std::lround(AccuracyAtBoundary(pts, x0) * 14)));
    EXPECT_EQ(AccuracySteps({{1, 0}, {1, 1}, {-2, 0}}), (std::vector<double>{-2, 1}));
}

TEST(LossAccuracy, BestBiasKnownAnswers) {
    // Two points symmetric about 0: the least loss puts the boundary at their midpoint.
    EXPECT_NEAR(BestBias(kPair, 1), 0.0, 1e-12);
    EXPECT_NEAR(BestBias(kPair, 3), 0.0, 1e-12);
    // Moved to 1 and 3: midpoint 2, so b = -w * 2.
    const std::vector<LabelledPoint> moved = {{1, 0}, {3, 1}};
    EXPECT_NEAR(BestBias(moved, 1), -2.0, 1e-12);
    EXPECT_NEAR(BestBias(moved, 2.5), -5.0, 1e-12);
    // Uneven data: the slope in b is zero there and the loss is lower on both sides.
    const auto& pts = AccuracyLessonPoints();
    for (double w : {0.5, 2.0, 5.0}) {
        const double b = BestBias(pts, w);
        EXPECT_NEAR(MeanCrossEntropy(pts, w, b).db, 0.0, 1e-12);
        EXPECT_LT(MeanCrossEntropy(pts, w, b).loss, MeanCrossEntropy(pts, w, b + 0.01).loss);
        EXPECT_LT(MeanCrossEntropy(pts, w, b).loss, MeanCrossEntropy(pts, w, b - 0.01).loss);
    }
    // One class only: no least loss.
    EXPECT_TRUE(std::isnan(BestBias({{0, 1}, {1, 1}}, 1)));
}
