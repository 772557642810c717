// robust_fit.hpp: straight-line fits of 2-D points under two losses, for the outlier
// demonstration of the loss explorer (lessons/02-loss-functions.md): least squares (MSE) and least
// absolute deviations (MAE), plus the seeded data set the widget starts from.
//
// Index
//   [SECTION] Points and lines
//   [SECTION] Least squares: the closed form of the normal equations
//   [SECTION] Least absolute deviations: exact, through two of the points
//   [SECTION] Residual losses of a line
//   [SECTION] The seeded data set
//
// How to use: FitLeastSquares(pts) and FitLeastAbsolute(pts) each return a LineFit;
// MeanSquaredResidual / MeanAbsoluteResidual say how well a line fits under each loss.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Points and lines
//-----------------------------------------------------------------------------

struct Point2 {
    double x = 0.0;
    double y = 0.0;
};

// y = intercept + slope * x.
struct LineFit {
    double slope = 0.0;
    double intercept = 0.0;
    bool determined = true; // false when the points do not pin a line down (fewer than two
                            // distinct x): slope 0 through the centre of the y values
    double At(double x) const { return intercept + slope * x; }
};

//-----------------------------------------------------------------------------
// [SECTION] Least squares
//-----------------------------------------------------------------------------

// Minimises sum (y_i - a - b x_i)^2. The normal equations give
//   b = sum (x_i - mx)(y_i - my) / sum (x_i - mx)^2,   a = my - b mx
// (mx, my: the means). Non-finite points are the caller's business: they give NaN.
LineFit FitLeastSquares(std::span<const Point2> pts);

//-----------------------------------------------------------------------------
// [SECTION] Least absolute deviations
//-----------------------------------------------------------------------------

// Minimises sum |y_i - a - b x_i| exactly.
// For a fixed slope b the best intercept is the median of y_i - b x_i, and the total
// absolute error g(b) that remains is convex and piecewise linear in b, with corners only
// at the slopes of lines through two of the points. So the minimum is at one of those
// slopes: they are sorted and g's lowest one is found by bisection on its differences.
// When several lines tie (an even count, or a flat stretch of g) the one with the smallest
// slope and the middle intercept is returned.
LineFit FitLeastAbsolute(std::span<const Point2> pts);

// The total absolute error of the best line with slope b: sum |y_i - b x_i - median|.
double AbsoluteErrorForSlope(std::span<const Point2> pts, double b);

//-----------------------------------------------------------------------------
// [SECTION] Residual losses of a line
//-----------------------------------------------------------------------------

double MeanSquaredResidual(std::span<const Point2> pts, const LineFit& line);  // mean (y - line(x))^2; 0 for no points
double MeanAbsoluteResidual(std::span<const Point2> pts, const LineFit& line); // mean |y - line(x)|; 0 for no points

//-----------------------------------------------------------------------------
// [SECTION] The seeded data set
//-----------------------------------------------------------------------------

// n points near y = intercept + slope * x: x spread evenly over [x_lo, x_hi] with a small
// jitter (a quarter of the spacing at most), y off the line by a uniform amount within
// +-noise. The same seed gives the same points on every platform.
struct LineDataSettings {
    uint64_t seed = 8;
    int n = 10;              // 2 .. 1000
    double slope = 0.8;
    double intercept = 1.0;
    double x_lo = 0.0;
    double x_hi = 10.0;
    double noise = 0.5;      // >= 0
};
std::vector<Point2> MakeLineData(const LineDataSettings& s);

} // namespace downhill
