// bind_loss_accuracy.cpp: the JavaScript API of the loss-versus-accuracy widget (Embind).
#include <emscripten/bind.h>

#include "model/loss_accuracy_model.hpp"
#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "views/loss_accuracy_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::LossAccuracyModel;
struct LossAccuracyState {
    double boundary, steepness, learningRate, bias, accuracy, loss, slopeBias, slopeBoundary, accuracySlope,
        bestBoundary;
    int correct, count, steps;
    uint32_t version;
};
LossAccuracyState State(const LossAccuracyModel& m) {
    const model::LossAccuracyValues v = m.Values();
    return {m.settings.boundary, m.settings.steepness, m.settings.learning_rate, v.bias, v.accuracy, v.loss,
            v.slope_bias, v.slope_boundary, v.accuracy_slope, m.BestBoundary(), v.correct, v.count, m.steps,
            m.version};
}
void SetBoundary(LossAccuracyModel& m, double x) { if (bind::Refused(m.SetBoundary(x))) bind::Refuse(); }
void SetSteepness(LossAccuracyModel& m, double w) { if (bind::Refused(m.SetSteepness(w))) bind::Refuse(); }
void SetLearningRate(LossAccuracyModel& m, double e) { if (bind::Refused(m.SetLearningRate(e))) bind::Refuse(); }
void GradientStep(LossAccuracyModel& m) { m.GradientStep(); }
// The points as { x: Float64Array, label: Int32Array }.
val Points(const LossAccuracyModel&) {
    const auto& pts = AccuracyLessonPoints();
    val x = val::global("Float64Array").new_(int(pts.size())), label = val::global("Int32Array").new_(int(pts.size()));
    for (size_t i = 0; i < pts.size(); ++i) {
        x.set(i, pts[i].x);
        label.set(i, pts[i].label);
    }
    val o = val::object();
    o.set("x", x);
    o.set("label", label);
    return o;
}
double BoundaryAt(const LossAccuracyModel&, double px, double w) {
    return views::LossAccuracyBoundaryAt(float(px), float(w));
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_loss_accuracy) {
    value_object<LossAccuracyState>("LossAccuracyState")
        .field("boundary", &LossAccuracyState::boundary)
        .field("steepness", &LossAccuracyState::steepness)
        .field("learningRate", &LossAccuracyState::learningRate)
        .field("bias", &LossAccuracyState::bias)
        .field("accuracy", &LossAccuracyState::accuracy)
        .field("loss", &LossAccuracyState::loss)
        .field("slopeBias", &LossAccuracyState::slopeBias)
        .field("slopeBoundary", &LossAccuracyState::slopeBoundary)
        .field("accuracySlope", &LossAccuracyState::accuracySlope)
        .field("bestBoundary", &LossAccuracyState::bestBoundary)
        .field("correct", &LossAccuracyState::correct)
        .field("count", &LossAccuracyState::count)
        .field("steps", &LossAccuracyState::steps)
        .field("version", &LossAccuracyState::version);
    class_<LossAccuracyModel>("LossAccuracy")
        .constructor<>()
        .function("state", &State)
        .function("setBoundary", &SetBoundary)
        .function("setSteepness", &SetSteepness)
        .function("setLearningRate", &SetLearningRate)
        .function("gradientStep", &GradientStep)
        .function("points", &Points)
        .function("boundaryAt", &BoundaryAt);
    function("showLossAccuracy", &app::Show<LossAccuracyModel>, allow_raw_pointers());
}
