// network.hpp: the models the trainer fits (linear regression, a linear classifier such
// as logistic regression, and a multilayer perceptron), each with its loss, a forward
// pass and backpropagation.
//
// How to use:
//   ModelSettings m;  m.hidden = {3, 2};  m.activation = Activation::Tanh;  m.loss = LossKind::BCE;
//   Network net;
//   std::string err = net.Configure(m, /*inputs=*/2, /*classes=*/2, /*seed=*/1);  // "" = ok
//   net.ZeroGradients();
//   double loss = net.AddExampleGradient(x, y);    // forward + backward for one example
//   net.grads()[net.weight_offset(0) + j * net.width(0) + i]  // dL/dW of input i -> unit j
//
// Index
//   [SECTION] Activation: each function with its derivative
//   [SECTION] ModelSettings: model kind, hidden layers, activation, loss
//   [SECTION] Network: parameters, forward pass, backpropagation, evaluation
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../losses.hpp"
#include "../numerics.hpp"
#include "datasets.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Activation
//-----------------------------------------------------------------------------

// The nonlinearity of the hidden layers. The output layer is always linear: its raw
// values are the loss's input (a value, a logit, a score, or logits for softmax).
enum class Activation { Linear, Tanh, ReLU, Sigmoid };

const char* ActivationName(Activation a);                        // "linear", "tanh", "relu", "sigmoid"
bool ParseActivation(const std::string& name, Activation* out); // inverse of ActivationName; false on an unknown name

// An activation and its derivative. The derivative takes both the input z and the output
// a = f(z), since tanh' = 1 - a^2 and sigmoid' = a (1 - a) are cheapest from a.
struct ActivationFn {
    double (*output)(double z);        // a = f(z)
    double (*der)(double z, double a); // f'(z)
};
ActivationFn GetActivation(Activation a); // unknown values behave as Linear

//-----------------------------------------------------------------------------
// [SECTION] ModelSettings
//-----------------------------------------------------------------------------

// Which model. The first two are a single linear layer on the inputs:
//   LinearRegression   : regression data; loss MSE, MAE or Huber
//   LogisticRegression : classification data; BCE (logistic regression, 2 classes),
//                        SoftmaxCE (multinomial, any number of classes) or Hinge (a linear
//                        SVM, 2 classes)
//   MLP                : hidden layers, then a linear output; any loss that fits the data
enum class ModelKind { LinearRegression, LogisticRegression, MLP };

const char* ModelKindName(ModelKind k);                       // "linear-regression", "logistic-regression", "mlp"
bool ParseModelKind(const std::string& name, ModelKind* out); // inverse of ModelKindName; false on an unknown name

struct ModelSettings {
    ModelKind kind = ModelKind::MLP;
    std::vector<int> hidden = {4, 2};         // MLP only: hidden widths, 1..kMaxLayers layers of 1..kMaxWidth units
    Activation activation = Activation::Tanh; // MLP only: hidden-layer nonlinearity
    LossKind loss = LossKind::BCE;            // MSE/MAE/Huber (regression); BCE/Hinge (2 classes); SoftmaxCE (2+ classes)
    double huber_delta = 1.0;                 // Huber only: the quadratic zone, in (0, kMaxHuberDelta]
    static constexpr int kMaxLayers = 8;
    static constexpr int kMaxWidth = 256;
    static constexpr double kMaxHuberDelta = 1000.0;
};

// Checks that the model fits data with `inputs` features and `classes` classes (0 =
// regression); "" when it does, else a readable message.
std::string ValidateModel(const ModelSettings& m, int inputs, int classes);

// Hidden widths as text, "4,2" (also accepts "4-2" and spaces); false on anything else.
bool ParseHiddenLayers(const std::string& text, std::vector<int>* out);
std::string FormatHiddenLayers(const std::vector<int>& hidden); // "4,2"; "" for none

//-----------------------------------------------------------------------------
// [SECTION] Network
//-----------------------------------------------------------------------------

// A fully connected network with its loss. Layers are numbered 0 (the inputs) to
// layers() (the raw outputs); weight layer l links layer l to layer l+1. All parameters
// live in one flat vector: for each weight layer l, its weights W_l (width(l+1) rows of
// width(l), W[j * width(l) + i] links unit i of layer l to unit j of layer l+1) and then
// its biases b_l (width(l+1) values). grads() has the same layout.
//
// The forward pass and backpropagation allocate nothing: every buffer is sized by
// Configure(). Batches and evaluations run in blocks of up to block_rows() examples, one
// layer at a time for the whole block; the results are the same as one example at a time,
// bit for bit (every sum adds its terms in the same order).
class Network {
public:
    // Builds the layers for the data's shape and initialises the weights; on error the
    // network is left unchanged.
    std::string Configure(const ModelSettings& s, int inputs, int classes, uint32_t seed);
    // Glorot/Xavier initialisation: W uniform in +-sqrt(6 / (fan_in + fan_out)), biases 0.
    void Initialize(uint32_t seed);

    bool ready() const { return layers_ > 0; }               // false until Configure succeeds
    const ModelSettings& settings() const { return settings_; }
    int inputs() const { return ready() ? width_[0] : 0; }
    int outputs() const { return ready() ? width_[layers_] : 0; } // 1, or the classes for SoftmaxCE
    int classes() const { return classes_; }                 // 0 = regression
    bool is_classifier() const { return classes_ > 0; }
    int layers() const { return layers_; }                   // weight layers: hidden layers + 1
    int width(int k) const;                                  // units of layer k in 0..layers(); 0 outside
    int param_count() const { return static_cast<int>(params_.size()); }
    int block_rows() const { return rows_; }                 // examples per block pass, 1..kMaxBlockRows
    int weight_offset(int l) const;                          // start of W_l in params(), l in 0..layers()-1; -1 outside
    int bias_offset(int l) const;                            // start of b_l in params(); -1 outside
    std::vector<double>& params() { return params_; }
    const std::vector<double>& params() const { return params_; }
    std::vector<double>& grads() { return grads_; }
    const std::vector<double>& grads() const { return grads_; }

    // One example. `x` holds inputs() values, `y` the target (a value or a class index).
    const double* Forward(const double* x);               // raw outputs (outputs() values)
    const double* activations(int k) const;               // after Forward: layer k's values (0 = the input, layers() = raw outputs); after a batch or evaluation, its last example's
    const double* pre_activations(int k) const;           // after Forward: layer k's z = W a + b (k >= 1); likewise
    double ExampleLoss(const double* x, double y);        // forward + loss
    double AddExampleGradient(const double* x, double y); // forward + loss + backpropagation; adds dL/dparam to grads(), returns the loss

    // Batches. X is row-major with inputs() columns.
    void ZeroGradients();
    // Sets grads() to the mean gradient over the examples idx[0..count-1] (0..count-1 when
    // idx is null) and returns their mean loss; 0 when count <= 0.
    double BatchGradient(const double* X, const double* y, const int* idx, int count);
    double MeanLoss(const Dataset& d);   // mean loss over a dataset; NaN when it is empty
    double Accuracy(const Dataset& d);   // share of points classified right; NaN for regression or empty data
    void Evaluate(const Dataset& d, double* mean_loss, double* accuracy); // both in one pass (either pointer may be null)

    // Predictions for one point: outputs() values, as a learner reads them: a value
    // (regression), p(class 1) (BCE), a score (Hinge) or class probabilities (SoftmaxCE).
    void Predict(const double* x, double* out);
    int PredictClass(const double* x); // classifiers: the predicted class; 0 for regression

    // Rows per block: kBlockValues / (units of one example: inputs, hidden and outputs),
    // at most kMaxBlockRows, at least 1; so a block's buffers stay within 3 x 64 KB.
    static constexpr int kMaxBlockRows = 32;
    static constexpr int kBlockValues = 8192;

private:
    int ClassOf(double y) const;                 // class index clamped to 0..classes-1
    int ClassOfOutput(const double* out) const;  // the class raw outputs predict
    // The block passes. Row e of a block holds the example X + row(e) * inputs(), where
    // row(e) = idx[first + e] (first + e when idx is null), for e in 0..count-1 <= rows_.
    void ForwardBlock(const double* X, const int* idx, int first, int count);
    double AddBlockLosses(double total, const double* y, const int* idx, int first, int count, bool gradient); // total + each row's loss; with `gradient`, dL/d(output) into the rows' deltas
    void BackwardBlock(int count);                  // adds the rows' dL/dparam to grads_, from their output deltas
    int RowStart(int k, int e) const { return rows_ * unit_offset_[k] + e * width_[k]; } // row e of layer k in act_/pre_/delta_

    ModelSettings settings_;
    int classes_ = 0;
    int layers_ = 0;
    int rows_ = 1;                  // examples per block
    int last_row_ = 0;              // the block row activations() shows: the latest example
    std::vector<int> width_;        // layers_ + 1 entries
    std::vector<int> unit_offset_;  // start of layer k in one example's units; layer k's block starts at rows_ * unit_offset_[k]
    std::vector<int> weight_offset_;
    std::vector<int> bias_offset_;
    std::vector<double> params_, grads_;
    std::vector<double> act_, pre_, delta_; // per-unit buffers for a block: layer by layer, rows_ rows of width(k)
    std::vector<double> target_;            // loss target of one example (losses other than BCE)
};

} // namespace downhill
