// bind_weights_fit.cpp: the JavaScript API of the "weights and fit" widget (Embind).
//
//   const f = new Module.WeightsFit();     // measured x, start (0, 0), learning rate 0.03
//   f.setWeights(1, -2); f.setScaled(true); f.setLearningRate(0.5);
//   f.step(); f.state().mse                // and w, b, the minimum, steps needed both ways
//   f.pointFromCanvas(px, py, cssW, cssH)  // { w, b } under a canvas point on the map, or null
//   Module.showWeightsFit(f);              // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "bindings/play.hpp"
#include "model/weights_fit_model.hpp"
#include "views/weights_fit_view.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::Refuse;

namespace {
using model::WeightsFitModel;

// Everything the page shows about the fit, in one plain object.
struct WeightsFitState {
    uint32_t version;
    bool playing;
    double stepsPerSecond;
    bool running, diverged, reached, scaled;
    int step;
    double w, b, mse, gradW, gradB, startW, startB, learningRate;
    double minW, minB, minMse;                 // least squares, for the x in use
    double lambdaMin, lambdaMax, condition, maxStableLr; // the Hessian's, for the x in use
    int stepsRaw, stepsScaled;                 // steps from the start's line, -1: never
    double wMin, wMax, bMin, bMax;             // the map's window
    double xMean, xStd;                        // of the measured x
};

WeightsFitState State(const WeightsFitModel& m) {
    const Vec2 p = m.now();
    const Vec2 g = FitGradient(m.data(), p.x, p.y);
    const FitMinimum min = LeastSquares(m.data());
    const FitCurvature c = CurvatureOf(m.data());
    const Range2D& r = m.window();
    return {m.version, m.playing, m.steps_per_second, m.CanRun(), m.diverged, m.Reached(), m.scaled, m.step(),
            p.x, p.y, m.Mse(), g.x, g.y, m.start.x, m.start.y, m.lr, min.w, min.b, min.mse,
            c.lambda_min, c.lambda_max, c.condition, c.max_stable_lr, m.steps_raw, m.steps_scaled,
            r.xlo, r.xhi, r.ylo, r.yhi, m.scale.mean, m.scale.std};
}

void SetWeights(WeightsFitModel& m, double w, double b) { if (Refused(m.SetWeights(w, b))) Refuse(); }
void SetLearningRate(WeightsFitModel& m, double v) { if (Refused(m.SetLearningRate(v))) Refuse(); }
void SetScaled(WeightsFitModel& m, bool on) { m.SetScaled(on); }
// The points: { x, y } as measured, and z, the x the weights multiply (x itself, or standardised).
val Data(const WeightsFitModel& m) {
    val o = val::object();
    o.set("x", bind::F64(m.raw.x));
    o.set("y", bind::F64(m.raw.y));
    o.set("z", bind::F64(m.data().x));
    return o;
}
// The map's plot box on a canvas of css_w x css_h CSS pixels: { left, top, right, bottom }.
val MapBox(const WeightsFitModel& m, double css_w, double css_h) {
    const views::Box b = views::MakeWeightsFitLayout(m.window(), float(css_w), float(css_h)).map.box;
    val o = val::object();
    o.set("left", b.left);
    o.set("top", b.top);
    o.set("right", b.right);
    o.set("bottom", b.bottom);
    return o;
}
// { w, b } under a canvas point (CSS pixels) on the map, else null.
val PointFromCanvas(const WeightsFitModel& m, double px, double py, double css_w, double css_h) {
    if (!std::isfinite(px) || !std::isfinite(py) || !(css_w > 0) || !(css_h > 0)) return val::null();
    const views::Plot P = views::MakeWeightsFitLayout(m.window(), float(css_w), float(css_h)).map;
    if (!P.box.Contains(float(px), float(py))) return val::null();
    val o = val::object();
    o.set("w", P.xlo + (px - P.box.left) / P.box.Width() * (P.xhi - P.xlo));
    o.set("b", P.ylo + (P.box.bottom - py) / P.box.Height() * (P.yhi - P.ylo));
    return o;
}
// The (w, b) of every step so far, as [w0, b0, w1, b1, ...] (Float64Array copy).
val Path(const WeightsFitModel& m) {
    std::vector<double> out;
    out.reserve(m.path.size() * 2);
    for (const Vec2& p : m.path) { out.push_back(p.x); out.push_back(p.y); }
    return bind::F64(out);
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_weights_fit) {
    value_object<WeightsFitState>("WeightsFitState")
        .field("version", &WeightsFitState::version)
        .field("playing", &WeightsFitState::playing)
        .field("stepsPerSecond", &WeightsFitState::stepsPerSecond)
        .field("running", &WeightsFitState::running)
        .field("diverged", &WeightsFitState::diverged)
        .field("reached", &WeightsFitState::reached)
        .field("scaled", &WeightsFitState::scaled)
        .field("step", &WeightsFitState::step)
        .field("w", &WeightsFitState::w)
        .field("b", &WeightsFitState::b)
        .field("mse", &WeightsFitState::mse)
        .field("gradW", &WeightsFitState::gradW)
        .field("gradB", &WeightsFitState::gradB)
        .field("startW", &WeightsFitState::startW)
        .field("startB", &WeightsFitState::startB)
        .field("learningRate", &WeightsFitState::learningRate)
        .field("minW", &WeightsFitState::minW)
        .field("minB", &WeightsFitState::minB)
        .field("minMse", &WeightsFitState::minMse)
        .field("lambdaMin", &WeightsFitState::lambdaMin)
        .field("lambdaMax", &WeightsFitState::lambdaMax)
        .field("condition", &WeightsFitState::condition)
        .field("maxStableLr", &WeightsFitState::maxStableLr)
        .field("stepsRaw", &WeightsFitState::stepsRaw)
        .field("stepsScaled", &WeightsFitState::stepsScaled)
        .field("wMin", &WeightsFitState::wMin)
        .field("wMax", &WeightsFitState::wMax)
        .field("bMin", &WeightsFitState::bMin)
        .field("bMax", &WeightsFitState::bMax)
        .field("xMean", &WeightsFitState::xMean)
        .field("xStd", &WeightsFitState::xStd);
    bind::BindPlay(class_<WeightsFitModel>("WeightsFit")
        .constructor<>()
        .function("state", &State)
        .function("setWeights", &SetWeights)
        .function("setLearningRate", &SetLearningRate)
        .function("setScaled", &SetScaled)
        .function("data", &Data)
        .function("path", &Path)
        .function("mapBox", &MapBox)
        .function("pointFromCanvas", &PointFromCanvas));
    function("showWeightsFit", &app::Show<WeightsFitModel>, allow_raw_pointers());
}
