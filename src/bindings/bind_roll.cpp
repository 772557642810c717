// bind_roll.cpp: the JavaScript API of the Roll Downhill widget and the canvas (Embind).
// src/bindings/ is the only place that
// knows Embind; it maps the widget models and the canvas to plain JS objects and functions.
// Documented for page authors in src/bindings/API.md.
//
// Index
//   [SECTION] Roll Downhill
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/formula_js.hpp"
#include "bindings/play.hpp"
#include "model/roll_model.hpp"
#include "core/formula.hpp"
#include "core/landscape1d.hpp"
#include "core/maps.hpp"
#include "core/roll.hpp"
#include "views/roll_view.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::RefuseIf;
using bind::Refuse;

//-----------------------------------------------------------------------------
// [SECTION] Roll Downhill
//-----------------------------------------------------------------------------

namespace {
using model::RollModel;

// Everything the page shows about a run, in one plain object.
struct RollState {
    int step;              // updates since reset
    double x;              // position
    double loss;           // f(x)
    double gradient;       // f'(x)
    std::string status;    // "running" | "settled" | "out-of-view" | "diverged"
    int stoppedAt;         // step where the run left the view or blew up, else -1
    double start;          // start position
    double learningRate;   // eta
    bool playing;          // the play clock is running
    double stepsPerSecond; // play speed (Infinity: as fast as possible)
    uint32_t version;      // changes whenever anything above changes
    std::string formula;   // the learner's formula ("" on the lesson's curve)
    double xMin, xMax;     // the drawn range
    std::string domainMessage; // why the run stopped, when its status is "left-domain"
    std::string phase;     // the run as a whole (RollPhaseName): "ready", "rolling", "settling",
                           // "bouncing", "jumping", "settled", "left-curve", "blew-up"
    int valley;            // the valley the ball is in (index into minima()), or -1
    int valleys;           // distinct valleys its recent steps landed in
};

RollState State(const RollModel& h) {
    const RollRun& r = h.run;
    const RollReading reading = h.Reading();
    return {r.step(), r.x(), r.loss(), r.gradient(), RollStatusName(r.status()), r.stopped_at(),
            r.settings().start_x, r.settings().learning_rate, h.playing, h.steps_per_second, h.version,
            h.use_custom ? h.custom.formula().text() : std::string(), r.curve().lo(), r.curve().hi(), r.domain_message(),
            RollPhaseName(reading.phase), reading.valley, reading.valleys};
}
void SetStart(RollModel& h, double x) { if (Refused(h.SetStart(x))) Refuse(); }
void SetLearningRate(RollModel& h, double lr) { if (Refused(h.SetLearningRate(lr))) Refuse(); }
val Trail(const RollModel& h) {
    const auto& t = h.run.trail();
    return val::global("Float64Array").new_(typed_memory_view(t.size(), t.data()));
}
val Minima(const RollModel& h) {
    val out = val::array();
    for (size_t i = 0; i < h.minima.size(); ++i) {
        const auto& m = h.minima[i];
        val o = val::object();
        o.set("x", m.x);
        o.set("f", m.f);
        o.set("curvature", m.f2);
        o.set("maxStableLearningRate", m.max_stable_lr);
        out.set(i, o);
    }
    return out;
}
// Data x under a point of the canvas, given as a fraction 0..1 of its CSS width/height.
double XFromCanvas(const RollModel& h, double u, double css_w, double css_h) {
    if (!std::isfinite(u) || !(css_w > 0) || !(css_h > 0)) return NAN;
    const Landscape1D& f = h.run.curve();
    const views::RollLayout L = views::MakeRollLayout(f, float(css_w), float(css_h), h.show_map);
    const double x = L.XAt(float(u * css_w));
    return std::fmin(std::fmax(x, f.lo()), f.hi());
}
// What the map says about a start and learning rate: { outcome, steps } of the nearest cell
// (outcome: minimum index, or 'left-range', 'no-minimum', 'diverged'), null without a map.
val MapCell(const RollModel& h, double x, double lr) {
    const LrMap& m = h.map;
    if (m.outcome.empty() || !std::isfinite(x) || !std::isfinite(lr)) return val::null();
    const auto nearest = [](const std::vector<double>& v, double t) {
        int best = 0;
        for (int k = 1; k < int(v.size()); ++k) if (std::fabs(v[k] - t) < std::fabs(v[best] - t)) best = k;
        return best;
    };
    const size_t cell = size_t(nearest(m.lr, lr)) * m.starts + size_t(nearest(m.start_x, x));
    const std::uint8_t o = m.outcome[cell];
    val out = val::object();
    if (o < kOutcomeLeftRange) out.set("outcome", int(o));
    else out.set("outcome", std::string(o == kOutcomeLeftRange ? "left-range" : o == kOutcomeDiverged ? "diverged" : "no-minimum"));
    out.set("steps", m.steps[cell]);
    return out;
}
// The map cell under a canvas point (CSS pixels): { start, learningRate, outcome, steps },
// or null when the point is not on the map.
val MapCellAt(const RollModel& h, double px, double py, double css_w, double css_h) {
    if (!h.show_map || h.map.outcome.empty() || !std::isfinite(px) || !std::isfinite(py) || !(css_w > 0) || !(css_h > 0))
        return val::null();
    const Landscape1D& f = h.run.curve();
    const views::RollMapLayout G = views::MakeRollMapLayout(f, h.map, float(css_w), float(css_h));
    if (!G.Contains(float(px), float(py))) return val::null();
    const views::RollLayout L = views::MakeRollLayout(f, float(css_w), float(css_h), true);
    const double x = std::fmin(std::fmax(L.XAt(float(px)), f.lo()), f.hi());
    const double lr = std::fmin(std::fmax(G.LrAt(float(py)), G.lr_lo), G.lr_hi);
    val o = val::object();
    o.set("start", x);
    o.set("learningRate", lr);
    const val cell = MapCell(h, x, lr);
    o.set("outcome", cell["outcome"]);
    o.set("steps", cell["steps"]);
    return o;
}
double CurveValue(double x) { return CourseCurve{}.value(x); }
double CurveSlope(double x) { return CourseCurve{}.slope(x); }
double CurveCurvature(double x) { return CourseCurve{}.curvature(x); }
// A typed formula at one point: { value, slope, curvature } (y null: a curve in x) or, with y,
// { value, gradient: [gx, gy], hessian: [xx, xy, yy] }; { error } when it cannot be read
// (the message names the position) or the point is outside its domain.
val FormulaAt(const std::string& text, double x, val y) {
    const bool two = !y.isUndefined() && !y.isNull();
    Formula f;
    const std::string error = Formula::Compile(text, two ? 2 : 1, &f);
    val o = val::object();
    if (!error.empty()) { o.set("error", error); return o; }
    if (two) {
        Jet2 j;
        const FormulaIssue is = f.Eval(x, y.as<double>(), &j);
        if (!is.ok()) { o.set("error", FormulaIssueMessage(is, "")); return o; }
        o.set("value", j.v);
        val g = val::array(); g.set(0, j.gx); g.set(1, j.gy);
        val H = val::array(); H.set(0, j.hxx); H.set(1, j.hxy); H.set(2, j.hyy);
        o.set("gradient", g);
        o.set("hessian", H);
        return o;
    }
    Jet1 j;
    const FormulaIssue is = f.Eval(x, &j);
    if (!is.ok()) { o.set("error", FormulaIssueMessage(is, "")); return o; }
    o.set("value", j.v);
    o.set("slope", j.d);
    o.set("curvature", j.dd);
    return o;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_roll) {
    value_object<RollState>("RollState")
        .field("step", &RollState::step)
        .field("x", &RollState::x)
        .field("loss", &RollState::loss)
        .field("gradient", &RollState::gradient)
        .field("status", &RollState::status)
        .field("stoppedAt", &RollState::stoppedAt)
        .field("start", &RollState::start)
        .field("learningRate", &RollState::learningRate)
        .field("playing", &RollState::playing)
        .field("stepsPerSecond", &RollState::stepsPerSecond)
        .field("version", &RollState::version)
        .field("formula", &RollState::formula)
        .field("xMin", &RollState::xMin)
        .field("xMax", &RollState::xMax)
        .field("domainMessage", &RollState::domainMessage)
        .field("phase", &RollState::phase)
        .field("valley", &RollState::valley)
        .field("valleys", &RollState::valleys);

    bind::BindPlay(class_<RollModel>("RollDownhill")
        .constructor<>()
        .function("state", &State)
        .function("setStart", &SetStart)
        .function("setLearningRate", &SetLearningRate)
        .function("trail", &Trail)
        .function("minima", &Minima)
        .function("xFromCanvas", &XFromCanvas)
        .function("showMap", &RollModel::ShowMap)
        .function("mapCell", &MapCell)
        .function("mapCellAt", &MapCellAt)
        .function("setFormula", &bind::SetFormula<RollModel>));

    function("courseValue", &CurveValue);
    function("courseSlope", &CurveSlope);
    function("courseCurvature", &CurveCurvature);
    function("formulaAt", &FormulaAt);

    function("showRoll", &app::Show<RollModel>, allow_raw_pointers());
}
