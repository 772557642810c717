// bind_race.cpp: the JavaScript API of the optimizer race widget (Embind).
//
//   const r = new Module.OptimizerRace();   // ravine; gd, momentum, adam; eta 0.03
//   r.setSurface('rosenbrock'); r.setOptimizers(['gd', 'adam']); r.setStart(-1.5, 2);
//   r.setFormula('x^2 - y^2', -2, 2, -2, 2); // a typed surface: '' or why not (nothing changes)
//   r.advance(100); r.state().racers[1].distance
//   r.setLearningRate(0.03);                // one rate for all; r.useTunedRates() undoes it
//   r.setRacerLearningRate(2, 0.1);         // racer 2's own rate
//   Module.showRace(r);                     // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>
#include <vector>

#include "model/race_model.hpp"
#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/formula_js.hpp"
#include "bindings/js_value.hpp"
#include "bindings/play.hpp"
#include "views/race_view.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::RefuseIf;
using bind::Refuse;

namespace {
using model::RaceModel;

val Point(const CriticalPoint2D& c) {
    val o = val::object();
    o.set("x", c.x);
    o.set("y", c.y);
    o.set("f", c.f);
    o.set("kind", std::string(CriticalKindName(c.kind)));
    return o;
}

// One racer. distance: to the nearest minimum (-1 without one; may be Infinity after a
// blow-up); nearest: that minimum { x, y, f, kind } or null.
struct RacerState {
    std::string name;
    int step;
    double x, y, loss;
    std::string status;  // "running" | "settled" | "diverged" | "left-domain"
    int stoppedAt;
    std::string domainMessage; // why, for "left-domain" ("" otherwise)
    double distance;
    int reachedAt;
    val nearest = val::null();
    double learningRate;      // this racer's eta
    double tunedLearningRate; // its tuned rate on this surface (RaceTunedLearningRate)
};
// Everything the page shows about the race, in one plain object; racers: RacerState[];
// winner: index into racers or -1.
struct RaceState {
    int ticks;
    bool playing;
    double stepsPerSecond;
    bool running;
    uint32_t version;
    std::string surface;      // a surface's name, or "formula" for a typed one
    std::string formula;      // the typed surface's formula ("" for a named surface)
    double xMin, xMax, yMin, yMax; // the drawn range
    double learningRate, momentum, beta1, beta2, noise, seed, startX, startY;
    bool ownRates;            // each racer has its own rate (false: learningRate for all)
    bool logScale, hasMinimum;
    double lowest;
    int winner;
    val racers = val::array();
};

RaceState State(const RaceModel& h) {
    const Race& r = h.race;
    const RaceSettings& s = r.settings();
    val racers = val::array();
    for (int i = 0; i < r.size(); ++i) {
        const OptimizerRun& run = r.run(i);
        const int k = r.NearestMinimum(i);
        racers.set(i, RacerState{run.optimizer_name(), run.step(), run.x(), run.y(), run.loss(),
                                 RunStatusName(run.status()), run.stopped_at(), run.domain_message(), r.DistanceToMinimum(i),
                                 r.reached_at(i), k >= 0 ? Point(r.critical_points()[k]) : val::null(),
                                 r.learning_rate(i), RaceTunedLearningRate(r.surface(), run.optimizer_name()).learning_rate});
    }
    const Range2D range = r.surface().range();
    return {r.ticks(), h.playing, h.steps_per_second, r.AnyRunning(), h.version, r.surface().name(), h.Formula(),
            range.xlo, range.xhi, range.ylo, range.yhi, s.learning_rate, s.momentum, s.beta1, s.beta2, s.noise, double(s.seed), s.start_x, s.start_y,
            r.own_rates(), h.log_scale, r.has_minimum(), r.lowest_loss(), r.Winner(), racers};
}

// Names arrive as JS values (api.js has checked their type and length).
bool SetSurfaceImpl(RaceModel& h, const val& name) {
    if (!name.isString()) {
        h.Pause();
        return Refused("The surface must be given by name.");
    }
    return Refused(h.SetSurface(name.as<std::string>()));
}
void SetSurface(RaceModel& h, val name) { if (SetSurfaceImpl(h, name)) Refuse(); }

bool SetOptimizersImpl(RaceModel& h, const val& names) {
    if (names.isNull() || names.isUndefined() || !names["length"].isNumber())
        return Refused("setOptimizers takes an array of names.");
    const size_t n = names["length"].as<size_t>();
    if (n > 16) return Refused("There are only seven optimizers to race.");
    std::vector<std::string> list;
    for (size_t i = 0; i < n; ++i) {
        const val v = names[i];
        if (!v.isString()) return Refused("setOptimizers takes an array of names.");
        list.push_back(v.as<std::string>());
    }
    return Refused(h.SetOptimizers(list));
}
void SetOptimizers(RaceModel& h, val names) { if (SetOptimizersImpl(h, names)) Refuse(); }

void SetLearningRate(RaceModel& h, double lr) { if (Refused(h.SetLearningRate(lr))) Refuse(); }
void SetRacerLearningRate(RaceModel& h, int i, double lr) { if (Refused(h.SetRacerLearningRate(i, lr))) Refuse(); }
void UseTunedRates(RaceModel& h) { h.UseTunedRates(); }
void SetMomentum(RaceModel& h, double mu) { if (Refused(h.SetMomentum(mu))) Refuse(); }
void SetAdamBetas(RaceModel& h, double b1, double b2) { if (Refused(h.SetAdamBetas(b1, b2))) Refuse(); }
void SetNoise(RaceModel& h, double sigma, double seed) {
    if (RefuseIf(!(seed >= 0 && seed <= 4294967295.0) || seed != std::floor(seed),
                 "The seed must be a whole number from 0 to 4294967295."))
        return;
    if (Refused(h.SetNoise(sigma, std::uint32_t(seed)))) Refuse();
}
void SetStart(RaceModel& h, double x, double y) { if (Refused(h.SetStart(x, y))) Refuse(); }

// Positions of racer i as x, y pairs, oldest first (Float64Array copy).
val Trail(const RaceModel& h, int i) {
    if (RefuseIf(i < 0 || i >= h.race.size(), "trail(i) takes the index of a racer.")) return val::undefined();
    return bind::F64(h.race.run(i).positions());
}
// Losses of racer i, one per step (Float64Array copy).
val Losses(const RaceModel& h, int i) {
    if (RefuseIf(i < 0 || i >= h.race.size(), "losses(i) takes the index of a racer.")) return val::undefined();
    return bind::F64(h.race.run(i).losses());
}
val CriticalPoints(const RaceModel& h) {
    val out = val::array();
    const auto& cps = h.race.critical_points();
    for (size_t i = 0; i < cps.size(); ++i) out.set(i, Point(cps[i]));
    return out;
}
val Range(const RaceModel& h) {
    const Range2D r = h.race.surface().range();
    val o = val::object();
    o.set("xlo", r.xlo);
    o.set("xhi", r.xhi);
    o.set("ylo", r.ylo);
    o.set("yhi", r.yhi);
    return o;
}
// The surface point under a canvas point (CSS pixels): { x, y }, or null off the map.
val PointFromCanvas(const RaceModel& h, double px, double py, double css_w, double css_h) {
    if (!std::isfinite(px) || !std::isfinite(py) || !(css_w > 0) || !(css_h > 0)) return val::null();
    const views::RaceLayout L = views::MakeRaceLayout(h.race.surface(), float(css_w), float(css_h));
    if (!L.map.Contains(float(px), float(py))) return val::null();
    val o = val::object();
    o.set("x", std::fmin(std::fmax(L.DataX(float(px)), L.range.xlo), L.range.xhi));
    o.set("y", std::fmin(std::fmax(L.DataY(float(py)), L.range.ylo), L.range.yhi));
    return o;
}
// The canvas point (CSS pixels) of a surface point: { px, py }.
val CanvasFromPoint(const RaceModel& h, double x, double y, double css_w, double css_h) {
    const views::RaceLayout L = views::MakeRaceLayout(h.race.surface(), float(css_w), float(css_h));
    val o = val::object();
    o.set("px", L.PxX(x));
    o.set("py", L.PxY(y));
    return o;
}
double SurfaceValue(const RaceModel& h, double x, double y) { return h.race.surface().value(x, y); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_race) {
    value_object<RacerState>("RacerState")
        .field("name", &RacerState::name)
        .field("step", &RacerState::step)
        .field("x", &RacerState::x)
        .field("y", &RacerState::y)
        .field("loss", &RacerState::loss)
        .field("status", &RacerState::status)
        .field("stoppedAt", &RacerState::stoppedAt)
        .field("domainMessage", &RacerState::domainMessage)
        .field("distance", &RacerState::distance)
        .field("reachedAt", &RacerState::reachedAt)
        .field("nearest", &RacerState::nearest)
        .field("learningRate", &RacerState::learningRate)
        .field("tunedLearningRate", &RacerState::tunedLearningRate);
    value_object<RaceState>("RaceState")
        .field("ticks", &RaceState::ticks)
        .field("playing", &RaceState::playing)
        .field("stepsPerSecond", &RaceState::stepsPerSecond)
        .field("running", &RaceState::running)
        .field("version", &RaceState::version)
        .field("surface", &RaceState::surface)
        .field("formula", &RaceState::formula)
        .field("xMin", &RaceState::xMin)
        .field("xMax", &RaceState::xMax)
        .field("yMin", &RaceState::yMin)
        .field("yMax", &RaceState::yMax)
        .field("learningRate", &RaceState::learningRate)
        .field("momentum", &RaceState::momentum)
        .field("beta1", &RaceState::beta1)
        .field("beta2", &RaceState::beta2)
        .field("noise", &RaceState::noise)
        .field("seed", &RaceState::seed)
        .field("startX", &RaceState::startX)
        .field("startY", &RaceState::startY)
        .field("ownRates", &RaceState::ownRates)
        .field("logScale", &RaceState::logScale)
        .field("hasMinimum", &RaceState::hasMinimum)
        .field("lowest", &RaceState::lowest)
        .field("winner", &RaceState::winner)
        .field("racers", &RaceState::racers);
    bind::BindPlay(class_<RaceModel>("OptimizerRace")
        .constructor<>()
        .function("state", &State)
        .function("setSurface", &SetSurface)
        .function("setFormula", &bind::SetSurfaceFormula<RaceModel>)
        .function("setOptimizers", &SetOptimizers)
        .function("setLearningRate", &SetLearningRate)
        .function("setRacerLearningRate", &SetRacerLearningRate)
        .function("useTunedRates", &UseTunedRates)
        .function("setMomentum", &SetMomentum)
        .function("setAdamBetas", &SetAdamBetas)
        .function("setNoise", &SetNoise)
        .function("setStart", &SetStart)
        .function("trail", &Trail)
        .function("losses", &Losses)
        .function("criticalPoints", &CriticalPoints)
        .function("range", &Range)
        .function("pointFromCanvas", &PointFromCanvas)
        .function("canvasFromPoint", &CanvasFromPoint)
        .function("surfaceValue", &SurfaceValue));
    function("showRace", &app::Show<RaceModel>, allow_raw_pointers());
}
