// bind_train.cpp: the JavaScript API of the training core: seeded datasets, models,
// the trainer with its history, predictions and backpropagation inspection (Embind).
// Documented in src/bindings/API.md ("Training").
//
// Index
//   [SECTION] Settings objects from JavaScript
//   [SECTION] Trainer
#include <emscripten/bind.h>

#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "bindings/optimizer_js.hpp"
#include "core/train/datasets.hpp"
#include "core/train/network.hpp"
#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"

using namespace emscripten;
using namespace downhill;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Settings objects
//-----------------------------------------------------------------------------

// { kind, points, noise, trainFraction, seed, slope, intercept, outlier }
DatasetSettings ReadDataset(bind::Reader& r, const val& o) {
    DatasetSettings d;
    const std::string kind = r.String(o, "kind", DatasetKindName(d.kind));
    if (!r.failed && !ParseDatasetKind(kind, &d.kind)) r.Unknown("dataset", kind);
    d.points = r.Integer(o, "points", d.points, 2, DatasetSettings::kMaxPoints);
    d.noise = r.Number(o, "noise", d.noise);
    d.train_fraction = r.Number(o, "trainFraction", d.train_fraction);
    d.seed = uint32_t(r.Integer(o, "seed", int(d.seed), 0, 2147483647));
    d.slope = r.Number(o, "slope", d.slope);
    d.intercept = r.Number(o, "intercept", d.intercept);
    d.outlier = r.Number(o, "outlier", d.outlier);
    return d;
}
// { kind, hidden: "4,2" | [4, 2], activation, loss, huberDelta }
ModelSettings ReadModel(bind::Reader& r, const val& o) {
    ModelSettings m;
    const std::string kind = r.String(o, "kind", ModelKindName(m.kind));
    if (!r.failed && !ParseModelKind(kind, &m.kind)) r.Unknown("model", kind);
    if (bind::Has(o, "hidden")) {
        const val h = o["hidden"];
        const std::string text = h.isString() ? r.String(o, "hidden", "") : val::global("String")(h).as<std::string>();
        if (!r.failed && (text.size() > 200 || !ParseHiddenLayers(text, &m.hidden))) r.Unknown("hidden layer list", text);
    }
    const std::string act = r.String(o, "activation", ActivationName(m.activation));
    if (!r.failed && !ParseActivation(act, &m.activation)) r.Unknown("activation", act);
    const std::string loss = r.String(o, "loss", LossKindName(m.loss));
    if (!r.failed && !ParseLossKind(loss, &m.loss)) r.Unknown("loss", loss);
    m.huber_delta = r.Number(o, "huberDelta", m.huber_delta);
    return m;
}
// { mode, batchSize, learningRate, l2, seed, shuffle, optimizer, optimizerSettings: { momentum,
//   rho, beta1, beta2, epsilon, noise, seed }, schedule: { kind, stepSize, gamma, period, minFactor } }
TrainSettings ReadTrain(bind::Reader& r, const val& o) {
    TrainSettings t;
    const std::string mode = r.String(o, "mode", BatchModeName(t.mode));
    if (!r.failed && !ParseBatchMode(mode, &t.mode)) r.Unknown("batch mode", mode);
    t.batch_size = r.Integer(o, "batchSize", t.batch_size, 1, DatasetSettings::kMaxPoints);
    t.learning_rate = r.Number(o, "learningRate", t.learning_rate);
    t.l2 = r.Number(o, "l2", t.l2);
    t.seed = uint32_t(r.Integer(o, "seed", int(t.seed), 0, 2147483647));
    t.shuffle = r.Bool(o, "shuffle", t.shuffle);
    t.optimizer = r.String(o, "optimizer", t.optimizer.c_str());
    if (!r.failed && !FindOptimizer(t.optimizer)) r.Unknown("optimizer", t.optimizer);
    if (r.failed) return t;
    t.optimizer_settings =
        bind::ReadOptimizer(r, t.optimizer, r.Object(o, "optimizerSettings"));
    if (bind::Has(o, "schedule")) t.optimizer_settings.schedule = bind::ReadSchedule(r, r.Object(o, "schedule"));
    return t;
}
val DatasetToJs(const Dataset& d) {
    val o = val::object();
    o.set("inputs", d.inputs);
    o.set("classes", d.classes);
    o.set("size", d.y.size());
    o.set("x", bind::F64(d.x));
    o.set("y", bind::F64(d.y));
    o.set("outlier", d.outlier);
    return o;
}

//-----------------------------------------------------------------------------
// [SECTION] Trainer
//-----------------------------------------------------------------------------

// configure({ dataset: {...}, model: {...}, train: {...} }): any part may be left out.
// Each *Impl returns true when it refused (the message is pending); its caller then
// marks the refusal (bind::Refuse) and returns.
bool ConfigureImpl(Trainer& t, const val& cfg) {
    bind::Reader r;
    const DatasetSettings d = ReadDataset(r, r.Object(cfg, "dataset"));
    const ModelSettings m = ReadModel(r, r.Object(cfg, "model"));
    const TrainSettings s = ReadTrain(r, r.Object(cfg, "train"));
    return r.failed || bind::Refused(t.Configure(d, m, s));
}
void Configure(Trainer& t, val cfg) { if (ConfigureImpl(t, cfg)) bind::Refuse(); }
// (Names arrive as val; api.js has checked their type and length before the call.)
bool PresetImpl(Trainer& t, const val& v) {
    bind::Reader r;
    const std::string name = v.isString() ? v.as<std::string>() : std::string();
    PresetKind k;
    if (name.size() > 200 || !ParsePresetKind(name, &k)) { r.Unknown("preset", name.substr(0, 60)); return true; }
    return bind::Refused(ConfigurePreset(&t, k));
}
void ApplyPreset(Trainer& t, val name) { if (PresetImpl(t, name)) bind::Refuse(); }
void SetLearningRate(Trainer& t, double lr) { if (bind::Refused(t.SetLearningRate(lr))) bind::Refuse(); }
int TrainSteps(Trainer& t, int n) {
    if (bind::RefuseIf(n < 0 || n > 10000000, "trainSteps(n) takes 0 <= n <= 10000000.")) return 0;
    if (bind::Refused(t.CheckSteps(n))) { bind::Refuse(); return 0; }
    return t.TrainSteps(n);
}
int TrainEpochs(Trainer& t, int n) {
    if (bind::RefuseIf(n < 0 || n > 100000, "trainEpochs(n) takes 0 <= n <= 100000.")) return 0;
    if (bind::Refused(t.CheckEpochs(n))) { bind::Refuse(); return 0; }
    int done = 0;
    for (; done < n && t.status() == TrainStatus::Running; ++done) t.TrainEpoch();
    return done;
}
val State(Trainer& t) {
    val o = val::object();
    o.set("epoch", t.epoch());
    o.set("step", t.step());
    o.set("stepInEpoch", t.step_in_epoch());
    o.set("batchSize", t.batch_size());
    o.set("stepsPerEpoch", t.steps_per_epoch());
    o.set("status", std::string(TrainStatusName(t.status())));
    o.set("message", t.message());
    o.set("divergedEpoch", t.diverged_epoch());
    o.set("trainLoss", t.train_loss().back());
    o.set("validationLoss", t.validation_loss().back());
    o.set("trainAccuracy", t.train_accuracy().back());
    o.set("validationAccuracy", t.validation_accuracy().back());
    o.set("inputs", t.inputs());
    o.set("outputs", t.outputs());
    o.set("classifier", t.is_classifier());
    o.set("learningRateNow", t.current_learning_rate());
    return o;
}
val History(const Trainer& t) {
    val o = val::object();
    o.set("trainLoss", bind::F64(t.train_loss()));
    o.set("validationLoss", bind::F64(t.validation_loss()));
    o.set("trainAccuracy", bind::F64(t.train_accuracy()));
    o.set("validationAccuracy", bind::F64(t.validation_accuracy()));
    return o;
}
val Settings(const Trainer& t) {
    const DatasetSettings& d = t.data_settings();
    const ModelSettings& m = t.model_settings();
    const TrainSettings& s = t.train_settings();
    val ds = val::object(), ms = val::object(), ts = val::object(), o = val::object();
    ds.set("kind", std::string(DatasetKindName(d.kind)));
    ds.set("points", d.points);
    ds.set("noise", d.noise);
    ds.set("trainFraction", d.train_fraction);
    ds.set("seed", d.seed);
    ms.set("kind", std::string(ModelKindName(m.kind)));
    ms.set("hidden", FormatHiddenLayers(m.hidden));
    ms.set("activation", std::string(ActivationName(m.activation)));
    ms.set("loss", std::string(LossKindName(m.loss)));
    ts.set("mode", std::string(BatchModeName(s.mode)));
    ts.set("batchSize", s.batch_size);
    ts.set("learningRate", s.learning_rate);
    ts.set("seed", s.seed);
    ts.set("optimizer", s.optimizer);
    ts.set("optimizerSettings", bind::OptimizerToJs(s.optimizer_settings));
    ts.set("schedule", bind::ScheduleToJs(s.optimizer_settings.schedule));
    o.set("dataset", ds);
    o.set("model", ms);
    o.set("train", ts);
    return o;
}
bool PredictImpl(Trainer& t, const val& x, val* out) {
    bind::Reader r;
    const std::vector<double> in = r.Numbers(x, "predict(x)", 1000000);
    if (!r.failed && (t.inputs() == 0 || in.size() % size_t(t.inputs()) != 0))
        r.Fail("predict(x) takes whole points: %d numbers per point.", t.inputs());
    if (!r.failed && bind::Refused(t.CheckPredictions(double(in.size()) / t.inputs()))) return true;
    if (!r.failed) *out = bind::F64(t.Predict(in));
    return r.failed;
}
val Predict(Trainer& t, val x) {
    val out = val::undefined();
    if (PredictImpl(t, x, &out)) bind::Refuse();
    return out;
}
val PredictGrid(Trainer& t, double x0, double x1, int nx, double y0, double y1, int ny) {
    if (bind::RefuseIf(!(std::isfinite(x0) && std::isfinite(x1) && std::isfinite(y0) && std::isfinite(y1)),
                       "predictGrid takes finite bounds.") ||
        bind::RefuseIf(nx < 1 || ny < 1 || nx > 1024 || ny > 1024, "predictGrid takes 1 to 1024 points per side.") ||
        bind::RefuseIf(t.inputs() != 2, "predictGrid needs a model with two inputs."))
        return val::undefined();
    if (bind::Refused(t.CheckPredictions(double(nx) * ny))) { bind::Refuse(); return val::undefined(); }
    return bind::F64(t.PredictGrid(x0, x1, nx, y0, y1, ny));
}
val PredictLine(Trainer& t, double x0, double x1, int n) {
    if (bind::RefuseIf(!(std::isfinite(x0) && std::isfinite(x1)), "predictLine takes finite bounds.") ||
        bind::RefuseIf(n < 1 || n > 100000, "predictLine takes 1 to 100000 points.") ||
        bind::RefuseIf(t.inputs() != 1, "predictLine needs a model with one input."))
        return val::undefined();
    if (bind::Refused(t.CheckPredictions(n))) { bind::Refuse(); return val::undefined(); }
    return bind::F64(t.PredictLine(x0, x1, n));
}
// inspect([x...], y): one example forward and backward, nothing updated. Returns every
// layer's values and every weight's gradient.
bool InspectImpl(Trainer& t, const val& x, double y) {
    bind::Reader r;
    const std::vector<double> in = r.Numbers(x, "inspect(x)", 64);
    return r.failed || bind::Refused(t.Inspect(in, y));
}
val Inspect(Trainer& t, val x, double y) {
    if (InspectImpl(t, x, y)) { bind::Refuse(); return val::undefined(); }
    val layers = val::array();
    for (int k = 0; k <= t.layers(); ++k) {
        val L = val::object();
        L.set("activations", bind::F64(t.Activations(k)));
        L.set("preActivations", bind::F64(t.PreActivations(k)));
        if (k < t.layers()) {
            L.set("weights", bind::F64(t.Weights(k)));
            L.set("biases", bind::F64(t.Biases(k)));
            L.set("weightGrads", bind::F64(t.WeightGrads(k)));
            L.set("biasGrads", bind::F64(t.BiasGrads(k)));
        }
        layers.set(k, L);
    }
    return layers;
}
val PresetNames() {
    val out = val::array();
    int i = 0;
    for (PresetKind k : {PresetKind::Playground, PresetKind::Spiral, PresetKind::Overfit, PresetKind::Line,
                         PresetKind::Blobs, PresetKind::Xor, PresetKind::ThreeClass}) {
        val o = val::object();
        o.set("name", std::string(PresetName(k)));
        o.set("description", std::string(PresetDescription(k)));
        out.set(i++, o);
    }
    return out;
}
// makeDataset({...}): the seeded data and its split, without a model.
bool MakeDatasetImpl(const val& cfg, val* out) {
    bind::Reader r;
    const DatasetSettings d = ReadDataset(r, cfg);
    if (r.failed) return true;
    Dataset train, validation;
    if (bind::Refused(MakeSplit(d, &train, &validation))) return true;
    *out = val::object();
    out->set("train", DatasetToJs(train));
    out->set("validation", DatasetToJs(validation));
    return false;
}
val MakeDatasetJs(val cfg) {
    val out = val::undefined();
    if (MakeDatasetImpl(cfg, &out)) bind::Refuse();
    return out;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_train) {
    class_<Trainer>("Trainer")
        .constructor<>()
        .function("configure", &Configure)
        .function("preset", &ApplyPreset)
        .function("setLearningRate", &SetLearningRate)
        .function("reset", &Trainer::Reset)
        .function("trainSteps", &TrainSteps)
        .function("trainEpochs", &TrainEpochs)
        .function("state", &State)
        .function("history", &History)
        .function("settings", &Settings)
        .function("trainData", +[](const Trainer& t) { return DatasetToJs(t.train_data()); })
        .function("validationData", +[](const Trainer& t) { return DatasetToJs(t.validation_data()); })
        .function("predict", &Predict)
        .function("predictGrid", &PredictGrid)
        .function("predictLine", &PredictLine)
        .function("inspect", &Inspect);
    function("trainingPresets", &PresetNames);
    function("makeDataset", &MakeDatasetJs);
}
