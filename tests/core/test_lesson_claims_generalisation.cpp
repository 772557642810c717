// test_lesson_claims_generalisation.cpp: what lessons/09-loss-curves.md claims in "Make
// each shape yourself": each recipe, run with the core's Trainer exactly as the training
// lab runs it (the widget there holds back a fifth of the points for the test), gives the
// curve reading the lesson names; and early stopping on the overfitting preset keeps the
// epoch the lesson and its quiz give.
#include <gtest/gtest.h>

#include <string>

#include "core/loss_curve.hpp"
#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"
#include "lesson_text.hpp"

using namespace downhill;
using lesson_text::Says;

namespace {
const char* kFile = "09-loss-curves.md";

// The lab as the lesson's widget opens it: the lab's defaults with test=0.2.
Preset LessonLab() {
    Preset p = MakePreset(PresetKind::Playground);
    p.data.test_fraction = 0.2;
    return p;
}
// The curve reading after `epochs` epochs of a run.
CurveShape ShapeAfter(const Preset& p, int epochs) {
    Trainer t;
    EXPECT_EQ(t.Configure(p.data, p.model, p.train), "");
    for (int e = 0; e < epochs; ++e) t.TrainEpoch();
    EXPECT_EQ(t.status(), TrainStatus::Running);
    return ReadLossCurve(t.train_loss(), t.validation_loss()).shape;
}
} // namespace

TEST(LessonClaimsGeneralisation, TheWidgetHoldsBackAFifth) {
    EXPECT_TRUE(Says(kFile, "::: widget training-lab test=0.2"));
    EXPECT_TRUE(Says(kFile, "holds back a fifth of its points as a **test set**"));
    Trainer t;
    const Preset p = LessonLab();
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    EXPECT_EQ(t.test_data().size(), 100); // of 500
    EXPECT_EQ(p.model.hidden, (std::vector<int>{4, 2}));
    EXPECT_TRUE(Says(kFile, "(circle data, a 4-2 network, mini-batches of 10)"));
    EXPECT_EQ(p.train.batch_size, 10);
}

TEST(LessonClaimsGeneralisation, JumpyAtLearningRate10) {
    EXPECT_TRUE(Says(kFile, "learning rate 10. Within 50 epochs the line says the training loss jumps up and down"));
    Preset p = LessonLab();
    p.train.learning_rate = 10;
    EXPECT_EQ(ShapeAfter(p, 50), CurveShape::Fluctuating);
}

TEST(LessonClaimsGeneralisation, FlatAtLearningRate00001) {
    EXPECT_TRUE(Says(kFile, "learning rate 0.0001. After 100 epochs the loss has hardly left where it started, and the line calls it stuck"));
    Preset p = LessonLab();
    p.train.learning_rate = 0.0001;
    EXPECT_EQ(ShapeAfter(p, 100), CurveShape::Stuck);
}

TEST(LessonClaimsGeneralisation, GoodFitWithWeightDecay) {
    EXPECT_TRUE(Says(kFile, "learning rate 0.03 and weight decay (L2) 0.01. By epoch 300 the line says the loss has levelled off"));
    Preset p = LessonLab();
    p.train.learning_rate = 0.03;
    p.train.l2 = 0.01;
    EXPECT_EQ(ShapeAfter(p, 300), CurveShape::Settled);
}

TEST(LessonClaimsGeneralisation, OverfittingPreset) {
    EXPECT_TRUE(Says(kFile, "press **Overfitting preset**. By epoch 200 the line reports the validation loss rising"));
    Preset p = MakePreset(PresetKind::Overfit);
    p.data.test_fraction = 0.2; // the lab keeps its test share through a preset
    EXPECT_EQ(ShapeAfter(p, 200), CurveShape::Overfitting);
}

TEST(LessonClaimsGeneralisation, EarlyStoppingOnTheOverfittingPreset) {
    Preset p = MakePreset(PresetKind::Overfit);
    p.data.test_fraction = 0.2;
    p.train.patience = 50;
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    while (t.status() == TrainStatus::Running) t.TrainEpoch();
    ASSERT_EQ(t.status(), TrainStatus::Stopped);
    const std::string best = std::to_string(t.best_epoch()), stop = std::to_string(t.epoch());
    EXPECT_TRUE(Says(kFile, "the best validation epoch is " + best + ", so training stops at epoch " + stop +
                                " and puts back the weights of epoch " + best));
    EXPECT_TRUE(Says(kFile, "a run stops at epoch " + stop + ". From which epoch are the weights it keeps?"));
    EXPECT_TRUE(Says(kFile, "answer: " + best));
    EXPECT_TRUE(Says(kFile, "the best epoch was " + stop + " − 50 = " + best));
    EXPECT_EQ(t.ValidationLoss(), t.validation_loss()[size_t(t.best_epoch())]);
}
