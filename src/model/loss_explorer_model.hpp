// loss_explorer_model.hpp: the loss explorer widget (lessons/02-loss-functions.md) in two views:
//   Loss curves : six losses against one prediction when the right answer is 1
//   Outlier fit : ten seeded points plus one draggable outlier, fitted by least squares
//                 (MSE) and by least absolute deviations (MAE)
//
// Index
//   [SECTION] Settings
//   [SECTION] The losses drawn in the curves view
//   [SECTION] LossExplorerModel
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/losses.hpp"
#include "core/robust_fit.hpp"
#include "model/checks.hpp"

namespace downhill::model {

//-----------------------------------------------------------------------------
// [SECTION] Settings
//-----------------------------------------------------------------------------

// What the learner chose (the URL holds these).
struct LossExplorerSettings {
    bool outlier_view = false; // false: loss curves, true: outlier fit
    double prediction = 0.2;   // the marker on the curves, in [kPredictionLo, kPredictionHi]
    double delta = 1.0;        // Huber's delta, in [kDeltaLo, kDeltaHi]
    unsigned curves = 0x3F;    // bit k set: LossCurve k is drawn
    int seed = 8;              // the outlier view's data, in [1, kMaxSeed]
    double outlier_x = 9.0;    // in [kOutlierXLo, kOutlierXHi]
    double outlier_y = 0.5;    // in [kOutlierYLo, kOutlierYHi]
};

//-----------------------------------------------------------------------------
// [SECTION] The losses drawn in the curves view
//-----------------------------------------------------------------------------

// Every curve shows the loss of a prediction p when the right answer is 1 ("yes"), except
// cross-entropy for truth 0, the same question with the answer "no".
enum class LossCurve : int {
    MSE,      // (1 - p)^2
    MAE,      // |1 - p|
    Huber,    // 0.5 (1 - p)^2 within delta of 1, straight outside
    BCETrue1, // -log p        (p a probability)
    BCETrue0, // -log (1 - p)  (p a probability)
    Hinge,    // max(0, 1 - p) (p a score, label +1)
    Count
};
inline constexpr int kLossCurves = int(LossCurve::Count);
inline const char* LossCurveName(LossCurve c) { // names used by the page and the URL
    static const char* names[kLossCurves] = {"mse", "mae", "huber", "bce1", "bce0", "hinge"};
    return names[int(c)];
}

// The value of one curve at prediction p. Cross-entropy reads p as a probability: inside
// (0, 1) it is the core's loss; at p = 0 or 1 it is 0 when right and +infinity when
// certain and wrong; outside [0, 1] it is NaN (not defined).
inline double LossCurveValue(LossCurve c, double p, double delta) {
    constexpr double y = 1.0;
    switch (c) {
    case LossCurve::MSE: return SquaredError(y, p).value;
    case LossCurve::MAE: return AbsoluteError(y, p).value;
    case LossCurve::Huber: return Huber(y, p, delta).value;
    case LossCurve::BCETrue1:
    case LossCurve::BCETrue0: {
        const double truth = c == LossCurve::BCETrue1 ? 1.0 : 0.0;
        if (!(p >= 0.0 && p <= 1.0)) return std::nan("");
        if (p == 0.0 || p == 1.0) return p == truth ? 0.0 : HUGE_VAL;
        return BinaryCrossEntropy(truth, p).value;
    }
    case LossCurve::Hinge: return downhill::Hinge(1.0, p).value;
    case LossCurve::Count: break;
    }
    return std::nan("");
}

//-----------------------------------------------------------------------------
// [SECTION] LossExplorerModel
//-----------------------------------------------------------------------------

struct LossExplorerModel {
    static constexpr double kTruth = 1.0;                       // the right answer in the curves view
    static constexpr double kPredictionLo = -1.0, kPredictionHi = 2.0;
    static constexpr double kDeltaLo = 0.1, kDeltaHi = 2.0;
    static constexpr double kOutlierXLo = 0.0, kOutlierXHi = 10.0;
    static constexpr double kOutlierYLo = -4.0, kOutlierYHi = 14.0;
    static constexpr int kMaxSeed = 9999;

    LossExplorerSettings settings;
    std::vector<Point2> clean;   // the ten seeded points
    std::vector<Point2> points;  // clean + the outlier (last)
    LineFit ls, lad;             // fits of `points`
    LineFit ls_clean, lad_clean; // fits of `clean` alone (where the lines were before the outlier)
    uint32_t version = 0;        // bumped on every change the page must show

    LossExplorerModel() { SetSeed(settings.seed); }

    void SetView(bool outlier) { settings.outlier_view = outlier; ++version; }
    std::string SetPrediction(double p) {
        std::string err = CheckInRange(p, kPredictionLo, kPredictionHi, "prediction");
        if (err.empty()) { settings.prediction = p; ++version; }
        return err;
    }
    std::string SetDelta(double d) {
        std::string err = CheckInRange(d, kDeltaLo, kDeltaHi, "Huber delta");
        if (err.empty()) { settings.delta = d; ++version; }
        return err;
    }
    void SetCurves(unsigned mask) { settings.curves = mask & ((1u << kLossCurves) - 1); ++version; }
    bool Shows(LossCurve c) const { return (settings.curves >> int(c)) & 1u; }
    std::string SetSeed(int seed) {
        if (seed < 1 || seed > kMaxSeed) return "The data seed must be a whole number from 1 to 9999.";
        settings.seed = seed;
        LineDataSettings d;
        d.seed = uint64_t(seed);
        clean = MakeLineData(d);
        ls_clean = FitLeastSquares(clean);
        lad_clean = FitLeastAbsolute(clean);
        Refit();
        return "";
    }
    std::string SetOutlier(double x, double y) {
        std::string err = CheckInRange(x, kOutlierXLo, kOutlierXHi, "outlier's x");
        if (err.empty()) err = CheckInRange(y, kOutlierYLo, kOutlierYHi, "outlier's y");
        if (!err.empty()) return err;
        settings.outlier_x = x;
        settings.outlier_y = y;
        Refit();
        return "";
    }
    double Value(LossCurve c) const { return LossCurveValue(c, settings.prediction, settings.delta); }

private:
    void Refit() {
        points = clean;
        points.push_back({settings.outlier_x, settings.outlier_y});
        ls = FitLeastSquares(points);
        lad = FitLeastAbsolute(points);
        ++version;
    }
};

} // namespace downhill::model
