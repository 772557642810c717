// trainer.cpp: see trainer.hpp.
#include "trainer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace downhill {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr uint64_t kShuffleStream = 4;
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] TrainSettings
//-----------------------------------------------------------------------------

const char* BatchModeName(BatchMode m) {
    switch (m) {
    case BatchMode::Batch: return "batch";
    case BatchMode::Stochastic: return "stochastic";
    case BatchMode::MiniBatch: return "mini-batch";
    }
    return "mini-batch";
}

bool ParseBatchMode(const std::string& name, BatchMode* out) {
    static const BatchMode all[] = {BatchMode::Batch, BatchMode::Stochastic, BatchMode::MiniBatch};
    for (BatchMode m : all)
        if (name == BatchModeName(m)) {
            if (out) *out = m;
            return true;
        }
    return false;
}

const char* TrainStatusName(TrainStatus s) {
    return s == TrainStatus::Diverged ? "diverged" : s == TrainStatus::Stopped ? "stopped" : "running";
}

std::string ValidateTrainSettings(const TrainSettings& t) {
    const int mode = static_cast<int>(t.mode);
    if (mode < 0 || mode > static_cast<int>(BatchMode::MiniBatch)) return "Unknown batch mode.";
    if (t.batch_size < 1) return "The batch size must be at least 1.";
    if (!std::isfinite(t.learning_rate)) return "The learning rate must be a number.";
    if (t.learning_rate <= 0 || t.learning_rate > TrainSettings::kMaxLearningRate)
        return "The learning rate must be above 0 and at most 100.";
    if (!std::isfinite(t.l2) || t.l2 < 0 || t.l2 > TrainSettings::kMaxL2)
        return "The L2 penalty must be a number between 0 and 10.";
    if (t.patience < 0 || t.patience > TrainSettings::kMaxPatience) return "The patience must be a whole number of epochs from 0 to 100000.";
    return ValidateOptimizerSettings(t.optimizer, TrainOptimizerSettings(t));
}

Schedule TrainingSchedule(ScheduleKind k) {
    Schedule s;
    s.kind = k;
    s.step_size = 500;
    s.gamma = k == ScheduleKind::Exponential ? 0.999 : 0.5;
    s.period = 5000;
    s.min_factor = 0.0;
    return s;
}

OptimizerSettings TrainOptimizerSettings(const TrainSettings& t) {
    OptimizerSettings s = t.optimizer_settings;
    s.learning_rate = t.learning_rate;
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Trainer: setup
//-----------------------------------------------------------------------------

Trainer::Trainer() { Configure(DatasetSettings{}, ModelSettings{}, TrainSettings{}); }

std::string Trainer::Configure(const DatasetSettings& data, const ModelSettings& model, const TrainSettings& train) {
    std::string err = ValidateDatasetSettings(data);
    if (err.empty()) err = ValidateTrainSettings(train);
    if (err.empty()) err = ValidateModel(model, DatasetInputs(data), DatasetClasses(data));
    if (!err.empty()) return err;
    Dataset t, v, held;
    err = MakeSplit(data, &t, &v, &held);
    if (err.empty()) err = ConfigureWithData(t, v, model, train);
    if (!err.empty()) return err;
    data_settings_ = data;
    test_ = std::move(held);
    test_.inputs = train_.inputs;
    test_.classes = train_.classes;
    return "";
}

std::string Trainer::ConfigureWithData(const Dataset& train_data, const Dataset& validation_data,
                                       const ModelSettings& model, const TrainSettings& train) {
    std::string err = ValidateDataset(train_data);
    if (!err.empty()) return "Training data: " + err;
    const bool no_validation = validation_data.x.empty() && validation_data.y.empty();
    err = no_validation ? "" : ValidateDataset(validation_data);
    if (!err.empty()) return "Validation data: " + err;
    if (train_data.size() == 0) return "The training set is empty.";
    if (validation_data.size() > 0 &&
        (validation_data.inputs != train_data.inputs || validation_data.classes != train_data.classes))
        return "The training and validation sets have different shapes.";
    err = ValidateTrainSettings(train);
    if (!err.empty()) return err;
    std::unique_ptr<Optimizer> opt;
    err = MakeOptimizer(train.optimizer, TrainOptimizerSettings(train), &opt);
    if (!err.empty()) return err;
    Network net;
    err = net.Configure(model, train_data.inputs, train_data.classes, train.seed);
    if (!err.empty()) return err;
    if (static_cast<double>(net.params().size()) * (4.0 * train_data.size() + validation_data.size()) > kMaxCallWork)
        return "That network is too big for that many points: one epoch would take too long (parameters x points "
               "is limited by the training work limit, " + std::to_string(static_cast<long long>(kMaxCallWork)) + " per call).";

    settings_ = train;
    train_ = train_data;
    validation_ = validation_data;
    validation_.inputs = train_.inputs;
    validation_.classes = train_.classes;
    test_ = Dataset{};
    net_ = std::move(net);
    opt_ = std::move(opt);
    step_grad_.assign(net_.params().size(), 0.0);
    out_.assign(static_cast<size_t>(net_.outputs()), 0.0);
    order_.resize(static_cast<size_t>(train_.size()));
    Reset();
    return "";
}

std::string Trainer::SetLearningRate(double lr) {
    TrainSettings t = settings_;
    t.learning_rate = lr;
    std::string err = ValidateTrainSettings(t);
    if (err.empty()) {
        settings_.learning_rate = lr;
        opt_->learning_rate = lr;
    }
    return err;
}

void Trainer::Reset() {
    net_.Initialize(settings_.seed);
    opt_->Reset();
    for (int i = 0; i < static_cast<int>(order_.size()); ++i) order_[i] = i;
    shuffle_rng_ = Rng(settings_.seed, kShuffleStream);
    if (settings_.shuffle) Shuffle(order_.data(), static_cast<int>(order_.size()), shuffle_rng_);
    cursor_ = 0;
    epoch_ = step_ = step_in_epoch_ = 0;
    status_ = TrainStatus::Running;
    message_.clear();
    diverged_epoch_ = -1;
    last_batch_loss_ = kNaN;
    best_epoch_ = -1;
    best_loss_ = kNaN;
    train_loss_.clear();
    validation_loss_.clear();
    train_accuracy_.clear();
    validation_accuracy_.clear();
    Record();
    if (!std::isfinite(train_loss_.back())) Diverge(0, "the loss of the untrained model is not a finite number");
}

//-----------------------------------------------------------------------------
// [SECTION] Trainer: stepping
//-----------------------------------------------------------------------------

int Trainer::batch_size() const {
    const int n = train_.size();
    if (settings_.mode == BatchMode::Stochastic) return 1;
    if (settings_.mode == BatchMode::Batch || settings_.batch_size > n) return n > 0 ? n : 1;
    return settings_.batch_size;
}

int Trainer::steps_per_epoch() const {
    const int b = batch_size();
    return (train_.size() + b - 1) / b;
}

void Trainer::Record() {
    double loss, accuracy;
    net_.Evaluate(train_, &loss, &accuracy);
    train_loss_.push_back(loss);
    train_accuracy_.push_back(accuracy);
    net_.Evaluate(validation_, &loss, &accuracy);
    validation_loss_.push_back(loss);
    validation_accuracy_.push_back(accuracy);
    if (std::isfinite(loss) && (best_epoch_ < 0 || loss < best_loss_)) {
        best_epoch_ = epoch_;
        best_loss_ = loss;
        best_params_ = net_.params();
    }
}

double Trainer::WeightNorm() const {
    double sum = 0.0;
    for (int l = 0; l < net_.layers(); ++l)
        for (int k = net_.weight_offset(l); k < net_.bias_offset(l); ++k) sum += net_.params()[size_t(k)] * net_.params()[size_t(k)];
    return std::sqrt(sum);
}

void Trainer::Diverge(int epoch, const char* what) {
    status_ = TrainStatus::Diverged;
    diverged_epoch_ = epoch;
    char msg[220];
    std::snprintf(msg, sizeof msg, "Training stopped in epoch %d: %s.%s", diverged_epoch_, what,
                  epoch > 0 ? " The learning rate is probably too high." : " The data's values may be too large.");
    message_ = msg;
}

// One update on the next batch of this epoch: the optimizer follows g + l2 w for the
// weights and g for the biases (with "gd": w <- w - eta (g + l2 w), b <- b - eta g).
bool Trainer::Step() {
    const int n = train_.size();
    if (status_ != TrainStatus::Running || !net_.ready() || n == 0) return false;
    const int count = batch_size() < n - cursor_ ? batch_size() : n - cursor_;
    const double loss = net_.BatchGradient(train_.x.data(), train_.y.data(), order_.data() + cursor_, count);
    last_batch_loss_ = loss;
    if (!std::isfinite(loss)) {
        // the update would be meaningless: it is not taken
        Diverge(epoch_ + 1, "the loss became infinite or not a number");
        return false;
    }
    const double l2 = settings_.l2;
    std::vector<double>& params = net_.params();
    double* p = params.data();
    const double* g = net_.grads().data();
    double* e = step_grad_.data();
    for (int l = 0; l < net_.layers(); ++l) {
        const int w0 = net_.weight_offset(l), b0 = net_.bias_offset(l);
        const int bn = net_.width(l + 1);
        for (int k = w0; k < b0; ++k) e[k] = g[k] + l2 * p[k];
        for (int k = b0; k < b0 + bn; ++k) e[k] = g[k];
    }
    opt_->Step(params, step_grad_);
    double check = 0.0; // non-finite if any updated parameter is
    for (double v : params) check += v * 0.0;
    cursor_ += count;
    ++step_;
    ++step_in_epoch_;
    if (!std::isfinite(check)) {
        Diverge(epoch_ + 1, "the weights became infinite or not a number");
        return true;
    }
    if (cursor_ >= n) EndEpoch();
    return true;
}

void Trainer::EndEpoch() {
    ++epoch_;
    step_in_epoch_ = 0;
    cursor_ = 0;
    Record();
    if (settings_.shuffle) Shuffle(order_.data(), static_cast<int>(order_.size()), shuffle_rng_);
    if (!std::isfinite(train_loss_.back())) Diverge(epoch_, "the loss became infinite or not a number");
    else if (settings_.patience > 0 && best_epoch_ >= 0 && epoch_ - best_epoch_ >= settings_.patience) {
        // early stopping: back to the weights of the best validation epoch
        net_.params() = best_params_;
        status_ = TrainStatus::Stopped;
        char msg[200];
        std::snprintf(msg, sizeof msg, "Stopped early after epoch %d: the validation loss has not improved for %d epochs, "
                      "so the weights of epoch %d (the lowest validation loss) are back.", epoch_, settings_.patience, best_epoch_);
        message_ = msg;
    }
}

double Trainer::EpochWork() const {
    return static_cast<double>(net_.params().size()) * (4.0 * train_.size() + validation_.size());
}
static std::string WorkLimitMessage(const char* what) {
    return std::string(what) + " would take too long: one call may do at most " +
           std::to_string(static_cast<long long>(Trainer::kMaxCallWork)) + " example x parameter products (the training work limit).";
}
std::string Trainer::CheckEpochs(int n) const {
    return n * EpochWork() > kMaxCallWork ? WorkLimitMessage("That many epochs") : "";
}
std::string Trainer::CheckSteps(int n) const {
    // n steps, and the evaluation of both sets at the end of every epoch they complete
    const double params = static_cast<double>(net_.params().size()), batch = batch_size();
    const double epochs = n * batch / std::max(1, train_.size()) + 1;
    return params * (3.0 * n * batch + epochs * (train_.size() + validation_.size())) > kMaxCallWork
               ? WorkLimitMessage("That many steps")
               : "";
}
std::string Trainer::CheckPredictions(double points) const {
    return points * static_cast<double>(net_.params().size()) > kMaxCallWork ? WorkLimitMessage("That many predictions")
                                                                            : "";
}

int Trainer::TrainSteps(int n) {
    int taken = 0;
    while (taken < n && Step()) ++taken;
    return taken;
}

int Trainer::TrainEpoch() {
    int taken = 0;
    while (status_ == TrainStatus::Running && Step()) {
        ++taken;
        if (step_in_epoch_ == 0) break;
    }
    return taken;
}

//-----------------------------------------------------------------------------
// [SECTION] Trainer: predictions
//-----------------------------------------------------------------------------

std::vector<double> Trainer::Predict(const std::vector<double>& x) {
    const int in = net_.inputs(), out = net_.outputs();
    if (in <= 0) return {};
    const size_t count = x.size() / static_cast<size_t>(in);
    std::vector<double> result(count * static_cast<size_t>(out));
    for (size_t i = 0; i < count; ++i) net_.Predict(x.data() + i * in, result.data() + i * out);
    return result;
}

std::vector<double> Trainer::PredictGrid(double x0, double x1, int nx, double y0, double y1, int ny) {
    if (net_.inputs() != 2 || nx < 1 || ny < 1 || nx > kMaxGrid || ny > kMaxGrid) return {};
    const int out = net_.outputs();
    std::vector<double> result(static_cast<size_t>(nx) * ny * out);
    const double dx = nx > 1 ? (x1 - x0) / (nx - 1) : 0.0;
    const double dy = ny > 1 ? (y1 - y0) / (ny - 1) : 0.0;
    double point[2];
    for (int j = 0; j < ny; ++j) {
        point[1] = j + 1 == ny && ny > 1 ? y1 : y0 + j * dy;
        for (int i = 0; i < nx; ++i) {
            point[0] = i + 1 == nx && nx > 1 ? x1 : x0 + i * dx;
            net_.Predict(point, result.data() + (static_cast<size_t>(j) * nx + i) * out);
        }
    }
    return result;
}

std::vector<double> Trainer::PredictLine(double x0, double x1, int n) {
    if (net_.inputs() != 1 || n < 1 || n > kMaxGrid * kMaxGrid) return {};
    const int out = net_.outputs();
    std::vector<double> result(static_cast<size_t>(n) * out);
    const double dx = n > 1 ? (x1 - x0) / (n - 1) : 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = i + 1 == n && n > 1 ? x1 : x0 + i * dx;
        net_.Predict(&x, result.data() + static_cast<size_t>(i) * out);
    }
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Trainer: inspection
//-----------------------------------------------------------------------------

std::string Trainer::Inspect(const std::vector<double>& x, double y) {
    if (!net_.ready()) return "There is no model yet.";
    if (static_cast<int>(x.size()) != net_.inputs()) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "The example needs %d input value(s).", net_.inputs());
        return msg;
    }
    for (double v : x)
        if (!std::isfinite(v)) return "The example's inputs must be numbers.";
    if (!std::isfinite(y)) return "The example's target must be a number.";
    if (net_.is_classifier() && (y < 0 || y >= net_.classes() || y != std::floor(y)))
        return "The example's target must be a class index.";
    net_.ZeroGradients();
    net_.AddExampleGradient(x.data(), y);
    return "";
}

std::vector<double> Trainer::Slice(const std::vector<double>& v, int offset, int count) const {
    if (offset < 0 || count <= 0) return {};
    return std::vector<double>(v.begin() + offset, v.begin() + offset + count);
}

std::vector<double> Trainer::Activations(int k) const {
    const double* a = net_.activations(k);
    return a ? std::vector<double>(a, a + net_.width(k)) : std::vector<double>();
}

std::vector<double> Trainer::PreActivations(int k) const {
    const double* z = net_.pre_activations(k);
    return z ? std::vector<double>(z, z + net_.width(k)) : std::vector<double>();
}

std::vector<double> Trainer::Weights(int l) const {
    return Slice(net_.params(), net_.weight_offset(l), net_.width(l) * net_.width(l + 1));
}
std::vector<double> Trainer::Biases(int l) const { return Slice(net_.params(), net_.bias_offset(l), net_.width(l + 1)); }
std::vector<double> Trainer::WeightGrads(int l) const {
    return Slice(net_.grads(), net_.weight_offset(l), net_.width(l) * net_.width(l + 1));
}
std::vector<double> Trainer::BiasGrads(int l) const { return Slice(net_.grads(), net_.bias_offset(l), net_.width(l + 1)); }

} // namespace downhill
