// test_train_general.cpp: generalisation in the trainer: the L2 penalty's gradient
// (finite differences on the penalised loss), the held-out test set, the best validation
// epoch with early stopping, and the learning rate a schedule gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"

using namespace downhill;

namespace {
// The loss L2 training descends: mean data loss + lambda/2 * sum of squared weights.
double PenalisedLoss(Network& net, const Dataset& d, double l2) {
    double sq = 0;
    for (int l = 0; l < net.layers(); ++l)
        for (int k = net.weight_offset(l); k < net.bias_offset(l); ++k) sq += net.params()[size_t(k)] * net.params()[size_t(k)];
    return net.MeanLoss(d) + 0.5 * l2 * sq;
}
// The overfitting setup: few noisy points (24 train, 216 validate, 60 held out), a big network.
Preset Overfit() {
    Preset p = MakePreset(PresetKind::Overfit);
    p.data.test_fraction = 0.2;
    return p;
}
} // namespace

TEST(TrainGeneral, L2StepFollowsTheGradientOfThePenalisedLoss) {
    const Preset p = MakePreset(PresetKind::Playground);
    TrainSettings s;
    s.mode = BatchMode::Batch;
    s.learning_rate = 0.1;
    s.l2 = 0.3;
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, s), "");
    Network net = t.network();
    const std::vector<double> before = net.params();
    ASSERT_EQ(t.TrainSteps(1), 1);
    const std::vector<double>& after = t.network().params();
    const double h = 1e-6;
    int biases = 0;
    for (int k = 0; k < net.param_count(); ++k) {
        std::vector<double>& w = net.params();
        w[size_t(k)] = before[size_t(k)] + h;
        const double up = PenalisedLoss(net, t.train_data(), s.l2);
        w[size_t(k)] = before[size_t(k)] - h;
        const double down = PenalisedLoss(net, t.train_data(), s.l2);
        w[size_t(k)] = before[size_t(k)];
        const double fd = (up - down) / (2 * h);
        const double step = (before[size_t(k)] - after[size_t(k)]) / s.learning_rate; // gd: w - eta g
        EXPECT_NEAR(step, fd, 1e-6 * std::max(1.0, std::fabs(fd))) << "parameter " << k;
        for (int l = 0; l < net.layers(); ++l) biases += k >= net.bias_offset(l) && k < net.bias_offset(l) + net.width(l + 1);
    }
    EXPECT_EQ(biases, 4 + 2 + 1); // the biases took part, with no L2 term
}

TEST(TrainGeneral, L2ShrinksTheWeights) {
    const Preset p = Overfit();
    double norms[2];
    for (int i = 0; i < 2; ++i) {
        TrainSettings s = p.train;
        s.l2 = i ? 0.03 : 0.0;
        Trainer t;
        ASSERT_EQ(t.Configure(p.data, p.model, s), "");
        for (int e = 0; e < 200; ++e) t.TrainEpoch();
        norms[i] = t.WeightNorm();
    }
    EXPECT_LT(norms[1], 0.7 * norms[0]);
}

TEST(TrainGeneral, TestSetIsHeldOutFirstAndOldSplitsStay) {
    DatasetSettings d;
    d.points = 500;
    Trainer plain, held;
    ASSERT_EQ(plain.Configure(d, ModelSettings{}, TrainSettings{}), "");
    EXPECT_EQ(plain.test_data().size(), 0);
    Dataset tr, va;
    ASSERT_EQ(MakeSplit(d, &tr, &va), ""); // without a test share: the two-way split as before
    EXPECT_EQ(plain.train_data().x, tr.x);
    EXPECT_EQ(plain.validation_data().x, va.x);
    d.test_fraction = 0.2;
    ASSERT_EQ(held.Configure(d, ModelSettings{}, TrainSettings{}), "");
    EXPECT_EQ(held.test_data().size(), 100);
    EXPECT_EQ(held.train_data().size(), 200);      // half of the other 400
    EXPECT_EQ(held.validation_data().size(), 200);
    double loss, acc;
    held.Test(&loss, &acc);
    EXPECT_TRUE(std::isfinite(loss));
    EXPECT_TRUE(std::isfinite(acc));
    plain.Test(&loss, &acc);
    EXPECT_TRUE(std::isnan(loss));
    d.test_fraction = 0.6;
    EXPECT_NE(held.Configure(d, ModelSettings{}, TrainSettings{}), "");
    // The test set does not change training: the same training set gives the same run.
    Trainer a, b;
    d.test_fraction = 0.2;
    ASSERT_EQ(a.Configure(d, ModelSettings{}, TrainSettings{}), "");
    ASSERT_EQ(b.ConfigureWithData(a.train_data(), a.validation_data(), ModelSettings{}, TrainSettings{}), "");
    for (int e = 0; e < 5; ++e) { a.TrainEpoch(); b.TrainEpoch(); }
    EXPECT_EQ(a.train_loss(), b.train_loss());
    EXPECT_EQ(a.validation_loss(), b.validation_loss());
}

TEST(TrainGeneral, BestEpochIsTheArgminAndEarlyStoppingRestoresIt) {
    const Preset p = Overfit();
    Trainer free;
    ASSERT_EQ(free.Configure(p.data, p.model, p.train), "");
    for (int e = 0; e < 600; ++e) free.TrainEpoch();
    const std::vector<double>& v = free.validation_loss();
    const int argmin = int(std::min_element(v.begin(), v.end()) - v.begin());
    EXPECT_EQ(free.best_epoch(), argmin);
    EXPECT_EQ(free.best_validation_loss(), v[size_t(argmin)]);
    EXPECT_GT(argmin, 5);
    EXPECT_GT(v.back(), 1.2 * v[size_t(argmin)]); // validation rose after the best epoch
    EXPECT_LT(free.train_loss().back(), free.train_loss()[size_t(argmin)]); // while training fell

    TrainSettings s = p.train;
    s.patience = 50;
    Trainer stop;
    ASSERT_EQ(stop.Configure(p.data, p.model, s), "");
    for (int e = 0; e < 600 && stop.status() == TrainStatus::Running; ++e) stop.TrainEpoch();
    EXPECT_EQ(stop.status(), TrainStatus::Stopped);
    EXPECT_STREQ(TrainStatusName(stop.status()), "stopped");
    EXPECT_EQ(stop.best_epoch(), argmin); // the same run up to there
    EXPECT_EQ(stop.epoch(), argmin + 50);
    EXPECT_EQ(stop.ValidationLoss(), v[size_t(argmin)]); // the restored weights, exactly
    EXPECT_EQ(stop.TrainSteps(5), 0);
    EXPECT_NE(stop.message().find("epoch " + std::to_string(argmin)), std::string::npos);
    stop.Reset();
    EXPECT_EQ(stop.status(), TrainStatus::Running);
    EXPECT_EQ(stop.best_epoch(), 0);
    s.patience = -1;
    EXPECT_NE(stop.Configure(p.data, p.model, s), "");
}

TEST(TrainGeneral, ScheduledRateIsWhatTheOptimizerUses) {
    for (ScheduleKind k : {ScheduleKind::Constant, ScheduleKind::StepDecay, ScheduleKind::Exponential, ScheduleKind::Cosine}) {
        TrainSettings s;
        s.learning_rate = 0.1;
        s.optimizer_settings.schedule = TrainingSchedule(k);
        Trainer t;
        ASSERT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "");
        for (int e = 0; e < 30; ++e) {
            EXPECT_DOUBLE_EQ(t.ScheduledRate(t.step()), t.current_learning_rate());
            t.TrainEpoch();
        }
    }
    TrainSettings s;
    s.learning_rate = 0.1;
    s.optimizer_settings.schedule = TrainingSchedule(ScheduleKind::StepDecay);
    Trainer t;
    ASSERT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "");
    EXPECT_DOUBLE_EQ(t.ScheduledRate(499), 0.1);
    EXPECT_DOUBLE_EQ(t.ScheduledRate(500), 0.05);
    EXPECT_DOUBLE_EQ(t.ScheduledRate(1000), 0.025);
}
