// test_lesson_claims_batch_noise.cpp: the numbers and behaviours the lessons state about
// batch size (lessons/07-training-loop.md, "How big a batch?") and the learning-rate range
// test (lessons/05-learning-rate.md, "Finding a learning rate"), computed with the core the
// batch-noise widget shows (its model, at the settings each lesson places) and looked up in
// the lesson's own text. Lesson text is compared with runs of white space read as one space.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/batch_noise.hpp"
#include "model/batch_noise_model.hpp"
#include "lesson_text.hpp"

using namespace downhill;
using lesson_text::Fixed;
using lesson_text::QuizField;
using lesson_text::Says;

namespace {

constexpr const char* kLesson05 = "05-learning-rate.md";
constexpr const char* kLesson07 = "07-training-loop.md";

} // namespace

//-----------------------------------------------------------------------------
// 07 The training loop: how big a batch?
//-----------------------------------------------------------------------------

TEST(LessonClaimsBatchNoise, TrainingLoop_SpreadAtOneFourAndSixteen) {
    EXPECT_TRUE(Says(kLesson07, "::: widget batch-noise view=noise batch=4"));
    const model::BatchNoiseModel m; // the widget at its defaults: 64 points, seed 1
    ASSERT_EQ(m.data.size(), 64);
    EXPECT_TRUE(Says(kLesson07, "fits a straight line to 64 points"));
    const auto& rows = m.study.rows;
    ASSERT_EQ(rows[2].batch, 4);
    ASSERT_EQ(rows[4].batch, 16);
    // The exact spreads (sampling without replacement); the measured ones agree to 3 %.
    EXPECT_TRUE(Says(kLesson07, "a gradient typically lands " + Fixed(rows[0].expected, 2) +
                                    " times the full gradient's length away: the noise is bigger than the signal"));
    EXPECT_GT(rows[0].expected, 1.0);
    EXPECT_TRUE(Says(kLesson07, "With $B = 4$ that falls to about " + Fixed(rows[2].expected, 2) +
                                    ", and with $B = 16$ to about " + Fixed(rows[4].expected, 2)));
    for (int i : {0, 2, 4}) EXPECT_NEAR(rows[i].spread / rows[i].expected, 1.0, 0.03) << rows[i].batch;
}

TEST(LessonClaimsBatchNoise, TrainingLoop_QuadruplingHalvesTheNoise) {
    EXPECT_TRUE(Says(kLesson07, "**Quadrupling the batch halves the noise**"));
    const model::BatchNoiseModel m;
    const auto& rows = m.study.rows;
    // The 1/sqrt(B) rule: exactly half from B to 4B. The exact and measured spreads: about
    // half while 4B is at most a quarter of the dataset (closer to N they fall faster).
    for (size_t i = 0; i + 2 < rows.size(); ++i) {
        EXPECT_NEAR(rows[i].simple / rows[i + 2].simple, 2.0, 1e-12);
        if (rows[i + 2].batch <= 16) {
            EXPECT_NEAR(rows[i].expected / rows[i + 2].expected, 2.0, 0.3);
            EXPECT_NEAR(rows[i].spread / rows[i + 2].spread, 2.0, 0.3);
        }
    }
    EXPECT_NEAR(rows[0].spread / rows[2].spread, 2.0, 0.15); // B = 1 against 4
    // The quiz and the cost sentence: 8 -> 32 in a large dataset (4096 examples) halves it.
    EXPECT_TRUE(Says(kLesson07, "going from 8 to 32 examples of a large dataset makes every step four times the work for half the noise"));
    const double large = std::sqrt(ExpectedSquaredSpread(1.0, 4096, 8) / ExpectedSquaredSpread(1.0, 4096, 32));
    EXPECT_NEAR(large, 2.0, 0.01);
    EXPECT_TRUE(Says(kLesson07, "You change the batch size from 8 to 32. Roughly what happens to the noise"));
}

TEST(LessonClaimsBatchNoise, TrainingLoop_TheWholeDatasetHasNoSpread) {
    const model::BatchNoiseModel m;
    EXPECT_EQ(m.study.rows.back().batch, 64);
    EXPECT_EQ(m.study.rows.back().spread, 0.0);
    EXPECT_TRUE(Says(kLesson07, "at $B = 64$, every batch *is* the dataset and the spread is exactly 0"));
    EXPECT_EQ(QuizField(kLesson07, "batch-noise-whole", "answer"), "0");
    // Near N the spread falls faster than 1/sqrt(B): the correction (N-B)/(N-1) < 1.
    EXPECT_LT(m.study.rows[5].expected, m.study.rows[5].simple * 0.75);
    EXPECT_TRUE(Says(kLesson07, "Near the whole dataset the noise falls even faster"));
}

//-----------------------------------------------------------------------------
// 05 The learning rate: the range test
//-----------------------------------------------------------------------------

TEST(LessonClaimsBatchNoise, LearningRate_RangeTestMarks) {
    EXPECT_TRUE(Says(kLesson05, "::: widget batch-noise view=range"));
    const model::BatchNoiseModel m; // from 1e-5 to 10 over 200 steps
    EXPECT_EQ(model::BatchNoiseModel::kRangeSteps, 200);
    EXPECT_EQ(m.settings.range_from, -5);
    EXPECT_EQ(m.settings.range_to, 1);
    EXPECT_TRUE(Says(kLesson05, "from a tiny $0.00001$ up to $10$, over 200 steps"));
    const RangeTestResult& r = m.range;
    ASSERT_GE(r.steepest, 0);
    ASSERT_GE(r.blowup, 0);
    EXPECT_TRUE(Says(kLesson05, "The loss falls fastest at a rate of about " + Fixed(r.lr[r.steepest], 3) +
                                    ", and it starts to climb at about " + Fixed(r.lr[r.blowup], 1) +
                                    ", shooting up within a few steps"));
    // Shooting up: within five steps of the climb's start the loss is 100 times its start.
    EXPECT_LE(int(r.loss.size()) - 1 - r.blowup, 6);
    EXPECT_GT(r.loss.back(), 100 * r.start_loss);
    // The turning point 2 / curvature, about 1.0; the climb comes after it, the suggestion well below.
    const double limit = 2 / m.curvature;
    EXPECT_TRUE(Says(kLesson05, "2 divided by the curvature, about " + Fixed(limit, 1) + " for this fit"));
    EXPECT_GT(r.lr[r.blowup], limit);
    EXPECT_LT(r.suggested, limit / 5);
    // Before the climb the loss is at its bottom: within 1e-6 of the best line's loss.
    const double best = TrainLineFit(m.data, 0, 0, limit / 2, 2000);
    EXPECT_NEAR(r.loss[r.blowup - 1], best, 1e-6 * best);
}

TEST(LessonClaimsBatchNoise, LearningRate_UseIt) {
    model::BatchNoiseModel m;
    m.UseSuggested();
    EXPECT_EQ(model::BatchNoiseModel::kTrainSteps, 50);
    const double best = TrainLineFit(m.data, 0, 0, 1 / m.curvature, 2000);
    EXPECT_TRUE(Says(kLesson05, "50 steps take the loss from " + Fixed(m.StartLoss(), 2) + " to " + Fixed(m.used_loss, 2) +
                                    ", the lowest this line can reach"));
    EXPECT_EQ(Fixed(m.used_loss, 2), Fixed(best, 2));
    // The quiz's numbers are the test's, rounded.
    EXPECT_TRUE(Says(kLesson05, "the loss falls fastest at a rate of " + Fixed(m.range.suggested, 2) +
                                    " and shoots up from a rate of " + Fixed(m.range.lr[m.range.blowup], 0)));
}
