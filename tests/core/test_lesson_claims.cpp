// test_lesson_claims.cpp: the numbers the lessons state, computed with the core and then
// looked up, written the way the lesson writes them, in the lesson's own text.
//
// One test per claim, named after its lesson file (WhatIsLoss_... is lessons/01-what-is-
// loss.md). Each test computes the number, formats it as the lesson does, and expects
// the lesson to say it: changing the core under a claim, or editing the number in the
// lesson, fails the test that owns it. Lesson text is compared with runs of white space
// (line breaks included) read as one space.
//
// Index
//   [SECTION] Reading the lessons
//   [SECTION] 01 What is loss?
//   [SECTION] 02 The common loss functions
//   [SECTION] 04 Gradient descent
//   [SECTION] 05 The learning rate
//   [SECTION] 06 Local minima and better optimizers
//   [SECTION] 07 The training loop
//   [SECTION] 08 Backpropagation
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/landscape1d.hpp"
#include "core/landscape2d.hpp"
#include "core/loop_walk.hpp"
#include "core/losses.hpp"
#include "core/lr_compare.hpp"
#include "core/race.hpp"
#include "core/roll.hpp"
#include "model/backprop_model.hpp"
#include "model/roll_model.hpp"
#include "lesson_text.hpp"

using namespace downhill;
using lesson_text::Fixed;
using lesson_text::QuizField;
using lesson_text::Says;

//-----------------------------------------------------------------------------
// [SECTION] Reading the lessons
//-----------------------------------------------------------------------------
namespace {

// A Roll Downhill run on the course curve, taken until it settles (or `cap` steps).
struct RollEnd {
    RollStatus status;
    int steps;
    double x;
};
RollEnd Roll(double start, double lr, int cap = 20000) {
    static const CourseCurve curve;
    RollSettings s;
    s.start_x = start;
    s.learning_rate = lr;
    RollRun run(curve, s);
    while (run.status() == RollStatus::Running && run.step() < cap) run.Step();
    return {run.status(), run.step(), run.x()};
}

// The course curve's minima, left to right.
std::vector<StationaryPoint> CourseMinima() {
    std::vector<StationaryPoint> minima;
    for (const auto& p : Stationary1D(CourseCurve{}))
        if (p.is_minimum) minima.push_back(p);
    return minima;
}

// The code walk's loop run with that learning rate: the printed epoch from which w stays
// within `within` of `target` (kMaxEpochs + 1 when it never does), and w after each epoch.
int EpochsToReach(double lr, double target, double within, std::vector<double>* ws = nullptr) {
    LoopWalkSettings s;
    s.learning_rate = lr;
    s.epochs = LoopWalkSettings::kMaxEpochs;
    LoopWalk walk(s);
    walk.RunToEnd();
    int from = 1;
    for (const LoopPrint& p : walk.printed()) {
        if (ws) ws->push_back(p.w);
        if (!(std::fabs(p.w - target) < within)) from = p.epoch + 1;
    }
    return from;
}

// A race on `surface` (its own start and rate unless given) run to the end.
Race RunRace(const std::string& surface, double lr = 0, double x = NAN, double y = NAN) {
    Race race;
    EXPECT_EQ(race.SetSurface(surface), "");
    if (lr > 0) EXPECT_EQ(race.SetLearningRate(lr), "");
    if (!std::isnan(x)) EXPECT_EQ(race.SetStart(x, y), "");
    race.Advance(Race::kMaxSteps);
    return race;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] 01 What is loss?
//-----------------------------------------------------------------------------
constexpr const char* kLesson01 = "01-what-is-loss.md";

TEST(LessonClaims, WhatIsLoss_TheBloodSugarGap) {
    const double gap = AbsoluteError(0.85, 0.62).value;
    EXPECT_EQ(Fixed(gap, 2), "0.23");
    EXPECT_TRUE(Says(kLesson01, "$$ 0.85 - 0.62 = " + Fixed(gap, 2) + " $$"));
    EXPECT_TRUE(Says(kLesson01, "A gap of $" + Fixed(gap, 2) + "$ on a scale from 0 to 1"));
    EXPECT_EQ(QuizField(kLesson01, "loss-gap-blood-sugar", "answer"), Fixed(gap, 2));
    EXPECT_TRUE(Says(kLesson01, "the gap shrinks to $" + Fixed(AbsoluteError(0.85, 0.80).value, 2) + "$"));
}

TEST(LessonClaims, WhatIsLoss_TooHighCostsWhatTooLowCosts) {
    // The squared and absolute errors (and Huber) depend on the size of the miss alone;
    // cross-entropy does not.
    const double y = 0.85, d = 0.1;
    EXPECT_NEAR(SquaredError(y, y + d).value, SquaredError(y, y - d).value, 1e-15);
    EXPECT_NEAR(AbsoluteError(y, y + d).value, AbsoluteError(y, y - d).value, 1e-15);
    EXPECT_NEAR(Huber(y, y + d, 0.25).value, Huber(y, y - d, 0.25).value, 1e-15);
    EXPECT_GT(std::fabs(BinaryCrossEntropy(y, y + d).value - BinaryCrossEntropy(y, y - d).value), 0.01);
    EXPECT_TRUE(Says(kLesson01, "a prediction $" + Fixed(d, 1) + "$ too high costs exactly what a prediction $" +
                                    Fixed(d, 1) + "$ too low costs"));
    EXPECT_TRUE(Says(kLesson01, "It is not the same on both sides of the truth"));
}

TEST(LessonClaims, WhatIsLoss_HuberIsHalfTheSquaredErrorForSmallMisses) {
    const double delta = 0.25;
    for (double miss : {0.01, 0.1, 0.23, 0.25}) {
        EXPECT_NEAR(Huber(0.85, 0.85 - miss, delta).value, 0.5 * SquaredError(0.85, 0.85 - miss).value, 1e-15) << miss;
    }
    // Past delta: a straight line, slope delta, like the absolute error.
    EXPECT_NEAR(Huber(1.0, 0.4, delta).value - Huber(1.0, 0.5, delta).value, delta * 0.1, 1e-12);
    const double sq = SquaredError(0.85, 0.62).value, hu = Huber(0.85, 0.62, delta).value;
    EXPECT_NEAR(hu, 0.5 * sq, 1e-15);
    EXPECT_TRUE(Says(kLesson01, "For small misses (here, up to $" + Fixed(delta, 2) + "$) it is *half* the squared error"));
    EXPECT_TRUE(Says(kLesson01, "the squared error is $" + Fixed(sq, 4) + "$ and the Huber loss is half of that, about $" +
                                    Fixed(hu, 3) + "$. Past $" + Fixed(delta, 2) + "$ it grows in a straight line"));
}

//-----------------------------------------------------------------------------
// [SECTION] 02 The common loss functions
//-----------------------------------------------------------------------------
constexpr const char* kLesson02 = "02-loss-functions.md";

TEST(LessonClaims, LossFunctions_MaeAndMseAreBoundedCrossEntropyIsNot) {
    // A dog given p = 0.1 of being a dog (truth 1).
    const double mae = AbsoluteError(1, 0.1).value, mse = SquaredError(1, 0.1).value, ce = BinaryCrossEntropy(1, 0.1).value;
    EXPECT_GT(mae, mse); // MAE is not gentler than MSE on a miss below 1
    EXPECT_TRUE(Says(kLesson02, "costs $" + Fixed(mae, 1) + "$ under MAE, $" + Fixed(mse, 2) + "$ under MSE and $" +
                                    Fixed(ce, 2) + "$ under cross-entropy"));
    // Bounded by 1 on probabilities, however wrong; cross-entropy keeps growing.
    for (double p = 0; p <= 1.0; p += 0.01) {
        EXPECT_LE(AbsoluteError(1, p).value, 1.0);
        EXPECT_LE(SquaredError(1, p).value, 1.0);
    }
    EXPECT_GT(BinaryCrossEntropy(1, 1e-6).value, 13.0);
    EXPECT_TRUE(Says(kLesson02, "a miss can never cost more than 1, however confident the wrong answer"));
}

TEST(LessonClaims, LossFunctions_AppleOrangeSquaredErrorAndItsRoundings) {
    const double v = SquaredError(0, 0.92).value;
    EXPECT_EQ(Fixed(v, 4), "0.8464");
    EXPECT_EQ(QuizField(kLesson02, "mse-apple-orange", "answer"), Fixed(v, 4));
    const double tol = std::stod(QuizField(kLesson02, "mse-apple-orange", "tolerance"));
    // The roundings a learner gives are accepted; a forgotten square or sign is not.
    for (int digits : {2, 3, 4}) EXPECT_LE(std::fabs(std::stod(Fixed(v, digits)) - v), tol) << digits;
    EXPECT_GT(std::fabs(0.92 - v), tol);
    EXPECT_GT(std::fabs(-v - v), tol);
    EXPECT_TRUE(Says(kLesson02, "or about $" + Fixed(v, 3) + "$ (or $" + Fixed(v, 2) + "$) rounded"));
}

TEST(LessonClaims, LossFunctions_WorkedNumbers) {
    EXPECT_EQ(SquaredError(80, 70).value, 100.0);
    EXPECT_EQ(QuizField(kLesson02, "mse-house-price", "answer"), "100");
    // Forecasts 21, 19, 30 against 20, 22, 25.
    const double f[3] = {21, 19, 30}, t[3] = {20, 22, 25};
    double mae = 0, mse = 0;
    for (int i = 0; i < 3; ++i) { mae += AbsoluteError(t[i], f[i]).value / 3; mse += SquaredError(t[i], f[i]).value / 3; }
    EXPECT_TRUE(Says(kLesson02, "the MAE is $(1 + 3 + 5) / 3 = " + Fixed(mae, 0) + "$ degrees"));
    EXPECT_TRUE(Says(kLesson02, "$(1 + 9 + 25) / 3 \\approx " + Fixed(mse, 1) + "$"));
    // Cross-entropy of the spam filter and the dog photo.
    EXPECT_TRUE(Says(kLesson02, "the loss is $-\\log 0.9 \\approx " + Fixed(BinaryCrossEntropy(1, 0.9).value, 2) + "$"));
    EXPECT_TRUE(Says(kLesson02, "the loss is $-\\log 0.1 \\approx " + Fixed(BinaryCrossEntropy(1, 0.1).value, 2) + "$"));
    EXPECT_TRUE(Says(kLesson02, "loss is $-\\log 0.7 \\approx " + Fixed(BinaryCrossEntropy(1, 0.7).value, 2) + "$"));
    EXPECT_TRUE(Says(kLesson02, "$-\\log 0.2 \\approx " + Fixed(BinaryCrossEntropy(1, 0.2).value, 2) + "$"));
    EXPECT_TRUE(Says(kLesson02, "(about " + Fixed(BinaryCrossEntropy(1, 0.5).value, 2) + ")"));
    EXPECT_TRUE(Says(kLesson02, "the loss is only about " + Fixed(BinaryCrossEntropy(1, 0.9).value, 2)));
    // Hinge with y = +1.
    EXPECT_TRUE(Says(kLesson02, "a score of $2.5$ costs nothing, $0.4$ costs $" + Fixed(Hinge(1, 0.4).value, 1) +
                                    "$, and $-1$ costs $" + Fixed(Hinge(1, -1).value, 0) + "$"));
    EXPECT_EQ(Hinge(1, 2.5).value, 0.0);
}

//-----------------------------------------------------------------------------
// [SECTION] 04 Gradient descent
//-----------------------------------------------------------------------------
constexpr const char* kLesson04 = "04-gradient-descent.md";

TEST(LessonClaims, GradientDescent_TheValleyTable) {
    const std::vector<StationaryPoint> minima = CourseMinima();
    ASSERT_EQ(minima.size(), 4u);
    EXPECT_TRUE(Says(kLesson04, "The curve has four valleys."));
    for (const StationaryPoint& m : minima) {
        const std::string row = "| about $" + Fixed(m.x, 3) + "$" + (m.x == minima[1].x ? " (the deepest)" : "") +
                                " | about $" + Fixed(m.f, 3) + "$ | about $" + Fixed(m.max_stable_lr, 4) + "$ |";
        EXPECT_TRUE(Says(kLesson04, row));
    }
    for (const StationaryPoint& m : minima) EXPECT_GE(m.f, minima[1].f);
}

TEST(LessonClaims, GradientDescent_FromMinusTwoIntoTheDeepestValley) {
    const RollEnd r = Roll(-2, 0.1);
    const StationaryPoint deepest = CourseMinima()[1];
    ASSERT_EQ(r.status, RollStatus::Settled);
    EXPECT_NEAR(r.x, deepest.x, 1e-6);
    EXPECT_GE(r.steps, 20); // "a couple of dozen steps"
    EXPECT_LE(r.steps, 30);
    EXPECT_TRUE(Says(kLesson04, "near $x \\approx " + Fixed(deepest.x, 3) + "$ where the loss is about $" + Fixed(deepest.f, 3) +
                                    "$, and stops there after a couple of dozen steps"));
}

TEST(LessonClaims, GradientDescent_DifferentStartsDifferentValleys) {
    const std::vector<StationaryPoint> m = CourseMinima();
    const RollEnd right = Roll(3, 0.1), left = Roll(-4, 0.1);
    ASSERT_EQ(right.status, RollStatus::Settled);
    ASSERT_EQ(left.status, RollStatus::Settled);
    EXPECT_NEAR(right.x, m[2].x, 1e-6);
    EXPECT_NEAR(left.x, m[0].x, 1e-6);
    EXPECT_TRUE(Says(kLesson04, "From $x = 3$ the ball settles in the valley near $" + Fixed(m[2].x, 3) +
                                    "$; from $x = -4$ it settles near $" + Fixed(m[0].x, 3) + "$"));
}

TEST(LessonClaims, GradientDescent_OneRateSettlesInOneValleyAndBouncesInAnother) {
    const std::vector<StationaryPoint> m = CourseMinima();
    EXPECT_LT(0.15, m[0].max_stable_lr);
    EXPECT_GT(0.15, m[1].max_stable_lr);
    const RollEnd slow = Roll(-2.9, 0.15);
    ASSERT_EQ(slow.status, RollStatus::Settled);
    EXPECT_NEAR(slow.x, m[0].x, 1e-6);
    EXPECT_GE(slow.steps, 900); // "about a thousand steps"
    EXPECT_LE(slow.steps, 1100);
    EXPECT_TRUE(Says(kLesson04, "be patient: it takes about a thousand steps"));
    // From -0.5: hopping between the same two points on either side of the bottom.
    static const CourseCurve curve;
    RollSettings s;
    s.start_x = -0.5;
    s.learning_rate = 0.15;
    RollRun run(curve, s);
    run.Advance(20000);
    ASSERT_EQ(run.status(), RollStatus::Running);
    const double a = run.x();
    run.Step();
    const double b = run.x();
    run.Step();
    EXPECT_NEAR(run.x(), a, 1e-9);
    EXPECT_LT(std::min(a, b), m[1].x);
    EXPECT_GT(std::max(a, b), m[1].x);
    EXPECT_TRUE(Says(kLesson04, "keeps hopping between the same two points on either side of the bottom, for ever"));
}

TEST(LessonClaims, GradientDescent_PointEighteenSettlesNowhere) {
    for (const StationaryPoint& m : CourseMinima()) EXPECT_GT(0.18, m.max_stable_lr);
    for (int i = -500; i <= 500; ++i) EXPECT_NE(Roll(i / 100.0, 0.18, 3000).status, RollStatus::Settled) << i / 100.0;
    EXPECT_TRUE(Says(kLesson04, "Set the learning rate to $0.18$. Now the ball bounces in *every* valley and never settles anywhere, wherever it starts."));
    EXPECT_TRUE(Says(kLesson04, "And $0.18$ is above the limit of every valley, so nothing settles."));
}

TEST(LessonClaims, GradientDescent_TheTwoLimits) {
    const std::vector<StationaryPoint> m = CourseMinima();
    EXPECT_TRUE(Says(kLesson04, "it stays steady for any $\\eta$ below about $" + Fixed(m[0].max_stable_lr, 4) + "$"));
    EXPECT_TRUE(Says(kLesson04, "it needs $\\eta$ below about $" + Fixed(m[1].max_stable_lr, 4) + "$"));
    EXPECT_TRUE(Says(kLesson04, "its steady limit $2/f''$ (about " + Fixed(m[1].max_stable_lr, 3) + ") is below 0.15"));
    EXPECT_TRUE(Says(kLesson04, "tolerates up to about " + Fixed(m[0].max_stable_lr, 3) + ", so 0.15 works there"));
}

//-----------------------------------------------------------------------------
// [SECTION] 05 The learning rate
//-----------------------------------------------------------------------------
constexpr const char* kLesson05 = "05-learning-rate.md";

TEST(LessonClaims, LearningRate_TheBowlFactors) {
    // One step on L = w^2 multiplies w by (1 - 2 eta).
    const Bowl1D bowl;
    for (double eta : {0.1, 0.9, 1.0, 1.1, 0.25}) {
        const double w = 0.7, next = w - eta * bowl.slope(w);
        EXPECT_NEAR(next / w, 1 - 2 * eta, 1e-12);
        const std::string factor = Fixed(next / w, eta == 1.0 ? 0 : 1);
        if (eta != 0.25) EXPECT_TRUE(Says(kLesson05, "$\\eta = " + Fixed(eta, eta == 1.0 ? 0 : 1) + "$: the factor is $" + factor + "$"));
    }
    EXPECT_EQ(QuizField(kLesson05, "lr-bowl-factor", "answer"), Fixed(1 - 2 * 0.25, 1));
    // eta = 0.00001: steps to halve the distance.
    double w = 1;
    int n = 0;
    while (w > 0.5) { w -= 0.00001 * bowl.slope(w); ++n; }
    EXPECT_GE(n, 34000);
    EXPECT_LE(n, 36000);
    EXPECT_TRUE(Says(kLesson05, "It takes about 35,000 steps just to halve the distance to the bottom."));
    EXPECT_EQ(2 / bowl.curvature(0), 1.0);
}

TEST(LessonClaims, LearningRate_ThreeRatesSideBySide) {
    const LrCompareSettings s = LrComparePreset("bowl");
    EXPECT_TRUE(Says(kLesson05, "$" + Fixed(s.learning_rate[0], 3) + "$, $" + Fixed(s.learning_rate[1], 1) + "$ and $" +
                                    Fixed(s.learning_rate[2], 2) + "$. Press play"));
    EXPECT_LT(s.learning_rate[2], 2 / Bowl1D{}.curvature(0));
    EXPECT_TRUE(Says(kLesson05, "The large rate, $" + Fixed(s.learning_rate[2], 2) + "$, is just under the bowl's limit of 1"));
}

TEST(LessonClaims, LearningRate_OtherRatesOnTheBumpyCurve) {
    const StationaryPoint deepest = CourseMinima()[1];
    EXPECT_TRUE(Says(kLesson05, "just under that valley's limit of about $" + Fixed(deepest.max_stable_lr, 3) + "$"));
    const RollEnd r14 = Roll(-0.5, 0.14), r05 = Roll(-0.5, 0.05), r01 = Roll(-0.5, 0.01);
    for (const RollEnd& r : {r14, r05, r01}) {
        ASSERT_EQ(r.status, RollStatus::Settled);
        EXPECT_NEAR(r.x, deepest.x, 1e-6);
    }
    EXPECT_LT(r05.steps, 20);
    EXPECT_TRUE(Says(kLesson05, "**0.05**: a smooth roll in, done in under twenty steps."));
    EXPECT_GT(r01.steps, 100);
    EXPECT_GE(r05.steps, 15); // "a trip the previous setting made in twenty"
    EXPECT_TRUE(Says(kLesson05, "it needs over a hundred steps for a trip the previous setting made in twenty"));
    EXPECT_NE(Roll(-0.5, 0.6, 5000).status, RollStatus::Settled);
    EXPECT_EQ(RollSettings::kMaxLearningRate, 1.2);
    EXPECT_TRUE(Says(kLesson05, "**1.2**, the top of the slider"));
}

// The map the lesson's Roll Downhill shows (map=on), read row by row from the bottom.
TEST(LessonClaims, LearningRate_TheMapOfEveryStartAndRate) {
    model::RollModel roll;
    roll.ComputeMap();
    const LrMap& m = roll.map;
    ASSERT_EQ(m.error, "");
    EXPECT_TRUE(Says(kLesson05, "for 200 starts (across) and 120 learning rates from $0.01$ to $0.30$ (up). Each cell is one run of up to 300 steps"));
    EXPECT_EQ(m.starts, 200);
    EXPECT_EQ(m.rates, 120);
    EXPECT_DOUBLE_EQ(m.lr.front(), 0.01);
    EXPECT_DOUBLE_EQ(m.lr.back(), 0.30);
    const std::vector<StationaryPoint> minima = CourseMinima();
    ASSERT_EQ(m.minima.size(), minima.size());
    auto at = [&](int row, int col) { return m.outcome[static_cast<size_t>(row) * m.starts + col]; };
    auto is_valley = [](std::uint8_t o) { return o < kOutcomeLeftRange; };
    // From 0.02 to 0.146 every column keeps one colour, a valley's (or "left the curve" at the edges).
    int top = 0; // the highest row at or below 0.146
    while (top + 1 < m.rates && m.lr[top + 1] <= 0.146) ++top;
    int valley_cells = 0;
    for (int j = 0; j <= top; ++j) {
        if (m.lr[j] < 0.02) continue;
        for (int i = 0; i < m.starts; ++i) {
            EXPECT_EQ(at(j, i), at(top, i)) << "row " << m.lr[j] << " column " << m.start_x[i];
            EXPECT_NE(at(j, i), kOutcomeNoMinimum);
            valley_cells += is_valley(at(j, i));
        }
    }
    EXPECT_GT(valley_cells, 0);
    EXPECT_TRUE(Says(kLesson05, "From $\\eta \\approx 0.02$ up to about $0.146$ every column keeps one colour"));
    // The bottom row: a few starts have not arrived.
    int unfinished = 0;
    for (int i = 0; i < m.starts; ++i) unfinished += at(0, i) == kOutcomeNoMinimum;
    EXPECT_GT(unfinished, 0);
    EXPECT_LT(unfinished, 20);
    EXPECT_TRUE(Says(kLesson05, "In the bottom row, $0.01$, a few starts on gentle ground have not arrived after 300 steps."));
    // Each valley's colour stops just under its own limit: the deepest first, the one near 4.396 last.
    std::vector<double> last(minima.size(), 0);
    for (int j = 0; j < m.rates; ++j)
        for (int i = 0; i < m.starts; ++i)
            if (is_valley(at(j, i))) last[at(j, i)] = std::max(last[at(j, i)], m.lr[j]);
    for (size_t k = 0; k < minima.size(); ++k) {
        EXPECT_LE(last[k], minima[k].max_stable_lr) << k;
        EXPECT_GT(last[k], minima[k].max_stable_lr - 0.003) << k;
        EXPECT_GE(last[k], last[1]) << k;
        EXPECT_LE(last[k], last[3]) << k;
    }
    EXPECT_NEAR(minima[3].x, 4.396, 5e-4);
    EXPECT_TRUE(Says(kLesson05, "the deepest valley's band goes first (about $" + Fixed(minima[1].max_stable_lr, 3) +
                                    "$), the band of the valley near $4.396$ last (about $" + Fixed(minima[3].max_stable_lr, 3) + "$)"));
    // Above 0.156 nothing settles.
    for (int j = 0; j < m.rates; ++j)
        if (m.lr[j] > 0.156)
            for (int i = 0; i < m.starts; ++i) EXPECT_FALSE(is_valley(at(j, i))) << m.lr[j];
    EXPECT_TRUE(Says(kLesson05, "Above $0.156$ no start settles at all within 300 steps."));
}

// The challenge from x = -2: the first step whose loss is below -1.2, and whether it stays below
// (so the widget, which checks after each frame, sees it).
TEST(LessonClaims, LearningRate_TheChallengeFromMinusTwo) {
    static const CourseCurve curve;
    auto first_below = [&](double lr, bool* stays) {
        RollSettings s;
        s.start_x = -2;
        s.learning_rate = lr;
        RollRun run(curve, s);
        int first = -1;
        *stays = true;
        while (run.status() == RollStatus::Running && run.step() < 5000) {
            run.Step();
            if (run.loss() < -1.2 && first < 0) first = run.step();
            if (first >= 0 && !(run.loss() < -1.2)) *stays = false;
        }
        return first;
    };
    bool stays = false;
    EXPECT_EQ(first_below(0.1, &stays), 10);
    EXPECT_TRUE(stays);
    EXPECT_EQ(first_below(0.13, &stays), 8);
    EXPECT_TRUE(stays);
    EXPECT_EQ(first_below(0.15, &stays), 7);
    EXPECT_TRUE(stays);
    EXPECT_EQ(first_below(0.16, &stays), -1);
    EXPECT_TRUE(Says(kLesson05, "it needs 10 steps before the loss first drops below $-1.2$. Can you do it in 8 or fewer?"));
    EXPECT_TRUE(Says(kLesson05, "($0.13$ takes 8, $0.15$ takes 7), but the relation is not a straight line: at $0.16$ the ball overshoots the valley on its way in and the loss never drops below $-1.2$ at all."));
    EXPECT_TRUE(Says(kLesson05, "::: widget roll-downhill start=-2 lr=0.1 goalLoss=-1.2 goalSteps=8 hide=start"));
}

TEST(LessonClaims, LearningRate_TheSteepCurveBlowsUp) {
    LrCompare c;
    ASSERT_EQ(c.SetCurve("steep"), "");
    EXPECT_EQ(c.settings().learning_rate[2], 2.2);
    c.Advance(10);
    EXPECT_EQ(c.run(2).status(), RunStatus::Diverged);
    EXPECT_LE(c.run(2).stopped_at(), 5); // "within a few steps"
    EXPECT_TRUE(Says(kLesson05, "The large learning rate, $2.2$, overshoots"));
    EXPECT_TRUE(Says(kLesson05, "within a few steps the loss is infinite"));
}

//-----------------------------------------------------------------------------
// [SECTION] 06 Local minima and better optimizers
//-----------------------------------------------------------------------------
constexpr const char* kLesson06 = "06-local-minima-optimizers.md";

TEST(LessonClaims, LocalMinima_StuckInTheWrongValley) {
    const std::vector<StationaryPoint> m = CourseMinima();
    const RollEnd r = Roll(3, 0.1);
    ASSERT_EQ(r.status, RollStatus::Settled);
    EXPECT_NEAR(r.x, m[2].x, 1e-6);
    EXPECT_GE(r.steps, 20); // "about two dozen steps"
    EXPECT_LE(r.steps, 28);
    EXPECT_TRUE(Says(kLesson06, "in about two dozen steps, at $x \\approx " + Fixed(m[2].x, 3) + "$, where the loss is about $" +
                                    Fixed(m[2].f, 3) + "$"));
    EXPECT_TRUE(Says(kLesson06, "at $x \\approx " + Fixed(m[1].x, 3) + "$ the loss is about $" + Fixed(m[1].f, 3) + "$"));
    double hill = 0;
    for (const auto& p : Stationary1D(CourseCurve{}))
        if (!p.is_minimum && p.x > m[1].x && p.x < m[2].x) hill = p.x;
    EXPECT_TRUE(Says(kLesson06, "(its top is near $x \\approx " + Fixed(hill, 2) + "$)"));
}

TEST(LessonClaims, LocalMinima_WhereYouBeginDecidesWhereYouFinish) {
    const std::vector<StationaryPoint> m = CourseMinima();
    EXPECT_TRUE(Says(kLesson06, "anything from about $-2.3$ to $0.98$ reaches the deepest valley, while starts further right end near $" +
                                    Fixed(m[2].x, 3) + "$ or $" + Fixed(m[3].x, 3) + "$, and starts further left end near $" +
                                    Fixed(m[0].x, 3) + "$ (from the very edge of the curve, the first step throws the ball out of view)"));
    auto ends = [&](double start) { return Roll(start, 0.1); };
    for (int i = -230; i <= 98; ++i) EXPECT_NEAR(ends(i / 100.0).x, m[1].x, 1e-6) << i / 100.0;
    for (int i = 99; i <= 500; ++i) {
        const RollEnd r = ends(i / 100.0);
        EXPECT_TRUE(std::fabs(r.x - m[2].x) < 1e-6 || std::fabs(r.x - m[3].x) < 1e-6) << i / 100.0;
    }
    int leftEdge = 0;
    for (int i = -500; i <= -232; ++i) {
        const RollEnd r = ends(i / 100.0);
        if (r.status == RollStatus::OutOfView) ++leftEdge;
        else EXPECT_NEAR(r.x, m[0].x, 1e-6) << i / 100.0;
    }
    EXPECT_EQ(ends(-5).status, RollStatus::OutOfView);
    EXPECT_LE(leftEdge, 10);
}

TEST(LessonClaims, LocalMinima_TheFairRaceOnTheRavine) {
    Race race; // the ravine from (-4.5, 1.2): gd, momentum, Adam, each at its tuned rate
    EXPECT_EQ(race.settings().surface, "ravine");
    EXPECT_TRUE(race.own_rates());
    EXPECT_EQ(Race::kReachedDistance, 0.01);
    EXPECT_TRUE(Says(kLesson06, "The race starts at $(" + Fixed(race.settings().start_x, 1) + ", " + Fixed(race.settings().start_y, 1) +
                                    ")$. A racer has arrived when it is within $" + Fixed(Race::kReachedDistance, 2) + "$ of the bottom."));
    EXPECT_TRUE(Says(kLesson06, "the widget tried 41 rates from $0.0001$ to $1$ on this surface"));
    ASSERT_EQ(race.size(), 3);
    EXPECT_EQ(race.learning_rate(0), RaceTunedLearningRate("ravine", "gd").learning_rate);
    EXPECT_TRUE(Says(kLesson06, "On the ravine that is about $" + Fixed(race.learning_rate(0), 3) + "$ for gradient descent, $" +
                                    Fixed(race.learning_rate(1), 3) + "$ for momentum and $" + Fixed(race.learning_rate(2), 2) + "$ for Adam"));
    race.Advance(Race::kMaxSteps);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(race.reached_at(i), RaceTunedLearningRate("ravine", race.run(i).optimizer_name()).steps) << i;
    EXPECT_TRUE(Says(kLesson06, "gradient descent arrives after " + std::to_string(race.reached_at(0)) + " steps, momentum after " +
                                    std::to_string(race.reached_at(1)) + " and Adam after " + std::to_string(race.reached_at(2)) + "."));
    EXPECT_LT(std::max({race.reached_at(0), race.reached_at(1), race.reached_at(2)}) -
                  std::min({race.reached_at(0), race.reached_at(1), race.reached_at(2)}), 15); // "close"
    ASSERT_EQ(race.SetOptimizers({"gd", "momentum", "adagrad", "adam"}), "");
    const int adagrad = 2;
    ASSERT_EQ(race.run(adagrad).optimizer_name(), "adagrad");
    EXPECT_EQ(race.learning_rate(adagrad), 1.0);
    race.Advance(Race::kMaxSteps);
    EXPECT_TRUE(Says(kLesson06, "Tick AdaGrad too: at its tuned rate, $1$, it arrives after " + std::to_string(race.reached_at(adagrad)) + " steps."));
    EXPECT_EQ(race.Winner(), adagrad);
    EXPECT_NEAR(1 / (1 - race.settings().momentum), 10, 1e-9);
}

TEST(LessonClaims, LocalMinima_TheRavineRaceAtOneSharedRate) {
    Race race;
    ASSERT_EQ(race.SetLearningRate(0.03), "");
    EXPECT_FALSE(race.own_rates());
    EXPECT_TRUE(Says(kLesson06, "Now set *Learning rates* to *One for every racer* and type $0.03$"));
    // Gradient descent is on the floor after a few steps, far from the bottom.
    race.Advance(3);
    EXPECT_LT(std::fabs(race.run(0).y()), 0.02);
    EXPECT_GT(std::fabs(race.run(0).x()), 4.0);
    // Momentum overshoots the bottom (x passes 0) before it arrives.
    bool overshot = false;
    while (race.AnyRunning()) {
        race.Step();
        overshot = overshot || race.run(1).x() > 0.01;
    }
    EXPECT_TRUE(overshot);
    EXPECT_EQ(race.Winner(), 1);
    EXPECT_TRUE(Says(kLesson06, "It arrives after " + std::to_string(race.reached_at(0)) + " steps."));
    EXPECT_TRUE(Says(kLesson06, "and still arrives first, after " + std::to_string(race.reached_at(1)) + " steps."));
    EXPECT_TRUE(Says(kLesson06, "**Adam** comes last, after " + std::to_string(race.reached_at(2)) + " steps."));
    EXPECT_GT(race.reached_at(2), race.reached_at(0));
}

TEST(LessonClaims, LocalMinima_AdamStepsAboutEtaEachWay) {
    Race race;
    ASSERT_EQ(race.SetLearningRate(0.03), "");
    ASSERT_EQ(race.run(2).optimizer_name(), "adam");
    const double eta = race.settings().learning_rate;
    double x = race.run(2).x(), y = race.run(2).y();
    race.Step();
    // The first step: eta across and eta along, though the gradient is (-4.5, 30).
    EXPECT_NEAR(std::fabs(race.run(2).x() - x), eta, 1e-6);
    EXPECT_NEAR(std::fabs(race.run(2).y() - y), eta, 1e-6);
    EXPECT_TRUE(Says(kLesson06, "Its first step moves it $" + Fixed(eta, 2) + "$ across the ravine and $" + Fixed(eta, 2) +
                                    "$ along it, the same in both directions."));
    // Then no step along the floor is longer than eta, with 4.5 to cover.
    for (int i = 0; i < 400; ++i) {
        x = race.run(2).x();
        race.Step();
        EXPECT_LE(std::fabs(race.run(2).x() - x), eta + 1e-9) << i;
    }
    EXPECT_TRUE(Says(kLesson06, "along the floor, with $" + Fixed(-race.settings().start_x, 1) + "$ to cover, steps of $" + Fixed(eta, 2) +
                                    "$ or less make slow going."));
}

TEST(LessonClaims, LocalMinima_GradientDescentsLimitOnTheRavine) {
    const Hessian2 h = Ravine2D{}.hessian(0, 0);
    const double limit = 2 / h.yy;
    EXPECT_TRUE(Says(kLesson06, "above $\\eta = " + Fixed(limit, 2) + "$, which is $2 / f''$ for the steep walls (their curvature is " +
                                    Fixed(h.yy, 0) + ")"));
    Race race;
    ASSERT_EQ(race.SetOptimizers({"gd"}), "");
    ASSERT_EQ(race.SetLearningRate(limit - 0.001), "");
    race.Advance(Race::kMaxSteps);
    EXPECT_GE(race.reached_at(0), 0);
    ASSERT_EQ(race.SetLearningRate(limit + 0.001), "");
    race.Advance(Race::kMaxSteps);
    EXPECT_EQ(race.run(0).status(), RunStatus::Diverged);
    EXPECT_EQ(race.reached_at(0), -1);
}

TEST(LessonClaims, LocalMinima_AtPointTwoOnlyAdamArrives) {
    const Race race = RunRace("ravine", 0.2);
    EXPECT_EQ(race.run(0).status(), RunStatus::Diverged);
    EXPECT_EQ(race.run(1).status(), RunStatus::Diverged);
    EXPECT_GE(race.reached_at(2), 0);
    EXPECT_TRUE(Says(kLesson06, "Set the learning rate to $0.2$: plain gradient descent and momentum both blow up, while Adam arrives after " +
                                    std::to_string(race.reached_at(2)) + " steps."));
}

TEST(LessonClaims, LocalMinima_MomentumEscapesTheShallowWell) {
    const Race race = RunRace("lesson", 0.05, -3.4, 2.3);
    EXPECT_TRUE(Says(kLesson06, "Keep one rate for every racer and set it to $0.05$."));
    EXPECT_TRUE(Says(kLesson06, "Move the start to $(-3.4, 2.3)$, in the top-left corner."));
    const std::vector<CriticalPoint2D>& cp = race.critical_points();
    ASSERT_EQ(cp[0].kind, CriticalKind::GlobalMin);
    ASSERT_EQ(cp[1].kind, CriticalKind::LocalMin);
    EXPECT_GT(cp[0].x, 0); // the deep well upper right, the shallower one lower left
    EXPECT_GT(cp[0].y, 0);
    EXPECT_LT(cp[1].x, 0);
    EXPECT_LT(cp[1].y, 0);
    EXPECT_EQ(race.run(0).optimizer_name(), "gd");
    EXPECT_EQ(race.NearestMinimum(0), 1);
    EXPECT_EQ(race.NearestMinimum(1), 0);
    EXPECT_EQ(race.NearestMinimum(2), 1);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(race.run(i).status(), RunStatus::Settled);
    EXPECT_TRUE(Says(kLesson06, "comes to rest in the shallower well, the [[local minimum]], after " + std::to_string(race.reached_at(0)) + " steps."));
    EXPECT_TRUE(Says(kLesson06, "into the deeper well, the [[global minimum]], after " + std::to_string(race.reached_at(1)) + " steps."));
    // "Its speed carries it through the pass": momentum's path crosses close to the saddle
    // and never dips into the shallower well.
    ASSERT_EQ(cp[2].kind, CriticalKind::Saddle);
    const std::vector<double>& path = race.run(1).positions();
    ASSERT_EQ(race.run(1).first_recorded_step(), 0);
    double toPass = 1e9, toShallow = 1e9;
    for (size_t k = 0; k + 1 < path.size(); k += 2) {
        toPass = std::min(toPass, std::hypot(path[k] - cp[2].x, path[k + 1] - cp[2].y));
        toShallow = std::min(toShallow, std::hypot(path[k] - cp[1].x, path[k + 1] - cp[1].y));
    }
    EXPECT_LT(toPass, 0.25);
    EXPECT_GT(toShallow, 1.5);
    EXPECT_TRUE(Says(kLesson06, "its speed carries it through the pass into the deeper well"));
    // From there the ground slopes down towards the pass.
    const Lesson2D surface;
    EXPECT_GT(surface.value(-3.4, 2.3), cp[2].f);
    // The start is not a lucky point: its neighbours a tenth away behave the same.
    for (auto [dx, dy] : {std::pair{0.1, 0.0}, {-0.1, 0.0}, {0.0, 0.1}, {0.0, -0.1}}) {
        const Race near = RunRace("lesson", 0.05, -3.4 + dx, 2.3 + dy);
        EXPECT_EQ(near.NearestMinimum(0), 1) << dx << "," << dy;
        EXPECT_EQ(near.NearestMinimum(1), 0) << dx << "," << dy;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] 07 The training loop
//-----------------------------------------------------------------------------
constexpr const char* kLesson07 = "07-training-loop.md";

namespace {
// The least-squares weight of y = w x for the code walk's four points.
double BestLoopWeight() {
    double xy = 0, xx = 0;
    for (int i = 0; i < kLoopPoints; ++i) { xy += kLoopX[i] * kLoopY[i]; xx += kLoopX[i] * kLoopX[i]; }
    return xy / xx;
}
} // namespace

TEST(LessonClaims, TrainingLoop_TheWeightClimbsToItsBest) {
    const double best = BestLoopWeight();
    EXPECT_EQ(kLoopStartW, 0.0);
    EXPECT_EQ(LoopWalkSettings{}.learning_rate, 0.02);
    std::vector<double> ws;
    const int epochs = EpochsToReach(0.02, best, 0.01, &ws);
    for (size_t i = 1; i < ws.size(); ++i) EXPECT_GT(ws[i], ws[i - 1]); // climbing, never past
    EXPECT_LT(ws.back(), best);
    EXPECT_TRUE(Says(kLesson07, "Watch $w$ climb from $0$ towards $" + Fixed(best, 2) + "$, the best weight for these points"));
    EXPECT_TRUE(Says(kLesson07, "At the starting learning rate, $0.02$, it takes " + std::to_string(epochs) + " epochs to come within $0.01$ of $" +
                                    Fixed(best, 2) + "$."));
}

TEST(LessonClaims, TrainingLoop_FasterOnlyUpToAPoint) {
    const double best = BestLoopWeight();
    const int atStart = EpochsToReach(0.02, best, 0.01);
    // Fewer (or as many) epochs for every rate up to about 0.067, where one update lands.
    int prev = atStart;
    for (int k = 20; k <= 67; ++k) {
        const int e = EpochsToReach(k / 1000.0, best, 0.01);
        EXPECT_LE(e, prev) << k / 1000.0;
        prev = e;
    }
    EXPECT_EQ(EpochsToReach(0.067, best, 0.01), 1);
    double xy = 0, xx = 0;
    for (int i = 0; i < kLoopPoints; ++i) { xy += kLoopX[i] * kLoopY[i]; xx += kLoopX[i] * kLoopX[i]; }
    const double oneStep = 1 / (2 * xx / kLoopPoints); // w1 = best exactly at 1 / f''
    EXPECT_TRUE(Says(kLesson07, "At about $" + Fixed(oneStep, 3) + "$ a single update lands $w$ on $" + Fixed(best, 2) + "$."));
    // Above that each update overshoots: w jumps past the best weight and back.
    std::vector<double> ws;
    EpochsToReach(0.1, best, 0.01, &ws);
    EXPECT_GT(ws[0], best);
    EXPECT_LT(ws[1], best);
    // "The higher the rate, the less each swing closes in."
    double kept = 0;
    for (int k = 68; k <= 133; ++k) {
        ws.clear();
        EpochsToReach(k / 1000.0, best, 0.01, &ws);
        const double ratio = std::fabs(ws[2] - best) / std::fabs(ws[1] - best);
        EXPECT_GT(ratio, kept) << k / 1000.0;
        kept = ratio;
    }
    EXPECT_TRUE(Says(kLesson07, "and the higher the rate, the less each swing closes in"));
    // Up to 0.113 no slower than at 0.02; from 0.114 slower.
    for (int k = 68; k <= 113; ++k) EXPECT_LE(EpochsToReach(k / 1000.0, best, 0.01), atStart) << k / 1000.0;
    for (int k = 114; k <= 150; ++k) EXPECT_GT(EpochsToReach(k / 1000.0, best, 0.01), atStart) << k / 1000.0;
    EXPECT_TRUE(Says(kLesson07, "above about $0.113$ it needs more of them than it did at $0.02$"));
    // Past 2 / f'' = 0.1333 each swing is bigger than the last.
    const double limit = 2 * oneStep;
    EXPECT_TRUE(Says(kLesson07, "Past about $" + Fixed(limit, 3) + "$ each swing is bigger than the last"));
    for (double lr : {0.133, 0.134}) {
        ws.clear();
        EpochsToReach(lr, best, 0.01, &ws);
        const bool grows = std::fabs(ws[20] - best) > std::fabs(ws[19] - best);
        EXPECT_EQ(grows, lr > limit) << lr;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] 08 Backpropagation
//-----------------------------------------------------------------------------
namespace {
const std::string kLesson08 = "08-backpropagation.md";
}

// "Two layers": the widget set to the chain reproduces every number of the hand
// calculation (h = 2, y = 1, L = 1; dL/dy = -2, dL/dw2 = -4, dL/dh = -1, dL/dw1 = -1).
TEST(LessonClaims, Backpropagation_TheWidgetsChainIsTheWorkedExample) {
    model::BackpropModel m;
    model::BackpropSettings s;
    s.network = model::BackpropNetwork::Chain;
    s.x1 = 1;
    s.target = 2;
    ASSERT_EQ(m.Configure(s), "");
    EXPECT_EQ(m.settings.loss, LossKind::MSE);
    const model::BackpropSnapshot& p = m.snap;
    ASSERT_EQ(p.a[0].size(), 1u);
    ASSERT_EQ(p.a[1].size(), 1u);
    EXPECT_DOUBLE_EQ(p.w[0][0], 2.0);
    EXPECT_DOUBLE_EQ(p.w[1][0], 0.5);
    EXPECT_DOUBLE_EQ(p.a[1][0], 2.0);     // h = w1 x
    EXPECT_DOUBLE_EQ(p.prediction, 1.0);  // y = w2 h
    EXPECT_DOUBLE_EQ(p.loss, 1.0);        // (1 - 2)^2
    EXPECT_DOUBLE_EQ(p.gb[1][0], -2.0);   // dL/dy
    EXPECT_DOUBLE_EQ(p.gw[1][0], -4.0);   // dL/dw2 = dL/dy h
    EXPECT_DOUBLE_EQ(p.ga[1][0], -1.0);   // dL/dh = dL/dy w2
    EXPECT_DOUBLE_EQ(p.gw[0][0], -1.0);   // dL/dw1 = dL/dh x
    EXPECT_EQ(m.WeightName(0, 0, 0), "w1");
    EXPECT_EQ(m.WeightName(1, 0, 0), "w2");
    EXPECT_TRUE(Says(kLesson08, "the forward pass gives $h = 2$, $y = 1$ and $L = (1 - 2)^2 = 1$"));
    EXPECT_TRUE(Says(kLesson08, "\\frac{\\partial L}{\\partial w_2} = \\frac{\\partial L}{\\partial y} \\cdot h = -2 \\times 2 = -4"));
    EXPECT_TRUE(Says(kLesson08, "\\frac{\\partial L}{\\partial w_1} = \\frac{\\partial L}{\\partial h} \\cdot x = -1 \\times 1 = -1"));
    EXPECT_TRUE(Says(kLesson08, "::: widget backprop network=chain x1=1 target=2 lr=0.1"));
    // One update (eta = 0.1, the lesson's rate there): w2 = 0.5 + 0.4, w1 = 2 + 0.1, and the loss falls.
    ASSERT_EQ(m.SetLearningRate(0.1), "");
    m.Forward();
    m.BackwardStep();
    m.BackwardStep();
    ASSERT_EQ(m.ApplyUpdate(), "");
    EXPECT_NEAR(m.snap.w[1][0], 0.9, 1e-12);
    EXPECT_NEAR(m.snap.w[0][0], 2.1, 1e-12);
    EXPECT_LT(m.snap.loss, 1.0);
    // Reset starts the chain again at the worked example's weights.
    m.Reset();
    EXPECT_DOUBLE_EQ(m.snap.w[0][0], 2.0);
    EXPECT_DOUBLE_EQ(m.snap.loss, 1.0);
}
