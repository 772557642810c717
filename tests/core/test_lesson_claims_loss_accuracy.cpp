// test_lesson_claims_loss_accuracy.cpp: the numbers of the "Loss versus accuracy" section
// of lessons/02-loss-functions.md, computed with the core and then looked up, written the
// way the lesson writes them, in the lesson's own text (runs of white space read as one
// space). Changing the core under a claim, or the number in the lesson, fails its test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/loss_accuracy.hpp"
#include "model/loss_accuracy_model.hpp"
#include "lesson_text.hpp"

using namespace downhill;
using lesson_text::FixedMinus;

namespace {

const std::string kLesson = "02-loss-functions.md";

#define EXPECT_SAYS(text) EXPECT_TRUE(lesson_text::Says(kLesson, text))

const auto& kPts = AccuracyLessonPoints();
double Loss(double x0, double w) { return MeanCrossEntropy(kPts, w, -w * x0).loss; }
int Right(double x0) { return int(std::lround(AccuracyAtBoundary(kPts, x0) * double(kPts.size()))); }

} // namespace

TEST(LessonClaimsLossAccuracy, FourteenPointsSevenOfEachClassAndTheWidgetsDefaults) {
    int ones = 0;
    for (const LabelledPoint& p : kPts) ones += p.label;
    ASSERT_EQ(kPts.size(), 14u);
    EXPECT_EQ(ones, 7);
    EXPECT_SAYS("fourteen points on a line, seven of each class");
    const model::LossAccuracySettings d;
    char placed[96];
    std::snprintf(placed, sizeof placed, "::: widget loss-accuracy boundary=%g steepness=%g lr=%g", d.boundary,
                  d.steepness, d.learning_rate);
    EXPECT_SAYS(placed);
}

TEST(LessonClaimsLossAccuracy, AccuracyMovesInStepsOfOnePointAndIsFlatBetween) {
    const std::vector<double> steps = AccuracySteps(kPts);
    for (size_t i = 0; i + 1 < steps.size(); ++i) {
        const double mid = 0.5 * (steps[i] + steps[i + 1]);
        EXPECT_EQ(AccuracyAtBoundary(kPts, mid), AccuracyAtBoundary(kPts, mid + 0.1 * (steps[i + 1] - mid)));
        EXPECT_NEAR(std::fabs(AccuracyAtBoundary(kPts, steps[i] + 1e-9) - AccuracyAtBoundary(kPts, steps[i] - 1e-9)),
                    1.0 / 14, 1e-15);
    }
    EXPECT_SAYS("by exactly one point in fourteen (about " + FixedMinus(1.0 / 14, 3) + ")");
    EXPECT_SAYS("Between two points it stays put, so its slope there is 0");
    // The first check's answer.
    model::LossAccuracyModel m;
    ASSERT_EQ(m.SetBoundary(-1.8), "");
    EXPECT_EQ(m.Values().accuracy_slope, 0.0);
    EXPECT_SAYS("::: quiz accuracy-flat-slope kind: numeric title: The slope of accuracy");
    EXPECT_SAYS("answer: 0 why:");
}

TEST(LessonClaimsLossAccuracy, LossFallsWhileAccuracyStaysFromMinusTwoToMinusOnePointSix) {
    const double w = model::LossAccuracySettings{}.steepness;
    EXPECT_EQ(Right(-2.0), 9);
    for (double x0 = -2.0; x0 <= -1.6 + 1e-9; x0 += 0.05) EXPECT_EQ(Right(x0), 9) << x0;
    EXPECT_GT(Loss(-2.0, w), Loss(-1.6, w));
    const std::string sentence = "From the start at " + FixedMinus(-2, 0) + ", moving the boundary to " + FixedMinus(-1.6, 1) +
                                 " keeps the accuracy at 9 of 14, yet the loss falls from " + FixedMinus(Loss(-2.0, w), 2) +
                                 " to " + FixedMinus(Loss(-1.6, w), 2) + ".";
    EXPECT_SAYS(sentence);
    // The second check repeats the same numbers.
    EXPECT_SAYS("You move the boundary from " + FixedMinus(-2, 0) + " to " + FixedMinus(-1.6, 1) + " and the loss falls from " +
                FixedMinus(Loss(-2.0, w), 2) + " to " + FixedMinus(Loss(-1.6, w), 2) + ", but the accuracy stays at 9 of 14.");
    EXPECT_SAYS("before and after");
}

TEST(LessonClaimsLossAccuracy, ThreeGradientStepsFromMinusTwoReachTenOfFourteen) {
    model::LossAccuracyModel m; // boundary -2, steepness 2, learning rate 1
    ASSERT_EQ(m.settings.learning_rate, 1.0);
    ASSERT_EQ(m.settings.boundary, -2.0);
    m.GradientStep();
    m.GradientStep();
    EXPECT_EQ(m.Values().correct, 9);
    m.GradientStep();
    EXPECT_EQ(m.Values().correct, 10);
    EXPECT_SAYS("With a learning rate of 1, three steps from " + FixedMinus(-2, 0) +
                " cross a point and lift the accuracy to 10 of 14.");
}

TEST(LessonClaimsLossAccuracy, SteepnessChangesTheLossButNotTheAccuracy) {
    EXPECT_EQ(Right(0.5), 11);
    int wrong = 0;
    for (const LabelledPoint& p : kPts) wrong += int((p.x >= 0.5) != (p.label == 1));
    EXPECT_EQ(wrong, 3);
    for (double w = 1; w < 5; w += 0.5) EXPECT_LT(Loss(0.5, w), Loss(0.5, w + 0.5));
    EXPECT_SAYS("Put the boundary at 0.5: the accuracy is 11 of 14 whatever the steepness $w$, but the loss rises from " +
                FixedMinus(Loss(0.5, 1), 2) + " at $w = 1$ to " + FixedMinus(Loss(0.5, 5), 2) + " at $w = 5$, because the three points");
}

TEST(LessonClaimsLossAccuracy, TheLeastLossBoundaryIsNotTheMostAccurate) {
    model::LossAccuracyModel m;
    const double best = m.BestBoundary();
    int most = 0;
    for (double x0 = -3; x0 <= 3; x0 += 0.01) most = std::max(most, Right(x0));
    EXPECT_EQ(most, 11);
    EXPECT_EQ(Right(best), 10);
    EXPECT_SAYS("the boundary of least loss (for $w = 2$ it lies near " + FixedMinus(best, 2) +
                ") gets 10 of 14 right, one fewer than the best boundaries");
}
