// bind_race.cpp: the JavaScript API of the optimizer race widget (Embind).
//
//   const r = new Module.OptimizerRace();   // ravine; gd, momentum, adam; eta 0.03
//   r.setSurface('rosenbrock'); r.setOptimizers(['gd', 'adam']); r.setStart(-1.5, 2);
//   r.advance(100); r.state().racers[1].distance
//   Module.showRace(r);                     // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>
#include <vector>

#include "app/race_host.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "bindings/play.hpp"
#include "views/race_view.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::RefuseIf;
using bind::ThrowPending;

namespace {
using app::RaceHost;

val Point(const CriticalPoint2D& c) {
    val o = val::object();
    o.set("x", c.x);
    o.set("y", c.y);
    o.set("f", c.f);
    o.set("kind", std::string(CriticalKindName(c.kind)));
    return o;
}

// { ticks, playing, stepsPerSecond, running, version, surface, learningRate, momentum, beta1, beta2, noise,
//   seed, startX, startY, logScale, hasMinimum, lowest, winner,
//   racers: [{ name, step, x, y, loss, status, stoppedAt, distance, reachedAt, nearest }] }
// distance: to the nearest minimum (-1 without one; may be Infinity after a blow-up);
// nearest: that minimum { x, y, f, kind } or null; winner: index into racers or -1.
val State(const RaceHost& h) {
    const Race& r = h.race;
    const RaceSettings& s = r.settings();
    val o = val::object();
    o.set("ticks", r.ticks());
    o.set("playing", h.playing);
    o.set("stepsPerSecond", h.steps_per_second);
    o.set("running", r.AnyRunning());
    o.set("version", h.version);
    o.set("surface", std::string(r.surface().name()));
    o.set("learningRate", s.learning_rate);
    o.set("momentum", s.momentum);
    o.set("beta1", s.beta1);
    o.set("beta2", s.beta2);
    o.set("noise", s.noise);
    o.set("seed", double(s.seed));
    o.set("startX", s.start_x);
    o.set("startY", s.start_y);
    o.set("logScale", h.log_scale);
    o.set("hasMinimum", r.has_minimum());
    o.set("lowest", r.lowest_loss());
    o.set("winner", r.Winner());
    val racers = val::array();
    for (int i = 0; i < r.size(); ++i) {
        const OptimizerRun& run = r.run(i);
        val v = val::object();
        v.set("name", run.optimizer_name());
        v.set("step", run.step());
        v.set("x", run.x());
        v.set("y", run.y());
        v.set("loss", run.loss());
        v.set("status", std::string(RunStatusName(run.status())));
        v.set("stoppedAt", run.stopped_at());
        v.set("distance", r.DistanceToMinimum(i));
        v.set("reachedAt", r.reached_at(i));
        const int k = r.NearestMinimum(i);
        v.set("nearest", k >= 0 ? Point(r.critical_points()[k]) : val::null());
        racers.set(i, v);
    }
    o.set("racers", racers);
    return o;
}

// Names arrive as JS values and are read inside, so nothing owning memory is alive
// when a refusal throws.
bool SetSurfaceImpl(RaceHost& h, const val& name) {
    if (!name.isString()) return Refused("The surface must be given by name.");
    h.playing = false;
    return Refused(h.Mutable().SetSurface(name.as<std::string>()));
}
void SetSurface(RaceHost& h, val name) { if (SetSurfaceImpl(h, name)) ThrowPending(); }

bool SetOptimizersImpl(RaceHost& h, const val& names) {
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
    h.playing = false;
    return Refused(h.Mutable().SetOptimizers(list));
}
void SetOptimizers(RaceHost& h, val names) { if (SetOptimizersImpl(h, names)) ThrowPending(); }

void SetLearningRate(RaceHost& h, double lr) {
    h.playing = false;
    if (Refused(h.Mutable().SetLearningRate(lr))) ThrowPending();
}
void SetMomentum(RaceHost& h, double mu) {
    h.playing = false;
    if (Refused(h.Mutable().SetMomentum(mu))) ThrowPending();
}
void SetAdamBetas(RaceHost& h, double b1, double b2) {
    h.playing = false;
    if (Refused(h.Mutable().SetAdamBetas(b1, b2))) ThrowPending();
}
void SetNoise(RaceHost& h, double sigma, double seed) {
    RefuseIf(!(seed >= 0 && seed <= 4294967295.0) || seed != std::floor(seed),
             "The seed must be a whole number from 0 to 4294967295.");
    h.playing = false;
    if (Refused(h.Mutable().SetNoise(sigma, std::uint32_t(seed)))) ThrowPending();
}
void SetStart(RaceHost& h, double x, double y) {
    h.playing = false;
    if (Refused(h.Mutable().SetStart(x, y))) ThrowPending();
}
bool Step(RaceHost& h) { return h.Mutable().Step(); }
int Advance(RaceHost& h, int n) {
    bind::CheckAdvance(n);
    return h.Mutable().Advance(n);
}
void Reset(RaceHost& h) { h.Mutable().Reset(); h.playing = false; }

// Positions of racer i as x, y pairs, oldest first (Float64Array copy).
val Trail(const RaceHost& h, int i) {
    RefuseIf(i < 0 || i >= h.race.size(), "trail(i) takes the index of a racer.");
    return bind::F64(h.race.run(i).positions());
}
// Losses of racer i, one per step (Float64Array copy).
val Losses(const RaceHost& h, int i) {
    RefuseIf(i < 0 || i >= h.race.size(), "losses(i) takes the index of a racer.");
    return bind::F64(h.race.run(i).losses());
}
val CriticalPoints(const RaceHost& h) {
    val out = val::array();
    const auto& cps = h.race.critical_points();
    for (size_t i = 0; i < cps.size(); ++i) out.set(i, Point(cps[i]));
    return out;
}
val Range(const RaceHost& h) {
    const Range2D r = h.race.surface().range();
    val o = val::object();
    o.set("xlo", r.xlo);
    o.set("xhi", r.xhi);
    o.set("ylo", r.ylo);
    o.set("yhi", r.yhi);
    return o;
}
// The surface point under a canvas point (CSS pixels): { x, y }, or null off the map.
val PointFromCanvas(const RaceHost& h, double px, double py, double css_w, double css_h) {
    if (!std::isfinite(px) || !std::isfinite(py) || !(css_w > 0) || !(css_h > 0)) return val::null();
    const views::RaceLayout L = views::MakeRaceLayout(h.race.surface(), float(css_w), float(css_h));
    if (!L.map.Contains(float(px), float(py))) return val::null();
    val o = val::object();
    o.set("x", std::fmin(std::fmax(L.DataX(float(px)), L.range.xlo), L.range.xhi));
    o.set("y", std::fmin(std::fmax(L.DataY(float(py)), L.range.ylo), L.range.yhi));
    return o;
}
// The canvas point (CSS pixels) of a surface point: { px, py }.
val CanvasFromPoint(const RaceHost& h, double x, double y, double css_w, double css_h) {
    const views::RaceLayout L = views::MakeRaceLayout(h.race.surface(), float(css_w), float(css_h));
    val o = val::object();
    o.set("px", L.PxX(x));
    o.set("py", L.PxY(y));
    return o;
}
double SurfaceValue(const RaceHost& h, double x, double y) { return h.race.surface().value(x, y); }
void Show(RaceHost* h) { app::ShowRace(h); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_race) {
    class_<RaceHost>("OptimizerRace")
        .constructor<>()
        .function("state", &State)
        .function("setSurface", &SetSurface)
        .function("setOptimizers", &SetOptimizers)
        .function("setLearningRate", &SetLearningRate)
        .function("setMomentum", &SetMomentum)
        .function("setAdamBetas", &SetAdamBetas)
        .function("setNoise", &SetNoise)
        .function("setStart", &SetStart)
        .function("step", &Step)
        .function("advance", &Advance)
        .function("reset", &Reset)
        .function("setPlaying", &bind::SetPlaying<RaceHost>)
        .function("setSpeed", &bind::SetSpeed<RaceHost>)
        .function("setLogScale", &bind::SetLogScale<RaceHost>)
        .function("trail", &Trail)
        .function("losses", &Losses)
        .function("criticalPoints", &CriticalPoints)
        .function("range", &Range)
        .function("pointFromCanvas", &PointFromCanvas)
        .function("canvasFromPoint", &CanvasFromPoint)
        .function("surfaceValue", &SurfaceValue);
    function("showRace", &Show, allow_raw_pointers());
}
