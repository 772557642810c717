// training_lab_model.hpp: the training lab widget as the page sees it: one training run
// (the core's Trainer), its play clock, and the predictions the canvas shades the data
// with (lessons/07-training-loop.md and 09-loss-curves.md). The frame loop calls Tick(dt); the trainer only
// advances when asked.
//
// Index
//   [SECTION] Settings: everything a link reproduces
//   [SECTION] TrainingLabModel: configure, play clock, your own data, predictions for the picture
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/loss_curve.hpp"
#include "core/train/own_data.hpp"
#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"
#include "model/play_clock.hpp"

namespace downhill::model {

//-----------------------------------------------------------------------------
// [SECTION] Settings
//-----------------------------------------------------------------------------

// The lab's settings: the three settings structs of the core (the URL holds these; the
// learner's own points, data.own, travel as their link form or as a CSV file).
struct TrainingLabSettings {
    DatasetSettings data;
    ModelSettings model;
    TrainSettings train;
};

//-----------------------------------------------------------------------------
// [SECTION] TrainingLabModel
//-----------------------------------------------------------------------------

struct TrainingLabModel : PlayClock {
    static constexpr int kMaxEpochs = 5000;        // the play clock stops here
    static constexpr int kMaxParams = 4096;        // weights and biases a live lab may train
    static constexpr int kGrid = 41;               // prediction points per side of the data plot
    static constexpr int kCurvePoints = 161;       // points of a regression model's fitted curve
    static constexpr double kMinSpeed = 1, kMaxSpeed = 200; // epochs per second while playing
    // What a page trains live, narrower than the core allows (the same ranges as the
    // training lab's settings in web/schema.js; tests/node/schema_ranges.test.js holds them equal).
    static constexpr int kMinPoints = 20, kMaxPoints = 1000;            // before the split
    static constexpr double kMaxNoise = 1.0;                            // from 0
    static constexpr double kMinTrainShare = 0.1, kMaxTrainShare = 0.9; // share of the points for training
    static constexpr double kMaxOutlier = 20.0;                         // the line data's outlier lift, from 0
    static constexpr int kMaxBatch = 1000;                              // from 1
    static constexpr double kMinLearningRate = 1e-5, kMaxLearningRate = 10.0;
    static constexpr uint32_t kMinSeed = 1, kMaxSeed = 99999;
    static constexpr double kMaxL2 = 1.0;                               // the L2 penalty lambda, from 0
    static constexpr int kMaxPatience = 1000;                           // early stopping's patience in epochs, from 0 (off)
    static constexpr double kMaxTestShare = 0.5;                        // share of the points held out for the test, from 0
    static constexpr const char* kSpeedUnit = "epochs";
    static constexpr double kPickRadius = 0.05;                          // a removal finds a point this share of the plot's width away

    Trainer trainer;                 // the run
    TrainingLabSettings settings;    // what the run was configured with

    // The data plot's range (2-D data: x1 across, x2 up; 1-D data: x across, y up).
    double x_lo = -6, x_hi = 6, y_lo = -6, y_hi = 6;
    // Predictions for the picture, remade by Predict() when the run has changed.
    std::vector<double> grid;        // 2-input models: kGrid x kGrid points x outputs (Trainer::PredictGrid)
    std::vector<double> curve;       // 1-input models: kCurvePoints values over [x_lo, x_hi]
    uint32_t predicted = UINT32_MAX; // the version the predictions belong to
    double since_predicted = 1e9;    // seconds since they were made
    // The test, measured once by Finish(): after it the run trains no more (Reset starts over).
    bool finished = false;
    double test_loss = NAN, test_accuracy = NAN;

    // TensorFlow Playground's default run, played at 20 epochs per second; the learner's
    // own data starts as the core's three points of each class.
    TrainingLabModel() {
        steps_per_second = 20;
        settings.data.own = StarterOwnData();
        ApplyPreset(PresetKind::Playground);
    }

    // The lab's ranges above: "" or what is out of range.
    static std::string CheckRanges(const TrainingLabSettings& s) {
        const DatasetSettings& d = s.data;
        if (d.kind != DatasetKind::Own && (d.points < kMinPoints || d.points > kMaxPoints)) return "The lab takes 20 to 1000 points.";
        if (!(d.noise >= 0 && d.noise <= kMaxNoise)) return "The noise must lie between 0 and 1.";
        if (!(d.train_fraction >= kMinTrainShare && d.train_fraction <= kMaxTrainShare))
            return "The share of the points used for training must lie between 0.1 and 0.9.";
        if (!(d.outlier >= 0 && d.outlier <= kMaxOutlier)) return "The outlier lift must lie between 0 and 20.";
        if (s.train.batch_size < 1 || s.train.batch_size > kMaxBatch) return "The batch size must be a whole number from 1 to 1000.";
        if (!(s.train.learning_rate >= kMinLearningRate && s.train.learning_rate <= kMaxLearningRate))
            return "The learning rate must lie between 0.00001 and 10.";
        if (s.train.seed < kMinSeed || s.train.seed > kMaxSeed) return "The seed must be a whole number from 1 to 99999.";
        if (!(s.train.l2 >= 0 && s.train.l2 <= kMaxL2)) return "The L2 penalty must lie between 0 and 1.";
        if (s.train.patience < 0 || s.train.patience > kMaxPatience) return "The patience must be a whole number of epochs from 0 (off) to 1000.";
        if (!(d.test_fraction >= 0 && d.test_fraction <= kMaxTestShare)) return "The test share must lie between 0 and 0.5.";
        return "";
    }
    // A new run with these settings; on error ("" = ok) the current run stays as it was.
    std::string Configure(const TrainingLabSettings& s) {
        if (std::string err = CheckRanges(s); !err.empty()) return err;
        Trainer t;
        std::string err = t.Configure(s.data, s.model, s.train);
        if (!err.empty()) return err;
        const int params = t.network().param_count();
        if (params > kMaxParams) {
            return "The lab trains live in your browser, so it keeps networks to " + std::to_string(kMaxParams) +
                   " weights and biases; this one has " + std::to_string(params) + ". Try fewer or narrower hidden layers.";
        }
        Pause();
        trainer = std::move(t);
        settings = s;
        Unfinish();
        FitRange();
        Changed();
        return "";
    }
    // A preset of the core (for example the overfitting one), as the lab's settings; the
    // learner's own points stay for when they choose them again, and the test share stays.
    std::string ApplyPreset(PresetKind k) {
        Preset p = MakePreset(k);
        p.data.own = settings.data.own;
        p.data.test_fraction = settings.data.test_fraction;
        return Configure({p.data, p.model, p.train});
    }

    // ---- Your own data: each change is a new run on the learner's points ----
    // Trains on these points (CheckOwnData's rules). A model or loss that cannot take their
    // classes moves to one that can: logistic regression for linear regression, softmax
    // cross-entropy for 3 classes, binary cross-entropy for a regression loss.
    std::string SetOwnData(const Dataset& d) {
        if (std::string err = CheckOwnData(d); !err.empty()) return err;
        TrainingLabSettings s = settings;
        s.data.kind = DatasetKind::Own;
        s.data.own = d;
        ModelSettings& m = s.model;
        if (m.kind == ModelKind::LinearRegression) m.kind = ModelKind::LogisticRegression;
        if (d.classes > 2 && m.loss != LossKind::SoftmaxCE) m.loss = LossKind::SoftmaxCE;
        if (m.loss == LossKind::MSE || m.loss == LossKind::MAE || m.loss == LossKind::Huber) m.loss = LossKind::BCE;
        return Configure(s);
    }
    std::string SetOwnCsv(const std::string& csv) {
        Dataset d;
        std::string err = ReadOwnCsv(csv, &d);
        return err.empty() ? SetOwnData(d) : err;
    }
    std::string SetOwnLink(const std::string& text) {
        Dataset d;
        std::string err = ReadOwnLink(text, &d);
        return err.empty() ? SetOwnData(d) : err;
    }
    // A point of class `label` at (x, y) in data units (rounded as a link keeps it).
    std::string AddPoint(double x, double y, int label) {
        Dataset d = settings.data.own;
        std::string err = AddOwnPoint(&d, x, y, label);
        return err.empty() ? SetOwnData(d) : err;
    }
    // Removes the own point nearest to (x, y) within kPickRadius of the plot's width.
    std::string RemovePointNear(double x, double y) {
        Dataset d = settings.data.own;
        std::string err = RemoveOwnPointNear(&d, x, y, kPickRadius * (x_hi - x_lo));
        return err.empty() ? SetOwnData(d) : err;
    }
    // Changes the learning rate and keeps training from where the run is.
    std::string SetLearningRate(double lr) {
        if (!(lr >= kMinLearningRate && lr <= kMaxLearningRate)) return "The learning rate must lie between 0.00001 and 10.";
        std::string err = trainer.SetLearningRate(lr);
        if (err.empty()) { settings.train.learning_rate = lr; ++version; }
        return err;
    }
    void Reset() { Change([&] { trainer.Reset(); Unfinish(); }); }
    bool CanRun() const { return !finished && trainer.status() == TrainStatus::Running && trainer.epoch() < kMaxEpochs; }
    // Ends the run and measures the test set with the current weights, once.
    std::string Finish() {
        if (trainer.test_data().size() == 0) return "This run has no test set: choose a test share above 0 first (that starts a new run).";
        if (finished) return "This run has been tested already: its test result stands. Press Reset to start a new run.";
        return Change([&] { trainer.Test(&test_loss, &test_accuracy); finished = true; return std::string(); });
    }

    // Up to n whole epochs; stops early on divergence or at kMaxEpochs. Returns epochs done.
    int Epochs(int n) {
        int done = 0;
        while (done < n && CanRun()) {
            trainer.TrainEpoch();
            ++done;
        }
        if (done) Changed();
        if (!CanRun()) playing = false;
        return done;
    }
    // The play clock: as many epochs as dt seconds are worth at the chosen speed, at most
    // 20 and at most ~12 ms of work per frame (so a big network slows down, not the page).
    void Tick(double dt) {
        since_predicted += dt;
        PlayClock::Tick(dt, 20, [this] { Epochs(1); return CanRun(); }, 0.012);
    }

    // Remakes the predictions when the run changed; while playing at most ~15 times a second.
    void Predict() {
        if (predicted == version) return;
        if (playing && since_predicted < 1.0 / 15) return;
        if (trainer.inputs() == 2) {
            grid = trainer.PredictGrid(x_lo, x_hi, kGrid, y_lo, y_hi, kGrid);
            curve.clear();
        } else {
            curve = trainer.PredictLine(x_lo, x_hi, kCurvePoints);
            grid.clear();
        }
        predicted = version;
        since_predicted = 0;
    }
    CurveReading Reading() const { return ReadLossCurve(trainer.train_loss(), trainer.validation_loss()); }

private:
    void Changed() { ++version; }
    void Unfinish() { finished = false; test_loss = test_accuracy = NAN; }
    // A square around 2-D data (at least [-6, 6]; own data inside it keeps exactly that, so
    // points drawn near the edge do not move the axes); for 1-D data the points' box, padded.
    void FitRange() {
        const Dataset* sets[2] = {&trainer.train_data(), &trainer.validation_data()};
        if (trainer.inputs() == 2) {
            const bool own = settings.data.kind == DatasetKind::Own;
            double r = 6.0;
            for (const Dataset* d : sets)
                for (double v : d->x) r = std::max(r, own && std::fabs(v) <= 6.0 ? 6.0 : std::fabs(v) * 1.04);
            x_lo = y_lo = -r;
            x_hi = y_hi = r;
            return;
        }
        double xl = 1e300, xh = -1e300, yl = 1e300, yh = -1e300;
        for (const Dataset* d : sets)
            for (int i = 0; i < d->size(); ++i) {
                xl = std::min(xl, d->x[size_t(i)]);
                xh = std::max(xh, d->x[size_t(i)]);
                yl = std::min(yl, d->y[size_t(i)]);
                yh = std::max(yh, d->y[size_t(i)]);
            }
        if (!(xh > xl)) { xl -= 1; xh += 1; }
        if (!(yh > yl)) { yl -= 1; yh += 1; }
        const double px = 0.05 * (xh - xl), py = 0.12 * (yh - yl);
        x_lo = xl - px; x_hi = xh + px; y_lo = yl - py; y_hi = yh + py;
    }
};

} // namespace downhill::model
