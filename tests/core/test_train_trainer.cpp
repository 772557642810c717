// test_train_trainer.cpp: the trainer's update rule, batching, history, determinism,
// divergence and refusals, and models that must learn what they are given.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"

using namespace downhill;

static void RunTo(Trainer& t, int epochs) {
    while (t.epoch() < epochs && t.status() == TrainStatus::Running) t.TrainEpoch();
}

//-----------------------------------------------------------------------------
// The update rule and batching
//-----------------------------------------------------------------------------

TEST(Trainer, DefaultIsThePlaygroundRun) {
    Trainer t;
    EXPECT_EQ(t.train_data().size(), 250);
    EXPECT_EQ(t.validation_data().size(), 250);
    EXPECT_EQ(t.inputs(), 2);
    EXPECT_EQ(t.outputs(), 1);
    EXPECT_EQ(t.layers(), 3);
    EXPECT_EQ(t.width(1), 4);
    EXPECT_EQ(t.width(2), 2);
    EXPECT_EQ(t.batch_size(), 10);
    EXPECT_EQ(t.steps_per_epoch(), 25);
    EXPECT_EQ(t.train_settings().learning_rate, 0.03);
    EXPECT_EQ(t.status(), TrainStatus::Running);
    EXPECT_EQ(t.message(), "");
    ASSERT_EQ(t.train_loss().size(), 1u); // the untrained model
    EXPECT_NEAR(t.train_loss()[0], std::log(2.0), 0.3);
}

TEST(Trainer, OneStepIsPlainGradientDescentWithL2OnWeightsOnly) {
    const Preset p = MakePreset(PresetKind::Blobs);
    TrainSettings s;
    s.mode = BatchMode::MiniBatch;
    s.batch_size = 10;
    s.shuffle = false; // the first batch is training points 0..9
    s.learning_rate = 0.5;
    s.l2 = 0.1;
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, s), "");
    Network copy = t.network();
    const double loss = copy.BatchGradient(t.train_data().x.data(), t.train_data().y.data(), nullptr, 10);
    std::vector<double> expected = copy.params();
    const int b0 = copy.bias_offset(0);
    for (int k = 0; k < copy.param_count(); ++k)
        expected[k] -= 0.5 * (copy.grads()[k] + (k < b0 ? 0.1 * copy.params()[k] : 0.0));

    ASSERT_EQ(t.TrainSteps(1), 1);
    EXPECT_EQ(t.network().params(), expected);
    EXPECT_EQ(t.last_batch_loss(), loss);
    EXPECT_EQ(t.WeightGrads(0), std::vector<double>(copy.grads().begin(), copy.grads().begin() + b0));
    EXPECT_EQ(t.step(), 1);
    EXPECT_EQ(t.step_in_epoch(), 1);
}

TEST(Trainer, StepsPerEpochAreTheCeilingOfPointsOverBatch) {
    struct Case {
        BatchMode mode;
        int batch;
        int steps; // per epoch, 250 training points
    };
    const Case cases[] = {
        {BatchMode::Batch, 10, 1},       {BatchMode::Stochastic, 10, 250}, {BatchMode::MiniBatch, 10, 25},
        {BatchMode::MiniBatch, 16, 16},  {BatchMode::MiniBatch, 7, 36},    {BatchMode::MiniBatch, 1, 250},
        {BatchMode::MiniBatch, 250, 1},  {BatchMode::MiniBatch, 1000, 1},  {BatchMode::MiniBatch, 249, 2},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(BatchModeName(c.mode)) + " " + std::to_string(c.batch));
        TrainSettings s;
        s.mode = c.mode;
        s.batch_size = c.batch;
        Trainer t;
        ASSERT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "");
        EXPECT_EQ(t.steps_per_epoch(), c.steps);
        EXPECT_EQ(t.TrainEpoch(), c.steps);
        EXPECT_EQ(t.epoch(), 1);
        EXPECT_EQ(t.step(), c.steps);
        EXPECT_EQ(t.TrainEpoch(), c.steps);
        EXPECT_EQ(t.epoch(), 2);
        EXPECT_EQ(t.train_loss().size(), 3u);
        EXPECT_EQ(t.validation_accuracy().size(), 3u);
    }
}

TEST(Trainer, StepsCrossEpochBoundaries) {
    Trainer t; // 25 steps per epoch
    EXPECT_EQ(t.TrainSteps(0), 0);
    EXPECT_EQ(t.TrainSteps(-5), 0);
    EXPECT_EQ(t.TrainSteps(30), 30);
    EXPECT_EQ(t.epoch(), 1);
    EXPECT_EQ(t.step_in_epoch(), 5);
    EXPECT_EQ(t.train_loss().size(), 2u);
    EXPECT_EQ(t.TrainEpoch(), 20); // the rest of epoch 2
    EXPECT_EQ(t.epoch(), 2);
    EXPECT_EQ(t.step_in_epoch(), 0);
    EXPECT_EQ(t.TrainSteps(75), 75);
    EXPECT_EQ(t.epoch(), 5);
    EXPECT_EQ(t.step(), 125);
}

TEST(Trainer, ResetGoesBackToTheSeededStart) {
    Trainer t;
    const std::vector<double> start = t.network().params();
    const double loss0 = t.train_loss()[0];
    t.TrainSteps(40);
    EXPECT_NE(t.network().params(), start);
    t.Reset();
    EXPECT_EQ(t.network().params(), start);
    EXPECT_EQ(t.epoch(), 0);
    EXPECT_EQ(t.step(), 0);
    ASSERT_EQ(t.train_loss().size(), 1u);
    EXPECT_EQ(t.train_loss()[0], loss0);
}

//-----------------------------------------------------------------------------
// Determinism
//-----------------------------------------------------------------------------

TEST(Trainer, SameSeedsGiveBitIdenticalHistory) {
    for (BatchMode mode : {BatchMode::Batch, BatchMode::Stochastic, BatchMode::MiniBatch}) {
        TrainSettings s;
        s.mode = mode;
        Trainer a, b;
        ASSERT_EQ(a.Configure(DatasetSettings{}, ModelSettings{}, s), "");
        ASSERT_EQ(b.Configure(DatasetSettings{}, ModelSettings{}, s), "");
        RunTo(a, 15);
        RunTo(b, 15);
        EXPECT_EQ(a.train_loss(), b.train_loss());
        EXPECT_EQ(a.validation_loss(), b.validation_loss());
        EXPECT_EQ(a.train_accuracy(), b.train_accuracy());
        EXPECT_EQ(a.validation_accuracy(), b.validation_accuracy());
        EXPECT_EQ(a.network().params(), b.network().params());
        // Resetting replays the same run.
        const std::vector<double> history = a.train_loss();
        a.Reset();
        RunTo(a, 15);
        EXPECT_EQ(a.train_loss(), history);
    }
}

TEST(Trainer, OtherSeedsGiveOtherRuns) {
    Trainer base, other_train, other_data;
    TrainSettings s;
    s.seed = 2;
    DatasetSettings d;
    d.seed = 2;
    ASSERT_EQ(other_train.Configure(DatasetSettings{}, ModelSettings{}, s), "");
    ASSERT_EQ(other_data.Configure(d, ModelSettings{}, TrainSettings{}), "");
    RunTo(base, 5);
    RunTo(other_train, 5);
    RunTo(other_data, 5);
    EXPECT_EQ(base.train_data().x, other_train.train_data().x); // same points...
    EXPECT_NE(base.train_loss(), other_train.train_loss());     // ...other weights and order
    EXPECT_NE(base.train_data().x, other_data.train_data().x);
    EXPECT_NE(base.train_loss(), other_data.train_loss());
    // Shuffling matters too: the same seed without it is another run.
    TrainSettings fixed;
    fixed.shuffle = false;
    Trainer unshuffled;
    ASSERT_EQ(unshuffled.Configure(DatasetSettings{}, ModelSettings{}, fixed), "");
    RunTo(unshuffled, 5);
    EXPECT_NE(base.train_loss(), unshuffled.train_loss());
}

//-----------------------------------------------------------------------------
// Learning
//-----------------------------------------------------------------------------

TEST(Trainer, LinearRegressionReachesTheLeastSquaresLine) {
    const Preset p = MakePreset(PresetKind::Line);
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    // Normal equations for y ~ w x + b on the training set:
    //   [sum x^2  sum x] [w]   [sum x y]
    //   [sum x    n    ] [b] = [sum y  ]
    const Dataset& d = t.train_data();
    double sx = 0, sxx = 0, sy = 0, sxy = 0;
    const double n = d.size();
    for (int i = 0; i < d.size(); ++i) {
        sx += d.x[i];
        sxx += d.x[i] * d.x[i];
        sy += d.y[i];
        sxy += d.x[i] * d.y[i];
    }
    const double w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double b = (sy - w * sx) / n;
    EXPECT_NEAR(w, 2.0, 0.2); // the line the data was drawn from: y = 2x - 1
    EXPECT_NEAR(b, -1.0, 0.2);

    RunTo(t, 500);
    EXPECT_NEAR(t.Weights(0)[0], w, 1e-9);
    EXPECT_NEAR(t.Biases(0)[0], b, 1e-9);
    // The fit drawn over x in [-2, 2] is that line.
    const std::vector<double> line = t.PredictLine(-2.0, 2.0, 5);
    ASSERT_EQ(line.size(), 5u);
    for (int i = 0; i < 5; ++i) EXPECT_NEAR(line[i], w * (i - 2) + b, 1e-8);
    // Training loss never rises under full-batch descent at this learning rate.
    for (size_t e = 1; e < t.train_loss().size(); ++e) EXPECT_LE(t.train_loss()[e], t.train_loss()[e - 1] + 1e-15);
    for (double a : t.train_accuracy()) EXPECT_TRUE(std::isnan(a)); // no accuracy for regression
}

TEST(Trainer, LogisticRegressionSeparatesBlobs) {
    const Preset p = MakePreset(PresetKind::Blobs);
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    EXPECT_EQ(t.layers(), 1);
    RunTo(t, p.epochs);
    EXPECT_GT(t.train_accuracy().back(), 0.95);
    EXPECT_GT(t.validation_accuracy().back(), 0.95);
    EXPECT_LT(t.train_loss().back(), 0.5 * t.train_loss()[0]);
}

TEST(Trainer, MlpLearnsXor) {
    const Preset p = MakePreset(PresetKind::Xor);
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    RunTo(t, p.epochs);
    EXPECT_GT(t.train_accuracy().back(), 0.97);
    EXPECT_GT(t.validation_accuracy().back(), 0.95);
    EXPECT_LT(t.validation_loss().back(), 0.1);
    // One corner of each colour.
    const std::vector<double> p11 = t.Predict({3.0, 3.0, -3.0, 3.0});
    ASSERT_EQ(p11.size(), 2u);
    EXPECT_GT(p11[0], 0.9); // x1 x2 > 0: class 1
    EXPECT_LT(p11[1], 0.1);
}

TEST(Trainer, PlaygroundCircleReachesLowLoss) {
    Trainer t;
    ASSERT_EQ(ConfigurePreset(&t, PresetKind::Playground), "");
    RunTo(t, 300);
    EXPECT_LT(t.train_loss().back(), 0.05);
    EXPECT_LT(t.validation_loss().back(), 0.05);
    EXPECT_GE(t.train_accuracy().back(), 0.99);
    EXPECT_GE(t.validation_accuracy().back(), 0.99);
}

TEST(Trainer, SoftmaxSortsThreeClasses) {
    Trainer t;
    ASSERT_EQ(ConfigurePreset(&t, PresetKind::ThreeClass), "");
    EXPECT_EQ(t.outputs(), 3);
    RunTo(t, MakePreset(PresetKind::ThreeClass).epochs);
    EXPECT_GT(t.validation_accuracy().back(), 0.95);
    const std::vector<double> grid = t.PredictGrid(-6, 6, 7, -6, 6, 5);
    ASSERT_EQ(grid.size(), 7u * 5 * 3);
    for (size_t k = 0; k < grid.size(); k += 3) EXPECT_NEAR(grid[k] + grid[k + 1] + grid[k + 2], 1.0, 1e-12);
    // (0, 3) is the centre of class 0's blob.
    const std::vector<double> c0 = t.Predict({0.0, 3.0});
    EXPECT_GT(c0[0], 0.9);
}

//-----------------------------------------------------------------------------
// Divergence
//-----------------------------------------------------------------------------

TEST(Trainer, TooHighALearningRateStopsWithTheEpoch) {
    Preset p = MakePreset(PresetKind::Line);
    p.train.learning_rate = 50.0; // far above 2 / (largest curvature) ~ 0.7
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    RunTo(t, 10000);
    ASSERT_EQ(t.status(), TrainStatus::Diverged);
    EXPECT_STREQ(TrainStatusName(t.status()), "diverged");
    EXPECT_GT(t.diverged_epoch(), 10);
    EXPECT_LT(t.diverged_epoch(), 400);
    EXPECT_GE(t.diverged_epoch(), t.epoch());
    EXPECT_LE(t.diverged_epoch(), t.epoch() + 1);
    const std::string where = "epoch " + std::to_string(t.diverged_epoch());
    EXPECT_NE(t.message().find(where), std::string::npos) << t.message();
    EXPECT_NE(t.message().find("learning rate"), std::string::npos);
    // The loss went up on the way there, and nothing moves any more.
    EXPECT_GT(t.train_loss()[5], t.train_loss()[0]);
    const int epoch = t.epoch(), step = t.step();
    EXPECT_EQ(t.TrainSteps(10), 0);
    EXPECT_EQ(t.TrainEpoch(), 0);
    EXPECT_EQ(t.epoch(), epoch);
    EXPECT_EQ(t.step(), step);
    // A lower rate and a reset bring it back.
    EXPECT_EQ(t.SetLearningRate(0.1), "");
    t.Reset();
    EXPECT_EQ(t.status(), TrainStatus::Running);
    EXPECT_EQ(t.message(), "");
    EXPECT_EQ(t.diverged_epoch(), -1);
    RunTo(t, 50);
    EXPECT_EQ(t.status(), TrainStatus::Running);
}

TEST(Trainer, StochasticDivergenceIsCaughtMidEpoch) {
    Preset p = MakePreset(PresetKind::Line);
    p.train.mode = BatchMode::Stochastic;
    p.train.learning_rate = 100.0;
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, p.train), "");
    RunTo(t, 1000);
    ASSERT_EQ(t.status(), TrainStatus::Diverged);
    EXPECT_EQ(t.diverged_epoch(), t.epoch() + 1); // stopped inside the epoch in progress
    EXPECT_GT(t.step_in_epoch(), 0);
}

//-----------------------------------------------------------------------------
// Refusals
//-----------------------------------------------------------------------------

TEST(Trainer, RejectsInvalidSettingsAndKeepsItsRun) {
    Trainer t;
    t.TrainSteps(30);
    const std::vector<double> params = t.network().params();
    const int epoch = t.epoch();
    auto rejects = [&](const DatasetSettings& d, const ModelSettings& m, const TrainSettings& s) {
        const std::string err = t.Configure(d, m, s);
        EXPECT_NE(err, "");
        EXPECT_EQ(t.network().params(), params);
        EXPECT_EQ(t.epoch(), epoch);
        return err;
    };
    const DatasetSettings d;
    const ModelSettings m;
    TrainSettings s;
    s.batch_size = 0;
    EXPECT_EQ(rejects(d, m, s), "The batch size must be at least 1.");
    s.batch_size = -3;
    rejects(d, m, s);
    s = {};
    s.learning_rate = std::nan("");
    EXPECT_EQ(rejects(d, m, s), "The learning rate must be a number.");
    s.learning_rate = INFINITY;
    rejects(d, m, s);
    s.learning_rate = 0.0;
    rejects(d, m, s);
    s.learning_rate = -0.1;
    rejects(d, m, s);
    s.learning_rate = 1e6;
    rejects(d, m, s);
    s = {};
    s.l2 = std::nan("");
    rejects(d, m, s);
    s.l2 = -1;
    rejects(d, m, s);
    s = {};
    s.mode = static_cast<BatchMode>(5);
    rejects(d, m, s);

    ModelSettings bad = m;
    bad.hidden.clear();
    EXPECT_EQ(rejects(d, bad, TrainSettings{}), "A multilayer perceptron needs at least one hidden layer.");
    bad = m;
    bad.loss = LossKind::MSE; // a regression loss on the circle's classes
    EXPECT_NE(rejects(d, bad, TrainSettings{}).find("mse"), std::string::npos);
    bad = m;
    bad.kind = ModelKind::LinearRegression;
    rejects(d, bad, TrainSettings{});
    DatasetSettings three;
    three.kind = DatasetKind::Blobs3; // BCE needs 2 classes
    EXPECT_NE(rejects(three, m, TrainSettings{}).find("softmax"), std::string::npos);
    DatasetSettings line;
    line.kind = DatasetKind::Line; // BCE on real targets
    rejects(line, m, TrainSettings{});
    DatasetSettings tiny;
    tiny.points = 0;
    rejects(tiny, m, TrainSettings{});

    // Still the same run, and it still trains.
    EXPECT_EQ(t.TrainSteps(5), 5);
}

TEST(Trainer, LearningRateChangesWithoutAReset) {
    Trainer t;
    t.TrainSteps(30);
    EXPECT_NE(t.SetLearningRate(std::nan("")), "");
    EXPECT_NE(t.SetLearningRate(0.0), "");
    EXPECT_EQ(t.train_settings().learning_rate, 0.03);
    EXPECT_EQ(t.SetLearningRate(0.3), "");
    EXPECT_EQ(t.train_settings().learning_rate, 0.3);
    EXPECT_EQ(t.step(), 30);
    EXPECT_EQ(t.epoch(), 1);
}

TEST(Trainer, DataFromOutside) {
    Dataset train;
    train.inputs = 2;
    train.classes = 2;
    train.x = {0.0, 1.0, 1.0, 0.0, 2.0, 2.0, -1.0, -1.0};
    train.y = {0, 1, 1, 0};
    Dataset empty;
    Trainer t;
    ASSERT_EQ(t.ConfigureWithData(train, empty, ModelSettings{}, TrainSettings{}), "");
    EXPECT_EQ(t.steps_per_epoch(), 1); // 4 points, batch 10
    ASSERT_EQ(t.validation_loss().size(), 1u);
    EXPECT_TRUE(std::isnan(t.validation_loss()[0])); // nothing to validate on
    EXPECT_TRUE(std::isfinite(t.train_loss()[0]));
    EXPECT_EQ(t.TrainEpoch(), 1);

    Dataset bad = train;
    bad.y[2] = 3;
    EXPECT_NE(t.ConfigureWithData(bad, empty, ModelSettings{}, TrainSettings{}), "");
    Dataset other;
    other.inputs = 1;
    other.classes = 2;
    other.x = {0.5};
    other.y = {1};
    EXPECT_EQ(t.ConfigureWithData(train, other, ModelSettings{}, TrainSettings{}),
              "The training and validation sets have different shapes.");
    Dataset none;
    none.inputs = 2;
    none.classes = 2;
    EXPECT_EQ(t.ConfigureWithData(none, empty, ModelSettings{}, TrainSettings{}), "The training set is empty.");
    // Targets so large that the first loss overflows: stopped at epoch 0, not a crash.
    Dataset huge;
    huge.inputs = 1;
    huge.classes = 0;
    huge.x = {0.0, 1.0};
    huge.y = {1e300, -1e300};
    ModelSettings lin;
    lin.kind = ModelKind::LinearRegression;
    lin.loss = LossKind::MSE;
    ASSERT_EQ(t.ConfigureWithData(huge, empty, lin, TrainSettings{}), "");
    EXPECT_EQ(t.status(), TrainStatus::Diverged);
    EXPECT_EQ(t.diverged_epoch(), 0);
    EXPECT_EQ(t.TrainEpoch(), 0);
}

//-----------------------------------------------------------------------------
// Predictions and inspection
//-----------------------------------------------------------------------------

TEST(Trainer, PredictGridLayout) {
    Trainer t;
    t.TrainSteps(50);
    const std::vector<double> g = t.PredictGrid(-6, 6, 5, -4, 4, 3);
    ASSERT_EQ(g.size(), 15u);
    for (double v : g) {
        EXPECT_GT(v, 0.0);
        EXPECT_LT(v, 1.0);
    }
    // Point (i, j) = (x0 + i dx, y0 + j dy) sits at j * nx + i.
    EXPECT_EQ(g[0], t.Predict({-6.0, -4.0})[0]);
    EXPECT_EQ(g[3], t.Predict({3.0, -4.0})[0]);
    EXPECT_EQ(g[1 * 5 + 2], t.Predict({0.0, 0.0})[0]);
    EXPECT_EQ(g[14], t.Predict({6.0, 4.0})[0]);
    EXPECT_EQ(t.PredictGrid(-6, 6, 1, -6, 6, 1).size(), 1u);
    EXPECT_TRUE(t.PredictGrid(-6, 6, 0, -6, 6, 4).empty());
    EXPECT_TRUE(t.PredictGrid(-6, 6, 5000, -6, 6, 4).empty());
    EXPECT_TRUE(t.PredictLine(-1, 1, 10).empty()); // a 2-input model
    const std::vector<double> nan_grid = t.PredictGrid(std::nan(""), 6, 3, -6, 6, 3);
    ASSERT_EQ(nan_grid.size(), 9u); // NaN in, NaN out, no crash
    EXPECT_TRUE(std::isnan(nan_grid[0]));
    EXPECT_EQ(t.Predict({1.0, 2.0, 3.0}).size(), 1u); // the partial point is ignored
    EXPECT_TRUE(t.Predict({}).empty());
}

// The 2-2-1 tanh network of test_train_network.cpp, through the trainer's inspection
// calls: what a lesson shows after one example.
TEST(Trainer, InspectOneExampleOfATinyNetwork) {
    Dataset d;
    d.inputs = 2;
    d.classes = 0;
    d.x = {1.0, 2.0};
    d.y = {0.5};
    ModelSettings m;
    m.hidden = {2};
    m.activation = Activation::Tanh;
    m.loss = LossKind::MSE;
    Trainer t;
    ASSERT_EQ(t.ConfigureWithData(d, Dataset{}, m, TrainSettings{}), "");
    t.network().params() = {0.5, -1.0, 1.0, 0.25, 0.0, 0.1, 1.0, -1.0, 0.2};
    ASSERT_EQ(t.Inspect({1.0, 2.0}, 0.5), "");

    EXPECT_EQ(t.Activations(0), (std::vector<double>{1.0, 2.0}));
    const std::vector<double> a1 = t.Activations(1), z1 = t.PreActivations(1), out = t.Activations(2);
    ASSERT_EQ(a1.size(), 2u);
    EXPECT_NEAR(z1[0], -1.5, 1e-15);
    EXPECT_NEAR(a1[0], -0.905148253644866, 1e-14);
    EXPECT_NEAR(a1[1], 0.921668554406471, 1e-14);
    EXPECT_NEAR(out[0], -1.626816808051338, 1e-14);

    const std::vector<double> gw0 = t.WeightGrads(0), gb0 = t.BiasGrads(0), gw1 = t.WeightGrads(1),
                              gb1 = t.BiasGrads(1);
    ASSERT_EQ(gw0.size(), 4u);
    ASSERT_EQ(gb0.size(), 2u);
    ASSERT_EQ(gw1.size(), 2u);
    ASSERT_EQ(gb1.size(), 1u);
    EXPECT_NEAR(gw0[0], -0.768659833978560, 1e-13);
    EXPECT_NEAR(gw0[1], -1.537319667957119, 1e-13);
    EXPECT_NEAR(gw0[2], 0.640287029834295, 1e-13);
    EXPECT_NEAR(gw0[3], 1.280574059668590, 1e-13);
    EXPECT_NEAR(gb0[1], 0.640287029834295, 1e-13);
    EXPECT_NEAR(gw1[0], 3.850169039260435, 1e-13);
    EXPECT_NEAR(gw1[1], -3.920440345928124, 1e-13);
    EXPECT_NEAR(gb1[0], -4.253633616102675, 1e-13);
    EXPECT_EQ(t.Weights(1), (std::vector<double>{1.0, -1.0}));
    EXPECT_EQ(t.Biases(0), (std::vector<double>{0.0, 0.1}));
    // Inspecting does not train.
    EXPECT_EQ(t.step(), 0);
    EXPECT_EQ(t.network().params()[8], 0.2);
    // Out-of-range layers give empty lists.
    EXPECT_TRUE(t.Activations(3).empty());
    EXPECT_TRUE(t.PreActivations(0).empty());
    EXPECT_TRUE(t.Weights(2).empty());
    EXPECT_TRUE(t.BiasGrads(-1).empty());
}

TEST(Trainer, InspectRefusesBadExamples) {
    Trainer t; // 2 inputs, 2 classes
    EXPECT_EQ(t.Inspect({1.0}, 1.0), "The example needs 2 input value(s).");
    EXPECT_NE(t.Inspect({1.0, std::nan("")}, 1.0), "");
    EXPECT_NE(t.Inspect({1.0, 2.0}, std::nan("")), "");
    EXPECT_NE(t.Inspect({1.0, 2.0}, 0.5), "");
    EXPECT_NE(t.Inspect({1.0, 2.0}, 2.0), "");
    EXPECT_EQ(t.Inspect({1.0, 2.0}, 1.0), "");
    EXPECT_EQ(t.WeightGrads(0).size(), 8u);
}

//-----------------------------------------------------------------------------
// Optimizers and schedules: the same types as the 2-D runs
//-----------------------------------------------------------------------------

// A full-batch run on the blobs preset (so each step sees the same examples) with
// optimizer `name`; l2 on the weights.
static TrainSettings FullBatch(const char* name, double lr, double l2 = 0.0) {
    TrainSettings s;
    s.mode = BatchMode::Batch;
    s.shuffle = false;
    s.learning_rate = lr;
    s.l2 = l2;
    s.optimizer = name;
    s.optimizer_settings = DefaultOptimizerSettings(name);
    return s;
}

TEST(Trainer, MomentumByHand) {
    const Preset p = MakePreset(PresetKind::Blobs);
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, FullBatch("momentum", 0.1)), "");
    const std::vector<double> w0 = t.network().params();
    ASSERT_EQ(t.TrainSteps(1), 1);
    const std::vector<double> g0 = t.network().grads(), w1 = t.network().params();
    ASSERT_EQ(t.TrainSteps(1), 1);
    const std::vector<double> g1 = t.network().grads(), w2 = t.network().params();
    // v1 = -eta g0, w1 = w0 + v1;  v2 = mu v1 - eta g1, w2 = w1 + v2 (mu = 0.9, eta = 0.1).
    for (size_t k = 0; k < w0.size(); ++k) {
        const double v1 = -0.1 * g0[k], v2 = 0.9 * v1 - 0.1 * g1[k];
        EXPECT_DOUBLE_EQ(w1[k], w0[k] + v1) << k;
        EXPECT_NEAR(w2[k], w1[k] + v2, 1e-15) << k;
    }
    EXPECT_NE(g0, g1);
}

TEST(Trainer, AdamByHand) {
    const Preset p = MakePreset(PresetKind::Blobs);
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, FullBatch("adam", 0.01)), "");
    EXPECT_EQ(t.train_settings().optimizer, "adam");
    const std::vector<double> w0 = t.network().params();
    ASSERT_EQ(t.TrainSteps(1), 1);
    const std::vector<double> g0 = t.network().grads(), w1 = t.network().params();
    ASSERT_EQ(t.TrainSteps(1), 1);
    const std::vector<double> g1 = t.network().grads(), w2 = t.network().params();
    for (size_t k = 0; k < w0.size(); ++k) {
        // The first step: eta g / (|g| + eps), eta = 0.01 against the sign of the gradient.
        EXPECT_NEAR(w1[k], w0[k] - 0.01 * g0[k] / (std::fabs(g0[k]) + 1e-8), 1e-15) << k;
        if (std::fabs(g0[k]) > 1e-4) EXPECT_NEAR(std::fabs(w1[k] - w0[k]), 0.01, 1e-6) << k;
        // The second: m = 0.9 (0.1 g0) + 0.1 g1, v = 0.999 (0.001 g0^2) + 0.001 g1^2, bias-corrected.
        const double m = 0.9 * 0.1 * g0[k] + 0.1 * g1[k];
        const double v = 0.999 * 0.001 * g0[k] * g0[k] + 0.001 * g1[k] * g1[k];
        const double step = 0.01 * (m / (1 - 0.81)) / (std::sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        EXPECT_NEAR(w2[k], w1[k] - step, 1e-14) << k;
    }
}

TEST(Trainer, GradientDescentFollowsItsSchedule) {
    const Preset p = MakePreset(PresetKind::Blobs);
    TrainSettings s = FullBatch("gd", 0.4, 0.05);
    s.optimizer_settings.schedule.kind = ScheduleKind::StepDecay;
    s.optimizer_settings.schedule.step_size = 1;
    s.optimizer_settings.schedule.gamma = 0.5;
    Trainer t;
    ASSERT_EQ(t.Configure(p.data, p.model, s), "");
    EXPECT_EQ(t.current_learning_rate(), 0.4);
    t.TrainSteps(1);
    EXPECT_EQ(t.current_learning_rate(), 0.2);
    const std::vector<double> w1 = t.network().params();
    t.TrainSteps(1);
    const std::vector<double> g1 = t.network().grads(), w2 = t.network().params();
    const int b0 = t.network().bias_offset(0);
    // Step 2 at eta = 0.2: the weights follow g + l2 w, the biases g alone.
    for (int k = 0; k < static_cast<int>(w1.size()); ++k)
        EXPECT_EQ(w2[k], w1[k] - 0.2 * (g1[k] + (k < b0 ? 0.05 * w1[k] : 0.0))) << k;
    // A new learning rate keeps the schedule's place; a reset starts it again.
    ASSERT_EQ(t.SetLearningRate(0.8), "");
    EXPECT_EQ(t.current_learning_rate(), 0.2);
    t.Reset();
    EXPECT_EQ(t.current_learning_rate(), 0.8);
}

TEST(Trainer, AdamAndRmspropLearnTheCircle) {
    for (const char* name : {"adam", "rmsprop", "momentum"}) {
        Trainer t;
        TrainSettings s;
        s.optimizer = name;
        s.optimizer_settings = DefaultOptimizerSettings(name);
        s.learning_rate = 0.01;
        ASSERT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "") << name;
        RunTo(t, 60);
        EXPECT_EQ(t.status(), TrainStatus::Running) << name;
        EXPECT_LT(t.train_loss().back(), 0.5 * t.train_loss()[0]) << name;
        EXPECT_GT(t.train_accuracy().back(), 0.9) << name;
    }
}

TEST(Trainer, RefusesAnUnknownOptimizerOrBadOptimizerSettings) {
    Trainer t;
    const std::vector<double> params = t.network().params();
    TrainSettings s;
    s.optimizer = "lbfgs";
    EXPECT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "Unknown optimizer \"lbfgs\".");
    s.optimizer = "adam";
    s.optimizer_settings.beta1 = 1.0;
    EXPECT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "beta1 must lie in [0, 1).");
    s.optimizer_settings.beta1 = 0.9;
    s.optimizer_settings.schedule.kind = ScheduleKind::Exponential;
    s.optimizer_settings.schedule.gamma = 0;
    EXPECT_EQ(t.Configure(DatasetSettings{}, ModelSettings{}, s), "The decay factor gamma must lie in (0, 1].");
    EXPECT_EQ(t.train_settings().optimizer, "gd");
    EXPECT_EQ(t.network().params(), params);
}

TEST(Trainer, WorkLimitRefusesSetupsAndCallsOfMoreThanASecond) {
    Trainer t;
    const std::vector<double> params = t.network().params();
    DatasetSettings d;
    d.points = 100000;
    ModelSettings m;
    m.hidden = {256, 256, 256, 256, 256, 256, 256, 256};
    const std::string err = t.Configure(d, m, TrainSettings{});
    EXPECT_NE(err.find("training work limit"), std::string::npos) << err;
    EXPECT_EQ(t.network().params(), params); // the old setup is kept
    // The default setup (250 training and 250 validation points, 25 parameters).
    ASSERT_EQ(t.network().params().size(), 25u);
    EXPECT_DOUBLE_EQ(t.EpochWork(), 25.0 * (4 * 250 + 250));
    const int most = static_cast<int>(Trainer::kMaxCallWork / t.EpochWork());
    EXPECT_EQ(t.CheckEpochs(most), "");
    EXPECT_NE(t.CheckEpochs(most + 1).find("training work limit"), std::string::npos);
    EXPECT_EQ(t.CheckPredictions(Trainer::kMaxCallWork / 25), "");
    EXPECT_NE(t.CheckPredictions(Trainer::kMaxCallWork / 25 + 1), "");
    EXPECT_EQ(t.CheckSteps(1000), "");
    EXPECT_NE(t.CheckSteps(10000000).find("training work limit"), std::string::npos);
}
