// loss_gap_model.hpp: the loss gap widget: one prediction, one true value, and what each
// loss makes of the gap between them (lessons/01-what-is-loss.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <string>

#include "core/losses.hpp"
#include "model/checks.hpp"

namespace downhill::model {

// The widget's settings (the URL holds these).
struct LossGapSettings {
    double truth = 0.85;      // y, in [0, 1]
    double prediction = 0.62; // yhat, in [0, 1]
};

// Every loss of one prediction against one truth.
struct LossGapValues {
    double gap;      // |y - yhat|
    double squared;  // (y - yhat)^2
    double absolute; // |y - yhat|
    double huber;    // Huber with delta = kHuberDelta
    double bce;      // -[y log yhat + (1-y) log(1-yhat)], yhat read as a probability
};

struct LossGapModel {
    static constexpr double kHuberDelta = 0.25; // where Huber turns from square to straight
    LossGapSettings settings;                   // what the learner chose
    uint32_t version = 0;                       // bumped on every change

    std::string SetTruth(double y) {
        std::string err = CheckInRange(y, 0, 1, "true value");
        if (err.empty()) { settings.truth = y; ++version; }
        return err;
    }
    std::string SetPrediction(double p) {
        std::string err = CheckInRange(p, 0, 1, "prediction");
        if (err.empty()) { settings.prediction = p; ++version; }
        return err;
    }
    LossGapValues Values() const {
        const double y = settings.truth, p = settings.prediction;
        return {std::fabs(y - p), SquaredError(y, p).value, AbsoluteError(y, p).value,
                Huber(y, p, kHuberDelta).value, BinaryCrossEntropy(y, p).value};
    }
};

} // namespace downhill::model
