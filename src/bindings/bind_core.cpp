// bind_core.cpp: the JavaScript API of the simulation core: losses, 1-D curves, 2-D
// surfaces, optimizers with schedules, and maps of many runs (Embind). Bulk results are
// typed arrays, one call per map or trajectory. Documented in src/bindings/API.md.
//
// Index
//   [SECTION] Losses
//   [SECTION] 1-D curves
//   [SECTION] 2-D surfaces
//   [SECTION] Optimizers and schedules
//   [SECTION] Maps
#include <emscripten/bind.h>

#include <memory>

#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "bindings/optimizer_js.hpp"
#include "core/landscape1d.hpp"
#include "core/landscape2d.hpp"
#include "core/losses.hpp"
#include "core/maps.hpp"
#include "core/optim/run.hpp"
#include "core/optim/schedule.hpp"

using namespace emscripten;
using namespace downhill;
using bind::OptimizerToJs;
using bind::ReadOptimizer;
using bind::ReadSchedule;

namespace {

// A string argument as a std::string of at most 100 characters ("" when not a string).
// (Names arrive as val; api.js has checked their type and length before the call.)
std::string Name(const val& v) {
    if (!v.isString()) return "";
    std::string s = v.as<std::string>();
    if (s.size() > 100) s.resize(100);
    return s;
}
val StringList(const std::vector<std::string>& names) {
    val out = val::array();
    for (size_t i = 0; i < names.size(); ++i) out.set(i, names[i]);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Losses
//-----------------------------------------------------------------------------

// scalarLoss(name, y, prediction, delta?) -> { value, grad }: one prediction against one
// target; name: "squared", "absolute", "huber", "bce" (prediction is a probability),
// "bce-logit" (prediction is a logit), "hinge" (y in {-1, +1}, prediction a score).
bool ScalarLossImpl(const val& name, double y, double p, double delta, LossGrad* out) {
    const std::string n = Name(name);
    if (n == "squared") *out = SquaredError(y, p);
    else if (n == "absolute") *out = AbsoluteError(y, p);
    else if (n == "huber") *out = Huber(y, p, delta);
    else if (n == "bce") *out = BinaryCrossEntropy(y, p);
    else if (n == "bce-logit") *out = BinaryCrossEntropyLogit(y, p);
    else if (n == "hinge") *out = Hinge(y, p);
    else { bind::Reader r; r.Unknown("loss", n); return true; }
    return false;
}
val ScalarLoss(val name, double y, double p, double delta) {
    LossGrad g{};
    if (ScalarLossImpl(name, y, p, delta, &g)) { bind::Refuse(); return val::undefined(); }
    val o = val::object();
    o.set("value", g.value);
    o.set("grad", g.grad);
    return o;
}
// loss(kind, outputs, targets, delta?) -> { value, grad: Float64Array }: one example with
// n outputs; kind: "mse", "mae", "huber", "bce", "softmax-ce", "hinge" (see losses.hpp).
bool LossImpl(const val& kind, const val& outputs, const val& targets, double delta, val* out) {
    bind::Reader r;
    LossKind k;
    const std::string n = Name(kind);
    if (!ParseLossKind(n, &k)) { r.Unknown("loss", n); return true; }
    const std::vector<double> o = r.Numbers(outputs, "outputs", 4096);
    const std::vector<double> t = r.Numbers(targets, "targets", 4096);
    if (r.failed) return true;
    if (o.empty() || o.size() != t.size()) { r.Fail("outputs and targets must have the same, non-zero length."); return true; }
    std::vector<double> g(o.size());
    const double v = LossAndGrad(k, o.data(), t.data(), int(o.size()), g.data(), delta);
    *out = val::object();
    out->set("value", v);
    out->set("grad", bind::F64(g));
    return false;
}
val Loss(val kind, val outputs, val targets, double delta) {
    val out = val::undefined();
    if (LossImpl(kind, outputs, targets, delta, &out)) bind::Refuse();
    return out;
}
bool SoftmaxImpl(const val& logits, val* out) {
    bind::Reader r;
    const std::vector<double> z = r.Numbers(logits, "logits", 4096);
    if (r.failed) return true;
    std::vector<double> p(z.size());
    Softmax(z.data(), int(z.size()), p.data());
    *out = bind::F64(p);
    return false;
}
val SoftmaxJs(val logits) {
    val out = val::undefined();
    if (SoftmaxImpl(logits, &out)) bind::Refuse();
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] 1-D curves
//-----------------------------------------------------------------------------

// new Curve(name): one of landscape1dNames().
struct Curve {
    std::unique_ptr<Landscape1D> f;
};
bool MakeCurveImpl(const val& name, std::unique_ptr<Landscape1D>* out) {
    const std::string n = Name(name);
    *out = MakeLandscape1D(n);
    if (!*out) { bind::Reader r; r.Unknown("curve", n); return true; }
    return false;
}
Curve* NewCurve(val name) {
    std::unique_ptr<Landscape1D> f;
    if (MakeCurveImpl(name, &f)) { bind::Refuse(); return nullptr; }
    return new Curve{std::move(f)};
}
val CurveRange(const Curve& c) {
    val o = val::object();
    o.set("lo", c.f->lo());
    o.set("hi", c.f->hi());
    return o;
}
// sample(n) -> { x, f, slope, curvature } at n evenly spaced points over the drawn range.
val CurveSample(const Curve& c, int n) {
    if (bind::RefuseIf(n < 2 || n > 1000000, "sample(n) takes 2 <= n <= 1000000.")) return val::undefined();
    std::vector<double> x(n), f(n), d(n), h(n);
    for (int i = 0; i < n; ++i) {
        x[i] = c.f->lo() + (c.f->hi() - c.f->lo()) * i / (n - 1);
        f[i] = c.f->value(x[i]);
        d[i] = c.f->slope(x[i]);
        h[i] = c.f->curvature(x[i]);
    }
    val o = val::object();
    o.set("x", bind::F64(x));
    o.set("f", bind::F64(f));
    o.set("slope", bind::F64(d));
    o.set("curvature", bind::F64(h));
    return o;
}
// stationaryPoints() -> [{ x, f, curvature, minimum, maxStableLearningRate }], left to right.
val CurveStationary(const Curve& c) {
    val out = val::array();
    const auto pts = Stationary1D(*c.f);
    for (size_t i = 0; i < pts.size(); ++i) {
        val o = val::object();
        o.set("x", pts[i].x);
        o.set("f", pts[i].f);
        o.set("curvature", pts[i].f2);
        o.set("minimum", pts[i].is_minimum);
        o.set("maxStableLearningRate", pts[i].max_stable_lr);
        out.set(i, o);
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] 2-D surfaces
//-----------------------------------------------------------------------------

// new Surface(name): one of landscape2dNames().
struct Surface {
    std::unique_ptr<Landscape2D> f;
};
bool MakeSurfaceImpl(const val& name, std::unique_ptr<Landscape2D>* out) {
    const std::string n = Name(name);
    *out = MakeLandscape2D(n);
    if (!*out) { bind::Reader r; r.Unknown("surface", n); return true; }
    return false;
}
Surface* NewSurface(val name) {
    std::unique_ptr<Landscape2D> f;
    if (MakeSurfaceImpl(name, &f)) { bind::Refuse(); return nullptr; }
    return new Surface{std::move(f)};
}
val SurfaceGradient(const Surface& s, double x, double y) {
    const Vec2 g = s.f->gradient(x, y);
    val o = val::object();
    o.set("x", g.x);
    o.set("y", g.y);
    return o;
}
val SurfaceHessian(const Surface& s, double x, double y) {
    const Hessian2 h = s.f->hessian(x, y);
    val o = val::object();
    o.set("xx", h.xx);
    o.set("xy", h.xy);
    o.set("yy", h.yy);
    return o;
}
val SurfaceRange(const Surface& s) {
    const Range2D r = s.f->range();
    const Vec2 st = s.f->start();
    val o = val::object();
    o.set("xlo", r.xlo);
    o.set("xhi", r.xhi);
    o.set("ylo", r.ylo);
    o.set("yhi", r.yhi);
    o.set("startX", st.x);
    o.set("startY", st.y);
    return o;
}
val SurfaceCritical(const Surface& s) {
    val out = val::array();
    const auto pts = s.f->critical_points();
    for (size_t i = 0; i < pts.size(); ++i) {
        val o = val::object();
        o.set("x", pts[i].x);
        o.set("y", pts[i].y);
        o.set("f", pts[i].f);
        o.set("kind", std::string(CriticalKindName(pts[i].kind)));
        out.set(i, o);
    }
    return out;
}
// sampleGrid(nx, ny) -> Float64Array of f over the range, row j (y) major: [j * nx + i].
val SurfaceGrid(const Surface& s, int nx, int ny) {
    if (bind::RefuseIf(nx < 2 || ny < 2 || nx > 2048 || ny > 2048, "sampleGrid takes 2 to 2048 points per side."))
        return val::undefined();
    const Range2D r = s.f->range();
    std::vector<double> v(size_t(nx) * ny);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            v[size_t(j) * nx + i] = s.f->value(r.xlo + (r.xhi - r.xlo) * i / (nx - 1), r.ylo + (r.yhi - r.ylo) * j / (ny - 1));
    return bind::F64(v);
}

//-----------------------------------------------------------------------------
// [SECTION] Optimizers and schedules
//-----------------------------------------------------------------------------

val DefaultSettingsJs(val name) {
    const std::string n = Name(name);
    if (!FindOptimizer(n)) {
        bind::Reader r;
        r.Unknown("optimizer", n);
        bind::Refuse();
        return val::undefined();
    }
    return OptimizerToJs(DefaultOptimizerSettings(n));
}

// runOptimizer({ curve | surface, optimizer, settings, start: [x] | [x, y], steps })
//   -> { dim, steps, status, stoppedAt, positions: Float64Array, losses: Float64Array }
bool RunImpl(const val& cfg, val* out) {
    bind::Reader r;
    const std::string optimizer = r.String(cfg, "optimizer", "gd");
    const OptimizerSettings s = ReadOptimizer(r, optimizer, r.Object(cfg, "settings"));
    const int steps = r.Integer(cfg, "steps", 100, 0, 1000000);
    const std::vector<double> start = bind::Has(cfg, "start") ? r.Numbers(cfg["start"], "start", 2) : std::vector<double>{};
    if (r.failed) return true;
    Trajectory t;
    if (bind::Has(cfg, "surface")) {
        const std::string n = r.String(cfg, "surface", "");
        const auto f = MakeLandscape2D(n);
        if (!f) { r.Unknown("surface", n); return true; }
        const Vec2 st = f->start();
        t = RunOptimizer2D(*f, optimizer, s, start.size() > 0 ? start[0] : st.x, start.size() > 1 ? start[1] : st.y, steps);
    } else {
        const std::string n = r.String(cfg, "curve", "course");
        const auto f = MakeLandscape1D(n);
        if (!f) { r.Unknown("curve", n); return true; }
        t = RunOptimizer1D(*f, optimizer, s, start.empty() ? f->lo() + 0.8 * (f->hi() - f->lo()) : start[0], steps);
    }
    if (bind::Refused(t.error)) return true;
    *out = val::object();
    out->set("dim", t.dim);
    out->set("steps", t.steps);
    out->set("status", std::string(RunStatusName(t.status)));
    out->set("stoppedAt", t.stopped_at);
    out->set("positions", bind::F64(t.positions));
    out->set("losses", bind::F64(t.losses));
    return false;
}
val RunOptimizerJs(val cfg) {
    val out = val::undefined();
    if (RunImpl(cfg, &out)) bind::Refuse();
    return out;
}
// scheduleFactors({ kind, ... }, n) -> Float64Array of the rate multiplier at steps 0..n-1.
bool ScheduleImpl(const val& cfg, int n, val* out) {
    bind::Reader r;
    const Schedule s = ReadSchedule(r, cfg);
    if (r.failed) return true;
    if (bind::Refused(ValidateSchedule(s))) return true;
    if (n < 0 || n > 1000000) { r.Fail("scheduleFactors takes 0 <= n <= 1000000."); return true; }
    std::vector<double> f(n);
    for (int t = 0; t < n; ++t) f[t] = ScheduleFactor(s, t);
    *out = bind::F64(f);
    return false;
}
val ScheduleFactorsJs(val cfg, int n) {
    val out = val::undefined();
    if (ScheduleImpl(cfg, n, &out)) bind::Refuse();
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Maps
//-----------------------------------------------------------------------------

// learningRateMap({ curve, formula, starts, xLo, xHi, rates, lrLo, lrHi, steps, capture, stopOutside })
// (formula: a typed curve, drawn over [xLo, xHi], instead of a named one)
bool LrMapImpl(const val& cfg, val* out) {
    bind::Reader r;
    const std::string n = r.String(cfg, "curve", "course");
    const std::string formula = r.String(cfg, "formula", "");
    LrMapSettings s;
    s.starts = r.Integer(cfg, "starts", s.starts, 1, 4096);
    s.x_lo = r.Number(cfg, "xLo", s.x_lo);
    s.x_hi = r.Number(cfg, "xHi", s.x_hi);
    s.rates = r.Integer(cfg, "rates", s.rates, 1, 4096);
    s.lr_lo = r.Number(cfg, "lrLo", s.lr_lo);
    s.lr_hi = r.Number(cfg, "lrHi", s.lr_hi);
    s.steps = r.Integer(cfg, "steps", s.steps, 1, 100000);
    s.capture = r.Number(cfg, "capture", s.capture);
    s.stop_outside = r.Bool(cfg, "stopOutside", s.stop_outside);
    if (r.failed) return true;
    std::unique_ptr<Landscape1D> f;
    if (!formula.empty()) {
        auto typed = std::make_unique<FormulaCurve1D>();
        if (bind::Refused(FormulaCurve1D::Make(formula, s.x_lo, s.x_hi, typed.get()))) return true;
        f = std::move(typed);
    } else {
        f = MakeLandscape1D(n);
    }
    if (!f) { r.Unknown("curve", n); return true; }
    const LrMap m = MapLearningRates1D(*f, s);
    if (bind::Refused(m.error)) return true;
    *out = val::object();
    out->set("starts", m.starts);
    out->set("rates", m.rates);
    out->set("startX", bind::F64(m.start_x));
    out->set("lr", bind::F64(m.lr));
    out->set("minima", bind::F64(m.minima));
    out->set("maxStableLearningRate", bind::F64(m.max_stable_lr));
    out->set("outcome", bind::Typed("Uint8Array", m.outcome));
    out->set("steps", bind::Typed("Int32Array", m.steps));
    return false;
}
val LrMapJs(val cfg) {
    val out = val::undefined();
    if (LrMapImpl(cfg, &out)) bind::Refuse();
    return out;
}
// basinMap({ surface, optimizer, settings, nx, ny, steps, capture })
bool BasinImpl(const val& cfg, val* out) {
    bind::Reader r;
    const std::string n = r.String(cfg, "surface", "lesson");
    const std::string optimizer = r.String(cfg, "optimizer", "gd");
    const OptimizerSettings s = ReadOptimizer(r, optimizer, r.Object(cfg, "settings"));
    BasinMapSettings m;
    m.nx = r.Integer(cfg, "nx", m.nx, 1, 2048);
    m.ny = r.Integer(cfg, "ny", m.ny, 1, 2048);
    m.steps = r.Integer(cfg, "steps", m.steps, 1, 100000);
    m.capture = r.Number(cfg, "capture", m.capture);
    if (r.failed) return true;
    const auto f = MakeLandscape2D(n);
    if (!f) { r.Unknown("surface", n); return true; }
    const BasinMap b = MapBasins2D(*f, optimizer, s, m);
    if (bind::Refused(b.error)) return true;
    val minima = val::array();
    for (size_t i = 0; i < b.minima.size(); ++i) {
        val o = val::object();
        o.set("x", b.minima[i].x);
        o.set("y", b.minima[i].y);
        o.set("f", b.minima[i].f);
        o.set("kind", std::string(CriticalKindName(b.minima[i].kind)));
        minima.set(i, o);
    }
    *out = val::object();
    out->set("nx", b.nx);
    out->set("ny", b.ny);
    out->set("xs", bind::F64(b.xs));
    out->set("ys", bind::F64(b.ys));
    out->set("minima", minima);
    out->set("capture", b.capture);
    out->set("outcome", bind::Typed("Uint8Array", b.outcome));
    out->set("steps", bind::Typed("Int32Array", b.steps));
    return false;
}
val BasinMapJs(val cfg) {
    val out = val::undefined();
    if (BasinImpl(cfg, &out)) bind::Refuse();
    return out;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_core) {
    function("scalarLoss", &ScalarLoss);
    function("scalarLoss", +[](val name, double y, double p) { return ScalarLoss(name, y, p, 1.0); });
    function("loss", &Loss);
    function("loss", +[](val kind, val outputs, val targets) { return Loss(kind, outputs, targets, 1.0); });
    function("softmax", &SoftmaxJs);

    function("landscape1dNames", +[] { return StringList(Landscape1DNames()); });
    class_<Curve>("Curve")
        .constructor(&NewCurve, allow_raw_pointers())
        .function("name", +[](const Curve& c) { return std::string(c.f->name()); })
        .function("value", +[](const Curve& c, double x) { return c.f->value(x); })
        .function("slope", +[](const Curve& c, double x) { return c.f->slope(x); })
        .function("curvature", +[](const Curve& c, double x) { return c.f->curvature(x); })
        .function("range", &CurveRange)
        .function("sample", &CurveSample)
        .function("stationaryPoints", &CurveStationary);

    function("landscape2dNames", +[] { return StringList(Landscape2DNames()); });
    class_<Surface>("Surface")
        .constructor(&NewSurface, allow_raw_pointers())
        .function("name", +[](const Surface& s) { return std::string(s.f->name()); })
        .function("value", +[](const Surface& s, double x, double y) { return s.f->value(x, y); })
        .function("gradient", &SurfaceGradient)
        .function("hessian", &SurfaceHessian)
        .function("range", &SurfaceRange)
        .function("criticalPoints", &SurfaceCritical)
        .function("sampleGrid", &SurfaceGrid);

    function("optimizerNames", +[] { return StringList(OptimizerNames()); });
    function("optimizerTable", &bind::OptimizerTableJs);
    function("defaultOptimizerSettings", &DefaultSettingsJs);
    function("runOptimizer", &RunOptimizerJs);
    function("scheduleFactors", &ScheduleFactorsJs);

    function("learningRateMap", &LrMapJs);
    function("basinMap", &BasinMapJs);
}
