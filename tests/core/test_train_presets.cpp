// test_train_presets.cpp: each preset holds the settings it promises, and the overfitting
// preset overfits.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/train/presets.hpp"

using namespace downhill;

static const PresetKind kAllPresets[] = {PresetKind::Playground, PresetKind::Spiral, PresetKind::Overfit,
                                         PresetKind::Line,       PresetKind::Blobs,  PresetKind::Xor,
                                         PresetKind::ThreeClass};

TEST(Presets, NamesRoundTripAndEveryPresetConfigures) {
    for (PresetKind k : kAllPresets) {
        SCOPED_TRACE(PresetName(k));
        PresetKind back = PresetKind::Playground;
        EXPECT_TRUE(ParsePresetKind(PresetName(k), &back));
        EXPECT_EQ(back, k);
        EXPECT_STRNE(PresetDescription(k), "");
        Trainer t;
        EXPECT_EQ(ConfigurePreset(&t, k), "");
        EXPECT_EQ(t.TrainEpoch(), t.steps_per_epoch());
        EXPECT_GT(MakePreset(k).epochs, 0);
    }
    EXPECT_FALSE(ParsePresetKind("moons", nullptr));
    EXPECT_EQ(MakePreset(static_cast<PresetKind>(99)).kind, PresetKind::Playground);
    EXPECT_NE(ConfigurePreset(nullptr, PresetKind::Xor), "");
}

TEST(Presets, PlaygroundMatchesTensorFlowPlaygroundsDefault) {
    const Preset p = MakePreset(PresetKind::Playground);
    EXPECT_EQ(p.data.kind, DatasetKind::Circle);
    EXPECT_EQ(p.data.points, 500);
    EXPECT_EQ(p.data.train_fraction, 0.5);
    EXPECT_EQ(p.data.noise, 0.0);
    EXPECT_EQ(p.model.kind, ModelKind::MLP);
    EXPECT_EQ(p.model.hidden, (std::vector<int>{4, 2}));
    EXPECT_EQ(p.model.activation, Activation::Tanh);
    EXPECT_EQ(p.model.loss, LossKind::BCE);
    EXPECT_EQ(p.train.mode, BatchMode::MiniBatch);
    EXPECT_EQ(p.train.batch_size, 10);
    EXPECT_EQ(p.train.learning_rate, 0.03);
    EXPECT_EQ(p.train.l2, 0.0);
    Trainer t;
    ASSERT_EQ(ConfigurePreset(&t, PresetKind::Playground), "");
    EXPECT_EQ(t.train_data().size(), 250);
    EXPECT_EQ(t.inputs(), 2);
    EXPECT_EQ(t.network().param_count(), (2 * 4 + 4) + (4 * 2 + 2) + (2 * 1 + 1));
}

TEST(Presets, SpiralUsesThreeHiddenLayersOfEight) {
    const Preset p = MakePreset(PresetKind::Spiral);
    EXPECT_EQ(p.data.kind, DatasetKind::Spiral);
    EXPECT_EQ(p.model.hidden, (std::vector<int>{8, 8, 8}));
    EXPECT_EQ(p.train.batch_size, 10);
    EXPECT_EQ(p.train.learning_rate, 0.03);
}

TEST(Presets, OverfitValidationLossTurnsWhileTrainingLossFalls) {
    const Preset p = MakePreset(PresetKind::Overfit);
    Trainer t;
    ASSERT_EQ(ConfigurePreset(&t, PresetKind::Overfit), "");
    EXPECT_EQ(t.train_data().size(), 30);
    EXPECT_EQ(t.validation_data().size(), 270);
    while (t.epoch() < p.epochs) ASSERT_GT(t.TrainEpoch(), 0);

    const std::vector<double>& val = t.validation_loss();
    const std::vector<double>& train = t.train_loss();
    ASSERT_EQ(val.size(), static_cast<size_t>(p.epochs) + 1);
    const int best = static_cast<int>(std::min_element(val.begin(), val.end()) - val.begin());
    // The best validation loss comes early, and by the end it is far higher...
    EXPECT_GT(best, 10);
    EXPECT_LT(best, p.epochs / 2);
    EXPECT_GT(val.back(), 1.5 * val[best]);
    // ...while the training loss kept falling: far below where it was at the best epoch,
    // near zero, and every training point is right.
    EXPECT_LT(train.back(), 0.1 * train[best]);
    EXPECT_LT(train.back(), 0.01);
    EXPECT_EQ(t.train_accuracy().back(), 1.0);
    EXPECT_LT(t.validation_accuracy().back(), 0.9);
    // Over the last half the trend is clear: validation up, training down.
    const int mid = p.epochs / 2;
    EXPECT_GT(val.back(), val[mid]);
    EXPECT_LT(train.back(), train[mid]);
}
