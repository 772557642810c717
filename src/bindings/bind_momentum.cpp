// bind_momentum.cpp: the JavaScript API of the "why momentum works" widget (Embind).
#include <emscripten/bind.h>

#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "model/momentum_model.hpp"
#include "views/momentum_view.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::MomentumModel;
// What the page shows; steps are -1 where the run does not reach a millionth of its start
// loss within MomentumModel::kMaxSteps (or diverges).
struct MomentumState {
    double kappa, eta, beta;
    double rate, rateSteep, rateShallow; // spectral radius: overall, steep and shallow direction
    int steps;                           // the run's steps to a millionth
    bool diverged;
    double etaLimit;                     // 2 (1 + beta): larger rates diverge
    double gdEta, gdRate;                // best plain gradient descent
    int gdSteps;
    double bestEta, bestBeta, bestRate;  // best momentum
    int bestSteps;
    uint32_t version;
};
struct MomentumMapPoint {
    bool inside;
    double eta, beta;
};
MomentumState State(const MomentumModel& m) {
    const auto& s = m.settings;
    const MomentumBest g = BestPlainGd(s.kappa), b = BestMomentum(s.kappa);
    const double rate = m.Rate();
    return {s.kappa, s.eta, s.beta, rate, DirectionRate(1.0, s.eta, s.beta), DirectionRate(1.0 / s.kappa, s.eta, s.beta),
            m.run.steps_to_tol, m.run.diverged, MomentumEtaLimit(s.beta),
            g.eta, g.rate, m.gd_steps, b.eta, b.beta, b.rate, m.best_steps, m.version};
}
void SetKappa(MomentumModel& m, double k) { if (bind::Refused(m.SetKappa(k))) bind::Refuse(); }
void SetEta(MomentumModel& m, double e) { if (bind::Refused(m.SetEta(e))) bind::Refuse(); }
void SetBeta(MomentumModel& m, double b) { if (bind::Refused(m.SetBeta(b))) bind::Refuse(); }
void SetEtaBeta(MomentumModel& m, double e, double b) { if (bind::Refused(m.SetEtaBeta(e, b))) bind::Refuse(); }
MomentumMapPoint MapAt(const MomentumModel&, double px, double py, double w, double h) {
    MomentumMapPoint p{false, 0, 0};
    p.inside = views::MomentumMapAt(float(px), float(py), float(w), float(h), &p.eta, &p.beta);
    return p;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_momentum) {
    value_object<MomentumState>("MomentumState")
        .field("kappa", &MomentumState::kappa)
        .field("eta", &MomentumState::eta)
        .field("beta", &MomentumState::beta)
        .field("rate", &MomentumState::rate)
        .field("rateSteep", &MomentumState::rateSteep)
        .field("rateShallow", &MomentumState::rateShallow)
        .field("steps", &MomentumState::steps)
        .field("diverged", &MomentumState::diverged)
        .field("etaLimit", &MomentumState::etaLimit)
        .field("gdEta", &MomentumState::gdEta)
        .field("gdRate", &MomentumState::gdRate)
        .field("gdSteps", &MomentumState::gdSteps)
        .field("bestEta", &MomentumState::bestEta)
        .field("bestBeta", &MomentumState::bestBeta)
        .field("bestRate", &MomentumState::bestRate)
        .field("bestSteps", &MomentumState::bestSteps)
        .field("version", &MomentumState::version);
    value_object<MomentumMapPoint>("MomentumMapPoint")
        .field("inside", &MomentumMapPoint::inside)
        .field("eta", &MomentumMapPoint::eta)
        .field("beta", &MomentumMapPoint::beta);
    class_<MomentumModel>("Momentum")
        .constructor<>()
        .function("state", &State)
        .function("setKappa", &SetKappa)
        .function("setEta", &SetEta)
        .function("setBeta", &SetBeta)
        .function("setEtaBeta", &SetEtaBeta)
        .function("mapAt", &MapAt);
    function("showMomentum", &app::Show<MomentumModel>, allow_raw_pointers());
}
