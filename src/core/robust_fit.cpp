// robust_fit.cpp: see robust_fit.hpp.
#include "robust_fit.hpp"

#include <algorithm>
#include <cmath>

#include "random.hpp"

namespace downhill {

namespace {
// Median of v (reordered); the midpoint of the two middle values for an even count.
double Median(std::vector<double>& v) {
    if (v.empty()) return 0.0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    const double upper = v[mid];
    if (v.size() % 2) return upper;
    const double lower = *std::max_element(v.begin(), v.begin() + mid);
    return 0.5 * (lower + upper);
}

// The best intercept for slope b (the median of y - b x) and the total absolute error.
struct SlopeFit { double intercept, total; };
SlopeFit BestForSlope(std::span<const Point2> pts, double b, std::vector<double>& scratch) {
    scratch.clear();
    for (const Point2& p : pts) scratch.push_back(p.y - b * p.x);
    const double a = Median(scratch);
    double total = 0.0;
    for (const Point2& p : pts) total += std::fabs(p.y - a - b * p.x);
    return {a, total};
}
} // namespace

LineFit FitLeastSquares(std::span<const Point2> pts) {
    if (pts.empty()) return {0.0, 0.0, false};
    double mx = 0.0, my = 0.0;
    for (const Point2& p : pts) { mx += p.x; my += p.y; }
    mx /= double(pts.size());
    my /= double(pts.size());
    double sxx = 0.0, sxy = 0.0;
    for (const Point2& p : pts) {
        sxx += (p.x - mx) * (p.x - mx);
        sxy += (p.x - mx) * (p.y - my);
    }
    if (!(sxx > 0.0)) return {0.0, my, false};
    const double b = sxy / sxx;
    return {b, my - b * mx, true};
}

double AbsoluteErrorForSlope(std::span<const Point2> pts, double b) {
    std::vector<double> scratch;
    scratch.reserve(pts.size());
    return BestForSlope(pts, b, scratch).total;
}

LineFit FitLeastAbsolute(std::span<const Point2> pts) {
    std::vector<double> scratch;
    scratch.reserve(pts.size());
    // Every slope through two points with different x: the corners of g(b).
    std::vector<double> slopes;
    slopes.reserve(pts.size() * (pts.size() - (pts.empty() ? 0 : 1)) / 2);
    for (size_t i = 0; i < pts.size(); ++i)
        for (size_t j = i + 1; j < pts.size(); ++j)
            if (pts[j].x != pts[i].x) slopes.push_back((pts[j].y - pts[i].y) / (pts[j].x - pts[i].x));
    if (slopes.empty()) return {0.0, BestForSlope(pts, 0.0, scratch).intercept, false};
    std::sort(slopes.begin(), slopes.end());
    slopes.erase(std::unique(slopes.begin(), slopes.end()), slopes.end());

    // g is convex over the sorted corners: find the first corner where it stops falling.
    size_t lo = 0, hi = slopes.size() - 1;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (BestForSlope(pts, slopes[mid], scratch).total <= BestForSlope(pts, slopes[mid + 1], scratch).total)
            hi = mid;
        else
            lo = mid + 1;
    }
    const double b = slopes[lo];
    return {b, BestForSlope(pts, b, scratch).intercept, true};
}

double MeanSquaredResidual(std::span<const Point2> pts, const LineFit& line) {
    if (pts.empty()) return 0.0;
    double s = 0.0;
    for (const Point2& p : pts) {
        const double r = p.y - line.At(p.x);
        s += r * r;
    }
    return s / double(pts.size());
}

double MeanAbsoluteResidual(std::span<const Point2> pts, const LineFit& line) {
    if (pts.empty()) return 0.0;
    double s = 0.0;
    for (const Point2& p : pts) s += std::fabs(p.y - line.At(p.x));
    return s / double(pts.size());
}

std::vector<Point2> MakeLineData(const LineDataSettings& s) {
    const int n = std::clamp(s.n, 2, 1000);
    const double noise = s.noise > 0 && std::isfinite(s.noise) ? s.noise : 0.0;
    Rng rng(s.seed, 0x4C494E45ull); // its own stream: "LINE"
    const double spacing = (s.x_hi - s.x_lo) / n;
    std::vector<Point2> pts;
    pts.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const double x = s.x_lo + (i + 0.5) * spacing + rng.Uniform(-0.25, 0.25) * spacing;
        const double y = s.intercept + s.slope * x + rng.Uniform(-noise, noise);
        pts.push_back({x, y});
    }
    return pts;
}

} // namespace downhill
