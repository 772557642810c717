// batch_noise.hpp: what the batch size does to a gradient, and the learning-rate range
// test, both on one small straight-line fit (lessons/05-learning-rate.md and
// lessons/07-training-loop.md).
//
//   LineData d = MakeLineData(64, 1);                    // 64 points near y = 2x + 1
//   auto g = ExampleGradients(d, 0, 0);                  // one gradient per point at w = b = 0
//   BatchNoiseStudy s = StudyBatchNoise(g, 400, 7);      // spread of mini-batch gradients, B = 1, 2, 4 .. 64
//   RangeTestResult r = RangeTestLineFit(d, 0, 0, 1e-5, 10, 200);  // r.suggested, r.blowup
//
// Index
//   [SECTION] The line fit: data, loss, per-example gradients
//   [SECTION] Mini-batch gradients and their spread
//   [SECTION] The learning-rate range test
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] The line fit
//-----------------------------------------------------------------------------

// Points (x, y): x uniform in [-1, 1], y = 2x + 1 plus Gaussian noise of spread 0.5.
struct LineData {
    std::vector<double> x, y;
    int size() const { return int(x.size()); }
};
LineData MakeLineData(int n, uint64_t seed);

// A gradient of the line fit's loss with respect to (w, b).
struct Grad2 {
    double w = 0, b = 0;
};

// Mean squared error of the line y = w x + b: (1/N) sum (w x_i + b - y_i)^2.
double LineLoss(const LineData& d, double w, double b);
// One gradient per point: 2 (w x_i + b - y_i) (x_i, 1); their mean is the full gradient.
std::vector<Grad2> ExampleGradients(const LineData& d, double w, double b);
// The largest curvature of LineLoss (the top eigenvalue of its Hessian (2/N) sum (x,1)(x,1)^T):
// plain gradient descent on the fit is stable only below the rate 2 / curvature.
double LineLossCurvature(const LineData& d);

//-----------------------------------------------------------------------------
// [SECTION] Mini-batch gradients and their spread
//-----------------------------------------------------------------------------

// Mean of the gradients at idx[0 .. count-1].
Grad2 MeanGradient(const std::vector<Grad2>& g, const int* idx, int count);
// `count` mini-batch gradients of `batch` distinct points each (drawn without replacement,
// a fresh batch every time), from `seed`.
std::vector<Grad2> SampleBatchGradients(const std::vector<Grad2>& g, int batch, int count, uint64_t seed);
// The expected squared distance of a mini-batch gradient from the full one, for batches of
// B out of N drawn without replacement: E|g_B - g|^2 = (sigma^2 / B) (N - B) / (N - 1), where
// sigma^2 = (1/N) sum |g_i - g|^2. The last factor (the finite-population correction) is 0
// at B = N.
double ExpectedSquaredSpread(double sigma2, int n, int batch);

// One batch size of the study.
struct BatchNoiseRow {
    int batch = 1;         // B
    double spread = 0;     // measured: sqrt(mean |g_B - g|^2) / |g| over the samples
    double expected = 0;   // sqrt(ExpectedSquaredSpread) / |g|
    double simple = 0;     // (sigma / |g|) / sqrt(B): the rule of thumb without the correction
};
// The spread of mini-batch gradients for B = 1, 2, 4, ... up to N (N itself last).
struct BatchNoiseStudy {
    Grad2 full;                      // the full-batch gradient g
    double norm = 0;                 // |g|
    double sigma2 = 0;               // (1/N) sum |g_i - g|^2
    std::vector<BatchNoiseRow> rows; // one per batch size, smallest first
};
BatchNoiseStudy StudyBatchNoise(const std::vector<Grad2>& g, int samples, uint64_t seed);

//-----------------------------------------------------------------------------
// [SECTION] The learning-rate range test
//-----------------------------------------------------------------------------

// Loss at `p` and its gradient into `grad` (same size as p).
using LossAndGradient = std::function<double(const std::vector<double>& p, std::vector<double>& grad)>;

// One range test: step k uses the rate lr[k] = lo (hi/lo)^(k/(steps-1)) and loss[k] is the
// loss after that step. The test stops early once the loss is no longer finite or exceeds
// 100 times the starting loss.
struct RangeTestResult {
    double start_loss = 0;      // before the first step
    std::vector<double> lr;     // the rate of each step taken
    std::vector<double> loss;   // the loss after each step
    std::vector<double> smooth; // loss averaged over a window of five steps
    int steepest = -1;          // step where the smoothed loss falls fastest (before the blow-up)
    int blowup = -1;            // first step whose loss is above the one before (-1: none)
    double suggested = 0;       // the suggested rate: lr[steepest]
};
RangeTestResult RunRangeTest(const LossAndGradient& f, std::vector<double> start, double lo, double hi, int steps);
// The range test on the line fit with plain (full-batch) gradient descent from (w0, b0).
RangeTestResult RangeTestLineFit(const LineData& d, double w0, double b0, double lo, double hi, int steps);
// The loss after `steps` steps of gradient descent at rate lr on the line fit from (w0, b0).
double TrainLineFit(const LineData& d, double w0, double b0, double lr, int steps);

} // namespace downhill
