// loss_accuracy.hpp: a one-feature logistic classifier, p = sigmoid(w x + b), scored two
// ways: by its accuracy (the share of points on the right side of the boundary, a
// staircase in the boundary) and by its mean binary cross-entropy (smooth, with a slope
// that points downhill). lessons/02-loss-functions.md, "Loss versus accuracy".
//
// Index
//   [SECTION] Labelled points
//   [SECTION] Mean cross-entropy and its slopes
//   [SECTION] Accuracy and where it jumps
//   [SECTION] The boundary of least loss
#pragma once
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Labelled points
//-----------------------------------------------------------------------------

// One example: a position on the line and its class (0 or 1).
struct LabelledPoint {
    double x;
    int label;
};

// The lesson's fourteen points on [-3, 3], sorted by x, the two classes overlapping in the
// middle. Every position is an odd multiple of 0.05, so a boundary on the 0.1 grid never
// sits on a point.
const std::vector<LabelledPoint>& AccuracyLessonPoints();

//-----------------------------------------------------------------------------
// [SECTION] Mean cross-entropy and its slopes
//-----------------------------------------------------------------------------

// The mean loss of the model over the points and its exact derivatives.
struct MeanLoss {
    double loss; // (1/N) sum of -[y log p + (1-y) log(1-p)], p = sigmoid(w x + b)
    double dw;   // dL/dw = (1/N) sum (p - y) x
    double db;   // dL/db = (1/N) sum (p - y)
};

// Mean binary cross-entropy of p = sigmoid(w x + b) (stable for any w x + b).
MeanLoss MeanCrossEntropy(const std::vector<LabelledPoint>& pts, double w, double b);

//-----------------------------------------------------------------------------
// [SECTION] Accuracy and where it jumps
//-----------------------------------------------------------------------------

// How many points the model classifies right: class 1 where w x + b >= 0 (p >= 0.5).
int CorrectCount(const std::vector<LabelledPoint>& pts, double w, double b);

// Accuracy (share right, 0..1) of the boundary x0 for w > 0: class 1 at x >= x0.
double AccuracyAtBoundary(const std::vector<LabelledPoint>& pts, double x0);

// The boundaries where the accuracy can jump: the distinct point positions, ascending.
// Between two of them (and beyond the ends) the accuracy is constant, its slope 0.
std::vector<double> AccuracySteps(const std::vector<LabelledPoint>& pts);

//-----------------------------------------------------------------------------
// [SECTION] The boundary of least loss
//-----------------------------------------------------------------------------

// The bias b that minimises the mean cross-entropy for a fixed w, found by bisection on
// dL/db = (1/N) sum sigmoid(w x + b) - mean(y), which rises with b. NaN when one class is
// missing (the loss then falls for ever).
double BestBias(const std::vector<LabelledPoint>& pts, double w);

} // namespace downhill
