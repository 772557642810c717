// test_lesson_claims_momentum.cpp: the numbers of "Why momentum works"
// (lessons/06-local-minima-optimizers.md), computed with the core and looked up, written
// the way the lesson writes them, in the lesson's own text (white space squeezed).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/momentum_quadratic.hpp"
#include "model/momentum_model.hpp"
#include "lesson_text.hpp"

using namespace downhill;
using lesson_text::Fixed;

namespace {

const std::string kLesson = "06-local-minima-optimizers.md";

int Steps(double kappa, const MomentumBest& b) { return RunMomentum(kappa, b.eta, b.beta, 20000, true).steps_to_tol; }

#define EXPECT_SAYS(claim) EXPECT_TRUE(lesson_text::Says(kLesson, claim))

} // namespace

TEST(LessonClaimsMomentum, BestPlainDescentAtKappa100) {
    const MomentumBest g = BestPlainGd(100);
    EXPECT_SAYS("$\\eta = " + Fixed(g.eta, 2) + "$ at $\\kappa = 100$");           // 1.98
    EXPECT_SAYS("by $" + Fixed(g.rate, 2) + "$ a step");                           // 0.98
    EXPECT_SAYS("needs " + std::to_string(Steps(100, g)) + " steps to fall to a millionth"); // 346
    // Beyond eta = 2 the steep direction blows up; between 1 and 2 it zigzags.
    EXPECT_SAYS("beyond $\\eta = 2$ it overshoots");
    EXPECT_GT(MomentumRate(100, 2.001, 0), 1.0);
    EXPECT_LT(MomentumRate(100, 1.999, 0), 1.0);
    const MomentumRun z = RunMomentum(100, 1.5, 0, 3);
    EXPECT_LT(z.w1[1], 0);
    EXPECT_GT(z.w1[2], 0);
}

TEST(LessonClaimsMomentum, MomentumAtKappa100) {
    // The widget's default, eta = 1 and beta = 0.9.
    const model::MomentumModel m;
    ASSERT_EQ(m.settings.eta, 1.0);
    ASSERT_EQ(m.settings.beta, 0.9);
    ASSERT_EQ(m.settings.kappa, 100.0);
    EXPECT_SAYS("With $\\eta = 1$ and $\\beta = 0.9$ the same bowl takes " + std::to_string(m.run.steps_to_tol) + " steps"); // 103
    const MomentumBest b = BestMomentum(100);
    EXPECT_SAYS("($\\eta = " + Fixed(b.eta, 2) + "$, $\\beta = " + Fixed(b.beta, 2) + "$)"); // 3.31, 0.67
    EXPECT_SAYS("shrinks by $" + Fixed(b.rate, 2) + "$ a step and the run takes " + std::to_string(Steps(100, b))); // 0.82, 58
    EXPECT_EQ(m.best_steps, Steps(100, b));
    // A constant gradient g builds the velocity up to g / (1 - beta): ten times with 0.9.
    EXPECT_SAYS("up to $1/(1-\\beta)$ times: ten times with $\\beta = 0.9$");
    double z = 0;
    for (int i = 0; i < 2000; ++i) z = 0.9 * z + 1.0;
    EXPECT_NEAR(z, 10.0, 1e-9);
}

TEST(LessonClaimsMomentum, TheSquareRoot) {
    // 100 times the condition number (10 to 1000): about 100 times the steps for plain GD,
    // about 10 times for momentum (from the rates; the runs agree roughly).
    const double gd = double(PredictedSteps(BestPlainGd(1000).rate)) / PredictedSteps(BestPlainGd(10).rate);
    const double mo = double(PredictedSteps(BestMomentum(1000).rate)) / PredictedSteps(BestMomentum(10).rate);
    EXPECT_NEAR(gd, 100, 3);
    EXPECT_NEAR(mo, 10, 0.5);
    const double gd_run = double(Steps(1000, BestPlainGd(1000))) / Steps(10, BestPlainGd(10));
    const double mo_run = double(Steps(1000, BestMomentum(1000))) / Steps(10, BestMomentum(10));
    EXPECT_NEAR(gd_run, 100, 3);
    EXPECT_GT(mo_run, 8);
    EXPECT_LT(mo_run, 14);
    EXPECT_SAYS("about 100 times as many steps, while momentum needs about 10 times as many");
    EXPECT_SAYS("At $\\kappa = 1000$ the best plain descent needs " + std::to_string(Steps(1000, BestPlainGd(1000))) +
                " steps; the best momentum needs " + std::to_string(Steps(1000, BestMomentum(1000))) + ".");
}

TEST(LessonClaimsMomentum, TheMapAndThePresets) {
    // "Best momentum: both settle within a few dozen steps" (at the default kappa = 100).
    EXPECT_SAYS("both settle within a few dozen steps");
    EXPECT_LT(Steps(100, BestMomentum(100)), 72);
    // "Raise the condition number and watch the map's strong blue region shrink and move up":
    // fewer cells within 150 steps, and the best beta higher.
    EXPECT_SAYS("strong blue region shrink and move up");
    int prev_cells = 1 << 30;
    double prev_beta = -1;
    for (double kappa : {10.0, 100.0, 1000.0}) {
        int cells = 0;
        for (double r : MomentumRateMap(kappa, model::MomentumModel::kMapCells)) {
            const int s = PredictedSteps(r);
            cells += s > 0 && s <= 150;
        }
        EXPECT_LT(cells, prev_cells) << kappa;
        EXPECT_GT(BestMomentum(kappa).beta, prev_beta) << kappa;
        prev_cells = cells;
        prev_beta = BestMomentum(kappa).beta;
    }
    // The edge of stability drawn on the map.
    EXPECT_SAYS("the edge of stability, $\\eta = 2(1 + \\beta)$");
}
