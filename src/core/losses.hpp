// losses.hpp: loss functions, each with its gradient with respect to the prediction.
//
// Index
//   [SECTION] Scalar losses (one prediction, one target)
//   [SECTION] Vector losses (one example with n outputs), used by the trainer
#pragma once
#include <string>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Scalar losses
//-----------------------------------------------------------------------------

// A loss value and its derivative with respect to the prediction.
struct LossGrad {
    double value; // L(y, yhat) >= 0
    double grad;  // dL / d(prediction)
};

LossGrad SquaredError(double y, double yhat);                // (y - yhat)^2
LossGrad AbsoluteError(double y, double yhat);               // |y - yhat|, grad 0 at the kink
LossGrad Huber(double y, double yhat, double delta = 1.0);   // quadratic within delta, linear outside
LossGrad BinaryCrossEntropy(double y, double p);             // -[y log p + (1-y) log(1-p)], p clamped to [1e-15, 1-1e-15]; y in [0,1]
LossGrad BinaryCrossEntropyLogit(double y, double z);        // same with p = sigmoid(z), stable for any z; grad = sigmoid(z) - y
LossGrad Hinge(double y, double score);                      // max(0, 1 - y*score), y in {-1, +1}

//-----------------------------------------------------------------------------
// [SECTION] Vector losses
//-----------------------------------------------------------------------------

// Which loss a model trains with. Output conventions per kind:
//   MSE, MAE, Huber      : raw outputs vs real targets, averaged over the n outputs
//   BCE                  : n = 1, output is a logit z, target in {0, 1}
//   SoftmaxCE            : n >= 2 logits, target one-hot; stable for large logits
//   Hinge                : n = 1, output is a score, target in {0, 1} (mapped to {-1, +1})
enum class LossKind { MSE, MAE, Huber, BCE, SoftmaxCE, Hinge };

const char* LossKindName(LossKind k);                    // "mse", "mae", "huber", "bce", "softmax-ce", "hinge"
bool ParseLossKind(const std::string& name, LossKind* out); // inverse of LossKindName; false on an unknown name

// Loss of one example with n outputs; writes dL/d(output_i) to grad[0..n-1] when grad is
// not null. `delta` is used by Huber only.
double LossAndGrad(LossKind kind, const double* output, const double* target, int n, double* grad,
                   double delta = 1.0);

// Softmax of n logits into probs (max-shifted, stable for large logits).
void Softmax(const double* logits, int n, double* probs);

} // namespace downhill
