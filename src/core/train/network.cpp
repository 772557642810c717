// network.cpp: see network.hpp.
#include "network.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "random.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Activation
//-----------------------------------------------------------------------------

namespace {

double LinearOut(double z) { return z; }
double LinearDer(double, double) { return 1.0; }
double TanhOut(double z) { return std::tanh(z); }
double TanhDer(double, double a) { return 1.0 - a * a; }
double ReluOut(double z) { return z > 0 ? z : 0.0; }
double ReluDer(double z, double) { return z > 0 ? 1.0 : 0.0; }
// 1 / (1 + e^-z), computed from e^-|z| so it never overflows.
double SigmoidOut(double z) {
    if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}
double SigmoidDer(double, double a) { return a * (1.0 - a); }

// a[i] = f(z[i]) for a whole layer; the switch sits outside the loop.
void ApplyActivation(Activation f, const double* z, double* a, int n) {
    switch (f) {
    case Activation::Tanh:
        for (int i = 0; i < n; ++i) a[i] = std::tanh(z[i]);
        return;
    case Activation::ReLU:
        for (int i = 0; i < n; ++i) a[i] = z[i] > 0 ? z[i] : 0.0;
        return;
    case Activation::Sigmoid:
        for (int i = 0; i < n; ++i) a[i] = SigmoidOut(z[i]);
        return;
    default:
        for (int i = 0; i < n; ++i) a[i] = z[i];
        return;
    }
}

// d[i] *= f'(z[i]) for a whole layer.
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
// [SECTION] Network
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
    n.params_.assign(static_cast<size_t>(params), 0.0);
    n.grads_.assign(static_cast<size_t>(params), 0.0);
    n.act_.assign(static_cast<size_t>(units), 0.0);
    n.pre_.assign(static_cast<size_t>(units), 0.0);
    n.delta_.assign(static_cast<size_t>(units), 0.0);
    n.target_.assign(static_cast<size_t>(n.outputs()), 0.0);
    n.dout_.assign(static_cast<size_t>(n.outputs()), 0.0);
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
    return k >= 0 && k <= layers_ ? act_.data() + unit_offset_[k] : nullptr;
}
const double* Network::pre_activations(int k) const {
    return k >= 1 && k <= layers_ ? pre_.data() + unit_offset_[k] : nullptr;
}

const double* Network::Forward(const double* x) {
    if (!ready()) return nullptr;
    double* a0 = act_.data();
    for (int i = 0; i < width_[0]; ++i) a0[i] = x[i];
    const double* p = params_.data();
    for (int l = 0; l < layers_; ++l) {
        const int nin = width_[l], nout = width_[l + 1];
        const double* w = p + weight_offset_[l];
        const double* b = p + bias_offset_[l];
        const double* prev = act_.data() + unit_offset_[l];
        double* z = pre_.data() + unit_offset_[l + 1];
        for (int j = 0; j < nout; ++j) {
            const double* row = w + j * nin;
            double s = b[j];
            for (int i = 0; i < nin; ++i) s += row[i] * prev[i];
            z[j] = s;
        }
        const Activation f = l + 1 < layers_ ? settings_.activation : Activation::Linear;
        ApplyActivation(f, z, act_.data() + unit_offset_[l + 1], nout);
    }
    return act_.data() + unit_offset_[layers_];
}

int Network::ClassOf(double y) const {
    if (!(y > 0)) return 0; // also NaN
    if (y >= classes_ - 1) return classes_ > 0 ? classes_ - 1 : 0;
    return static_cast<int>(y);
}

double Network::ExampleLoss(const double* x, double y) {
    if (!ready()) return kNaN;
    const double* out = Forward(x);
    const int n = outputs();
    if (settings_.loss == LossKind::SoftmaxCE) {
        for (int k = 0; k < n; ++k) target_[k] = 0.0;
        target_[ClassOf(y)] = 1.0;
    } else {
        target_[0] = y;
    }
    return LossAndGrad(settings_.loss, out, target_.data(), n, nullptr, settings_.huber_delta);
}

double Network::AddExampleGradient(const double* x, double y) {
    if (!ready()) return kNaN;
    const double* out = Forward(x);
    const int n = outputs();
    if (settings_.loss == LossKind::SoftmaxCE) {
        for (int k = 0; k < n; ++k) target_[k] = 0.0;
        target_[ClassOf(y)] = 1.0;
    } else {
        target_[0] = y;
    }
    const double loss = LossAndGrad(settings_.loss, out, target_.data(), n, dout_.data(), settings_.huber_delta);
    Backward(dout_.data());
    return loss;
}

// Backpropagation: delta_k = dL/dz_k. At the linear output delta = dL/d(output); going
// down, delta_l = (W_l^T delta_{l+1}) * f'(z_l); dL/dW_l = delta_{l+1} a_l^T, dL/db_l = delta_{l+1}.
void Network::Backward(const double* dloss_dout) {
    double* dtop = delta_.data() + unit_offset_[layers_];
    for (int k = 0; k < width_[layers_]; ++k) dtop[k] = dloss_dout[k];
    const double* p = params_.data();
    double* g = grads_.data();
    for (int l = layers_ - 1; l >= 0; --l) {
        const int nin = width_[l], nout = width_[l + 1];
        const double* w = p + weight_offset_[l];
        double* gw = g + weight_offset_[l];
        double* gb = g + bias_offset_[l];
        const double* prev = act_.data() + unit_offset_[l];
        const double* d = delta_.data() + unit_offset_[l + 1];
        for (int j = 0; j < nout; ++j) {
            const double dj = d[j];
            gb[j] += dj;
            double* grow = gw + j * nin;
            for (int i = 0; i < nin; ++i) grow[i] += dj * prev[i];
        }
        if (l == 0) break;
        double* dprev = delta_.data() + unit_offset_[l];
        for (int i = 0; i < nin; ++i) dprev[i] = 0.0;
        for (int j = 0; j < nout; ++j) {
            const double dj = d[j];
            const double* row = w + j * nin;
            for (int i = 0; i < nin; ++i) dprev[i] += row[i] * dj;
        }
        MultiplyDerivative(settings_.activation, pre_.data() + unit_offset_[l], prev, dprev, nin);
    }
}

void Network::ZeroGradients() {
    for (double& v : grads_) v = 0.0;
}

double Network::BatchGradient(const double* X, const double* y, const int* idx, int count) {
    ZeroGradients();
    if (!ready() || count <= 0) return 0.0;
    const int in = width_[0];
    double total = 0.0;
    for (int e = 0; e < count; ++e) {
        const int i = idx ? idx[e] : e;
        total += AddExampleGradient(X + static_cast<size_t>(i) * in, y[i]);
    }
    const double inv = 1.0 / count;
    for (double& v : grads_) v *= inv;
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
    if (settings_.loss != LossKind::SoftmaxCE) return out[0] >= 0 ? 1 : 0; // logit or score
    int best = 0;
    for (int k = 1; k < width_[layers_]; ++k)
        if (out[k] > out[best]) best = k;
    return best;
}

int Network::PredictClass(const double* x) {
    if (!ready() || classes_ == 0) return 0;
    return ClassOfOutput(Forward(x));
}

void Network::Evaluate(const Dataset& d, double* mean_loss, double* accuracy) {
    if (mean_loss) *mean_loss = kNaN;
    if (accuracy) *accuracy = kNaN;
    const int n = d.size();
    if (!ready() || n == 0 || d.inputs != width_[0]) return;
    const double* out = act_.data() + unit_offset_[layers_];
    double total = 0.0;
    int right = 0;
    for (int i = 0; i < n; ++i) {
        total += ExampleLoss(d.x.data() + static_cast<size_t>(i) * d.inputs, d.y[i]); // leaves the outputs in out
        if (classes_ > 0 && ClassOfOutput(out) == ClassOf(d.y[i])) ++right;
    }
    if (mean_loss) *mean_loss = total / n;
    if (accuracy && classes_ > 0) *accuracy = static_cast<double>(right) / n;
}

void Network::Predict(const double* x, double* out) {
    if (!ready()) return;
    const double* raw = Forward(x);
    const int n = width_[layers_];
    switch (settings_.loss) {
    case LossKind::BCE: out[0] = SigmoidOut(raw[0]); break;
    case LossKind::SoftmaxCE: Softmax(raw, n, out); break;
    default:
        for (int k = 0; k < n; ++k) out[k] = raw[k];
        break;
    }
}

} // namespace downhill
