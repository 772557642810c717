// losses.cpp: see losses.hpp.
//
// Conventions shared by every function here:
//   - a NaN input gives a NaN value and gradient (so a blown-up run shows NaN, as it
//     should), never a crash; infinities are handled where the formula allows;
//   - a Huber delta that is not a positive number is treated as 1.
#include "losses.hpp"

#include <algorithm>
#include <cmath>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Scalar losses
//-----------------------------------------------------------------------------

static constexpr double kProbFloor = 1e-15; // BCE clamps p into [kProbFloor, 1 - kProbFloor]

static double Sign(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : (v == v ? 0.0 : v)); }

static double ValidDelta(double delta) { return (delta > 0 && std::isfinite(delta)) ? delta : 1.0; }

LossGrad SquaredError(double y, double yhat) {
    const double r = yhat - y;
    return {r * r, 2.0 * r};
}

LossGrad AbsoluteError(double y, double yhat) {
    const double r = yhat - y;
    return {std::fabs(r), Sign(r)};
}

LossGrad Huber(double y, double yhat, double delta) {
    delta = ValidDelta(delta);
    const double r = yhat - y;
    const double a = std::fabs(r);
    if (!(a > delta)) return {0.5 * r * r, r}; // also the NaN path
    return {delta * (a - 0.5 * delta), delta * Sign(r)};
}

LossGrad BinaryCrossEntropy(double y, double p) {
    if (std::isnan(p) || std::isnan(y)) return {std::nan(""), std::nan("")};
    p = std::clamp(p, kProbFloor, 1.0 - kProbFloor);
    const double value = -(y * std::log(p) + (1.0 - y) * std::log1p(-p));
    const double grad = (p - y) / (p * (1.0 - p)); // d/dp of the line above
    return {value, grad};
}

// log(1 + e^t) without overflow for large t and without losing digits for very negative t.
static double Softplus(double t) {
    if (t > 0) return t + std::log1p(std::exp(-t));
    return std::log1p(std::exp(t));
}

static double Sigmoid(double z) {
    if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}

LossGrad BinaryCrossEntropyLogit(double y, double z) {
    if (std::isnan(z) || std::isnan(y)) return {std::nan(""), std::nan("")};
    // -[y log s(z) + (1-y) log(1 - s(z))] = y softplus(-z) + (1-y) softplus(z)
    double value;
    if (std::isinf(z)) {
        // The limit: zero when the infinite logit agrees with the target, infinite otherwise.
        const double wrong = z > 0 ? (1.0 - y) : y;
        value = wrong == 0.0 ? 0.0 : HUGE_VAL;
    } else {
        value = y * Softplus(-z) + (1.0 - y) * Softplus(z);
    }
    return {value, Sigmoid(z) - y};
}

LossGrad Hinge(double y, double score) {
    const double margin = 1.0 - y * score;
    if (std::isnan(margin)) return {std::nan(""), std::nan("")};
    if (margin > 0) return {margin, -y};
    return {0.0, 0.0};
}

//-----------------------------------------------------------------------------
// [SECTION] Vector losses
//-----------------------------------------------------------------------------

const char* LossKindName(LossKind k) {
    switch (k) {
    case LossKind::MSE: return "mse";
    case LossKind::MAE: return "mae";
    case LossKind::Huber: return "huber";
    case LossKind::BCE: return "bce";
    case LossKind::SoftmaxCE: return "softmax-ce";
    case LossKind::Hinge: return "hinge";
    }
    return "mse";
}

bool ParseLossKind(const std::string& name, LossKind* out) {
    static constexpr LossKind kAll[] = {LossKind::MSE, LossKind::MAE, LossKind::Huber,
                                        LossKind::BCE, LossKind::SoftmaxCE, LossKind::Hinge};
    for (LossKind k : kAll) {
        if (name == LossKindName(k)) {
            if (out) *out = k;
            return true;
        }
    }
    return false;
}

void Softmax(const double* logits, int n, double* probs) {
    if (!logits || !probs || n <= 0) return;
    double m = logits[0];
    for (int i = 1; i < n; ++i) m = std::max(m, logits[i]);
    if (std::isinf(m) && m > 0) {
        // Every +inf logit shares the whole probability; the rest get none.
        int count = 0;
        for (int i = 0; i < n; ++i) count += logits[i] == m;
        for (int i = 0; i < n; ++i) probs[i] = logits[i] == m ? 1.0 / count : 0.0;
        return;
    }
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        probs[i] = std::exp(logits[i] - m);
        sum += probs[i];
    }
    for (int i = 0; i < n; ++i) probs[i] /= sum;
}

// Softmax cross-entropy of logits z against a target distribution t (one-hot in the
// course): L = sum_i t_i (lse(z) - z_i), dL/dz_i = softmax(z)_i * sum(t) - t_i.
static double SoftmaxCrossEntropy(const double* z, const double* t, int n, double* grad) {
    double m = z[0];
    for (int i = 1; i < n; ++i) m = std::max(m, z[i]);
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += std::exp(z[i] - m);
    const double lse = m + std::log(sum);
    double loss = 0, tsum = 0;
    for (int i = 0; i < n; ++i) {
        if (t[i] != 0.0) loss += t[i] * (lse - z[i]); // a zero target never turns inf - inf into NaN
        tsum += t[i];
    }
    if (grad) {
        for (int i = 0; i < n; ++i) grad[i] = std::exp(z[i] - lse) * tsum - t[i];
    }
    return loss;
}

double LossAndGrad(LossKind kind, const double* output, const double* target, int n, double* grad,
                   double delta) {
    if (!output || !target || n <= 0) return std::nan("");
    if (kind == LossKind::SoftmaxCE) return SoftmaxCrossEntropy(output, target, n, grad);
    // The other kinds treat the n outputs independently and average them.
    const double inv_n = 1.0 / n;
    double total = 0;
    for (int i = 0; i < n; ++i) {
        LossGrad lg{0, 0};
        switch (kind) {
        case LossKind::MSE: lg = SquaredError(target[i], output[i]); break;
        case LossKind::MAE: lg = AbsoluteError(target[i], output[i]); break;
        case LossKind::Huber: lg = Huber(target[i], output[i], delta); break;
        case LossKind::BCE: lg = BinaryCrossEntropyLogit(target[i], output[i]); break;
        case LossKind::Hinge: lg = Hinge(target[i] > 0.5 ? 1.0 : -1.0, output[i]); break;
        case LossKind::SoftmaxCE: break;
        }
        total += lg.value;
        if (grad) grad[i] = lg.grad * inv_n;
    }
    return total * inv_n;
}

} // namespace downhill
