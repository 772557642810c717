// loss_accuracy.cpp: see loss_accuracy.hpp.
#include "core/loss_accuracy.hpp"

#include <algorithm>
#include <cmath>

#include "core/losses.hpp"

namespace downhill {

const std::vector<LabelledPoint>& AccuracyLessonPoints() {
    static const std::vector<LabelledPoint> pts = {
        {-2.65, 0}, {-2.15, 0}, {-1.55, 0}, {-1.05, 0}, {-0.85, 1}, {-0.45, 0}, {0.05, 1},
        {0.35, 0},  {0.65, 1},  {1.05, 1},  {1.25, 0},  {1.65, 1},  {2.15, 1},  {2.75, 1}};
    return pts;
}

// L = (1/N) sum BCE(y, z) with z = w x + b; dL/dz = sigmoid(z) - y, so dL/db = mean of it
// and dL/dw = mean of it times x.
MeanLoss MeanCrossEntropy(const std::vector<LabelledPoint>& pts, double w, double b) {
    MeanLoss out{0, 0, 0};
    if (pts.empty()) return out;
    for (const LabelledPoint& p : pts) {
        const LossGrad g = BinaryCrossEntropyLogit(p.label, w * p.x + b);
        out.loss += g.value;
        out.db += g.grad;
        out.dw += g.grad * p.x;
    }
    const double n = double(pts.size());
    return {out.loss / n, out.dw / n, out.db / n};
}

int CorrectCount(const std::vector<LabelledPoint>& pts, double w, double b) {
    int right = 0;
    for (const LabelledPoint& p : pts) right += int((w * p.x + b >= 0) == (p.label == 1));
    return right;
}

double AccuracyAtBoundary(const std::vector<LabelledPoint>& pts, double x0) {
    if (pts.empty()) return 0;
    int right = 0;
    for (const LabelledPoint& p : pts) right += int((p.x >= x0) == (p.label == 1));
    return double(right) / double(pts.size());
}

std::vector<double> AccuracySteps(const std::vector<LabelledPoint>& pts) {
    std::vector<double> xs;
    for (const LabelledPoint& p : pts) xs.push_back(p.x);
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    return xs;
}

// dL/db rises with b from -mean(y) to 1 - mean(y): widen [lo, hi] until it changes sign,
// then halve it until the two ends meet.
double BestBias(const std::vector<LabelledPoint>& pts, double w) {
    int ones = 0;
    for (const LabelledPoint& p : pts) ones += int(p.label == 1);
    if (ones == 0 || ones == int(pts.size()) || !std::isfinite(w)) return NAN;
    double lo = -1, hi = 1;
    for (int i = 0; i < 60 && MeanCrossEntropy(pts, w, lo).db > 0; ++i) lo *= 2;
    for (int i = 0; i < 60 && MeanCrossEntropy(pts, w, hi).db < 0; ++i) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * std::max(1.0, std::fabs(lo)); ++i) {
        const double mid = 0.5 * (lo + hi);
        if (MeanCrossEntropy(pts, w, mid).db < 0) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

} // namespace downhill
