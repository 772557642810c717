// bind_loss_gap.cpp: the JavaScript API of the loss gap widget (Embind).
#include <emscripten/bind.h>

#include "model/loss_gap_model.hpp"
#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "views/loss_gap_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::LossGapModel;
struct LossGapState {
    double truth, prediction, gap, squared, absolute, huber, crossEntropy, huberDelta;
    uint32_t version;
};
LossGapState State(const LossGapModel& h) {
    const model::LossGapValues v = h.Values();
    return {h.settings.truth, h.settings.prediction, v.gap, v.squared, v.absolute, v.huber, v.bce,
            LossGapModel::kHuberDelta, h.version};
}
void SetTruth(LossGapModel& h, double y) { if (bind::Refused(h.SetTruth(y))) bind::Refuse(); }
void SetPrediction(LossGapModel& h, double p) { if (bind::Refused(h.SetPrediction(p))) bind::Refuse(); }
double ValueAt(const LossGapModel&, double px, double w) { return views::LossGapValueAt(float(px), float(w)); }
} // namespace

EMSCRIPTEN_BINDINGS(downhill_loss_gap) {
    value_object<LossGapState>("LossGapState")
        .field("truth", &LossGapState::truth)
        .field("prediction", &LossGapState::prediction)
        .field("gap", &LossGapState::gap)
        .field("squared", &LossGapState::squared)
        .field("absolute", &LossGapState::absolute)
        .field("huber", &LossGapState::huber)
        .field("crossEntropy", &LossGapState::crossEntropy)
        .field("huberDelta", &LossGapState::huberDelta)
        .field("version", &LossGapState::version);
    class_<LossGapModel>("LossGap")
        .constructor<>()
        .function("state", &State)
        .function("setTruth", &SetTruth)
        .function("setPrediction", &SetPrediction)
        .function("valueAt", &ValueAt);
    function("showLossGap", &app::Show<LossGapModel>, allow_raw_pointers());
}
