// batch_noise.cpp: see batch_noise.hpp.
#include "core/batch_noise.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/random.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] The line fit
//-----------------------------------------------------------------------------

LineData MakeLineData(int n, uint64_t seed) {
    LineData d;
    Rng rng(seed, 41);
    for (int i = 0; i < n; ++i) {
        const double x = rng.Uniform(-1.0, 1.0);
        d.x.push_back(x);
        d.y.push_back(2.0 * x + 1.0 + 0.5 * rng.Gaussian());
    }
    return d;
}

double LineLoss(const LineData& d, double w, double b) {
    double s = 0;
    for (int i = 0; i < d.size(); ++i) {
        const double r = w * d.x[i] + b - d.y[i];
        s += r * r;
    }
    return d.size() ? s / d.size() : 0.0;
}

std::vector<Grad2> ExampleGradients(const LineData& d, double w, double b) {
    std::vector<Grad2> g(d.x.size());
    for (int i = 0; i < d.size(); ++i) {
        const double r = 2.0 * (w * d.x[i] + b - d.y[i]); // d/dr of r^2
        g[i] = {r * d.x[i], r};
    }
    return g;
}

double LineLossCurvature(const LineData& d) {
    // Hessian (2/N) [[sum x^2, sum x], [sum x, N]]; its top eigenvalue.
    const double n = d.size();
    if (!(n > 0)) return 0.0;
    double sx = 0, sxx = 0;
    for (double x : d.x) { sx += x; sxx += x * x; }
    const double a = 2 * sxx / n, c = 2.0, off = 2 * sx / n;
    return 0.5 * (a + c) + std::sqrt(0.25 * (a - c) * (a - c) + off * off);
}

//-----------------------------------------------------------------------------
// [SECTION] Mini-batch gradients and their spread
//-----------------------------------------------------------------------------

Grad2 MeanGradient(const std::vector<Grad2>& g, const int* idx, int count) {
    Grad2 m;
    for (int k = 0; k < count; ++k) { m.w += g[idx[k]].w; m.b += g[idx[k]].b; }
    if (count > 0) { m.w /= count; m.b /= count; }
    return m;
}

namespace {
// Draws `batch` distinct indices into idx[0 .. batch-1] (a partial Fisher-Yates shuffle).
void DrawBatch(std::vector<int>& idx, int batch, Rng& rng) {
    const int n = int(idx.size());
    for (int k = 0; k < batch && k < n - 1; ++k) {
        const int j = k + int(rng.Below(uint32_t(n - k)));
        std::swap(idx[k], idx[j]);
    }
}
} // namespace

std::vector<Grad2> SampleBatchGradients(const std::vector<Grad2>& g, int batch, int count, uint64_t seed) {
    const int n = int(g.size());
    batch = std::clamp(batch, 1, std::max(1, n));
    std::vector<int> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    Rng rng(seed, uint64_t(batch));
    std::vector<Grad2> out;
    if (n == 0) return out;
    std::vector<int> chosen(batch);
    for (int s = 0; s < count; ++s) {
        DrawBatch(idx, batch, rng);
        // Summed in index order, so that the whole dataset gives the full gradient to the bit.
        std::copy(idx.begin(), idx.begin() + batch, chosen.begin());
        std::sort(chosen.begin(), chosen.end());
        out.push_back(MeanGradient(g, chosen.data(), batch));
    }
    return out;
}

double ExpectedSquaredSpread(double sigma2, int n, int batch) {
    if (n <= 1 || batch >= n) return 0.0;
    return sigma2 / batch * double(n - batch) / double(n - 1);
}

BatchNoiseStudy StudyBatchNoise(const std::vector<Grad2>& g, int samples, uint64_t seed) {
    BatchNoiseStudy s;
    const int n = int(g.size());
    if (n == 0) return s;
    std::vector<int> all(n);
    std::iota(all.begin(), all.end(), 0);
    s.full = MeanGradient(g, all.data(), n);
    s.norm = std::hypot(s.full.w, s.full.b);
    for (const Grad2& e : g) s.sigma2 += (e.w - s.full.w) * (e.w - s.full.w) + (e.b - s.full.b) * (e.b - s.full.b);
    s.sigma2 /= n;
    const double scale = s.norm > 0 ? 1.0 / s.norm : 1.0;
    for (int b = 1;; b = std::min(2 * b, n)) {
        double sq = 0;
        for (const Grad2& m : SampleBatchGradients(g, b, samples, seed))
            sq += (m.w - s.full.w) * (m.w - s.full.w) + (m.b - s.full.b) * (m.b - s.full.b);
        s.rows.push_back({b, std::sqrt(sq / std::max(1, samples)) * scale,
                          std::sqrt(ExpectedSquaredSpread(s.sigma2, n, b)) * scale, std::sqrt(s.sigma2 / b) * scale});
        if (b == n) break;
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] The learning-rate range test
//-----------------------------------------------------------------------------

RangeTestResult RunRangeTest(const LossAndGradient& f, std::vector<double> p, double lo, double hi, int steps) {
    RangeTestResult r;
    std::vector<double> grad(p.size());
    r.start_loss = f(p, grad);
    const double ratio = steps > 1 ? std::log(hi / lo) / (steps - 1) : 0.0;
    for (int k = 0; k < steps; ++k) {
        // Update rule: p <- p - lr_k grad L(p), with lr_k = lo exp(k ln(hi/lo) / (steps-1)).
        const double lr = lo * std::exp(ratio * k);
        for (size_t i = 0; i < p.size(); ++i) p[i] -= lr * grad[i];
        const double loss = f(p, grad);
        r.lr.push_back(lr);
        r.loss.push_back(loss);
        // Blow-up: the first rise (beyond rounding) or a loss that is no longer a number.
        const double before = k ? r.loss[k - 1] : r.start_loss;
        if (r.blowup < 0 && !(loss <= before * (1 + 1e-9))) r.blowup = k;
        if (!std::isfinite(loss) || loss > 100 * r.start_loss) break;
    }
    // Smoothed: the geometric mean of the (finite, positive) losses within two steps either
    // side, that is the mean of log(loss), which is what a log-scale plot shows.
    const int n = int(r.loss.size());
    for (int k = 0; k < n; ++k) {
        double s = 0;
        int c = 0;
        for (int j = std::max(0, k - 2); j <= std::min(n - 1, k + 2); ++j)
            if (std::isfinite(r.loss[j]) && r.loss[j] > 0) { s += std::log(r.loss[j]); ++c; }
        r.smooth.push_back(c ? std::exp(s / c) : INFINITY);
    }
    // Steepest fall: the most negative centred difference of the smoothed log loss (the
    // rates are evenly spaced on a log scale, so this is the slope of log loss against log lr),
    // before the blow-up.
    const int end = r.blowup >= 0 ? r.blowup : n;
    double best = 0;
    for (int k = 1; k + 1 < end; ++k) {
        const double slope = std::log(r.smooth[k + 1] / r.smooth[k - 1]);
        if (slope < best) { best = slope; r.steepest = k; }
    }
    if (r.steepest < 0 && n > 0) r.steepest = 0;
    r.suggested = r.steepest >= 0 ? r.lr[r.steepest] : lo;
    return r;
}

namespace {
LossAndGradient LineFit(const LineData& d) {
    return [&d](const std::vector<double>& p, std::vector<double>& grad) {
        grad.assign(2, 0.0);
        double s = 0;
        for (int i = 0; i < d.size(); ++i) {
            const double r = p[0] * d.x[i] + p[1] - d.y[i];
            s += r * r;
            grad[0] += 2 * r * d.x[i];
            grad[1] += 2 * r;
        }
        const double n = std::max(1, d.size());
        grad[0] /= n;
        grad[1] /= n;
        return s / n;
    };
}
} // namespace

RangeTestResult RangeTestLineFit(const LineData& d, double w0, double b0, double lo, double hi, int steps) {
    return RunRangeTest(LineFit(d), {w0, b0}, lo, hi, steps);
}

double TrainLineFit(const LineData& d, double w0, double b0, double lr, int steps) {
    const LossAndGradient f = LineFit(d);
    std::vector<double> p{w0, b0}, grad(2);
    double loss = f(p, grad);
    for (int k = 0; k < steps && std::isfinite(loss); ++k) {
        // Update rule: p <- p - lr grad L(p).
        p[0] -= lr * grad[0];
        p[1] -= lr * grad[1];
        loss = f(p, grad);
    }
    return loss;
}

} // namespace downhill
