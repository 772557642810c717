// test_loop_walk.cpp: the training loop run line by line, checked against the same
// program worked out by hand and re-run here in plain C++.
#include <gtest/gtest.h>

#include <cmath>

#include "core/loop_walk.hpp"

using namespace downhill;

namespace {
// The program of loop_walk.hpp for `epochs` epochs, written out plainly.
struct Plain { double w; std::vector<double> losses; };
Plain RunPlain(double lr, int epochs) {
    const double x[4] = {1, 2, 3, 4}, y[4] = {2.1, 3.9, 6.2, 7.8};
    Plain out{0.0, {}};
    for (int e = 1; e <= epochs; ++e) {
        double loss = 0, grad = 0;
        for (int i = 0; i < 4; ++i) {
            const double err = out.w * x[i] - y[i];
            loss += err * err;
            grad += 2 * err * x[i];
        }
        out.losses.push_back(loss / 4);
        out.w -= lr * grad / 4;
    }
    return out;
}
} // namespace

TEST(LoopWalk, TheProgramText) {
    LoopWalk walk;
    const auto& L = walk.lines();
    ASSERT_EQ(L.size(), size_t(kLineCount));
    EXPECT_EQ(L[0], "x = [1, 2, 3, 4]");
    EXPECT_EQ(L[1], "y = [2.1, 3.9, 6.2, 7.8]");
    EXPECT_EQ(L[2], "w = 0.0");
    EXPECT_EQ(L[3], "learning_rate = 0.02");
    EXPECT_EQ(L[4], "for epoch in range(1, 21):");
    EXPECT_EQ(L[7], "    gradient = mean(2 * (prediction - y) * x)");
    ASSERT_TRUE(walk.SetLearningRate(0.005).empty());
    ASSERT_TRUE(walk.SetEpochs(8).empty());
    EXPECT_EQ(walk.lines()[3], "learning_rate = 0.005");
    EXPECT_EQ(walk.lines()[4], "for epoch in range(1, 9):");
}

TEST(LoopWalk, FirstEpochLineByLine) {
    LoopWalk walk;
    EXPECT_EQ(walk.state().line, -1);
    EXPECT_EQ(walk.state().next_line, kLineX);
    EXPECT_EQ(walk.Advance(4), 4);
    const LoopState& s4 = walk.state();
    EXPECT_TRUE(s4.has_x && s4.has_y && s4.has_w && s4.has_rate);
    EXPECT_FALSE(s4.has_prediction);
    EXPECT_EQ(s4.epoch, 0);
    EXPECT_EQ(s4.learning_rate, 0.02);

    ASSERT_TRUE(walk.Next()); // for epoch ...
    EXPECT_EQ(walk.state().line, kLineFor);
    EXPECT_EQ(walk.state().epoch, 1);
    ASSERT_TRUE(walk.Next()); // prediction = w * x
    for (double p : walk.state().prediction) EXPECT_EQ(p, 0.0);
    ASSERT_TRUE(walk.Next()); // loss: mean of y^2 = (4.41 + 15.21 + 38.44 + 60.84) / 4
    EXPECT_NEAR(walk.state().loss, 29.725, 1e-12);
    EXPECT_FALSE(walk.state().has_gradient);
    ASSERT_TRUE(walk.Next()); // gradient: -2 (2.1 + 7.8 + 18.6 + 31.2) / 4
    EXPECT_NEAR(walk.state().gradient, -29.85, 1e-12);
    ASSERT_TRUE(walk.Next()); // w = 0 - 0.02 * -29.85
    EXPECT_NEAR(walk.state().w, 0.597, 1e-15);
    EXPECT_EQ(walk.printed().size(), 0u);
    ASSERT_TRUE(walk.Next()); // print
    ASSERT_EQ(walk.printed().size(), 1u);
    EXPECT_EQ(walk.printed()[0].epoch, 1);
    EXPECT_NEAR(walk.printed()[0].w, 0.597, 1e-15);
    EXPECT_NEAR(walk.printed()[0].loss, 29.725, 1e-12);
    EXPECT_EQ(walk.state().next_line, kLineFor);

    // Epoch 2: prediction = 0.597 x, so loss and gradient follow from it.
    walk.Advance(4);
    const LoopState& s = walk.state();
    EXPECT_EQ(s.epoch, 2);
    EXPECT_EQ(s.line, kLineGradient);
    EXPECT_NEAR(s.prediction[2], 1.791, 1e-14);
    double loss = 0, grad = 0;
    const double y[4] = {2.1, 3.9, 6.2, 7.8};
    for (int i = 0; i < 4; ++i) {
        loss += (0.597 * (i + 1) - y[i]) * (0.597 * (i + 1) - y[i]) / 4;
        grad += 2 * (0.597 * (i + 1) - y[i]) * (i + 1) / 4;
    }
    EXPECT_NEAR(s.loss, loss, 1e-12);
    EXPECT_NEAR(s.gradient, grad, 1e-12);
    EXPECT_NEAR(s.gradient, -20.895, 1e-12); // 0.7 of the first: the loss is a parabola in w
}

TEST(LoopWalk, AFullRunMatchesThePlainLoop) {
    for (double lr : {0.001, 0.02, 0.06, 0.13, 0.15}) {
        LoopWalk walk({lr, 20});
        const int ran = walk.RunToEnd();
        EXPECT_EQ(ran, 4 + 6 * 20 + 1);
        EXPECT_EQ(ran, walk.MaxLines());
        const Plain p = RunPlain(lr, 20);
        const LoopState& s = walk.state();
        EXPECT_TRUE(s.finished);
        EXPECT_FALSE(s.blew_up);
        EXPECT_EQ(s.next_line, -1);
        EXPECT_EQ(s.line, kLineFor);
        EXPECT_EQ(s.epoch, 20);
        EXPECT_DOUBLE_EQ(s.w, p.w) << lr;
        ASSERT_EQ(walk.losses().size(), 20u);
        for (int e = 0; e < 20; ++e) EXPECT_DOUBLE_EQ(walk.losses()[size_t(e)], p.losses[size_t(e)]);
        EXPECT_FALSE(walk.Next());
        EXPECT_EQ(walk.history_size(), ran + 1);
    }
}

TEST(LoopWalk, ConvergesBelowTheStableRateAndGrowsAboveIt) {
    // The loss is 7.5 w^2 - 29.85 w + 29.725: curvature 15, minimum at w = 59.7 / 30 = 1.99.
    // One epoch multiplies w - 1.99 by 1 - 15 eta.
    LoopWalk good({0.02, 20}), bad({0.15, 20});
    good.RunToEnd();
    bad.RunToEnd();
    EXPECT_NEAR(good.state().w, 1.99 - 1.99 * std::pow(0.7, 20), 1e-12);
    EXPECT_NEAR(bad.state().w, 1.99 - 1.99 * std::pow(-1.25, 20), 1e-9);
    EXPECT_GT(bad.losses().back(), bad.losses().front());
    EXPECT_LT(good.losses().back(), 0.5);
}

TEST(LoopWalk, BackUndoesOneLineAtATime) {
    LoopWalk walk;
    EXPECT_FALSE(walk.Back());
    walk.Advance(10); // through the first print
    walk.Advance(3);  // epoch 2 up to its loss
    EXPECT_EQ(walk.losses().size(), 2u);
    ASSERT_TRUE(walk.Back()); // undo the loss line
    EXPECT_EQ(walk.losses().size(), 1u);
    EXPECT_EQ(walk.state().line, kLinePrediction);
    EXPECT_NEAR(walk.state().loss, 29.725, 1e-12); // the variable still holds epoch 1's loss
    walk.Back(); walk.Back(); walk.Back();            // prediction, for, print
    EXPECT_EQ(walk.printed().size(), 0u);
    EXPECT_EQ(walk.state().line, kLineUpdate);
    EXPECT_NEAR(walk.state().w, 0.597, 1e-15);
    walk.Back();
    EXPECT_EQ(walk.state().w, 0.0);
    // Forward again (update, print, for, prediction, loss) gives the same numbers.
    walk.Advance(5);
    EXPECT_NEAR(walk.state().loss, RunPlain(0.02, 2).losses[1], 1e-12);
    while (walk.Back()) {}
    EXPECT_EQ(walk.state().line, -1);
    EXPECT_EQ(walk.history_size(), 1);
}

TEST(LoopWalk, RefusedSettingsChangeNothing) {
    LoopWalk walk;
    walk.Advance(7);
    EXPECT_FALSE(walk.SetLearningRate(NAN).empty());
    EXPECT_FALSE(walk.SetLearningRate(0.2).empty());
    EXPECT_FALSE(walk.SetLearningRate(0.0).empty());
    EXPECT_FALSE(walk.SetEpochs(0).empty());
    EXPECT_FALSE(walk.SetEpochs(51).empty());
    EXPECT_EQ(walk.state().lines_run, 7);
    EXPECT_EQ(walk.settings().learning_rate, 0.02);
    EXPECT_TRUE(walk.SetLearningRate(0.1).empty()); // accepted: starts again
    EXPECT_EQ(walk.state().lines_run, 0);
    LoopWalk bad({-1.0, 1000});
    EXPECT_EQ(bad.settings().learning_rate, 0.02);
    EXPECT_EQ(bad.settings().epochs, 20);
}
