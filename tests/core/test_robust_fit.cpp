// test_robust_fit.cpp: least squares against the normal equations solved by hand, least
// absolute deviations against a brute-force search over every line through two points,
// and the seeded data set of the outlier demonstration.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/robust_fit.hpp"
#include "core/random.hpp"

using namespace downhill;

namespace {
// The normal equations [n, Sx; Sx, Sxx] [a; b] = [Sy; Sxy] solved by Cramer's rule.
LineFit NormalEquations(const std::vector<Point2>& pts) {
    double n = double(pts.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& p : pts) { sx += p.x; sy += p.y; sxx += p.x * p.x; sxy += p.x * p.y; }
    const double det = n * sxx - sx * sx;
    return {(n * sxy - sx * sy) / det, (sy * sxx - sx * sxy) / det, true};
}
double TotalAbs(const std::vector<Point2>& pts, double a, double b) {
    double s = 0;
    for (const auto& p : pts) s += std::fabs(p.y - a - b * p.x);
    return s;
}
// Brute force: the smallest total absolute error of any line through two of the points.
double BestPairLine(const std::vector<Point2>& pts) {
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < pts.size(); ++i)
        for (size_t j = i + 1; j < pts.size(); ++j) {
            if (pts[i].x == pts[j].x) continue;
            const double b = (pts[j].y - pts[i].y) / (pts[j].x - pts[i].x);
            best = std::min(best, TotalAbs(pts, pts[i].y - b * pts[i].x, b));
        }
    return best;
}
std::vector<Point2> RandomPoints(uint64_t seed, int n) {
    Rng rng(seed);
    std::vector<Point2> pts;
    for (int i = 0; i < n; ++i) pts.push_back({rng.Uniform(-5, 5), rng.Uniform(-5, 5)});
    return pts;
}
} // namespace

TEST(LeastSquares, SmallExamplesWorkedByHand) {
    // (0,1), (1,3), (2,5) lie on y = 1 + 2x.
    std::vector<Point2> on_line = {{0, 1}, {1, 3}, {2, 5}};
    LineFit f = FitLeastSquares(on_line);
    EXPECT_NEAR(f.slope, 2.0, 1e-15);
    EXPECT_NEAR(f.intercept, 1.0, 1e-15);
    // (1,1), (2,2), (3,2): mean x 2, mean y 5/3, Sxy = 1, Sxx = 2 -> b = 0.5, a = 2/3.
    std::vector<Point2> bent = {{1, 1}, {2, 2}, {3, 2}};
    f = FitLeastSquares(bent);
    EXPECT_NEAR(f.slope, 0.5, 1e-15);
    EXPECT_NEAR(f.intercept, 2.0 / 3.0, 1e-15);
    // Residuals -1/6, 1/3, -1/6: MSE = (1/36 + 1/9 + 1/36) / 3 = 1/18, MAE = 2/9.
    EXPECT_NEAR(MeanSquaredResidual(bent, f), 1.0 / 18.0, 1e-15);
    EXPECT_NEAR(MeanAbsoluteResidual(bent, f), 2.0 / 9.0, 1e-15);
    EXPECT_TRUE(f.determined);
}

TEST(LeastSquares, AgreesWithTheNormalEquations) {
    for (uint64_t seed = 1; seed <= 50; ++seed) {
        const auto pts = RandomPoints(seed, 3 + int(seed % 17));
        const LineFit f = FitLeastSquares(pts), g = NormalEquations(pts);
        EXPECT_NEAR(f.slope, g.slope, 1e-10) << "seed " << seed;
        EXPECT_NEAR(f.intercept, g.intercept, 1e-10) << "seed " << seed;
        // The residuals are orthogonal to 1 and to x (the normal equations themselves).
        double r1 = 0, rx = 0;
        for (const auto& p : pts) { r1 += p.y - f.At(p.x); rx += (p.y - f.At(p.x)) * p.x; }
        EXPECT_NEAR(r1, 0.0, 1e-10);
        EXPECT_NEAR(rx, 0.0, 1e-9);
    }
}

TEST(LeastSquares, NoLineWithoutTwoDistinctX) {
    EXPECT_FALSE(FitLeastSquares(std::vector<Point2>{}).determined);
    const std::vector<Point2> stacked = {{2, 1}, {2, 5}, {2, 6}};
    const LineFit f = FitLeastSquares(stacked);
    EXPECT_FALSE(f.determined);
    EXPECT_EQ(f.slope, 0.0);
    EXPECT_DOUBLE_EQ(f.intercept, 4.0);
}

TEST(LeastAbsolute, IgnoresOneWildPointThatLeastSquaresFollows) {
    // Four points on y = x and one far below: the LAD line is y = x exactly.
    const std::vector<Point2> pts = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, -10}};
    const LineFit lad = FitLeastAbsolute(pts);
    EXPECT_NEAR(lad.slope, 1.0, 1e-15);
    EXPECT_NEAR(lad.intercept, 0.0, 1e-15);
    EXPECT_NEAR(MeanAbsoluteResidual(pts, lad), 14.0 / 5.0, 1e-15);
    // Least squares follows the wild point: mean x 2, mean y -0.8, Sxx = 10, Sxy = -18,
    // so b = -1.8 and a = -0.8 + 1.8 * 2 = 2.8.
    const LineFit ls = FitLeastSquares(pts);
    EXPECT_NEAR(ls.slope, -1.8, 1e-14);
    EXPECT_NEAR(ls.intercept, 2.8, 1e-14);
}

TEST(LeastAbsolute, MatchesTheBruteForceSearchOverPairs) {
    for (uint64_t seed = 1; seed <= 200; ++seed) {
        const auto pts = RandomPoints(seed * 7919, 2 + int(seed % 14));
        const LineFit f = FitLeastAbsolute(pts);
        const double mine = TotalAbs(pts, f.intercept, f.slope);
        const double best = BestPairLine(pts);
        EXPECT_NEAR(mine, best, 1e-9 * (1 + best)) << "seed " << seed << ", n " << pts.size();
        EXPECT_NEAR(MeanAbsoluteResidual(pts, f) * double(pts.size()), mine, 1e-9);
        // It passes through two of the points.
        int through = 0;
        for (const auto& p : pts) through += std::fabs(p.y - f.At(p.x)) < 1e-9;
        EXPECT_GE(through, 2) << "seed " << seed;
    }
}

TEST(LeastAbsolute, NoNearbyLineDoesBetter) {
    Rng rng(99);
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        const auto pts = RandomPoints(seed, 11);
        const LineFit f = FitLeastAbsolute(pts);
        const double mine = TotalAbs(pts, f.intercept, f.slope);
        for (int k = 0; k < 200; ++k) {
            const double a = f.intercept + rng.Uniform(-0.5, 0.5), b = f.slope + rng.Uniform(-0.5, 0.5);
            EXPECT_GE(TotalAbs(pts, a, b), mine - 1e-12);
        }
    }
}

TEST(LeastAbsolute, TheTotalForEachSlopeIsConvex) {
    const auto pts = RandomPoints(5, 11);
    std::vector<double> g;
    for (int i = 0; i <= 400; ++i) g.push_back(AbsoluteErrorForSlope(pts, -4.0 + 8.0 * i / 400));
    for (size_t i = 1; i + 1 < g.size(); ++i) EXPECT_LE(g[i], 0.5 * (g[i - 1] + g[i + 1]) + 1e-12) << i;
}

TEST(LeastAbsolute, DegenerateInputs) {
    EXPECT_FALSE(FitLeastAbsolute(std::vector<Point2>{}).determined);
    const std::vector<Point2> one = {{3, 4}};
    const LineFit f1 = FitLeastAbsolute(one);
    EXPECT_FALSE(f1.determined);
    EXPECT_EQ(f1.intercept, 4.0);
    // Same x: a flat line through the median y.
    const std::vector<Point2> stacked = {{2, 1}, {2, 5}, {2, 6}};
    EXPECT_EQ(FitLeastAbsolute(stacked).intercept, 5.0);
    // Two points: the line through them.
    const std::vector<Point2> two = {{0, 1}, {2, 0}};
    const LineFit f2 = FitLeastAbsolute(two);
    EXPECT_TRUE(f2.determined);
    EXPECT_DOUBLE_EQ(f2.slope, -0.5);
    EXPECT_DOUBLE_EQ(f2.intercept, 1.0);
}

TEST(LineData, SeededNearTheLineAndReproducible) {
    LineDataSettings s;
    const auto a = MakeLineData(s), b = MakeLineData(s);
    ASSERT_EQ(a.size(), 10u);
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].x, b[i].x);
        EXPECT_EQ(a[i].y, b[i].y);
        EXPECT_GE(a[i].x, 0.0);
        EXPECT_LE(a[i].x, 10.0);
        if (i) EXPECT_GT(a[i].x, a[i - 1].x);
        EXPECT_LE(std::fabs(a[i].y - (1.0 + 0.8 * a[i].x)), 0.5);
    }
    s.seed = 9;
    EXPECT_NE(MakeLineData(s)[0].y, a[0].y);
}

TEST(LineData, OneOutlierMovesLeastSquaresFarMoreThanLeastAbsolute) {
    auto pts = MakeLineData({}); // seed 8: the widget's default data
    const LineFit ls0 = FitLeastSquares(pts), lad0 = FitLeastAbsolute(pts);
    pts.push_back({9.0, -3.0});
    const LineFit ls = FitLeastSquares(pts), lad = FitLeastAbsolute(pts);
    EXPECT_GT(std::fabs(ls.slope - ls0.slope), 0.2);
    EXPECT_LT(std::fabs(lad.slope - lad0.slope), 0.1);
    EXPECT_LT(MeanAbsoluteResidual(pts, lad), MeanAbsoluteResidual(pts, ls));
    EXPECT_LT(MeanSquaredResidual(pts, ls), MeanSquaredResidual(pts, lad));
}

TEST(LineData, WhereverTheOutlierGoesTheLeastAbsoluteLineBarelyMoves) {
    const auto clean = MakeLineData({});
    const double lad0 = FitLeastAbsolute(clean).slope, ls0 = FitLeastSquares(clean).slope;
    double lad_worst = 0, ls_worst = 0;
    for (double ox = 0; ox <= 10; ox += 0.25)
        for (double oy = -4; oy <= 14; oy += 0.25) {
            auto pts = clean;
            pts.push_back({ox, oy});
            lad_worst = std::max(lad_worst, std::fabs(FitLeastAbsolute(pts).slope - lad0));
            ls_worst = std::max(ls_worst, std::fabs(FitLeastSquares(pts).slope - ls0));
        }
    EXPECT_LT(lad_worst, 0.02);
    EXPECT_GT(ls_worst, 0.5);
}
