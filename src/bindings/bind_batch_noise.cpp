// bind_batch_noise.cpp: the JavaScript API of the batch-size and range-test widget (Embind).
//
//   const b = new Module.BatchNoise();   // 64 points, seed 1, B = 4, range 1e-5 .. 10
//   b.setBatch(16); b.state().rows[4]    // {batch: 16, spread, expected, simple}
//   b.setView('range'); b.state().suggested
//   b.useSuggested(); b.state().usedLoss // the loss after 50 steps at the suggested rate
//   Module.showBatchNoise(b);            // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "model/batch_noise_model.hpp"
#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/js_value.hpp"
#include "views/batch_noise_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::BatchNoiseModel;
// Everything the page shows, in one plain object. rows: one {batch, spread, expected,
// simple} per batch size 1, 2, 4 .. 64; arrows: [{w, b}] at the chosen batch size.
struct BatchNoiseState {
    std::string view;
    int batch, points, seed;
    double rangeFrom, rangeTo;
    double gradW, gradB, gradNorm, sigma; // the full gradient, |g|, sigma / |g|
    val rows = val::array();
    val arrows = val::array();
    double startLoss, curvature, stableLimit; // the loss at the start, L, 2 / L
    int rangeSteps, steepest, blowup;
    double steepestRate, blowupRate, suggested; // blowupRate: NaN when there was none
    double usedRate, usedLoss; int usedSteps;   // the last "use it" run (usedRate 0: none)
    uint32_t version;
};
BatchNoiseState State(const BatchNoiseModel& m) {
    val rows = val::array();
    for (size_t i = 0; i < m.study.rows.size(); ++i) {
        const BatchNoiseRow& r = m.study.rows[i];
        val o = val::object();
        o.set("batch", r.batch);
        o.set("spread", r.spread);
        o.set("expected", r.expected);
        o.set("simple", r.simple);
        rows.set(i, o);
    }
    val arrows = val::array();
    for (size_t i = 0; i < m.arrows.size(); ++i) {
        val o = val::object();
        o.set("w", m.arrows[i].w);
        o.set("b", m.arrows[i].b);
        arrows.set(i, o);
    }
    const RangeTestResult& r = m.range;
    const double norm = m.study.norm;
    return {m.settings.range_view ? "range" : "noise", m.settings.batch, m.data.size(), m.settings.seed,
            m.settings.range_from, m.settings.range_to, m.study.full.w, m.study.full.b, norm,
            norm > 0 ? std::sqrt(m.study.sigma2) / norm : 0.0, rows, arrows, m.StartLoss(), m.curvature,
            2.0 / m.curvature, int(r.loss.size()), r.steepest, r.blowup,
            r.steepest >= 0 ? r.lr[r.steepest] : NAN, r.blowup >= 0 ? r.lr[r.blowup] : NAN, r.suggested,
            m.used_rate, m.used_loss, BatchNoiseModel::kTrainSteps, m.version};
}
void SetView(BatchNoiseModel& m, val v) {
    if (bind::Refused(v.isString() ? m.SetView(v.as<std::string>()) : "The view must be “noise” or “range”.")) bind::Refuse();
}
void SetBatch(BatchNoiseModel& m, double b) { if (bind::Refused(m.SetBatch(b))) bind::Refuse(); }
void SetRange(BatchNoiseModel& m, double from, double to) { if (bind::Refused(m.SetRange(from, to))) bind::Refuse(); }
void SetSeed(BatchNoiseModel& m, double s) { if (bind::Refused(m.SetSeed(s))) bind::Refuse(); }
void UseSuggested(BatchNoiseModel& m) { m.UseSuggested(); }
// The range test's rates and losses (Float64Array copies), one per step taken.
val RangeRates(const BatchNoiseModel& m) { return bind::F64(m.range.lr); }
val RangeLosses(const BatchNoiseModel& m) { return bind::F64(m.range.loss); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_batch_noise) {
    value_object<BatchNoiseState>("BatchNoiseState")
        .field("view", &BatchNoiseState::view)
        .field("batch", &BatchNoiseState::batch)
        .field("points", &BatchNoiseState::points)
        .field("seed", &BatchNoiseState::seed)
        .field("rangeFrom", &BatchNoiseState::rangeFrom)
        .field("rangeTo", &BatchNoiseState::rangeTo)
        .field("gradW", &BatchNoiseState::gradW)
        .field("gradB", &BatchNoiseState::gradB)
        .field("gradNorm", &BatchNoiseState::gradNorm)
        .field("sigma", &BatchNoiseState::sigma)
        .field("rows", &BatchNoiseState::rows)
        .field("arrows", &BatchNoiseState::arrows)
        .field("startLoss", &BatchNoiseState::startLoss)
        .field("curvature", &BatchNoiseState::curvature)
        .field("stableLimit", &BatchNoiseState::stableLimit)
        .field("rangeSteps", &BatchNoiseState::rangeSteps)
        .field("steepest", &BatchNoiseState::steepest)
        .field("blowup", &BatchNoiseState::blowup)
        .field("steepestRate", &BatchNoiseState::steepestRate)
        .field("blowupRate", &BatchNoiseState::blowupRate)
        .field("suggested", &BatchNoiseState::suggested)
        .field("usedRate", &BatchNoiseState::usedRate)
        .field("usedLoss", &BatchNoiseState::usedLoss)
        .field("usedSteps", &BatchNoiseState::usedSteps)
        .field("version", &BatchNoiseState::version);
    class_<BatchNoiseModel>("BatchNoise")
        .constructor<>()
        .function("state", &State)
        .function("setView", &SetView)
        .function("setBatch", &SetBatch)
        .function("setRange", &SetRange)
        .function("setSeed", &SetSeed)
        .function("useSuggested", &UseSuggested)
        .function("rangeRates", &RangeRates)
        .function("rangeLosses", &RangeLosses);
    function("showBatchNoise", &app::Show<BatchNoiseModel>, allow_raw_pointers());
}
