// bind_loss_explorer.cpp: the JavaScript API of the loss explorer widget (Embind).
// Documented for page authors in web/widget-loss-explorer.js (the page is its only user).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "app/show.hpp"
#include "model/loss_explorer_model.hpp"
#include "bindings/errors.hpp"
#include "views/loss_explorer_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::LossCurve;
using model::LossExplorerModel;

// One fitted line and how well it fits the eleven points under each loss.
struct FitState {
    double slope, intercept, mse, mae;
};
// Everything the page shows, in one plain object.
struct LossExplorerState {
    std::string view;      // "curves" | "outlier"
    double prediction;     // the marker, -1 .. 2
    double delta;          // Huber's delta
    unsigned curves;       // bit k: curve k (mse, mae, huber, bce1, bce0, hinge) is drawn
    double mse, mae, huber, bce1, bce0, hinge; // each loss at the prediction (truth 1; bce0: truth 0);
                                               // bce: NaN outside [0, 1], +Infinity when certain and wrong
    int seed;              // the outlier view's data
    double outlierX, outlierY;
    FitState leastSquares, leastAbsolute;           // fits of all eleven points
    FitState leastSquaresClean, leastAbsoluteClean; // fits of the ten points without the outlier
    uint32_t version;
};
FitState Fit(const LossExplorerModel& h, const LineFit& f) {
    return {f.slope, f.intercept, MeanSquaredResidual(h.points, f), MeanAbsoluteResidual(h.points, f)};
}
LossExplorerState State(const LossExplorerModel& h) {
    const auto& s = h.settings;
    return {s.outlier_view ? "outlier" : "curves", s.prediction, s.delta, s.curves,
            h.Value(LossCurve::MSE), h.Value(LossCurve::MAE), h.Value(LossCurve::Huber),
            h.Value(LossCurve::BCETrue1), h.Value(LossCurve::BCETrue0), h.Value(LossCurve::Hinge),
            s.seed, s.outlier_x, s.outlier_y, Fit(h, h.ls), Fit(h, h.lad),
            {h.ls_clean.slope, h.ls_clean.intercept, MeanSquaredResidual(h.clean, h.ls_clean), MeanAbsoluteResidual(h.clean, h.ls_clean)},
            {h.lad_clean.slope, h.lad_clean.intercept, MeanSquaredResidual(h.clean, h.lad_clean), MeanAbsoluteResidual(h.clean, h.lad_clean)},
            h.version};
}
void SetOutlierView(LossExplorerModel& h, bool on) { h.SetView(on); }
void SetPrediction(LossExplorerModel& h, double p) { if (bind::Refused(h.SetPrediction(p))) bind::Refuse(); }
void SetDelta(LossExplorerModel& h, double d) { if (bind::Refused(h.SetDelta(d))) bind::Refuse(); }
void SetCurves(LossExplorerModel& h, double mask) {
    if (bind::RefuseIf(!(mask >= 0 && mask <= 63) || mask != std::floor(mask), "The curve mask must be a whole number from 0 to 63.")) return;
    h.SetCurves(unsigned(mask));
}
void SetSeed(LossExplorerModel& h, double seed) {
    if (bind::RefuseIf(!std::isfinite(seed) || seed != std::floor(seed), "The data seed must be a whole number from 1 to 9999.")) return;
    if (bind::Refused(h.SetSeed(seed >= 1 && seed <= LossExplorerModel::kMaxSeed ? int(seed) : 0))) bind::Refuse();
}
void SetOutlier(LossExplorerModel& h, double x, double y) { if (bind::Refused(h.SetOutlier(x, y))) bind::Refuse(); }
// The eleven points (x, y pairs; the outlier last) as a Float64Array copy.
val Points(const LossExplorerModel& h) {
    val out = val::global("Float64Array").new_(int(h.points.size() * 2));
    for (size_t i = 0; i < h.points.size(); ++i) {
        out.set(i * 2, h.points[i].x);
        out.set(i * 2 + 1, h.points[i].y);
    }
    return out;
}
// The prediction under a canvas point (CSS pixels), clamped to -1 .. 2.
double PredictionAt(const LossExplorerModel&, double px, double w, double h) {
    if (!std::isfinite(px) || !(w > 0) || !(h > 0)) return NAN;
    const views::LossExplorerLayout L = views::MakeLossCurvesLayout(float(w), float(h));
    return std::fmin(std::fmax(L.XAt(float(px)), L.xmin), L.xmax);
}
// The data point under a canvas point in the outlier view, clamped to the outlier's range.
val OutlierAt(const LossExplorerModel&, double px, double py, double w, double h) {
    if (!std::isfinite(px) || !std::isfinite(py) || !(w > 0) || !(h > 0)) return val::null();
    const views::LossExplorerLayout L = views::MakeOutlierLayout(float(w), float(h));
    val o = val::object();
    o.set("x", std::fmin(std::fmax(L.XAt(float(px)), L.xmin), L.xmax));
    o.set("y", std::fmin(std::fmax(L.YAt(float(py)), L.ymin), L.ymax));
    return o;
}
// The outlier's position on the canvas (CSS pixels): { x, y }.
val OutlierOnCanvas(const LossExplorerModel& h, double w, double hh) {
    const views::LossExplorerLayout L = views::MakeOutlierLayout(float(w), float(hh));
    val o = val::object();
    o.set("x", L.PxX(h.settings.outlier_x));
    o.set("y", L.PxY(h.settings.outlier_y));
    return o;
}
// Curve k's colour as "#rrggbb" (the page's legend swatches match the canvas).
std::string CurveColour(int k, bool dark) {
    const unsigned c = views::LossCurveColour(k, dark);
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF);
    return buf;
}
// Any of the six losses at any prediction (the curves view's formula), for checks.
double CurveValue(int k, double p, double delta) {
    if (k < 0 || k >= model::kLossCurves) return NAN;
    return model::LossCurveValue(LossCurve(k), p, delta);
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_loss_explorer) {
    value_object<FitState>("LossExplorerFit")
        .field("slope", &FitState::slope)
        .field("intercept", &FitState::intercept)
        .field("mse", &FitState::mse)
        .field("mae", &FitState::mae);
    value_object<LossExplorerState>("LossExplorerState")
        .field("view", &LossExplorerState::view)
        .field("prediction", &LossExplorerState::prediction)
        .field("delta", &LossExplorerState::delta)
        .field("curves", &LossExplorerState::curves)
        .field("mse", &LossExplorerState::mse)
        .field("mae", &LossExplorerState::mae)
        .field("huber", &LossExplorerState::huber)
        .field("bce1", &LossExplorerState::bce1)
        .field("bce0", &LossExplorerState::bce0)
        .field("hinge", &LossExplorerState::hinge)
        .field("seed", &LossExplorerState::seed)
        .field("outlierX", &LossExplorerState::outlierX)
        .field("outlierY", &LossExplorerState::outlierY)
        .field("leastSquares", &LossExplorerState::leastSquares)
        .field("leastAbsolute", &LossExplorerState::leastAbsolute)
        .field("leastSquaresClean", &LossExplorerState::leastSquaresClean)
        .field("leastAbsoluteClean", &LossExplorerState::leastAbsoluteClean)
        .field("version", &LossExplorerState::version);
    class_<LossExplorerModel>("LossExplorer")
        .constructor<>()
        .function("state", &State)
        .function("setOutlierView", &SetOutlierView)
        .function("setPrediction", &SetPrediction)
        .function("setDelta", &SetDelta)
        .function("setCurves", &SetCurves)
        .function("setSeed", &SetSeed)
        .function("setOutlier", &SetOutlier)
        .function("points", &Points)
        .function("predictionAt", &PredictionAt)
        .function("outlierAt", &OutlierAt)
        .function("outlierOnCanvas", &OutlierOnCanvas);
    function("lossCurveColour", &CurveColour);
    function("lossCurveValue", &CurveValue);
    function("showLossExplorer", &app::Show<LossExplorerModel>, allow_raw_pointers());
}
