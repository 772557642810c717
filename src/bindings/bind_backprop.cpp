// bind_backprop.cpp: the JavaScript API of the backpropagation widget (Embind).
//
//   const bp = new M.Backprop();                 // x = (1, -0.5), y = 1, 2 sigmoid units, cross-entropy
//   bp.configure({ x1: 0.5, hidden: 3 });        // the schema's names; RangeError on refusal
//   bp.forward(); bp.backward(); bp.backward(); bp.update();   // the stepper (RangeError when out of turn)
//   bp.state(); bp.weights();                    // where it stands; every weight and bias with its gradient
//   M.showBackprop(bp);
#include <emscripten/bind.h>

#include <cmath>
#include <string>

#include "app/backprop_host.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using app::BackpropHost;
using app::BackpropSettings;

// { x1, x2, target, hidden, activation, loss, lr, seed }: any of them.
bool ConfigureImpl(BackpropHost& h, const val& o) {
    bind::Reader r;
    if (o.isUndefined() || o.isNull() || bind::TypeOf(o) != "object") {
        r.Fail("configure() takes an object of settings.");
        return true;
    }
    BackpropSettings s = h.settings;
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
void Configure(BackpropHost& h, val o) { if (ConfigureImpl(h, o)) bind::ThrowPending(); }
void Forward(BackpropHost& h) { if (bind::Refused(h.Forward())) bind::ThrowPending(); }
void Backward(BackpropHost& h) { if (bind::Refused(h.BackwardStep())) bind::ThrowPending(); }
void Update(BackpropHost& h) { if (bind::Refused(h.ApplyUpdate())) bind::ThrowPending(); }
void SetLearningRate(BackpropHost& h, double lr) { if (bind::Refused(h.SetLearningRate(lr))) bind::ThrowPending(); }

val Settings(const BackpropHost& h) {
    const BackpropSettings& s = h.settings;
    val o = val::object();
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
// Where the walk-through stands: stage "ready" | "forward" | "output" | "hidden".
val State(const BackpropHost& h) {
    const char* stage = !h.forward ? "ready" : h.revealed == 0 ? "forward" : h.revealed == 1 ? "output" : "hidden";
    val o = val::object();
    o.set("stage", std::string(stage));
    o.set("forward", h.forward);
    o.set("revealed", h.revealed);
    o.set("layers", h.layers());
    o.set("complete", h.complete());
    o.set("loss", h.snap.loss);
    o.set("prediction", h.snap.prediction);
    o.set("updates", h.updates);
    o.set("losses", bind::F64(h.losses));
    o.set("status", std::string(TrainStatusName(h.trainer.status())));
    o.set("message", h.trainer.message());
    o.set("version", h.version);
    return o;
}
// Every value of the latest pass, per layer k: { activations, preActivations,
// activationGrads (k < output) }, per weight layer l: { weights, biases, weightGrads,
// biasGrads }, plus fPrime (the hidden units' f'(z)).
val Snapshot(const BackpropHost& h) {
    const app::BackpropSnapshot& s = h.snap;
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
val Weights(const BackpropHost& h) {
    const app::BackpropSnapshot& s = h.snap;
    val rows = val::array();
    int r = 0;
    const auto unit = [&](int k, int i) {
        if (k == 0) return "x" + std::to_string(i + 1);
        if (k == 1) return "h" + std::to_string(i + 1);
        return std::string(h.settings.loss == LossKind::BCE ? "p" : "ŷ"); // the output node, named as on the canvas
    };
    for (size_t l = 0; l < s.w.size(); ++l) {
        const int n = int(s.a[l].size()), m = int(s.a[l + 1].size());
        const bool shown = h.forward && h.revealed >= int(s.w.size() - l);
        for (int j = 0; j < m; ++j) {
            for (int i = 0; i < n; ++i) {
                val o = val::object();
                o.set("name", BackpropHost::WeightName(int(l), j, i));
                o.set("layer", int(l));
                o.set("from", unit(int(l), i));
                o.set("to", unit(int(l) + 1, j));
                o.set("value", s.w[l][size_t(j) * n + i]);
                o.set("grad", s.gw[l][size_t(j) * n + i]);
                o.set("shown", shown);
                rows.set(r++, o);
            }
            val b = val::object();
            b.set("name", BackpropHost::BiasName(int(l), j));
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
void Show(BackpropHost* h) { app::ShowBackprop(h); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_backprop) {
    class_<BackpropHost>("Backprop")
        .constructor<>()
        .function("configure", &Configure)
        .function("setLearningRate", &SetLearningRate)
        .function("forward", &Forward)
        .function("backward", &Backward)
        .function("update", &Update)
        .function("reset", &BackpropHost::Reset)
        .function("state", &State)
        .function("settings", &Settings)
        .function("snapshot", &Snapshot)
        .function("weights", &Weights);
    function("showBackprop", &Show, allow_raw_pointers());
}
