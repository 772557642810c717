// bind_backprop.cpp: the JavaScript API of the backpropagation widget (Embind).
//
//   const bp = new M.Backprop();                 // x = (1, -0.5), y = 1, 2 sigmoid units, cross-entropy
//   bp.configure({ x1: 0.5, hidden: 3 });        // the schema's names; RangeError on refusal
//   bp.configure({ network: 'chain', x1: 1, target: 2 }); // the lesson's worked example: x -> h -> y
//   bp.forward(); bp.backward(); bp.backward(); bp.update();   // the stepper (RangeError when out of turn)
//   bp.state(); bp.weights();                    // where it stands; every weight and bias with its gradient
//   M.showBackprop(bp);
#include <emscripten/bind.h>

#include <cmath>
#include <string>

#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "model/backprop_model.hpp"
#include "views/backprop_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::BackpropModel;
using model::BackpropSettings;

const char* NetworkName(model::BackpropNetwork n) { return n == model::BackpropNetwork::Chain ? "chain" : "small"; }

// { network, x1, x2, target, hidden, activation, loss, lr, seed }: any of them.
bool ConfigureImpl(BackpropModel& h, const val& o) {
    bind::Reader r;
    if (o.isUndefined() || o.isNull() || bind::TypeOf(o) != "object") {
        r.Fail("configure() takes an object of settings.");
        return true;
    }
    BackpropSettings s = h.settings;
    const std::string net = r.String(o, "network", NetworkName(s.network));
    if (!r.failed && net != "small" && net != "chain") r.Unknown("network", net);
    if (!r.failed) s.network = net == "chain" ? model::BackpropNetwork::Chain : model::BackpropNetwork::Small;
    s.x1 = r.Number(o, "x1", s.x1);
    s.x2 = r.Number(o, "x2", s.x2);
    s.target = r.Number(o, "target", s.target);
    s.hidden = r.Integer(o, "hidden", s.hidden, 2, 3);
    const std::string act = r.String(o, "activation", ActivationName(s.activation));
    if (!r.failed && !ParseActivation(act, &s.activation)) r.Unknown("activation", act);
    const std::string loss = r.String(o, "loss", LossKindName(s.loss));
    if (!r.failed && !ParseLossKind(loss, &s.loss)) r.Unknown("loss", loss);
    s.learning_rate = r.Number(o, "lr", s.learning_rate);
    s.seed = uint32_t(r.Integer(o, "seed", int(s.seed), 0, 2147483647));
    return r.failed || bind::Refused(h.Configure(s));
}
void Configure(BackpropModel& h, val o) { if (ConfigureImpl(h, o)) bind::Refuse(); }
void Forward(BackpropModel& h) { if (bind::Refused(h.Forward())) bind::Refuse(); }
void Backward(BackpropModel& h) { if (bind::Refused(h.BackwardStep())) bind::Refuse(); }
void Update(BackpropModel& h) { if (bind::Refused(h.ApplyUpdate())) bind::Refuse(); }
void SetLearningRate(BackpropModel& h, double lr) { if (bind::Refused(h.SetLearningRate(lr))) bind::Refuse(); }

val Settings(const BackpropModel& h) {
    const BackpropSettings& s = h.settings;
    val o = val::object();
    o.set("network", std::string(NetworkName(s.network)));
    o.set("x1", s.x1);
    o.set("x2", s.x2);
    o.set("target", s.target);
    o.set("hidden", s.hidden);
    o.set("activation", std::string(ActivationName(s.activation)));
    o.set("loss", std::string(LossKindName(s.loss)));
    o.set("lr", s.learning_rate);
    o.set("seed", s.seed);
    return o;
}
// Where the walk-through stands, in one plain object.
struct BackpropState {
    std::string stage;   // "ready" | "forward" | "output" | "hidden"
    bool forward;        // the forward pass has been shown
    int revealed;        // weight layers whose gradients are shown, from the output
    int layers;          // weight layers: 2
    bool complete;       // forward and backward pass both shown
    double loss, prediction;
    int updates;         // gradient steps applied to this example
    val losses = val::null();       // Float64Array: the loss before each update and after the latest
    std::string status, message;
    uint32_t version;
};
BackpropState State(const BackpropModel& h) {
    const char* stage = !h.forward ? "ready" : h.revealed == 0 ? "forward" : h.revealed == 1 ? "output" : "hidden";
    return {stage, h.forward, h.revealed, h.layers(), h.complete(), h.snap.loss, h.snap.prediction, h.updates,
            bind::F64(h.losses), TrainStatusName(h.trainer.status()), h.trainer.message(), h.version};
}
// Every value of the latest pass, per layer k: { activations, preActivations,
// activationGrads (k < output) }, per weight layer l: { weights, biases, weightGrads,
// biasGrads }, plus fPrime (the hidden units' f'(z)).
val Snapshot(const BackpropModel& h) {
    const model::BackpropSnapshot& s = h.snap;
    val layers = val::array(), weights = val::array();
    for (size_t k = 0; k < s.a.size(); ++k) {
        val L = val::object();
        L.set("activations", bind::F64(s.a[k]));
        L.set("preActivations", bind::F64(s.z[k]));
        if (k < s.ga.size()) L.set("activationGrads", bind::F64(s.ga[k]));
        layers.set(k, L);
    }
    for (size_t l = 0; l < s.w.size(); ++l) {
        val W = val::object();
        W.set("weights", bind::F64(s.w[l]));
        W.set("biases", bind::F64(s.b[l]));
        W.set("weightGrads", bind::F64(s.gw[l]));
        W.set("biasGrads", bind::F64(s.gb[l]));
        weights.set(l, W);
    }
    val o = val::object();
    o.set("layers", layers);
    o.set("weightLayers", weights);
    o.set("fPrime", bind::F64(s.fprime));
    o.set("loss", s.loss);
    o.set("prediction", s.prediction);
    return o;
}
// The table's rows: every weight and bias as { name, layer, from, to, value, grad, shown },
// input -> hidden first; `shown` once the backward pass has reached its layer.
val Weights(const BackpropModel& h) {
    const model::BackpropSnapshot& s = h.snap;
    val rows = val::array();
    int r = 0;
    const auto unit = [&](int k, int i) {
        const std::string n = h.chain() ? std::string() : std::to_string(i + 1); // the chain's x and h
        if (k == 0) return "x" + n;
        if (k == 1) return "h" + n;
        return std::string(h.settings.loss == LossKind::BCE ? "p" : "ŷ"); // the output node, named as on the canvas
    };
    for (size_t l = 0; l < s.w.size(); ++l) {
        const int n = int(s.a[l].size()), m = int(s.a[l + 1].size());
        const bool shown = h.forward && h.revealed >= int(s.w.size() - l);
        for (int j = 0; j < m; ++j) {
            for (int i = 0; i < n; ++i) {
                val o = val::object();
                o.set("name", h.WeightName(int(l), j, i));
                o.set("layer", int(l));
                o.set("from", unit(int(l), i));
                o.set("to", unit(int(l) + 1, j));
                o.set("value", s.w[l][size_t(j) * n + i]);
                o.set("grad", s.gw[l][size_t(j) * n + i]);
                o.set("shown", shown);
                rows.set(r++, o);
            }
            val b = val::object();
            b.set("name", BackpropModel::BiasName(int(l), j));
            b.set("layer", int(l));
            b.set("from", std::string("bias"));
            b.set("to", unit(int(l) + 1, j));
            b.set("value", s.b[l][size_t(j)]);
            b.set("grad", s.gb[l][size_t(j)]);
            b.set("shown", shown);
            rows.set(r++, b);
        }
    }
    return rows;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_backprop) {
    value_object<BackpropState>("BackpropState")
        .field("stage", &BackpropState::stage)
        .field("forward", &BackpropState::forward)
        .field("revealed", &BackpropState::revealed)
        .field("layers", &BackpropState::layers)
        .field("complete", &BackpropState::complete)
        .field("loss", &BackpropState::loss)
        .field("prediction", &BackpropState::prediction)
        .field("updates", &BackpropState::updates)
        .field("losses", &BackpropState::losses)
        .field("status", &BackpropState::status)
        .field("message", &BackpropState::message)
        .field("version", &BackpropState::version);
    class_<BackpropModel>("Backprop")
        .constructor<>()
        .function("configure", &Configure)
        .function("setLearningRate", &SetLearningRate)
        .function("forward", &Forward)
        .function("backward", &Backward)
        .function("update", &Update)
        .function("reset", &BackpropModel::Reset)
        .function("state", &State)
        .function("settings", &Settings)
        .function("snapshot", &Snapshot)
        .function("weights", &Weights);
    function("showBackprop", &app::Show<BackpropModel>, allow_raw_pointers());
}
