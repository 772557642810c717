// trainer.hpp: a training run of one model on one dataset, advanced by the host a few
// steps or an epoch at a time (the core never owns the loop).
//
// How to use:
//   Trainer t;                                      // a valid run: the Playground preset
//   std::string err = t.Configure(data, model, train); // "" = ok; on error nothing changes
//   each frame:  t.TrainSteps(5);  draw t.train_loss(), t.PredictGrid(...)
//   one example: t.Inspect({0.5, -1.0}, 1.0);  read t.Activations(k), t.WeightGrads(l)
//
// Index
//   [SECTION] TrainSettings: batch mode, batch size, optimizer, learning rate and schedule, L2, seed
//   [SECTION] Trainer: setup, stepping, history, predictions, inspection
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "network.hpp"
#include "../optim/registry.hpp"
#include "../random.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] TrainSettings
//-----------------------------------------------------------------------------

// How many training examples one update step averages over.
//   Batch      : the whole training set (one step per epoch)
//   Stochastic : one example
//   MiniBatch  : batch_size examples (the last batch of an epoch may be smaller)
enum class BatchMode { Batch, Stochastic, MiniBatch };

const char* BatchModeName(BatchMode m);                       // "batch", "stochastic", "mini-batch"
bool ParseBatchMode(const std::string& name, BatchMode* out); // inverse of BatchModeName; false on an unknown name

struct TrainSettings {
    BatchMode mode = BatchMode::MiniBatch;
    int batch_size = 10;         // MiniBatch: examples per step, >= 1 (above the training-set size it acts as Batch)
    double learning_rate = 0.03; // eta, in (0, kMaxLearningRate]; the base rate the schedule scales
    std::string optimizer = "gd"; // how the gradient moves the weights: a name of OptimizerTable()
    // That optimizer's own settings (momentum, rho, betas, epsilon, noise, seed) and the
    // learning-rate schedule, over the update steps; its learning_rate is not read (the
    // rate is learning_rate above).
    OptimizerSettings optimizer_settings;
    double l2 = 0.0;             // L2 penalty lambda on the weights (not biases), in [0, kMaxL2]; 0 = off
    uint32_t seed = 1;           // weight initialisation and the per-epoch shuffle
    bool shuffle = true;         // reshuffle the training set at the start of every epoch
    // Early stopping: stop once the validation loss has not improved for this many epochs
    // and put back the weights of its best epoch; 0 = off, at most kMaxPatience.
    int patience = 0;
    static constexpr double kMaxLearningRate = 100.0;
    static constexpr double kMaxL2 = 10.0;
    static constexpr int kMaxPatience = 100000;
};

std::string ValidateTrainSettings(const TrainSettings& t); // "" when usable

// The settings the trainer makes its optimizer with: t.optimizer_settings at t.learning_rate.
OptimizerSettings TrainOptimizerSettings(const TrainSettings& t);

// A schedule of kind k paced for training runs of a few thousand update steps (the
// training lab's: 25 steps per epoch by default): a step decay halves the rate every 500
// steps, an exponential one multiplies it by 0.999 per step (halving it about every 700),
// a cosine one takes it down to 0 over 5000 steps.
Schedule TrainingSchedule(ScheduleKind k);

// Where a run stands.
enum class TrainStatus {
    Running,  // can take more steps
    Diverged, // the loss became NaN or infinite: stopped, see message() and diverged_epoch()
    Stopped,  // early stopping: no better validation loss for `patience` epochs; the best weights are back
};
const char* TrainStatusName(TrainStatus s); // "running", "diverged", "stopped"

//-----------------------------------------------------------------------------
// [SECTION] Trainer
//-----------------------------------------------------------------------------

// One update step on a batch B: the optimizer (the same types as the 2-D runs, see
// optim/registry.hpp) moves every parameter along g = mean over B of dL/dw + l2 * w
// (biases take no L2 term), with the scheduled rate of that step. With "gd":
// w <- w - eta * g. The loss reported everywhere is the data loss alone.
//
// History: entry e of train_loss(), validation_loss(), train_accuracy() and
// validation_accuracy() is measured on the whole set after e completed epochs, entry 0
// before any training, so each holds epoch() + 1 values. A validation entry is NaN when
// the validation set is empty; accuracies are NaN for regression.
//
// Best epoch: the first epoch with the lowest validation loss so far, and a copy of the
// weights after it; with settings patience p > 0 the run stops at epoch best + p and
// those weights are put back. The test set (DatasetSettings::test_fraction) is never
// read by training, the history or early stopping; only Test() measures it.
class Trainer {
public:
    Trainer(); // the Playground preset: circle data, 4-2 tanh MLP, BCE, batch 10, eta 0.03

    // Makes the data, builds and initialises the model and resets the run. On error (a
    // readable message) the trainer keeps its previous run untouched.
    std::string Configure(const DatasetSettings& data, const ModelSettings& model, const TrainSettings& train);
    // The same with data from elsewhere (validation may be empty).
    std::string ConfigureWithData(const Dataset& train_data, const Dataset& validation_data,
                                  const ModelSettings& model, const TrainSettings& train);
    // Changes the learning rate and keeps the run going (weights, optimizer state and
    // history stay).
    std::string SetLearningRate(double lr);
    double current_learning_rate() const { return opt_->CurrentLearningRate(); } // eta of the next step, after the schedule
    // Weights back to their seeded start, epoch 0, history cleared, status Running.
    void Reset();

    // Work limit: one call (configuring, a run of epochs or steps, a prediction) may cost
    // at most kMaxCallWork, counted in example x parameter products: a forward pass of one
    // example costs the network's parameter count, a training example three times that;
    // an epoch trains on the training set and then evaluates both sets. About a second in
    // a browser. Configure() refuses a setup whose single epoch would exceed it.
    static constexpr double kMaxCallWork = 2.5e8;
    double EpochWork() const; // one epoch of the current setup
    // "" when the call fits the limit; else a message naming it.
    std::string CheckEpochs(int n) const;           // n epochs
    std::string CheckSteps(int n) const;            // n update steps
    std::string CheckPredictions(double points) const; // forward passes of that many points

    // Stepping. Both return the number of update steps taken (0 once diverged).
    int TrainSteps(int n); // up to n steps; an epoch ends (and is recorded) whenever the data runs out
    int TrainEpoch();      // steps until the current epoch ends (a full epoch when at its start)

    // Progress.
    int epoch() const { return epoch_; }                   // completed epochs
    int step() const { return step_; }                     // update steps taken since Reset
    int step_in_epoch() const { return step_in_epoch_; }   // steps taken in the epoch in progress
    int batch_size() const;                                // examples per step in the current mode
    int steps_per_epoch() const;                           // ceil(training points / batch_size())
    TrainStatus status() const { return status_; }
    const std::string& message() const { return message_; } // why training stopped; "" while running
    int diverged_epoch() const { return diverged_epoch_; }   // 1-based epoch in which it diverged (0: before training); -1 otherwise
    double last_batch_loss() const { return last_batch_loss_; } // mean loss of the last batch, before its update
    int best_epoch() const { return best_epoch_; }                // epoch of the lowest validation loss; -1 without validation
    double best_validation_loss() const { return best_loss_; }    // validation loss at best_epoch()
    // The learning rate the schedule gives at update step s (0-based): eta * ScheduleFactor.
    double ScheduledRate(long s) const { return settings_.learning_rate * ScheduleFactor(settings_.optimizer_settings.schedule, s); }
    double WeightNorm() const; // sqrt(sum of squared weights), biases left out (what L2 shrinks)

    // History, one entry per completed epoch plus the start (see above).
    const std::vector<double>& train_loss() const { return train_loss_; }
    const std::vector<double>& validation_loss() const { return validation_loss_; }
    const std::vector<double>& train_accuracy() const { return train_accuracy_; }
    const std::vector<double>& validation_accuracy() const { return validation_accuracy_; }

    // Settings and data of the current run.
    const DatasetSettings& data_settings() const { return data_settings_; } // meaningful after Configure
    const ModelSettings& model_settings() const { return net_.settings(); }
    const TrainSettings& train_settings() const { return settings_; }
    const Dataset& train_data() const { return train_; }
    const Dataset& validation_data() const { return validation_; }
    const Dataset& test_data() const { return test_; } // held out (empty without a test share)
    Network& network() { return net_; }
    const Network& network() const { return net_; }
    bool is_classifier() const { return net_.is_classifier(); }
    int inputs() const { return net_.inputs(); }
    int outputs() const { return net_.outputs(); }

    // Current losses and accuracies on the whole sets (NaN where undefined).
    double TrainLoss() { return net_.MeanLoss(train_); }
    double ValidationLoss() { return net_.MeanLoss(validation_); }
    double TrainAccuracy() { return net_.Accuracy(train_); }
    double ValidationAccuracy() { return net_.Accuracy(validation_); }
    // Loss and accuracy of the current weights on the test set (NaN when it is empty).
    void Test(double* loss, double* accuracy) { net_.Evaluate(test_, loss, accuracy); }

    // Predictions (see Network::Predict for what each output means), outputs() values per
    // point, flat. Points come flat with inputs() values each; a trailing partial point is
    // ignored.
    std::vector<double> Predict(const std::vector<double>& x);
    // 2-D models: an nx by ny grid from (x0, y0) to (x1, y1) inclusive, row by row from y0:
    // the value for grid point (i, j) starts at ((j * nx) + i) * outputs(). Empty for a
    // model without 2 inputs or a grid outside 1..kMaxGrid per side.
    std::vector<double> PredictGrid(double x0, double x1, int nx, double y0, double y1, int ny);
    // 1-D models: n evenly spaced points from x0 to x1 inclusive; outputs() values each.
    std::vector<double> PredictLine(double x0, double x1, int n);
    static constexpr int kMaxGrid = 1024;

    // Backpropagation on one example, without updating: after it, Activations() and the
    // gradients below describe that example. A training step leaves the gradients of its
    // batch (their mean); Activations() always show the latest forward pass, which any
    // step, epoch end or prediction replaces, so call Inspect() right before reading them.
    std::string Inspect(const std::vector<double>& x, double y);
    int layers() const { return net_.layers(); }        // weight layers; activations run 0..layers()
    int width(int k) const { return net_.width(k); }    // units of layer k
    std::vector<double> Activations(int k) const;       // layer k's values (0 = input, layers() = raw output); empty outside
    std::vector<double> PreActivations(int k) const;    // layer k's z (k >= 1); empty outside
    std::vector<double> Weights(int l) const;           // W_l, width(l+1) rows of width(l), row-major; empty outside 0..layers()-1
    std::vector<double> Biases(int l) const;            // b_l, width(l+1) values
    std::vector<double> WeightGrads(int l) const;       // dL/dW_l, same layout as Weights(l)
    std::vector<double> BiasGrads(int l) const;         // dL/db_l

private:
    bool Step();
    void EndEpoch();
    void Diverge(int epoch, const char* what);
    void Record();
    std::vector<double> Slice(const std::vector<double>& v, int offset, int count) const;

    DatasetSettings data_settings_;
    TrainSettings settings_;
    Dataset train_, validation_, test_;
    Network net_;
    std::unique_ptr<Optimizer> opt_; // made from settings_ (TrainOptimizerSettings)
    std::vector<double> step_grad_;  // the gradient one update follows (with the L2 term)
    std::vector<int> order_;   // training indices in this epoch's order
    std::vector<double> out_;  // one point's predictions
    Rng shuffle_rng_;
    int cursor_ = 0;           // next position in order_
    int epoch_ = 0, step_ = 0, step_in_epoch_ = 0;
    TrainStatus status_ = TrainStatus::Running;
    std::string message_;
    int diverged_epoch_ = -1;
    double last_batch_loss_ = 0.0;
    int best_epoch_ = -1;
    double best_loss_ = 0.0;
    std::vector<double> best_params_; // the weights after best_epoch_
    std::vector<double> train_loss_, validation_loss_, train_accuracy_, validation_accuracy_;
};

} // namespace downhill
