// linear_fit.hpp: simple linear regression yhat = w x + b on a small data set, seen as a
// landscape over the two weights (w, b): its mean squared error, exact gradient and
// Hessian, the least-squares minimum, and how many gradient-descent steps reach that
// minimum, with x as measured or standardised (x -> (x - mean) / std).
//
// Index
//   [SECTION] Data: the course's points and their standardised copy
//   [SECTION] The landscape: MSE, gradient, minimum, curvature
//   [SECTION] Gradient descent on it
#pragma once
#include <cstdint>
#include <vector>

#include "core/landscape2d.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Data
//-----------------------------------------------------------------------------

// Points (x[i], y[i]) of a fit.
struct FitData {
    std::vector<double> x, y;
};

// n points with x spread over [2, 8] (one in each of n equal slices) and y = 1.5 x - 5
// plus noise of standard deviation about 1, from `seed` (the same on every platform).
FitData MakeFitData(uint64_t seed, int n);

// Mean and population standard deviation of x (std 1 when every x is equal).
struct FitScale {
    double mean = 0, std = 1;
};
FitScale ScaleOf(const FitData& d);

// The same points with x replaced by (x - mean) / std.
FitData Standardised(const FitData& d);

//-----------------------------------------------------------------------------
// [SECTION] The landscape
//-----------------------------------------------------------------------------

// MSE(w, b) = (1/n) sum (w x_i + b - y_i)^2.
double FitMse(const FitData& d, double w, double b);

// Its exact gradient: dMSE/dw = (2/n) sum r_i x_i, dMSE/db = (2/n) sum r_i, r_i = w x_i + b - y_i.
Vec2 FitGradient(const FitData& d, double w, double b);

// The least-squares line: w = cov(x, y) / var(x), b = mean(y) - w mean(x), and its MSE.
struct FitMinimum {
    double w = 0, b = 0, mse = 0;
};
FitMinimum LeastSquares(const FitData& d);

// The Hessian H = 2 [[mean x^2, mean x], [mean x, 1]] (the same at every (w, b)), its
// eigenvalues, their ratio (the condition number) and the largest learning rate for which
// gradient descent does not blow up, 2 / lambda_max.
struct FitCurvature {
    Hessian2 hessian;
    double lambda_min = 0, lambda_max = 0, condition = 0, max_stable_lr = 0;
};
FitCurvature CurvatureOf(const FitData& d);

//-----------------------------------------------------------------------------
// [SECTION] Gradient descent
//-----------------------------------------------------------------------------

// One step: (w, b) -= lr * grad MSE(w, b).
Vec2 FitStep(const FitData& d, Vec2 p, double lr);

// How close counts as there: the MSE within this much of the least-squares MSE.
inline constexpr double kFitTolerance = 0.001;
// A run gives up (never reaches) after this many steps, or once |w| or |b| passes 1e6.
inline constexpr int kFitMaxSteps = 5000;

// Steps of gradient descent from `start` until MSE - MSE_min <= kFitTolerance: 0 when
// already there, -1 when it blows up or needs more than kFitMaxSteps.
int FitStepsToTolerance(const FitData& d, Vec2 start, double lr);

// A line y = w x + b as weights for the standardised x (w std, b + w mean) and back.
Vec2 ToScaled(const FitScale& s, Vec2 raw);
Vec2 ToRaw(const FitScale& s, Vec2 scaled);

} // namespace downhill
