// bind_lr_compare.cpp: the JavaScript API of the learning-rate comparison widget (Embind).
//
//   const c = new Module.LrCompare();      // the bowl: start 2.5, rates 0.001 / 0.1 / 0.95
//   c.setCurve('steep'); c.setLearningRate(2, 1.5); c.setStart(1);
//   c.step(); c.state().runs[2].status     // 'running' | 'settled' | 'diverged' | 'left-domain'
//   c.setFormula('x^4 - 3*x^2 + x', -2, 2); // a typed curve: '' or why not; '' as the text: the named curve
//   Module.showLrCompare(c);               // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "model/lr_compare_model.hpp"
#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/formula_js.hpp"
#include "bindings/js_value.hpp"
#include "bindings/play.hpp"
#include "views/lr_compare_view.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::RefuseIf;
using bind::Refuse;

namespace {
using model::LrCompareModel;

// One run of the comparison. loss may be Infinity after a blow-up: the page words it, it
// never prints it.
struct LrRunState {
    double learningRate;
    int step;
    double x, loss, gradient;
    std::string status;  // "running" | "settled" | "diverged" | "left-domain"
    std::string trend;   // LrTrendName
    int stoppedAt;       // step where the run blew up or left the domain, else -1
    std::string domainMessage; // why, for "left-domain" ("" otherwise)
    double progress;     // 0..1 of the way to its minimum
};
// Everything the page shows about the comparison, in one plain object; runs: LrRunState[3].
struct LrCompareState {
    int ticks;
    bool playing;
    double stepsPerSecond;
    bool running;
    uint32_t version;
    std::string curve;      // a curve's name, or "formula" for a typed one
    std::string formula;    // the typed curve's formula ("" for a named curve)
    double start;
    bool logScale;
    double lowest, lo, hi;
    val runs = val::array();
};

LrCompareState State(const LrCompareModel& h) {
    const LrCompare& c = h.compare;
    val runs = val::array();
    for (int i = 0; i < LrCompare::kRuns; ++i) {
        const OptimizerRun& r = c.run(i);
        runs.set(i, LrRunState{c.settings().learning_rate[i], r.step(), r.x(), r.loss(), r.gradient_x(),
                               RunStatusName(r.status()), LrTrendName(c.Trend(i)), r.stopped_at(), r.domain_message(),
                               c.Progress(i)});
    }
    return {c.ticks(), h.playing, h.steps_per_second, c.AnyRunning(), h.version, c.curve().name(), h.Formula(),
            c.settings().start_x, h.log_scale, c.lowest_loss(), c.curve().lo(), c.curve().hi(), runs};
}

bool SetCurveImpl(LrCompareModel& h, const val& name) {
    if (!name.isString()) {
        h.Pause();
        return Refused("The curve must be given by name: bowl, course or steep.");
    }
    return Refused(h.SetCurve(name.as<std::string>()));
}
void SetCurve(LrCompareModel& h, val name) {
    if (SetCurveImpl(h, name)) Refuse();
}
void SetStart(LrCompareModel& h, double x) { if (Refused(h.SetStart(x))) Refuse(); }
void SetLearningRate(LrCompareModel& h, int i, double lr) { if (Refused(h.SetLearningRate(i, lr))) Refuse(); }
// Positions of run i, oldest first (Float64Array copy).
val Trail(const LrCompareModel& h, int i) {
    if (RefuseIf(i < 0 || i >= LrCompare::kRuns, "trail(i) takes i = 0, 1 or 2.")) return val::undefined();
    return bind::F64(h.compare.run(i).positions());
}
// Losses of run i, one per step from losses.firstStep (Float64Array copy).
val Losses(const LrCompareModel& h, int i) {
    if (RefuseIf(i < 0 || i >= LrCompare::kRuns, "losses(i) takes i = 0, 1 or 2.")) return val::undefined();
    return bind::F64(h.compare.run(i).losses());
}
val Minima(const LrCompareModel& h) {
    val out = val::array();
    const auto& m = h.compare.minima();
    for (size_t i = 0; i < m.size(); ++i) {
        val o = val::object();
        o.set("x", m[i].x);
        o.set("f", m[i].f);
        o.set("maxStableLearningRate", m[i].max_stable_lr);
        out.set(i, o);
    }
    return out;
}
// The curve x under a canvas point (CSS pixels) on one of the three panels, else NaN.
double XFromCanvas(const LrCompareModel& h, double px, double py, double css_w, double css_h) {
    if (!std::isfinite(px) || !std::isfinite(py) || !(css_w > 0) || !(css_h > 0)) return NAN;
    const views::LrCompareLayout L = views::MakeLrCompareLayout(h.compare.curve(), float(css_w), float(css_h));
    double x = NAN;
    return views::LrComparePanelX(L, float(px), float(py), &x) ? x : NAN;
}
double CurveValue(const LrCompareModel& h, double x) { return h.compare.curve().value(x); }
double CurveSlope(const LrCompareModel& h, double x) { return h.compare.curve().slope(x); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_lr_compare) {
    value_object<LrRunState>("LrRunState")
        .field("learningRate", &LrRunState::learningRate)
        .field("step", &LrRunState::step)
        .field("x", &LrRunState::x)
        .field("loss", &LrRunState::loss)
        .field("gradient", &LrRunState::gradient)
        .field("status", &LrRunState::status)
        .field("trend", &LrRunState::trend)
        .field("stoppedAt", &LrRunState::stoppedAt)
        .field("domainMessage", &LrRunState::domainMessage)
        .field("progress", &LrRunState::progress);
    value_object<LrCompareState>("LrCompareState")
        .field("ticks", &LrCompareState::ticks)
        .field("playing", &LrCompareState::playing)
        .field("stepsPerSecond", &LrCompareState::stepsPerSecond)
        .field("running", &LrCompareState::running)
        .field("version", &LrCompareState::version)
        .field("curve", &LrCompareState::curve)
        .field("formula", &LrCompareState::formula)
        .field("start", &LrCompareState::start)
        .field("logScale", &LrCompareState::logScale)
        .field("lowest", &LrCompareState::lowest)
        .field("lo", &LrCompareState::lo)
        .field("hi", &LrCompareState::hi)
        .field("runs", &LrCompareState::runs);
    bind::BindPlay(class_<LrCompareModel>("LrCompare")
        .constructor<>()
        .function("state", &State)
        .function("setCurve", &SetCurve)
        .function("setFormula", &bind::SetFormula<LrCompareModel>)
        .function("setStart", &SetStart)
        .function("setLearningRate", &SetLearningRate)
        .function("trail", &Trail)
        .function("losses", &Losses)
        .function("minima", &Minima)
        .function("xFromCanvas", &XFromCanvas)
        .function("curveValue", &CurveValue)
        .function("curveSlope", &CurveSlope));
    function("showLrCompare", &app::Show<LrCompareModel>, allow_raw_pointers());
}
