// linear_fit.cpp: see linear_fit.hpp.
#include "core/linear_fit.hpp"

#include <cmath>

#include "core/random.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Data
//-----------------------------------------------------------------------------

FitData MakeFitData(uint64_t seed, int n) {
    FitData d;
    Rng rng(seed);
    for (int i = 0; i < n; ++i) {
        const double x = 2.0 + 6.0 * (i + rng.Uniform()) / n;
        d.x.push_back(x);
        d.y.push_back(1.5 * x - 5.0 + rng.Gaussian());
    }
    return d;
}

FitScale ScaleOf(const FitData& d) {
    const double n = double(d.x.size());
    double m = 0, v = 0;
    for (double x : d.x) m += x / n;
    for (double x : d.x) v += (x - m) * (x - m) / n;
    return {m, v > 0 ? std::sqrt(v) : 1.0};
}

FitData Standardised(const FitData& d) {
    const FitScale s = ScaleOf(d);
    FitData out = d;
    for (double& x : out.x) x = (x - s.mean) / s.std;
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] The landscape
//-----------------------------------------------------------------------------

double FitMse(const FitData& d, double w, double b) {
    double sum = 0;
    for (size_t i = 0; i < d.x.size(); ++i) {
        const double r = w * d.x[i] + b - d.y[i];
        sum += r * r;
    }
    return sum / double(d.x.size());
}

Vec2 FitGradient(const FitData& d, double w, double b) {
    Vec2 g;
    const double n = double(d.x.size());
    for (size_t i = 0; i < d.x.size(); ++i) {
        const double r = w * d.x[i] + b - d.y[i];
        g.x += 2 * r * d.x[i] / n;
        g.y += 2 * r / n;
    }
    return g;
}

FitMinimum LeastSquares(const FitData& d) {
    const double n = double(d.x.size());
    double mx = 0, my = 0, sxy = 0, sxx = 0;
    for (size_t i = 0; i < d.x.size(); ++i) { mx += d.x[i] / n; my += d.y[i] / n; }
    for (size_t i = 0; i < d.x.size(); ++i) {
        sxy += (d.x[i] - mx) * (d.y[i] - my);
        sxx += (d.x[i] - mx) * (d.x[i] - mx);
    }
    FitMinimum m;
    m.w = sxx > 0 ? sxy / sxx : 0;
    m.b = my - m.w * mx;
    m.mse = FitMse(d, m.w, m.b);
    return m;
}

FitCurvature CurvatureOf(const FitData& d) {
    const double n = double(d.x.size());
    double mx = 0, mxx = 0;
    for (double x : d.x) { mx += x / n; mxx += x * x / n; }
    FitCurvature c;
    c.hessian = {2 * mxx, 2 * mx, 2.0};
    // Eigenvalues of [[a, c], [c, e]]: (a + e)/2 -+ sqrt(((a - e)/2)^2 + c^2).
    const double mid = 0.5 * (c.hessian.xx + c.hessian.yy);
    const double rad = std::hypot(0.5 * (c.hessian.xx - c.hessian.yy), c.hessian.xy);
    c.lambda_max = mid + rad;
    // The product of the eigenvalues is the determinant: no cancellation in the small one.
    c.lambda_min = (c.hessian.xx * c.hessian.yy - c.hessian.xy * c.hessian.xy) / c.lambda_max;
    c.condition = c.lambda_max / c.lambda_min;
    c.max_stable_lr = 2.0 / c.lambda_max;
    return c;
}

//-----------------------------------------------------------------------------
// [SECTION] Gradient descent
//-----------------------------------------------------------------------------

Vec2 FitStep(const FitData& d, Vec2 p, double lr) {
    const Vec2 g = FitGradient(d, p.x, p.y);
    return {p.x - lr * g.x, p.y - lr * g.y};
}

int FitStepsToTolerance(const FitData& d, Vec2 p, double lr) {
    const double target = LeastSquares(d).mse + kFitTolerance;
    for (int k = 0; k <= kFitMaxSteps; ++k) {
        if (FitMse(d, p.x, p.y) <= target) return k;
        p = FitStep(d, p, lr);
        if (!(std::fabs(p.x) < 1e6 && std::fabs(p.y) < 1e6)) return -1;
    }
    return -1;
}

Vec2 ToScaled(const FitScale& s, Vec2 raw) { return {raw.x * s.std, raw.y + raw.x * s.mean}; }
Vec2 ToRaw(const FitScale& s, Vec2 scaled) { return {scaled.x / s.std, scaled.y - scaled.x / s.std * s.mean}; }

} // namespace downhill
