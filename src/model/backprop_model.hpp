// backprop_model.hpp: the backpropagation widget: a tiny network (2 inputs, one hidden
// layer of 2 or 3 units, 1 output) and one example, walked through one forward pass and
// then the backward pass one layer at a time from the output to the input, and finally one
// gradient step (lessons/08-backpropagation.md). Set to the chain, it is the lesson's worked
// example instead: x -> h = w1 x -> y = w2 h, linear, squared error, starting at w1 = 2, w2 = 0.5. The numbers come from the core's Trainer::Inspect;
// the host only keeps where the walk-through stands and what the page reveals.
//
// Index
//   [SECTION] Settings
//   [SECTION] Snapshot: every value of one forward and backward pass
//   [SECTION] BackpropModel: the stepper
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/trainer.hpp"

namespace downhill::model {

//-----------------------------------------------------------------------------
// [SECTION] Settings
//-----------------------------------------------------------------------------

// Which network: the small one (2 inputs, 2 or 3 hidden units, seeded weights) or the
// chain of lessons/08-backpropagation.md ("Two layers": one input, one linear hidden unit,
// squared error, weights w1 = 2 and w2 = 0.5, biases 0; x2, hidden, activation and seed unused).
enum class BackpropNetwork { Small, Chain };

struct BackpropSettings {
    BackpropNetwork network = BackpropNetwork::Small;
    double x1 = 1.0, x2 = -0.5;                  // the example's inputs, in [-kMaxInput, kMaxInput]
    double target = 1.0;                         // y: 0 or 1 with cross-entropy, any value in range with squared error
    int hidden = 2;                              // hidden units, 2 or 3
    Activation activation = Activation::Sigmoid; // the hidden layer's nonlinearity
    LossKind loss = LossKind::BCE;               // BCE (sigmoid output) or MSE (the raw output)
    double learning_rate = 0.5;                  // eta of "Apply update", in [kMinLearningRate, kMaxLearningRate]
    uint32_t seed = 3;                           // the starting weights, in [kMinSeed, kMaxSeed]
    static constexpr double kMaxInput = 5.0;
    static constexpr double kMinLearningRate = 0.01, kMaxLearningRate = 10.0;
    static constexpr uint32_t kMinSeed = 1, kMaxSeed = 99999;
    static constexpr double kChainW1 = 2.0, kChainW2 = 0.5; // the worked example's starting weights
};

//-----------------------------------------------------------------------------
// [SECTION] Snapshot
//-----------------------------------------------------------------------------

// Layers k = 0 (inputs), 1 (hidden), 2 (output); weight layers l = 0 (inputs -> hidden)
// and 1 (hidden -> output), each W_l row-major with width(l+1) rows of width(l)
// (W_l[j * width(l) + i] links unit i of layer k = l to unit j of layer l + 1).
struct BackpropSnapshot {
    std::vector<std::vector<double>> a, z;      // per layer k: values and (k >= 1) pre-activations
    std::vector<std::vector<double>> w, b;      // per weight layer l: weights and biases
    std::vector<std::vector<double>> gw, gb;    // dL/dW_l and dL/db_l (= dL/dz of layer l + 1)
    std::vector<std::vector<double>> ga;        // per layer k: dL/da_k = W_k^T dL/dz_(k+1) (k < output)
    std::vector<double> fprime;                 // f'(z) of each hidden unit
    double loss = 0;                            // L of the example
    double prediction = 0;                      // what the output means: p = sigmoid(z) (BCE) or the value (MSE)
};

//-----------------------------------------------------------------------------
// [SECTION] BackpropModel
//-----------------------------------------------------------------------------

struct BackpropModel {
    Trainer trainer;              // the tiny network, trained on the one example
    BackpropSettings settings;    // what the page chose
    BackpropSnapshot snap;        // the latest forward and backward pass
    bool forward = false;         // the forward pass has been shown
    int revealed = 0;             // weight layers whose gradients are shown, counted from the output (0..2)
    int updates = 0;              // gradient steps applied to this example since it was chosen (or Reset)
    std::vector<double> losses;   // the example's loss before each of those updates and after the latest
    uint32_t version = 0;         // bumped on every change the page must show

    BackpropModel() { Configure(settings); }

    int layers() const { return trainer.layers(); } // weight layers: 2
    static bool LearningRateFits(double lr) {
        return lr >= BackpropSettings::kMinLearningRate && lr <= BackpropSettings::kMaxLearningRate;
    }
    bool complete() const { return forward && revealed >= layers(); }
    bool chain() const { return settings.network == BackpropNetwork::Chain; }
    // The hidden layer's nonlinearity as trained: the chain has none.
    Activation activation() const { return chain() ? Activation::Linear : settings.activation; }

    // New settings. Weights start again from the seed, unless only the example or the
    // learning rate changed (then the current weights stay). "" = ok; on error nothing changes.
    std::string Configure(BackpropSettings s) {
        if (s.network == BackpropNetwork::Chain) s.loss = LossKind::MSE; // the worked example's loss
        if (!std::isfinite(s.x1) || !std::isfinite(s.x2) || std::fabs(s.x1) > BackpropSettings::kMaxInput ||
            std::fabs(s.x2) > BackpropSettings::kMaxInput)
            return "The inputs must be numbers from -5 to 5.";
        if (!std::isfinite(s.target) || std::fabs(s.target) > BackpropSettings::kMaxInput)
            return "The target must be a number from -5 to 5.";
        if (s.loss == LossKind::BCE && s.target != 0.0 && s.target != 1.0)
            return "With cross-entropy the target is a class: 0 or 1.";
        if (s.loss != LossKind::BCE && s.loss != LossKind::MSE) return "This widget uses cross-entropy or squared error.";
        if (s.hidden < 2 || s.hidden > 3) return "The hidden layer has 2 or 3 units.";
        if (!LearningRateFits(s.learning_rate)) return "The learning rate must lie between 0.01 and 10.";
        if (s.seed < BackpropSettings::kMinSeed || s.seed > BackpropSettings::kMaxSeed)
            return "The starting weights' seed must be a whole number from 1 to 99999.";
        const bool is_chain = s.network == BackpropNetwork::Chain;
        const bool keep_weights = trainer.layers() == 2 && s.network == settings.network &&
                                  (is_chain || (s.hidden == settings.hidden && s.activation == settings.activation &&
                                                s.loss == settings.loss && s.seed == settings.seed));
        Dataset one;
        one.inputs = is_chain ? 1 : 2;
        one.classes = s.loss == LossKind::BCE ? 2 : 0;
        one.x = is_chain ? std::vector<double>{s.x1} : std::vector<double>{s.x1, s.x2};
        one.y = {s.target};
        ModelSettings m;
        m.kind = ModelKind::MLP;
        m.hidden = {is_chain ? 1 : s.hidden};
        m.activation = is_chain ? Activation::Linear : s.activation;
        m.loss = s.loss;
        TrainSettings t;
        t.mode = BatchMode::Batch;
        t.learning_rate = s.learning_rate;
        t.seed = s.seed;
        t.shuffle = false;
        const std::vector<double> weights = trainer.network().params();
        std::string err = trainer.ConfigureWithData(one, Dataset{}, m, t);
        if (!err.empty()) return err;
        settings = s;
        if (keep_weights && weights.size() == trainer.network().params().size()) trainer.network().params() = weights;
        else StartChain();
        forward = false;
        revealed = 0;
        updates = 0;
        Compute();
        losses.assign(1, snap.loss);
        ++version;
        return "";
    }
    // The learning rate of the next update; the walk-through stays where it is.
    std::string SetLearningRate(double lr) {
        if (!LearningRateFits(lr)) return "The learning rate must lie between 0.01 and 10.";
        std::string err = trainer.SetLearningRate(lr);
        if (!err.empty()) return err;
        settings.learning_rate = lr;
        ++version;
        return "";
    }

    // The stepper. Each returns "" or why the step cannot be taken now.
    std::string Forward() {
        Compute();
        forward = true;
        revealed = 0;
        ++version;
        return "";
    }
    std::string BackwardStep() {
        if (!forward) return "Run the forward pass first: the backward pass starts from the loss.";
        if (revealed >= layers()) return "The backward pass has reached the inputs: every gradient is known.";
        ++revealed;
        ++version;
        return "";
    }
    // One gradient step w <- w - eta dL/dw on the example, then the forward pass with the new weights.
    std::string ApplyUpdate() {
        if (!complete()) return "Finish the backward pass first: the update needs every weight's gradient.";
        if (trainer.status() != TrainStatus::Running) return trainer.message();
        trainer.TrainSteps(1);
        if (trainer.status() != TrainStatus::Running) {
            ++version;
            return trainer.message();
        }
        ++updates;
        Compute();
        losses.push_back(snap.loss);
        forward = true;
        revealed = 0;
        ++version;
        return "";
    }
    // Weights back to their seeded start; nothing computed yet.
    void Reset() {
        trainer.Reset();
        StartChain();
        updates = 0;
        forward = false;
        revealed = 0;
        Compute();
        losses.assign(1, snap.loss);
        ++version;
    }

    // Names the page and the canvas share: w1.. for input -> hidden weights (unit by unit),
    // v1.. for hidden -> output weights, b1.. the hidden biases, c the output bias. The
    // chain's two weights are w1 and w2, as the lesson writes them.
    std::string WeightName(int l, int j, int i) const {
        if (chain()) return l == 0 ? "w1" : "w2";
        return l == 0 ? "w" + std::to_string(j * 2 + i + 1) : "v" + std::to_string(i + 1);
    }
    static std::string BiasName(int l, int j) { return l == 0 ? "b" + std::to_string(j + 1) : "c"; }

private:
    // The chain starts at the worked example's weights, biases 0 (the small network keeps its seeded start).
    void StartChain() {
        if (!chain()) return;
        Network& net = trainer.network();
        std::vector<double>& p = net.params();
        p[size_t(net.weight_offset(0))] = BackpropSettings::kChainW1;
        p[size_t(net.weight_offset(1))] = BackpropSettings::kChainW2;
        p[size_t(net.bias_offset(0))] = 0.0;
        p[size_t(net.bias_offset(1))] = 0.0;
    }
    // The example's loss, then one forward and backward pass (Trainer::Inspect), copied out.
    void Compute() {
        const std::vector<double> x = chain() ? std::vector<double>{settings.x1} : std::vector<double>{settings.x1, settings.x2};
        BackpropSnapshot s;
        s.loss = trainer.TrainLoss();
        trainer.Inspect(x, settings.target);
        const int L = trainer.layers();
        for (int k = 0; k <= L; ++k) {
            s.a.push_back(trainer.Activations(k));
            s.z.push_back(trainer.PreActivations(k));
        }
        for (int l = 0; l < L; ++l) {
            s.w.push_back(trainer.Weights(l));
            s.b.push_back(trainer.Biases(l));
            s.gw.push_back(trainer.WeightGrads(l));
            s.gb.push_back(trainer.BiasGrads(l));
        }
        for (int k = 0; k < L; ++k) {
            const int n = trainer.width(k), m = trainer.width(k + 1);
            std::vector<double> g(size_t(n), 0.0);
            for (int j = 0; j < m; ++j)
                for (int i = 0; i < n; ++i) g[size_t(i)] += s.w[size_t(k)][size_t(j) * n + i] * s.gb[size_t(k)][size_t(j)];
            s.ga.push_back(g);
        }
        const ActivationFn f = GetActivation(activation());
        for (size_t j = 0; L >= 2 && j < s.z[1].size(); ++j) s.fprime.push_back(f.der(s.z[1][j], s.a[1][j]));
        const double out = s.a[size_t(L)].empty() ? 0.0 : s.a[size_t(L)][0];
        s.prediction = settings.loss == LossKind::BCE ? 1.0 / (1.0 + std::exp(-out)) : out;
        snap = std::move(s);
    }
};

} // namespace downhill::model
