// loss_accuracy_model.hpp: the loss-versus-accuracy widget: a logistic classifier
// p = sigmoid(w x + b) on fourteen labelled points, its boundary x0 = -b / w moved by the
// learner or by one gradient step on b (lessons/02-loss-functions.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/loss_accuracy.hpp"
#include "model/checks.hpp"

namespace downhill::model {

// The widget's settings (the URL holds these).
struct LossAccuracySettings {
    double boundary = -2.0;    // x0, where p = 0.5, in [kMinBoundary, kMaxBoundary]
    double steepness = 2.0;    // w > 0: how sharply p turns from 0 to 1 at the boundary
    double learning_rate = 1.0; // eta of a gradient step on b
};

// What the page and the view read off the current model.
struct LossAccuracyValues {
    double bias;          // b = -w x0
    int correct;          // points on their own side
    int count;            // N
    double accuracy;      // correct / N
    double loss;          // mean binary cross-entropy
    double slope_bias;    // dL/db
    double slope_boundary; // dL/dx0 = -w dL/db
    double accuracy_slope; // 0 between points; NaN with the boundary on a point (a jump)
};

struct LossAccuracyModel {
    static constexpr double kMinBoundary = -3, kMaxBoundary = 3;   // the plotted line
    static constexpr double kMinSteepness = 0.5, kMaxSteepness = 5; // w
    static constexpr double kMinRate = 0.05, kMaxRate = 5;          // eta
    LossAccuracySettings settings;              // what the learner chose
    int steps = 0;                              // gradient steps taken since the last move
    uint32_t version = 0;                       // bumped on every change

    std::string SetBoundary(double x0) {
        std::string err = CheckInRange(x0, kMinBoundary, kMaxBoundary, "boundary");
        if (err.empty()) { settings.boundary = x0; steps = 0; ++version; }
        return err;
    }
    std::string SetSteepness(double w) {
        std::string err = CheckInRange(w, kMinSteepness, kMaxSteepness, "steepness");
        if (err.empty()) { settings.steepness = w; ++version; }
        return err;
    }
    std::string SetLearningRate(double eta) {
        std::string err = CheckInRange(eta, kMinRate, kMaxRate, "learning rate");
        if (err.empty()) { settings.learning_rate = eta; ++version; }
        return err;
    }
    // One gradient step on the bias: b <- b - eta dL/db, so x0 = -b / w moves by
    // eta dL/db / w; the boundary stays on the plotted line.
    void GradientStep() {
        const double w = settings.steepness, b = -w * settings.boundary;
        const double nb = b - settings.learning_rate * MeanCrossEntropy(AccuracyLessonPoints(), w, b).db;
        settings.boundary = std::fmin(kMaxBoundary, std::fmax(kMinBoundary, -nb / w));
        ++steps;
        ++version;
    }
    // The boundary of least loss for the current steepness.
    double BestBoundary() const { return -BestBias(AccuracyLessonPoints(), settings.steepness) / settings.steepness; }

    LossAccuracyValues Values() const {
        const auto& pts = AccuracyLessonPoints();
        const double w = settings.steepness, x0 = settings.boundary, b = -w * x0;
        const MeanLoss m = MeanCrossEntropy(pts, w, b);
        bool on_point = false;
        for (const LabelledPoint& p : pts) on_point |= p.x == x0;
        const int right = CorrectCount(pts, w, b);
        return {b, right, int(pts.size()), double(right) / double(pts.size()), m.loss, m.db, -w * m.db,
                on_point ? NAN : 0.0};
    }
};

} // namespace downhill::model
