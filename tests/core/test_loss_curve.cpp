// test_loss_curve.cpp: each curve shape on hand-made histories with the answer written
// out, then the readings of real runs (the overfitting preset, a learning rate too high).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/loss_curve.hpp"
#include "core/train/presets.hpp"

using namespace downhill;

namespace {
const double kNaN = std::nan("");
// loss(e) = floor + (start - floor) * exp(-e / tau), e = 0..epochs
std::vector<double> Decay(int epochs, double start, double floor, double tau) {
    std::vector<double> v;
    for (int e = 0; e <= epochs; ++e) v.push_back(floor + (start - floor) * std::exp(-e / tau));
    return v;
}
} // namespace

TEST(LossCurve, NamesAndEmptyHistories) {
    EXPECT_STREQ(CurveShapeName(CurveShape::Overfitting), "overfitting");
    EXPECT_STREQ(CurveShapeName(CurveShape::NotStarted), "not-started");
    EXPECT_EQ(ReadLossCurve({}, {}).shape, CurveShape::NotStarted);
    const CurveReading r = ReadLossCurve({0.7}, {0.71});
    EXPECT_EQ(r.shape, CurveShape::NotStarted);
    EXPECT_EQ(r.epochs, 0);
    EXPECT_EQ(r.start_loss, 0.7);
}

TEST(LossCurve, DivergedWhenTheLastLossIsNotANumber) {
    EXPECT_EQ(ReadLossCurve({1.0, 4.0, 90.0, kNaN}, {}).shape, CurveShape::Diverged);
    EXPECT_EQ(ReadLossCurve({1.0, INFINITY}, {}).shape, CurveShape::Diverged);
}

TEST(LossCurve, FallingThenSettled) {
    // After 20 epochs of a decay with tau = 30 the loss still falls ~28% per 10 epochs.
    const CurveReading a = ReadLossCurve(Decay(20, 1.0, 0.05, 30), {});
    EXPECT_EQ(a.shape, CurveShape::Falling);
    EXPECT_EQ(a.window, 10);
    EXPECT_EQ(a.best_epoch, 20); // no validation: the lowest training loss
    // After 400 epochs it has flattened at 0.05: settled far below the start.
    const CurveReading b = ReadLossCurve(Decay(400, 1.0, 0.05, 30), {});
    EXPECT_EQ(b.shape, CurveShape::Settled);
    EXPECT_GT(b.recent_change, -0.01);
    EXPECT_LE(b.recent_change, 0.0);
}

TEST(LossCurve, StuckWhenFlatNearTheStart) {
    // Falls from 0.69 to 0.60 in a few epochs, then does not move: 0.60 > 0.6 * 0.69.
    const CurveReading r = ReadLossCurve(Decay(60, 0.69, 0.60, 2), {});
    EXPECT_EQ(r.shape, CurveShape::Stuck);
    // Too early to call it flat: 5 epochs only.
    EXPECT_EQ(ReadLossCurve(Decay(5, 0.69, 0.60, 0.5), {}).shape, CurveShape::Falling);
}

TEST(LossCurve, RisingWhenTheLossClimbs) {
    std::vector<double> v = {1.0};
    for (int e = 1; e <= 12; ++e) v.push_back(1.0 + 0.1 * e); // +10% per epoch at first
    const CurveReading r = ReadLossCurve(v, {});
    EXPECT_EQ(r.shape, CurveShape::Rising);
    EXPECT_NEAR(r.recent_change, (2.2 - 1.2) / 1.2, 1e-12);
}

TEST(LossCurve, FluctuatingWhenItJumpsUpAndDown) {
    std::vector<double> v;
    for (int e = 0; e <= 30; ++e) v.push_back(e % 2 ? 0.9 : 0.5); // 0.5, 0.9, 0.5, ...
    EXPECT_EQ(ReadLossCurve(v, {}).shape, CurveShape::Fluctuating);
    // Small wiggles on a falling curve are not fluctuation.
    std::vector<double> w = Decay(40, 1.0, 0.0, 10);
    for (size_t e = 0; e < w.size(); ++e) w[e] *= e % 2 ? 1.01 : 0.99;
    EXPECT_NE(ReadLossCurve(w, {}).shape, CurveShape::Fluctuating);
}

TEST(LossCurve, OverfittingNamesTheBestEpochAndHowLongItRose) {
    // Training keeps falling; validation bottoms out at epoch 30 (0.30) and climbs after.
    const std::vector<double> train = Decay(100, 1.0, 0.0, 25);
    std::vector<double> val;
    for (int e = 0; e <= 100; ++e) val.push_back(0.3 + 0.0004 * (e - 30) * (e - 30));
    const CurveReading r = ReadLossCurve(train, val);
    EXPECT_EQ(r.shape, CurveShape::Overfitting);
    EXPECT_EQ(r.best_epoch, 30);
    EXPECT_DOUBLE_EQ(r.best_loss, 0.3);
    EXPECT_EQ(r.rising_for, 70);
    // Only 3 epochs past the best: too soon to call it.
    const std::vector<double> t33(train.begin(), train.begin() + 34), v33(val.begin(), val.begin() + 34);
    EXPECT_NE(ReadLossCurve(t33, v33).shape, CurveShape::Overfitting);
    // Validation rising while training rises too is not overfitting.
    std::vector<double> up;
    for (int e = 0; e <= 100; ++e) up.push_back(1.0 + 0.001 * e);
    EXPECT_NE(ReadLossCurve(up, val).shape, CurveShape::Overfitting);
}

TEST(LossCurve, NoValidationSetUsesTrainingLossForTheBestEpoch) {
    const CurveReading r = ReadLossCurve(Decay(50, 1.0, 0.1, 5), {kNaN, kNaN, kNaN});
    EXPECT_EQ(r.best_epoch, 50);
    EXPECT_NE(r.shape, CurveShape::Overfitting);
}

TEST(LossCurve, TheOverfittingPresetReadsAsOverfitting) {
    Trainer t;
    ASSERT_EQ(ConfigurePreset(&t, PresetKind::Overfit), "");
    for (int e = 0; e < 400; ++e) t.TrainEpoch();
    const CurveReading r = ReadLossCurve(t.train_loss(), t.validation_loss());
    EXPECT_EQ(r.shape, CurveShape::Overfitting);
    // The preset's best validation epoch lies near 136 (presets.hpp).
    EXPECT_GT(r.best_epoch, 80);
    EXPECT_LT(r.best_epoch, 220);
    EXPECT_EQ(r.rising_for, 400 - r.best_epoch);
    EXPECT_LT(t.train_loss().back(), t.train_loss()[size_t(r.best_epoch)]);
}

TEST(LossCurve, ALearningRateFarTooHighDivergesOrClimbs) {
    DatasetSettings d;
    d.kind = DatasetKind::Line;
    d.points = 60;
    ModelSettings m;
    m.kind = ModelKind::LinearRegression;
    m.loss = LossKind::MSE;
    TrainSettings s;
    s.mode = BatchMode::Batch;
    s.learning_rate = 5.0;
    Trainer t;
    ASSERT_EQ(t.Configure(d, m, s), "");
    for (int e = 0; e < 12 && t.status() == TrainStatus::Running; ++e) t.TrainEpoch();
    const CurveShape shape = ReadLossCurve(t.train_loss(), t.validation_loss()).shape;
    EXPECT_TRUE(shape == CurveShape::Rising || shape == CurveShape::Diverged || shape == CurveShape::Fluctuating)
        << CurveShapeName(shape);
}
