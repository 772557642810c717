// bind_loss_gap.cpp: the JavaScript API of the loss gap widget (Embind).
#include <emscripten/bind.h>

#include "app/loss_gap_host.hpp"
#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "views/loss_gap_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using app::LossGapHost;
struct LossGapState {
    double truth, prediction, gap, squared, absolute, huber, crossEntropy, huberDelta;
    uint32_t version;
};
LossGapState State(const LossGapHost& h) {
    const app::LossGapValues v = h.Values();
    return {h.settings.truth, h.settings.prediction, v.gap, v.squared, v.absolute, v.huber, v.bce,
            LossGapHost::kHuberDelta, h.version};
}
void SetTruth(LossGapHost& h, double y) { if (bind::Refused(h.SetTruth(y))) bind::ThrowPending(); }
void SetPrediction(LossGapHost& h, double p) { if (bind::Refused(h.SetPrediction(p))) bind::ThrowPending(); }
double ValueAt(const LossGapHost&, double px, double w) { return views::LossGapValueAt(float(px), float(w)); }
void Show(LossGapHost* h) { app::ShowLossGap(h); }
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
    class_<LossGapHost>("LossGap")
        .constructor<>()
        .function("state", &State)
        .function("setTruth", &SetTruth)
        .function("setPrediction", &SetPrediction)
        .function("valueAt", &ValueAt);
    function("showLossGap", &Show, allow_raw_pointers());
}
