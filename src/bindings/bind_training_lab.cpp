// bind_training_lab.cpp: the JavaScript API of the training lab widget (Embind).
//
//   const lab = new M.TrainingLab();           // circle data, 4-2 tanh MLP, BCE, mini-batch 10, eta 0.03
//   lab.configure({ dataset: 'spiral', hidden: '8,8', lr: 0.1 });   // the schema's names; RangeError on refusal
//   lab.setPlaying(true); lab.trainEpochs(5); lab.state(); lab.history();
//   lab.setPointsCsv('x,y,label\n1,2,0\n...');   // your own data: "" or the message naming the line
//   const p = lab.pointFromCanvas(px, py, w, h); lab.addPoint(p.x, p.y, 1);
//   M.showTrainingLab(lab);                    // draw it on this module's canvas
//
// Index
//   [SECTION] Settings in the schema's names
//   [SECTION] TrainingLab
#include <emscripten/bind.h>

#include <cmath>
#include <string>

#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "bindings/optimizer_js.hpp"
#include "bindings/play.hpp"
#include "model/training_lab_model.hpp"
#include "views/training_lab_view.hpp"
#include "core/loss_curve.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::TrainingLabModel;
using model::TrainingLabSettings;

//-----------------------------------------------------------------------------
// [SECTION] Settings
//-----------------------------------------------------------------------------

// { dataset, noise, points, train, outlier, model, hidden, activation, loss, mode, batch, lr,
// optimizer, schedule, seed, l2, patience, test }: any of them; the others keep their current values. A new
// optimizer starts from its table defaults (momentum, betas, ...); a schedule is a kind
// name paced for training (TrainingSchedule).
TrainingLabSettings Read(bind::Reader& r, const val& o, TrainingLabSettings s) {
    if (o.isUndefined() || o.isNull() || bind::TypeOf(o) != "object") {
        r.Fail("configure() takes an object of settings.");
        return s;
    }
    const std::string data = r.String(o, "dataset", DatasetKindName(s.data.kind));
    if (!r.failed && !ParseDatasetKind(data, &s.data.kind)) r.Unknown("dataset", data);
    s.data.noise = r.Number(o, "noise", s.data.noise);
    s.data.points = r.Integer(o, "points", s.data.points, 2, DatasetSettings::kMaxPoints);
    s.data.train_fraction = r.Number(o, "train", s.data.train_fraction);
    s.data.outlier = r.Number(o, "outlier", s.data.outlier);
    const std::string model = r.String(o, "model", ModelKindName(s.model.kind));
    if (!r.failed && !ParseModelKind(model, &s.model.kind)) r.Unknown("model", model);
    if (bind::Has(o, "hidden")) {
        const std::string text = r.String(o, "hidden", "");
        if (!r.failed && !ParseHiddenLayers(text, &s.model.hidden))
            r.Fail("Write the hidden layers as unit counts separated by commas, like 4,2 (not “%.40s”).", text.c_str());
    }
    const std::string act = r.String(o, "activation", ActivationName(s.model.activation));
    if (!r.failed && !ParseActivation(act, &s.model.activation)) r.Unknown("activation", act);
    const std::string loss = r.String(o, "loss", LossKindName(s.model.loss));
    if (!r.failed && !ParseLossKind(loss, &s.model.loss)) r.Unknown("loss", loss);
    const std::string mode = r.String(o, "mode", BatchModeName(s.train.mode));
    if (!r.failed && !ParseBatchMode(mode, &s.train.mode)) r.Unknown("batch mode", mode);
    s.train.batch_size = r.Integer(o, "batch", s.train.batch_size, 1, DatasetSettings::kMaxPoints);
    s.train.learning_rate = r.Number(o, "lr", s.train.learning_rate);
    const std::string optimizer = r.String(o, "optimizer", s.train.optimizer.c_str());
    if (!r.failed && !FindOptimizer(optimizer)) r.Unknown("optimizer", optimizer);
    if (!r.failed && optimizer != s.train.optimizer) {
        const Schedule keep = s.train.optimizer_settings.schedule;
        s.train.optimizer = optimizer;
        s.train.optimizer_settings = DefaultOptimizerSettings(optimizer);
        s.train.optimizer_settings.schedule = keep;
    }
    const std::string schedule = r.String(o, "schedule", ScheduleKindName(s.train.optimizer_settings.schedule.kind));
    ScheduleKind kind = s.train.optimizer_settings.schedule.kind;
    if (!r.failed && !ParseScheduleKind(schedule, &kind)) r.Unknown("schedule", schedule);
    if (!r.failed && kind != s.train.optimizer_settings.schedule.kind) s.train.optimizer_settings.schedule = TrainingSchedule(kind);
    s.train.l2 = r.Number(o, "l2", s.train.l2);
    s.train.patience = r.Integer(o, "patience", s.train.patience, 0, TrainSettings::kMaxPatience);
    s.data.test_fraction = r.Number(o, "test", s.data.test_fraction);
    const int seed = r.Integer(o, "seed", int(s.train.seed), 0, 2147483647);
    s.train.seed = uint32_t(seed);
    s.data.seed = uint32_t(seed);
    return s;
}

val SettingsToJs(const TrainingLabSettings& s) {
    val o = val::object();
    o.set("dataset", std::string(DatasetKindName(s.data.kind)));
    o.set("noise", s.data.noise);
    o.set("points", s.data.points);
    o.set("train", s.data.train_fraction);
    o.set("outlier", s.data.outlier);
    o.set("model", std::string(ModelKindName(s.model.kind)));
    o.set("hidden", FormatHiddenLayers(s.model.hidden));
    o.set("activation", std::string(ActivationName(s.model.activation)));
    o.set("loss", std::string(LossKindName(s.model.loss)));
    o.set("mode", std::string(BatchModeName(s.train.mode)));
    o.set("batch", s.train.batch_size);
    o.set("lr", s.train.learning_rate);
    o.set("optimizer", s.train.optimizer);
    o.set("schedule", std::string(ScheduleKindName(s.train.optimizer_settings.schedule.kind)));
    o.set("seed", s.train.seed);
    o.set("l2", s.train.l2);
    o.set("patience", s.train.patience);
    o.set("test", s.data.test_fraction);
    return o;
}

//-----------------------------------------------------------------------------
// [SECTION] TrainingLab
//-----------------------------------------------------------------------------

bool ConfigureImpl(TrainingLabModel& h, const val& o) {
    bind::Reader r;
    const TrainingLabSettings s = Read(r, o, h.settings);
    return r.failed || bind::Refused(h.Configure(s));
}
void Configure(TrainingLabModel& h, val o) { if (ConfigureImpl(h, o)) bind::Refuse(); }
bool PresetImpl(TrainingLabModel& h, const val& v) {
    const std::string name = v.isString() ? v.as<std::string>() : std::string();
    PresetKind k;
    if (name.size() > 60 || !ParsePresetKind(name, &k)) {
        bind::Reader r;
        r.Unknown("preset", name);
        return true;
    }
    return bind::Refused(h.ApplyPreset(k));
}
void ApplyPreset(TrainingLabModel& h, val name) { if (PresetImpl(h, name)) bind::Refuse(); }
void SetLearningRate(TrainingLabModel& h, double lr) { if (bind::Refused(h.SetLearningRate(lr))) bind::Refuse(); }
int TrainEpochs(TrainingLabModel& h, int n) {
    if (bind::RefuseIf(n < 0 || n > TrainingLabModel::kMaxEpochs, "trainEpochs(n) takes 0 <= n <= 5000.")) return 0;
    if (bind::Refused(h.trainer.CheckEpochs(n))) { bind::Refuse(); return 0; }
    return h.Epochs(n);
}

// How the loss curve reads (core/loss_curve.hpp's CurveReading).
struct CurveState {
    std::string shape;
    int bestEpoch;
    double bestLoss;
    int risingFor, window;
    double recentChange, startLoss;
};
// Everything the page shows about the run, in one plain object.
struct TrainingLabState {
    int epoch, step, stepsPerEpoch, batchSize, trainSize, validationSize, classes;
    double trainLoss, validationLoss, trainAccuracy, validationAccuracy;
    std::string status, message;
    int divergedEpoch;
    bool playing;
    double speed;        // epochs per second
    int maxEpochs;
    double learningRate;
    double learningRateNow; // after the schedule
    uint32_t version;
    CurveState curve;
    int bestEpoch;          // the trainer's: lowest validation loss (early stopping keeps it)
    double bestLoss;
    double weightNorm;      // sqrt(sum of squared weights), biases left out
    int testSize;
    bool finished;          // Finish() has measured the test set
    double testLoss, testAccuracy; // NaN until then
};

TrainingLabState State(const TrainingLabModel& h) {
    const Trainer& t = h.trainer;
    const CurveReading c = h.Reading();
    return {t.epoch(), t.step(), t.steps_per_epoch(), t.batch_size(), t.train_data().size(),
            t.validation_data().size(), t.train_data().classes, t.train_loss().back(), t.validation_loss().back(),
            t.train_accuracy().back(), t.validation_accuracy().back(), TrainStatusName(t.status()), t.message(),
            t.diverged_epoch(), h.playing, h.steps_per_second, TrainingLabModel::kMaxEpochs,
            t.train_settings().learning_rate, t.current_learning_rate(), h.version,
            CurveState{CurveShapeName(c.shape), c.best_epoch, c.best_loss, c.rising_for, c.window, c.recent_change,
                       c.start_loss},
            t.best_epoch(), t.best_validation_loss(), t.WeightNorm(), t.test_data().size(), h.finished, h.test_loss,
            h.test_accuracy};
}
// The learning rate the schedule gives at the start of epochs 0..n (its first step's).
val Rates(const TrainingLabModel& h, int n) {
    if (bind::RefuseIf(n < 0 || n > TrainingLabModel::kMaxEpochs, "rates(n) takes 0 <= n <= 5000.")) return val::null();
    std::vector<double> r(size_t(n) + 1);
    for (int e = 0; e <= n; ++e) r[size_t(e)] = h.trainer.ScheduledRate(long(e) * h.trainer.steps_per_epoch());
    return bind::F64(r);
}
val History(const TrainingLabModel& h) {
    val o = val::object();
    o.set("trainLoss", bind::F64(h.trainer.train_loss()));
    o.set("validationLoss", bind::F64(h.trainer.validation_loss()));
    o.set("trainAccuracy", bind::F64(h.trainer.train_accuracy()));
    o.set("validationAccuracy", bind::F64(h.trainer.validation_accuracy()));
    return o;
}
val DataToJs(const Dataset& d) {
    val o = val::object();
    o.set("inputs", d.inputs);
    o.set("classes", d.classes);
    o.set("size", d.size());
    o.set("x", bind::F64(d.x));
    o.set("y", bind::F64(d.y));
    o.set("outlier", d.outlier);
    return o;
}
// Every weight layer: { rows, cols, weights (rows x cols, row-major), biases }.
val Parameters(const TrainingLabModel& h) {
    const Trainer& t = h.trainer;
    val out = val::array();
    for (int l = 0; l < t.layers(); ++l) {
        val L = val::object();
        L.set("rows", t.width(l + 1));
        L.set("cols", t.width(l));
        L.set("weights", bind::F64(t.Weights(l)));
        L.set("biases", bind::F64(t.Biases(l)));
        out.set(l, L);
    }
    return out;
}
// The data plot's range: { xLo, xHi, yLo, yHi }.
val PlotRange(const TrainingLabModel& h) {
    val o = val::object();
    o.set("xLo", h.x_lo);
    o.set("xHi", h.x_hi);
    o.set("yLo", h.y_lo);
    o.set("yHi", h.y_hi);
    return o;
}
// The learner's own points (kept while another dataset is chosen): { points, classes, link }
// (link: their link form, "" above kMaxLinkPoints).
val OwnData(const TrainingLabModel& h) {
    const Dataset& d = h.settings.data.own;
    val o = val::object();
    o.set("points", d.size());
    o.set("classes", d.classes);
    o.set("link", WriteOwnLink(d));
    return o;
}
// The data point under a canvas point (CSS pixels): { x, y }, or null off the data plot
// (or when the data is not 2-D).
val PointFromCanvas(const TrainingLabModel& h, double px, double py, double css_w, double css_h) {
    double x = 0, y = 0;
    if (!views::TrainingLabDataAt(h, float(css_w), float(css_h), float(px), float(py), &x, &y)) return val::null();
    val o = val::object();
    o.set("x", x);
    o.set("y", y);
    return o;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_training_lab) {
    value_object<CurveState>("TrainingCurveState")
        .field("shape", &CurveState::shape)
        .field("bestEpoch", &CurveState::bestEpoch)
        .field("bestLoss", &CurveState::bestLoss)
        .field("risingFor", &CurveState::risingFor)
        .field("window", &CurveState::window)
        .field("recentChange", &CurveState::recentChange)
        .field("startLoss", &CurveState::startLoss);
    value_object<TrainingLabState>("TrainingLabState")
        .field("epoch", &TrainingLabState::epoch)
        .field("step", &TrainingLabState::step)
        .field("stepsPerEpoch", &TrainingLabState::stepsPerEpoch)
        .field("batchSize", &TrainingLabState::batchSize)
        .field("trainSize", &TrainingLabState::trainSize)
        .field("validationSize", &TrainingLabState::validationSize)
        .field("classes", &TrainingLabState::classes)
        .field("trainLoss", &TrainingLabState::trainLoss)
        .field("validationLoss", &TrainingLabState::validationLoss)
        .field("trainAccuracy", &TrainingLabState::trainAccuracy)
        .field("validationAccuracy", &TrainingLabState::validationAccuracy)
        .field("status", &TrainingLabState::status)
        .field("message", &TrainingLabState::message)
        .field("divergedEpoch", &TrainingLabState::divergedEpoch)
        .field("playing", &TrainingLabState::playing)
        .field("speed", &TrainingLabState::speed)
        .field("maxEpochs", &TrainingLabState::maxEpochs)
        .field("learningRate", &TrainingLabState::learningRate)
        .field("learningRateNow", &TrainingLabState::learningRateNow)
        .field("version", &TrainingLabState::version)
        .field("curve", &TrainingLabState::curve)
        .field("bestEpoch", &TrainingLabState::bestEpoch)
        .field("bestLoss", &TrainingLabState::bestLoss)
        .field("weightNorm", &TrainingLabState::weightNorm)
        .field("testSize", &TrainingLabState::testSize)
        .field("finished", &TrainingLabState::finished)
        .field("testLoss", &TrainingLabState::testLoss)
        .field("testAccuracy", &TrainingLabState::testAccuracy);
    bind::BindPlay(class_<TrainingLabModel>("TrainingLab")
        .constructor<>()
        .function("configure", &Configure)
        .function("preset", &ApplyPreset)
        .function("setLearningRate", &SetLearningRate)
        .function("trainEpochs", &TrainEpochs)
        .function("state", &State)
        .function("history", &History)
        .function("rates", &Rates)
        // Ends the run and measures the test set once: "" or why not.
        .function("finish", +[](TrainingLabModel& h) { return h.Finish(); })
        .function("testData", +[](const TrainingLabModel& h) { return DataToJs(h.trainer.test_data()); })
        .function("settings", +[](const TrainingLabModel& h) { return SettingsToJs(h.settings); })
        .function("trainData", +[](const TrainingLabModel& h) { return DataToJs(h.trainer.train_data()); })
        .function("validationData", +[](const TrainingLabModel& h) { return DataToJs(h.trainer.validation_data()); })
        .function("parameters", &Parameters)
        .function("plotRange", &PlotRange)
        // Your own data: each returns "" or the learner-worded reason it was refused.
        .function("setPointsCsv", +[](TrainingLabModel& h, const std::string& csv) { return h.SetOwnCsv(csv); })
        .function("setPointsLink", +[](TrainingLabModel& h, const std::string& text) { return h.SetOwnLink(text); })
        .function("addPoint", +[](TrainingLabModel& h, double x, double y, int label) { return h.AddPoint(x, y, label); })
        .function("removePointNear", +[](TrainingLabModel& h, double x, double y) { return h.RemovePointNear(x, y); })
        .function("pointsCsv", +[](const TrainingLabModel& h) { return WriteOwnCsv(h.settings.data.own); })
        .function("ownData", &OwnData)
        .function("pointFromCanvas", &PointFromCanvas)
        .class_function("optimizers", &bind::OptimizerTableJs)); // the optimizer table, as optimizerTable()
    function("showTrainingLab", &app::Show<TrainingLabModel>, allow_raw_pointers());
}
