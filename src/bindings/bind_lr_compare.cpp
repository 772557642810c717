// bind_lr_compare.cpp: the JavaScript API of the learning-rate comparison widget (Embind).
//
//   const c = new Module.LrCompare();      // the bowl: start 2.5, rates 0.001 / 0.1 / 0.95
//   c.setCurve('steep'); c.setLearningRate(2, 1.5); c.setStart(1);
//   c.step(); c.state().runs[2].status     // 'running' | 'settled' | 'diverged'
//   Module.showLrCompare(c);               // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "app/lr_compare_host.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "bindings/play.hpp"
#include "views/lr_compare_view.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::RefuseIf;
using bind::ThrowPending;

namespace {
using app::LrCompareHost;

// { ticks, playing, stepsPerSecond, running, version, curve, start, logScale, lowest, lo, hi,
//   runs: [{ learningRate, step, x, loss, gradient, status, trend, stoppedAt, progress }] }
// loss may be Infinity after a blow-up: the page words it, it never prints it.
val State(const LrCompareHost& h) {
    const LrCompare& c = h.compare;
    val o = val::object();
    o.set("ticks", c.ticks());
    o.set("playing", h.playing);
    o.set("stepsPerSecond", h.steps_per_second);
    o.set("running", c.AnyRunning());
    o.set("version", h.version);
    o.set("curve", std::string(c.curve().name()));
    o.set("start", c.settings().start_x);
    o.set("logScale", h.log_scale);
    o.set("lowest", c.lowest_loss());
    o.set("lo", c.curve().lo());
    o.set("hi", c.curve().hi());
    val runs = val::array();
    for (int i = 0; i < LrCompare::kRuns; ++i) {
        const OptimizerRun& r = c.run(i);
        val v = val::object();
        v.set("learningRate", c.settings().learning_rate[i]);
        v.set("step", r.step());
        v.set("x", r.x());
        v.set("loss", r.loss());
        v.set("gradient", r.gradient_x());
        v.set("status", std::string(RunStatusName(r.status())));
        v.set("trend", std::string(LrTrendName(c.Trend(i))));
        v.set("stoppedAt", r.stopped_at());
        v.set("progress", c.Progress(i));
        runs.set(i, v);
    }
    o.set("runs", runs);
    return o;
}

// The string is read and freed inside, so nothing owning memory is alive when it throws.
bool SetCurveImpl(LrCompareHost& h, const val& name) {
    if (!name.isString()) return Refused("The curve must be given by name: bowl, course or steep.");
    h.playing = false;
    return Refused(h.Compare().SetCurve(name.as<std::string>()));
}
void SetCurve(LrCompareHost& h, val name) {
    if (SetCurveImpl(h, name)) ThrowPending();
}
void SetStart(LrCompareHost& h, double x) {
    h.playing = false;
    if (Refused(h.Compare().SetStart(x))) ThrowPending();
}
void SetLearningRate(LrCompareHost& h, int i, double lr) {
    h.playing = false;
    if (Refused(h.Compare().SetLearningRate(i, lr))) ThrowPending();
}
bool Step(LrCompareHost& h) { return h.Compare().Step(); }
int Advance(LrCompareHost& h, int n) {
    bind::CheckAdvance(n);
    return h.Compare().Advance(n);
}
void Reset(LrCompareHost& h) { h.Compare().Reset(); h.playing = false; }
// Positions of run i, oldest first (Float64Array copy).
val Trail(const LrCompareHost& h, int i) {
    RefuseIf(i < 0 || i >= LrCompare::kRuns, "trail(i) takes i = 0, 1 or 2.");
    return bind::F64(h.compare.run(i).positions());
}
// Losses of run i, one per step from losses.firstStep (Float64Array copy).
val Losses(const LrCompareHost& h, int i) {
    RefuseIf(i < 0 || i >= LrCompare::kRuns, "losses(i) takes i = 0, 1 or 2.");
    return bind::F64(h.compare.run(i).losses());
}
val Minima(const LrCompareHost& h) {
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
double XFromCanvas(const LrCompareHost& h, double px, double py, double css_w, double css_h) {
    if (!std::isfinite(px) || !std::isfinite(py) || !(css_w > 0) || !(css_h > 0)) return NAN;
    const views::LrCompareLayout L = views::MakeLrCompareLayout(h.compare.curve(), float(css_w), float(css_h));
    double x = NAN;
    return views::LrComparePanelX(L, float(px), float(py), &x) ? x : NAN;
}
double CurveValue(const LrCompareHost& h, double x) { return h.compare.curve().value(x); }
double CurveSlope(const LrCompareHost& h, double x) { return h.compare.curve().slope(x); }
void Show(LrCompareHost* h) { app::ShowLrCompare(h); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_lr_compare) {
    class_<LrCompareHost>("LrCompare")
        .constructor<>()
        .function("state", &State)
        .function("setCurve", &SetCurve)
        .function("setStart", &SetStart)
        .function("setLearningRate", &SetLearningRate)
        .function("step", &Step)
        .function("advance", &Advance)
        .function("reset", &Reset)
        .function("setPlaying", &bind::SetPlaying<LrCompareHost>)
        .function("setSpeed", &bind::SetSpeed<LrCompareHost>)
        .function("setLogScale", &bind::SetLogScale<LrCompareHost>)
        .function("trail", &Trail)
        .function("losses", &Losses)
        .function("minima", &Minima)
        .function("xFromCanvas", &XFromCanvas)
        .function("curveValue", &CurveValue)
        .function("curveSlope", &CurveSlope);
    function("showLrCompare", &Show, allow_raw_pointers());
}
