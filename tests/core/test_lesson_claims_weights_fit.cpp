// test_lesson_claims_weights_fit.cpp: the numbers the section "Two weights, one line" of
// lessons/04-gradient-descent.md states about the weights-and-fit widget, computed with the
// core and then looked up, written the way the lesson writes them. Lesson text is compared
// with runs of white space (line breaks included) read as one space.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/linear_fit.hpp"
#include "model/weights_fit_model.hpp"
#include "lesson_text.hpp"

using namespace downhill;
using lesson_text::Fixed;

namespace {

const std::string kLesson = "04-gradient-descent.md";

// Success when lessons/04-gradient-descent.md says `phrase` (white space squeezed).
::testing::AssertionResult Says(const std::string& phrase) { return lesson_text::Says(kLesson, phrase); }

// The widget as the lesson places it: w = 0, b = 0, learning rate 0.03.
struct Course {
    model::WeightsFitModel m;
    FitData raw = m.raw, scaled = m.scaled_data;
    Vec2 start_scaled = ToScaled(m.scale, {0, 0});
};

} // namespace

TEST(LessonClaimsWeightsFit, TheDataAndTheBestLine) {
    const Course c;
    ASSERT_EQ(c.raw.x.size(), 16u);
    EXPECT_TRUE(Says("has 16 points with $x$ between 2 and 8"));
    for (double x : c.raw.x) { EXPECT_GE(x, 2.0); EXPECT_LE(x, 8.0); }
    EXPECT_TRUE(Says("::: widget weights-fit w=0 b=0 lr=0.03"));
    const FitMinimum m = LeastSquares(c.raw);
    EXPECT_TRUE(Says("$w \\approx " + Fixed(m.w, 2) + "$ and $b \\approx " + Fixed(m.b, 2) + "$, with an MSE of about " + Fixed(m.mse, 2)));
    EXPECT_TRUE(Says("The lowest MSE is the same, about " + Fixed(m.mse, 2) + ", with or without scaling."));
    EXPECT_NEAR(LeastSquares(c.scaled).mse, m.mse, 1e-12);
    // Tilting moves the prediction at x by x times the change; x averages about 5.
    EXPECT_EQ(std::lround(c.m.scale.mean), 5);
    EXPECT_TRUE(Says("by about 5 times as much as shifting it"));
}

TEST(LessonClaimsWeightsFit, MeasuredXGivesAThinValley) {
    const Course c;
    const FitCurvature k = CurvatureOf(c.raw);
    EXPECT_TRUE(Says("the largest stable learning rate is about " + Fixed(k.max_stable_lr, 3)));
    EXPECT_EQ(std::lround(k.condition / 10) * 10, 290);
    EXPECT_TRUE(Says("the *condition number*, is about 290 here"));
    const int steps = FitStepsToTolerance(c.raw, {0, 0}, 0.03);
    EXPECT_EQ(kFitTolerance, 0.001);
    EXPECT_TRUE(Says("$\\eta = 0.03$, gradient descent needs " + std::to_string(steps) + " steps to get within 0.001 of the lowest MSE"));
    EXPECT_TRUE(Says("gradient descent needs " + std::to_string(steps) + " steps with $x$ as measured"));
    // And the widget counts the same.
    EXPECT_EQ(c.m.steps_raw, steps);
}

TEST(LessonClaimsWeightsFit, ScalingMakesCircles) {
    const Course c;
    const FitCurvature k = CurvatureOf(c.scaled);
    EXPECT_NEAR(k.condition, 1.0, 1e-9);
    EXPECT_NEAR(k.max_stable_lr, 1.0, 1e-9);
    EXPECT_TRUE(Says("the condition number is 1, and the largest stable learning rate jumps to 1"));
    const int steps = FitStepsToTolerance(c.scaled, c.start_scaled, 0.03);
    EXPECT_EQ(c.m.steps_scaled, steps);
    EXPECT_TRUE(Says("gradient descent now needs only " + std::to_string(steps) + " steps"));
    EXPECT_TRUE(Says("answer: " + std::to_string(steps)));
    EXPECT_TRUE(Says("the same run takes " + std::to_string(steps) + " steps, almost nine times fewer"));
    const double ratio = double(FitStepsToTolerance(c.raw, {0, 0}, 0.03)) / steps;
    EXPECT_GT(ratio, 8.5);
    EXPECT_LT(ratio, 9.0);
    EXPECT_EQ(FitStepsToTolerance(c.scaled, c.start_scaled, 0.5), 1);
    EXPECT_TRUE(Says("$\\eta = 0.5$ it lands on the minimum in a single step"));
    const int at_01 = FitStepsToTolerance(c.scaled, c.start_scaled, 0.1);
    EXPECT_TRUE(Says("with the feature scaled it arrives in " + std::to_string(at_01) + " steps; with $x$ as measured it blows up"));
    EXPECT_EQ(FitStepsToTolerance(c.raw, {0, 0}, 0.1), -1);
}
