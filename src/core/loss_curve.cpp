// loss_curve.cpp: see loss_curve.hpp.
#include "loss_curve.hpp"

#include <algorithm>
#include <cmath>

namespace downhill {

const char* CurveShapeName(CurveShape s) {
    switch (s) {
    case CurveShape::NotStarted: return "not-started";
    case CurveShape::Diverged: return "diverged";
    case CurveShape::Overfitting: return "overfitting";
    case CurveShape::Fluctuating: return "fluctuating";
    case CurveShape::Rising: return "rising";
    case CurveShape::Stuck: return "stuck";
    case CurveShape::Settled: return "settled";
    case CurveShape::Falling: return "falling";
    }
    return "not-started";
}

namespace {
// Relative change from a to b, against |a| (a tiny floor keeps it finite near 0).
double Relative(double a, double b) { return (b - a) / std::max(std::fabs(a), 1e-12); }
} // namespace

CurveReading ReadLossCurve(const std::vector<double>& train, const std::vector<double>& validation,
                           const CurveRules& rules) {
    CurveReading r;
    if (train.empty()) return r;
    const int E = static_cast<int>(train.size()) - 1;
    r.epochs = E;
    r.start_loss = train[0];
    if (E < 1) return r;
    const double last = train[size_t(E)];
    if (!std::isfinite(last)) {
        r.shape = CurveShape::Diverged;
        return r;
    }

    // The best epoch: lowest validation loss, or lowest training loss without validation.
    const int nv = std::min(static_cast<int>(validation.size()), E + 1);
    bool has_validation = false;
    for (int e = 0; e < nv; ++e) has_validation = has_validation || std::isfinite(validation[size_t(e)]);
    const std::vector<double>& ref = has_validation ? validation : train;
    const int nref = has_validation ? nv : E + 1;
    for (int e = 0; e < nref; ++e) {
        const double v = ref[size_t(e)];
        if (std::isfinite(v) && (r.best_epoch < 0 || v < r.best_loss)) {
            r.best_epoch = e;
            r.best_loss = v;
        }
    }
    r.rising_for = r.best_epoch >= 0 ? E - r.best_epoch : 0;

    const int w = std::max(1, std::min(std::max(rules.window, 2), E));
    r.window = w;
    const double before = train[size_t(E - w)];
    r.recent_change = std::isfinite(before) ? Relative(before, last) : 0.0;

    // Overfitting: validation has climbed away from its best while training kept falling.
    if (has_validation && r.best_epoch >= 0 && nv == E + 1) {
        const double v_last = validation[size_t(E)];
        const int need = std::max(rules.overfit_epochs, static_cast<int>(std::ceil(0.1 * E)));
        const double t_best = train[size_t(r.best_epoch)];
        if (r.rising_for >= need && std::isfinite(v_last) &&
            v_last > r.best_loss + rules.overfit_rise * std::max(std::fabs(r.best_loss), 1e-12) &&
            std::isfinite(t_best) && last < t_best) {
            r.shape = CurveShape::Overfitting;
            return r;
        }
    }

    // Fluctuating: many changes of direction, and large ones, within the window.
    if (w >= 4) {
        int turns = 0;
        double lo = last, hi = last, sum = 0;
        for (int e = E - w; e <= E; ++e) {
            const double v = train[size_t(e)];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
            if (e >= E - w + 2) {
                const double d1 = train[size_t(e - 1)] - train[size_t(e - 2)], d2 = v - train[size_t(e - 1)];
                if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) ++turns;
            }
        }
        const double mean = sum / (w + 1);
        if (std::isfinite(mean) && turns * 2 >= w - 1 && (hi - lo) > rules.jitter * std::max(std::fabs(mean), 1e-12)) {
            r.shape = CurveShape::Fluctuating;
            return r;
        }
    }

    if (r.recent_change > rules.rise) {
        r.shape = CurveShape::Rising;
        return r;
    }
    // Flat over a full window: stuck near the start, or settled far below it.
    if (E >= rules.window && r.recent_change > -rules.flat) {
        r.shape = std::isfinite(r.start_loss) && last > rules.stuck_fraction * r.start_loss ? CurveShape::Stuck
                                                                                            : CurveShape::Settled;
        return r;
    }
    r.shape = CurveShape::Falling;
    return r;
}

} // namespace downhill
