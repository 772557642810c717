// network.cpp: see network.hpp.
//
// Where the time goes, and why the code has this shape (an epoch of the Playground preset
// is 25 steps of 10 examples plus a forward pass over the 500 training and validation
// points, so about 4,500 tanh, 750 small matrix-vector products and 750 losses):
//   - tanh and exp are our own (Tanh, ExpNonPositive): std::tanh cost most of an epoch,
//     and the C libraries (glibc natively, musl in WebAssembly) may differ in the last
//     bit; ours are faster and the same in both;
//   - batches and evaluations run a block of examples through one layer at a time, so
//     each layer's activations are one loop over a contiguous array (the CPU overlaps the
//     independent tanh instead of waiting on each in turn), and the layer products take
//     four examples at once (each weight loaded once for four);
//   - the BCE loss takes one exp and one log1p per example, both ours (the generic
//     LossAndGrad takes three and two from the C library), the evaluation computes no
//     gradient, and nothing allocates;
//   - Emscripten's -Os inlines only functions marked inline, so the small helpers that
//     hot loops call are forced inline (DOWNHILL_HOT) and the loops use raw pointers, not
//     std::vector calls.
//
// Index
//   [SECTION] Activation: exp, log1p and tanh of our own, the other functions,
//             layer-wide activation and derivative, the BCE loss on a logit
//   [SECTION] ModelSettings
//   [SECTION] Layer kernels: W a + b, d a^T, W^T d for the rows of a block
//   [SECTION] Network: setup
//   [SECTION] Network: block passes (forward, loss, backward)
//   [SECTION] Network: examples, batches, evaluation, predictions
#include "network.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "../numerics.hpp"
#include "../random.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Activation
//-----------------------------------------------------------------------------

namespace {

double LinearOut(double z) { return z; }
double LinearDer(double, double) { return 1.0; }
double TanhOut(double z) { return Tanh(z); }
double TanhDer(double, double a) { return 1.0 - a * a; }
double ReluOut(double z) { return z > 0 ? z : 0.0; }
double ReluDer(double z, double) { return z > 0 ? 1.0 : 0.0; }
// 1 / (1 + e^-z), computed from e = e^-|z| so it never overflows: 1 / (1 + e) for z >= 0,
// e / (1 + e) below.
DOWNHILL_HOT double SigmoidInline(double z) {
    const double e = ExpNonPositive(-std::fabs(z));
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}
double SigmoidOut(double z) { return SigmoidInline(z); }
double SigmoidDer(double, double a) { return a * (1.0 - a); }

// a[i] = f(z[i]) for n values (a layer, or a whole block of it); the switch sits outside the loop.
void ApplyActivation(Activation f, const double* z, double* a, int n) {
    switch (f) {
    case Activation::Tanh:
        for (int i = 0; i < n; ++i) a[i] = Tanh(z[i]);
        return;
    case Activation::ReLU:
        for (int i = 0; i < n; ++i) a[i] = z[i] > 0 ? z[i] : 0.0;
        return;
    case Activation::Sigmoid:
        for (int i = 0; i < n; ++i) a[i] = SigmoidInline(z[i]);
        return;
    default:
        for (int i = 0; i < n; ++i) a[i] = z[i];
        return;
    }
}

// d[i] *= f'(z[i]) for n values: tanh' = 1 - a^2, relu' = [z > 0], sigmoid' = a (1 - a).
void MultiplyDerivative(Activation f, const double* z, const double* a, double* d, int n) {
    switch (f) {
    case Activation::Tanh:
        for (int i = 0; i < n; ++i) d[i] *= 1.0 - a[i] * a[i];
        return;
    case Activation::ReLU:
        for (int i = 0; i < n; ++i) d[i] = z[i] > 0 ? d[i] : 0.0;
        return;
    case Activation::Sigmoid:
        for (int i = 0; i < n; ++i) d[i] *= a[i] * (1.0 - a[i]);
        return;
    default: return;
    }
}

constexpr double kMaxFinite = std::numeric_limits<double>::max();

// The class a target names: y rounded down and clamped to 0..classes-1 (NaN: 0).
DOWNHILL_HOT int ClassIndex(double y, int classes) {
    if (!(y > 0)) return 0; // also NaN
    if (y >= classes - 1) return classes > 0 ? classes - 1 : 0;
    return static_cast<int>(y);
}

// The class raw outputs predict: the sign of a logit or score (one output), else the
// largest logit (the first of equals).
DOWNHILL_HOT int PredictedClass(const double* out, int n, bool one_output) {
    if (one_output) return out[0] >= 0 ? 1 : 0;
    int best = 0;
    for (int k = 1; k < n; ++k)
        if (out[k] > out[best]) best = k;
    return best;
}

// Binary cross-entropy on a logit z with target y, the formulas of BinaryCrossEntropyLogit
// (losses.cpp) with their shared exp and log1p computed once, both our own (so the loss
// and gradient have the same bits natively and in wasm):
//   L = y softplus(-z) + (1 - y) softplus(z),  softplus(t) = max(t, 0) + log1p(e^-|t|)
//   dL/dz = sigmoid(z) - y,  sigmoid(z) = 1 / (1 + e^-z) (z >= 0), e^z / (1 + e^z) (z < 0)
// Infinite or NaN logits take the library's path, which knows their limits.
DOWNHILL_HOT double BceOnLogit(double z, double y, double* grad) {
    if (!(std::fabs(z) <= kMaxFinite)) { // infinite or NaN (std::isfinite is a call in wasm)
        const LossGrad lg = BinaryCrossEntropyLogit(y, z);
        if (grad) *grad = lg.grad;
        return lg.value;
    }
    const double e = ExpNonPositive(-std::fabs(z)); // e^-|z|, in (0, 1]
    const double l = Log1pUnit(e);                  // softplus(-|z|) = log(1 + e)
    if (grad) *grad = (z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - y;
    const double softplus_z = z > 0 ? z + l : l;
    const double softplus_minus_z = z < 0 ? -z + l : l;
    return y * softplus_minus_z + (1.0 - y) * softplus_z;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr uint64_t kInitStream = 3;

} // namespace

const char* ActivationName(Activation a) {
    switch (a) {
    case Activation::Linear: return "linear";
    case Activation::Tanh: return "tanh";
    case Activation::ReLU: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    }
    return "linear";
}

bool ParseActivation(const std::string& name, Activation* out) {
    static const Activation all[] = {Activation::Linear, Activation::Tanh, Activation::ReLU, Activation::Sigmoid};
    for (Activation a : all)
        if (name == ActivationName(a)) {
            if (out) *out = a;
            return true;
        }
    return false;
}

ActivationFn GetActivation(Activation a) {
    switch (a) {
    case Activation::Tanh: return {TanhOut, TanhDer};
    case Activation::ReLU: return {ReluOut, ReluDer};
    case Activation::Sigmoid: return {SigmoidOut, SigmoidDer};
    default: return {LinearOut, LinearDer};
    }
}

//-----------------------------------------------------------------------------
// [SECTION] ModelSettings
//-----------------------------------------------------------------------------

const char* ModelKindName(ModelKind k) {
    switch (k) {
    case ModelKind::LinearRegression: return "linear-regression";
    case ModelKind::LogisticRegression: return "logistic-regression";
    case ModelKind::MLP: return "mlp";
    }
    return "mlp";
}

bool ParseModelKind(const std::string& name, ModelKind* out) {
    static const ModelKind all[] = {ModelKind::LinearRegression, ModelKind::LogisticRegression, ModelKind::MLP};
    for (ModelKind k : all)
        if (name == ModelKindName(k)) {
            if (out) *out = k;
            return true;
        }
    return false;
}

std::string ValidateModel(const ModelSettings& m, int inputs, int classes) {
    if (inputs < 1 || inputs > 64) return "The model needs between 1 and 64 inputs.";
    if (classes < 0 || classes == 1 || classes > 16) return "The data must be regression or have 2 to 16 classes.";
    const int kind = static_cast<int>(m.kind);
    if (kind < 0 || kind > static_cast<int>(ModelKind::MLP)) return "Unknown model kind.";
    const int loss = static_cast<int>(m.loss);
    if (loss < 0 || loss > static_cast<int>(LossKind::Hinge)) return "Unknown loss.";
    const int act = static_cast<int>(m.activation);
    if (act < 0 || act > static_cast<int>(Activation::Sigmoid)) return "Unknown activation.";

    const bool regression_loss = m.loss == LossKind::MSE || m.loss == LossKind::MAE || m.loss == LossKind::Huber;
    const char* loss_name = LossKindName(m.loss);
    char msg[200];
    if (m.kind == ModelKind::LinearRegression && !regression_loss) {
        std::snprintf(msg, sizeof msg,
                      "Linear regression fits values: use MSE, MAE or Huber loss, not %s.", loss_name);
        return msg;
    }
    if (m.kind == ModelKind::LogisticRegression && regression_loss) {
        std::snprintf(msg, sizeof msg,
                      "Logistic regression classifies: use BCE, softmax cross-entropy or hinge loss, not %s.",
                      loss_name);
        return msg;
    }
    if (classes == 0 && !regression_loss) {
        std::snprintf(msg, sizeof msg, "This dataset is regression: %s loss needs class labels; use MSE, MAE or Huber.",
                      loss_name);
        return msg;
    }
    if (classes == 0 && m.kind == ModelKind::LogisticRegression)
        return "Logistic regression needs a classification dataset.";
    if (classes > 0 && regression_loss) {
        std::snprintf(msg, sizeof msg,
                      "This dataset has classes: %s loss is for regression; use BCE, hinge or softmax cross-entropy.",
                      loss_name);
        return msg;
    }
    if (classes > 0 && m.kind == ModelKind::LinearRegression)
        return "Linear regression needs a regression dataset; use logistic regression for classes.";
    if (classes > 2 && (m.loss == LossKind::BCE || m.loss == LossKind::Hinge)) {
        std::snprintf(msg, sizeof msg, "%s loss separates 2 classes; this dataset has %d: use softmax cross-entropy.",
                      loss_name, classes);
        return msg;
    }
    if (m.loss == LossKind::Huber && (!std::isfinite(m.huber_delta) || m.huber_delta <= 0 ||
                                      m.huber_delta > ModelSettings::kMaxHuberDelta))
        return "The Huber delta must be a number above 0 and at most 1000.";
    if (m.kind == ModelKind::MLP) {
        if (m.hidden.empty()) return "A multilayer perceptron needs at least one hidden layer.";
        if (static_cast<int>(m.hidden.size()) > ModelSettings::kMaxLayers) {
            std::snprintf(msg, sizeof msg, "At most %d hidden layers.", ModelSettings::kMaxLayers);
            return msg;
        }
        for (int w : m.hidden)
            if (w < 1 || w > ModelSettings::kMaxWidth) {
                std::snprintf(msg, sizeof msg, "Each hidden layer needs between 1 and %d units.", ModelSettings::kMaxWidth);
                return msg;
            }
    }
    return "";
}

bool ParseHiddenLayers(const std::string& text, std::vector<int>* out) {
    std::vector<int> widths;
    size_t start = 0;
    bool blank = true;
    for (char c : text) blank = blank && c == ' ';
    if (!blank) {
        for (size_t i = 0; i <= text.size(); ++i) {
            if (i < text.size() && text[i] != ',' && text[i] != '-') continue;
            // one entry: text[start, i), digits with optional spaces around them
            size_t a = start, b = i;
            while (a < b && text[a] == ' ') ++a;
            while (b > a && text[b - 1] == ' ') --b;
            if (a == b || b - a > 6) return false;
            int w = 0;
            for (size_t k = a; k < b; ++k) {
                if (text[k] < '0' || text[k] > '9') return false;
                w = w * 10 + (text[k] - '0');
            }
            widths.push_back(w);
            start = i + 1;
        }
    }
    if (out) *out = widths;
    return true;
}

std::string FormatHiddenLayers(const std::vector<int>& hidden) {
    std::string s;
    for (size_t i = 0; i < hidden.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(hidden[i]);
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Layer kernels
//-----------------------------------------------------------------------------
// The three products of a fully connected layer, for the `count` rows (examples) of a
// block. Row e of `a` has nin values, row e of `d`/`z` has nout; W has nout rows of nin.
// Four rows go together, so each weight or gradient entry is loaded once for four
// examples; every sum still adds its terms in the order of a one-example loop.

namespace {

// z_e = W a_e + b:  z_e[j] = b[j] + sum over i of W[j][i] a_e[i].
void AffineRows(const double* w, const double* b, int nin, int nout, const double* a, double* z, int count) {
    int e = 0;
    for (; e + 4 <= count; e += 4) {
        const double *a0 = a + e * nin, *a1 = a0 + nin, *a2 = a1 + nin, *a3 = a2 + nin;
        double *z0 = z + e * nout, *z1 = z0 + nout, *z2 = z1 + nout, *z3 = z2 + nout;
        for (int j = 0; j < nout; ++j) {
            const double* row = w + j * nin;
            double s0 = b[j], s1 = b[j], s2 = b[j], s3 = b[j];
            for (int i = 0; i < nin; ++i) {
                const double wji = row[i];
                s0 += wji * a0[i];
                s1 += wji * a1[i];
                s2 += wji * a2[i];
                s3 += wji * a3[i];
            }
            z0[j] = s0;
            z1[j] = s1;
            z2[j] = s2;
            z3[j] = s3;
        }
    }
    for (; e < count; ++e) {
        const double* ae = a + e * nin;
        double* ze = z + e * nout;
        for (int j = 0; j < nout; ++j) {
            const double* row = w + j * nin;
            double s = b[j];
            for (int i = 0; i < nin; ++i) s += row[i] * ae[i];
            ze[j] = s;
        }
    }
}

// dL/dW += d_e a_e^T and dL/db += d_e, row after row:  gW[j][i] += d_e[j] a_e[i],  gb[j] += d_e[j].
void AddOuterRows(const double* d, const double* a, int nin, int nout, double* gw, double* gb, int count) {
    int e = 0;
    for (; e + 4 <= count; e += 4) {
        const double *a0 = a + e * nin, *a1 = a0 + nin, *a2 = a1 + nin, *a3 = a2 + nin;
        const double *d0 = d + e * nout, *d1 = d0 + nout, *d2 = d1 + nout, *d3 = d2 + nout;
        for (int j = 0; j < nout; ++j) {
            const double dj0 = d0[j], dj1 = d1[j], dj2 = d2[j], dj3 = d3[j];
            double gbj = gb[j];
            gbj += dj0;
            gbj += dj1;
            gbj += dj2;
            gbj += dj3;
            gb[j] = gbj;
            double* grow = gw + j * nin;
            for (int i = 0; i < nin; ++i) {
                double g = grow[i];
                g += dj0 * a0[i];
                g += dj1 * a1[i];
                g += dj2 * a2[i];
                g += dj3 * a3[i];
                grow[i] = g;
            }
        }
    }
    for (; e < count; ++e) {
        const double* ae = a + e * nin;
        const double* de = d + e * nout;
        for (int j = 0; j < nout; ++j) {
            const double dj = de[j];
            gb[j] += dj;
            double* grow = gw + j * nin;
            for (int i = 0; i < nin; ++i) grow[i] += dj * ae[i];
        }
    }
}

// The delta one layer down, before the activation's derivative:  out_e = W^T d_e,
// out_e[i] = sum over j of W[j][i] d_e[j].
void TransposeProductRows(const double* w, const double* d, int nin, int nout, double* out, int count) {
    int e = 0;
    for (; e + 4 <= count; e += 4) {
        const double *d0 = d + e * nout, *d1 = d0 + nout, *d2 = d1 + nout, *d3 = d2 + nout;
        double *o0 = out + e * nin, *o1 = o0 + nin, *o2 = o1 + nin, *o3 = o2 + nin;
        for (int i = 0; i < nin; ++i) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int j = 0; j < nout; ++j) {
                const double wji = w[j * nin + i];
                s0 += wji * d0[j];
                s1 += wji * d1[j];
                s2 += wji * d2[j];
                s3 += wji * d3[j];
            }
            o0[i] = s0;
            o1[i] = s1;
            o2[i] = s2;
            o3[i] = s3;
        }
    }
    for (; e < count; ++e) {
        const double* de = d + e * nout;
        double* oe = out + e * nin;
        for (int i = 0; i < nin; ++i) {
            double s = 0.0;
            for (int j = 0; j < nout; ++j) s += w[j * nin + i] * de[j];
            oe[i] = s;
        }
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Network: setup
//-----------------------------------------------------------------------------

std::string Network::Configure(const ModelSettings& s, int inputs, int classes, uint32_t seed) {
    std::string err = ValidateModel(s, inputs, classes);
    if (!err.empty()) return err;
    Network n;
    n.settings_ = s;
    if (s.kind != ModelKind::MLP) n.settings_.hidden.clear();
    n.classes_ = classes;
    n.width_.push_back(inputs);
    for (int w : n.settings_.hidden) n.width_.push_back(w);
    n.width_.push_back(s.loss == LossKind::SoftmaxCE ? classes : 1);
    n.layers_ = static_cast<int>(n.width_.size()) - 1;
    int units = 0, params = 0;
    for (int k = 0; k <= n.layers_; ++k) {
        n.unit_offset_.push_back(units);
        units += n.width_[k];
    }
    for (int l = 0; l < n.layers_; ++l) {
        n.weight_offset_.push_back(params);
        params += n.width_[l] * n.width_[l + 1];
        n.bias_offset_.push_back(params);
        params += n.width_[l + 1];
    }
    // As many rows as fit kBlockValues (small networks: kMaxBlockRows), at least one.
    n.rows_ = units >= kBlockValues ? 1 : kBlockValues / units;
    if (n.rows_ > kMaxBlockRows) n.rows_ = kMaxBlockRows;
    const size_t block = static_cast<size_t>(n.rows_) * units;
    n.params_.assign(static_cast<size_t>(params), 0.0);
    n.grads_.assign(static_cast<size_t>(params), 0.0);
    n.act_.assign(block, 0.0);
    n.pre_.assign(block, 0.0);
    n.delta_.assign(block, 0.0);
    n.target_.assign(static_cast<size_t>(n.outputs()), 0.0);
    n.Initialize(seed);
    *this = std::move(n);
    return "";
}

void Network::Initialize(uint32_t seed) {
    Rng rng(seed, kInitStream);
    for (int l = 0; l < layers_; ++l) {
        const int fan_in = width_[l], fan_out = width_[l + 1];
        const double limit = std::sqrt(6.0 / (fan_in + fan_out));
        double* w = params_.data() + weight_offset_[l];
        for (int i = 0; i < fan_in * fan_out; ++i) w[i] = rng.Uniform(-limit, limit);
        double* b = params_.data() + bias_offset_[l];
        for (int j = 0; j < fan_out; ++j) b[j] = 0.0;
    }
    ZeroGradients();
}

int Network::width(int k) const { return k >= 0 && k <= layers_ ? width_[k] : 0; }
int Network::weight_offset(int l) const { return l >= 0 && l < layers_ ? weight_offset_[l] : -1; }
int Network::bias_offset(int l) const { return l >= 0 && l < layers_ ? bias_offset_[l] : -1; }

const double* Network::activations(int k) const {
    return k >= 0 && k <= layers_ ? act_.data() + RowStart(k, last_row_) : nullptr;
}
const double* Network::pre_activations(int k) const {
    return k >= 1 && k <= layers_ ? pre_.data() + RowStart(k, last_row_) : nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Network: block passes
//-----------------------------------------------------------------------------
// A block holds `count` examples. Each buffer (act_, pre_, delta_) stores layer by layer,
// and within layer k row e (width(k) values) for e = 0..count-1. Each example's arithmetic
// is that of a one-example pass, in the same order: a block only changes which loop is
// outside.

// a_0 = x;  for each weight layer l:  z_{l+1} = W_l a_l + b_l,  a_{l+1} = f(z_{l+1})
// (f = the hidden activation, the identity at the output).
void Network::ForwardBlock(const double* X, const int* idx, int first, int count) {
    const int* width = width_.data();
    const int* unit_offset = unit_offset_.data();
    const double* p = params_.data();
    double* act = act_.data();
    double* pre = pre_.data();
    const int rows = rows_, in = width[0];
    for (int e = 0; e < count; ++e) {
        const int i = idx ? idx[first + e] : first + e;
        const double* x = X + static_cast<size_t>(i) * in;
        double* a0 = act + e * in;
        for (int u = 0; u < in; ++u) a0[u] = x[u];
    }
    for (int l = 0; l < layers_; ++l) {
        const int nin = width[l], nout = width[l + 1];
        const double* w = p + weight_offset_[l];
        const double* b = p + bias_offset_[l];
        double* z = pre + rows * unit_offset[l + 1];
        AffineRows(w, b, nin, nout, act + rows * unit_offset[l], z, count);
        const Activation f = l + 1 < layers_ ? settings_.activation : Activation::Linear;
        ApplyActivation(f, z, act + rows * unit_offset[l + 1], count * nout);
    }
    last_row_ = count - 1;
}

int Network::ClassOf(double y) const { return ClassIndex(y, classes_); }

// total + the loss of row 0 + the loss of row 1 + ... (the order of a one-example loop),
// row e's target being y[row(e)]. With `gradient`, dL/d(output) goes into the rows'
// output deltas. BCE has its own path (one output, the commonest loss); the others go
// through LossAndGrad with the target spelled out (a value, or one-hot for SoftmaxCE).
double Network::AddBlockLosses(double total, const double* y, const int* idx, int first, int count, bool gradient) {
    const int n = width_[layers_];
    const double* out = act_.data() + rows_ * unit_offset_[layers_];
    double* dout = gradient ? delta_.data() + rows_ * unit_offset_[layers_] : nullptr;
    if (settings_.loss == LossKind::BCE) {
        for (int e = 0; e < count; ++e)
            total += BceOnLogit(out[e], y[idx ? idx[first + e] : first + e], dout ? dout + e : nullptr);
        return total;
    }
    double* target = target_.data();
    const bool one_hot = settings_.loss == LossKind::SoftmaxCE;
    for (int e = 0; e < count; ++e) {
        const double ye = y[idx ? idx[first + e] : first + e];
        if (one_hot) {
            for (int k = 0; k < n; ++k) target[k] = 0.0;
            target[ClassIndex(ye, classes_)] = 1.0;
        } else {
            target[0] = ye;
        }
        total += LossAndGrad(settings_.loss, out + e * n, target, n, dout ? dout + e * n : nullptr, settings_.huber_delta);
    }
    return total;
}

// Backpropagation: delta_k = dL/dz_k. At the linear output delta = dL/d(output); going
// down, delta_l = (W_l^T delta_{l+1}) * f'(z_l); dL/dW_l = delta_{l+1} a_l^T, dL/db_l = delta_{l+1}.
// Each gradient entry adds the rows in order, as one example after another would.
void Network::BackwardBlock(int count) {
    const int* width = width_.data();
    const int* unit_offset = unit_offset_.data();
    const double* p = params_.data();
    double* g = grads_.data();
    const double* act = act_.data();
    const double* pre = pre_.data();
    double* delta = delta_.data();
    const int rows = rows_;
    for (int l = layers_ - 1; l >= 0; --l) {
        const int nin = width[l], nout = width[l + 1];
        const double* w = p + weight_offset_[l];
        double* gw = g + weight_offset_[l];
        double* gb = g + bias_offset_[l];
        const double* a_in = act + rows * unit_offset[l];
        const double* d = delta + rows * unit_offset[l + 1];
        AddOuterRows(d, a_in, nin, nout, gw, gb, count);
        if (l == 0) break;
        double* d_in = delta + rows * unit_offset[l];
        TransposeProductRows(w, d, nin, nout, d_in, count);
        MultiplyDerivative(settings_.activation, pre + rows * unit_offset[l], a_in, d_in, count * nin);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Network: examples, batches, evaluation, predictions
//-----------------------------------------------------------------------------

const double* Network::Forward(const double* x) {
    if (!ready()) return nullptr;
    ForwardBlock(x, nullptr, 0, 1);
    return act_.data() + RowStart(layers_, 0);
}

double Network::ExampleLoss(const double* x, double y) {
    if (!ready()) return kNaN;
    ForwardBlock(x, nullptr, 0, 1);
    return AddBlockLosses(0.0, &y, nullptr, 0, 1, false);
}

double Network::AddExampleGradient(const double* x, double y) {
    if (!ready()) return kNaN;
    ForwardBlock(x, nullptr, 0, 1);
    const double loss = AddBlockLosses(0.0, &y, nullptr, 0, 1, true);
    BackwardBlock(1);
    return loss;
}

void Network::ZeroGradients() {
    double* g = grads_.data();
    const int n = param_count();
    for (int k = 0; k < n; ++k) g[k] = 0.0;
}

double Network::BatchGradient(const double* X, const double* y, const int* idx, int count) {
    ZeroGradients();
    if (!ready() || count <= 0) return 0.0;
    double total = 0.0;
    for (int first = 0; first < count; first += rows_) {
        const int n = count - first < rows_ ? count - first : rows_;
        ForwardBlock(X, idx, first, n);
        total = AddBlockLosses(total, y, idx, first, n, true);
        BackwardBlock(n);
    }
    const double inv = 1.0 / count;
    double* g = grads_.data();
    const int np = param_count();
    for (int k = 0; k < np; ++k) g[k] *= inv;
    return total * inv;
}

double Network::MeanLoss(const Dataset& d) {
    double loss = kNaN;
    Evaluate(d, &loss, nullptr);
    return loss;
}

double Network::Accuracy(const Dataset& d) {
    double accuracy = kNaN;
    Evaluate(d, nullptr, &accuracy);
    return accuracy;
}

int Network::ClassOfOutput(const double* out) const {
    if (classes_ == 0) return 0;
    return PredictedClass(out, width_[layers_], settings_.loss != LossKind::SoftmaxCE); // logit or score: its sign
}

int Network::PredictClass(const double* x) {
    if (!ready() || classes_ == 0) return 0;
    return ClassOfOutput(Forward(x));
}

// Forward passes and losses only: no gradient is computed or kept.
void Network::Evaluate(const Dataset& d, double* mean_loss, double* accuracy) {
    if (mean_loss) *mean_loss = kNaN;
    if (accuracy) *accuracy = kNaN;
    const int n = d.size();
    if (!ready() || n == 0 || d.inputs != width_[0]) return;
    const double* y = d.y.data();
    const int nout = width_[layers_];
    const bool one_output = settings_.loss != LossKind::SoftmaxCE;
    double total = 0.0;
    int right = 0;
    for (int first = 0; first < n; first += rows_) {
        const int count = n - first < rows_ ? n - first : rows_;
        ForwardBlock(d.x.data(), nullptr, first, count);
        total = AddBlockLosses(total, y, nullptr, first, count, false);
        if (classes_ > 0 && accuracy) {
            const double* out = act_.data() + rows_ * unit_offset_[layers_];
            for (int e = 0; e < count; ++e)
                right += PredictedClass(out + e * nout, nout, one_output) == ClassIndex(y[first + e], classes_);
        }
    }
    if (mean_loss) *mean_loss = total / n;
    if (accuracy && classes_ > 0) *accuracy = static_cast<double>(right) / n;
}

void Network::Predict(const double* x, double* out) {
    if (!ready()) return;
    const double* raw = Forward(x);
    const int n = width_[layers_];
    switch (settings_.loss) {
    case LossKind::BCE: out[0] = SigmoidInline(raw[0]); break;
    case LossKind::SoftmaxCE: Softmax(raw, n, out); break;
    default:
        for (int k = 0; k < n; ++k) out[k] = raw[k];
        break;
    }
}

} // namespace downhill
