// test_train_network.cpp: the network's layout, a hand-worked forward and backward pass,
// and a finite-difference check of every parameter's gradient for every activation and
// every loss.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/train/network.hpp"
#include "core/train/random.hpp"

using namespace downhill;

static const Activation kAllActivations[] = {Activation::Linear, Activation::Tanh, Activation::ReLU,
                                             Activation::Sigmoid};
static const LossKind kAllLosses[] = {LossKind::MSE, LossKind::MAE,       LossKind::Huber,
                                      LossKind::BCE, LossKind::SoftmaxCE, LossKind::Hinge};

static int ClassesFor(LossKind k) {
    if (k == LossKind::SoftmaxCE) return 3;
    if (k == LossKind::BCE || k == LossKind::Hinge) return 2;
    return 0;
}

//-----------------------------------------------------------------------------
// Activations
//-----------------------------------------------------------------------------

TEST(Activation, NamesRoundTrip) {
    for (Activation a : kAllActivations) {
        Activation back = Activation::Linear;
        EXPECT_TRUE(ParseActivation(ActivationName(a), &back));
        EXPECT_EQ(back, a);
    }
    EXPECT_FALSE(ParseActivation("gelu", nullptr));
}

TEST(Activation, KnownValues) {
    EXPECT_EQ(GetActivation(Activation::Linear).output(-1.25), -1.25);
    EXPECT_NEAR(GetActivation(Activation::Tanh).output(0.5), 0.46211715726000974, 1e-15);
    EXPECT_EQ(GetActivation(Activation::ReLU).output(-3.0), 0.0);
    EXPECT_EQ(GetActivation(Activation::ReLU).output(2.5), 2.5);
    EXPECT_EQ(GetActivation(Activation::Sigmoid).output(0.0), 0.5);
    EXPECT_NEAR(GetActivation(Activation::Sigmoid).output(2.0), 0.8807970779778823, 1e-15);
    // Far out the sigmoid saturates without overflow.
    EXPECT_EQ(GetActivation(Activation::Sigmoid).output(-800.0), 0.0);
    EXPECT_EQ(GetActivation(Activation::Sigmoid).output(800.0), 1.0);
}

TEST(Activation, DerivativeMatchesFiniteDifferences) {
    const double h = 1e-6;
    for (Activation a : kAllActivations) {
        const ActivationFn f = GetActivation(a);
        for (double z : {-2.3, -0.7, 0.4, 1.9}) {
            const double fd = (f.output(z + h) - f.output(z - h)) / (2 * h);
            EXPECT_NEAR(f.der(z, f.output(z)), fd, 1e-8) << ActivationName(a) << " z=" << z;
        }
    }
}

//-----------------------------------------------------------------------------
// Settings and layout
//-----------------------------------------------------------------------------

TEST(ModelSettings, NamesAndHiddenLayerText) {
    ModelKind k = ModelKind::MLP;
    EXPECT_TRUE(ParseModelKind("linear-regression", &k));
    EXPECT_EQ(k, ModelKind::LinearRegression);
    EXPECT_STREQ(ModelKindName(ModelKind::LogisticRegression), "logistic-regression");
    EXPECT_FALSE(ParseModelKind("svm", nullptr));

    std::vector<int> w;
    EXPECT_TRUE(ParseHiddenLayers("4,2", &w));
    EXPECT_EQ(w, (std::vector<int>{4, 2}));
    EXPECT_TRUE(ParseHiddenLayers("8-8-8", &w));
    EXPECT_EQ(w, (std::vector<int>{8, 8, 8}));
    EXPECT_TRUE(ParseHiddenLayers(" 16 , 3 ", &w));
    EXPECT_EQ(w, (std::vector<int>{16, 3}));
    EXPECT_TRUE(ParseHiddenLayers("", &w));
    EXPECT_TRUE(w.empty());
    for (const char* bad : {"4,,2", "4a", "4 2", "-4", "4,", "9999999", ",", "x"})
        EXPECT_FALSE(ParseHiddenLayers(bad, &w)) << bad;
    EXPECT_EQ(FormatHiddenLayers({4, 2}), "4,2");
    EXPECT_EQ(FormatHiddenLayers({}), "");
}

TEST(Network, LayoutOfATwoThreeTwoOneNetwork) {
    ModelSettings m;
    m.hidden = {3, 2};
    Network net;
    EXPECT_FALSE(net.ready());
    ASSERT_EQ(net.Configure(m, 2, 2, 1), "");
    EXPECT_EQ(net.layers(), 3);
    EXPECT_EQ(net.width(0), 2);
    EXPECT_EQ(net.width(1), 3);
    EXPECT_EQ(net.width(2), 2);
    EXPECT_EQ(net.width(3), 1);
    EXPECT_EQ(net.width(4), 0);
    EXPECT_EQ(net.param_count(), 20); // 2*3+3 + 3*2+2 + 2*1+1
    EXPECT_EQ(net.weight_offset(0), 0);
    EXPECT_EQ(net.bias_offset(0), 6);
    EXPECT_EQ(net.weight_offset(1), 9);
    EXPECT_EQ(net.bias_offset(1), 15);
    EXPECT_EQ(net.weight_offset(2), 17);
    EXPECT_EQ(net.bias_offset(2), 19);
    EXPECT_EQ(net.weight_offset(3), -1);
    EXPECT_EQ(net.activations(4), nullptr);
    EXPECT_EQ(net.pre_activations(0), nullptr);
    m.loss = LossKind::SoftmaxCE;
    ASSERT_EQ(net.Configure(m, 2, 3, 1), "");
    EXPECT_EQ(net.outputs(), 3);
    EXPECT_EQ(net.param_count(), 9 + 8 + 2 * 3 + 3);
}

TEST(Network, LinearModelsHaveOneLayerWhateverTheHiddenList) {
    ModelSettings m;
    m.kind = ModelKind::LinearRegression;
    m.loss = LossKind::MSE;
    m.hidden = {5, 5};
    Network net;
    ASSERT_EQ(net.Configure(m, 1, 0, 1), "");
    EXPECT_EQ(net.layers(), 1);
    EXPECT_EQ(net.param_count(), 2); // slope and intercept
    EXPECT_TRUE(net.settings().hidden.empty());
}

TEST(Network, GlorotInitialisationIsSeeded) {
    ModelSettings m;
    m.hidden = {8, 3};
    Network a, b, c;
    ASSERT_EQ(a.Configure(m, 2, 2, 5), "");
    ASSERT_EQ(b.Configure(m, 2, 2, 5), "");
    ASSERT_EQ(c.Configure(m, 2, 2, 6), "");
    EXPECT_EQ(a.params(), b.params());
    EXPECT_NE(a.params(), c.params());
    const double limits[3] = {std::sqrt(6.0 / 10), std::sqrt(6.0 / 11), std::sqrt(6.0 / 4)};
    for (int l = 0; l < 3; ++l) {
        double largest = 0;
        for (int k = a.weight_offset(l); k < a.bias_offset(l); ++k) largest = std::max(largest, std::fabs(a.params()[k]));
        EXPECT_LE(largest, limits[l]);
        EXPECT_GT(largest, 0.3 * limits[l]);
        for (int k = 0; k < a.width(l + 1); ++k) EXPECT_EQ(a.params()[a.bias_offset(l) + k], 0.0);
    }
    const std::vector<double> start = a.params();
    a.params()[0] += 1.0;
    a.Initialize(5);
    EXPECT_EQ(a.params(), start);
}

TEST(Network, RejectsMismatchesWithAMessageAndStaysAsItWas) {
    ModelSettings ok;
    ok.hidden = {3};
    Network net;
    ASSERT_EQ(net.Configure(ok, 2, 2, 1), "");
    const std::vector<double> before = net.params();
    struct Case {
        ModelKind kind;
        std::vector<int> hidden;
        LossKind loss;
        int classes;
    };
    const Case bad[] = {
        {ModelKind::MLP, {}, LossKind::BCE, 2},                             // no hidden layers
        {ModelKind::MLP, {0}, LossKind::BCE, 2},                            // an empty layer
        {ModelKind::MLP, {300}, LossKind::BCE, 2},                          // too wide
        {ModelKind::MLP, {2, 2, 2, 2, 2, 2, 2, 2, 2}, LossKind::BCE, 2},    // too deep
        {ModelKind::LinearRegression, {}, LossKind::BCE, 0},                // classification loss on a line fit
        {ModelKind::LinearRegression, {}, LossKind::MSE, 2},                // line fit on classes
        {ModelKind::LogisticRegression, {}, LossKind::MSE, 2},              // regression loss on a classifier
        {ModelKind::LogisticRegression, {}, LossKind::BCE, 0},              // classifier on regression data
        {ModelKind::MLP, {3}, LossKind::BCE, 0},                            // class loss, real targets
        {ModelKind::MLP, {3}, LossKind::MSE, 2},                            // real loss, class targets
        {ModelKind::MLP, {3}, LossKind::BCE, 3},                            // BCE is for 2 classes
        {ModelKind::MLP, {3}, LossKind::Hinge, 3},                          // so is hinge
        {static_cast<ModelKind>(7), {3}, LossKind::BCE, 2},                 // unknown kind
        {ModelKind::MLP, {3}, static_cast<LossKind>(-1), 2},                // unknown loss
    };
    for (const Case& c : bad) {
        ModelSettings m;
        m.kind = c.kind;
        m.hidden = c.hidden;
        m.loss = c.loss;
        const std::string err = net.Configure(m, 2, c.classes, 1);
        EXPECT_NE(err, "") << ModelKindName(c.kind) << " " << LossKindName(c.loss) << " " << c.classes;
        EXPECT_EQ(net.params(), before);
        EXPECT_EQ(net.layers(), 2);
    }
    ModelSettings m;
    m.hidden = {};
    EXPECT_EQ(net.Configure(m, 2, 2, 1), "A multilayer perceptron needs at least one hidden layer.");
    m.kind = ModelKind::LinearRegression;
    m.loss = LossKind::BCE;
    EXPECT_EQ(net.Configure(m, 1, 0, 1), "Linear regression fits values: use MSE, MAE or Huber loss, not bce.");
    m = {};
    m.loss = LossKind::Huber;
    m.huber_delta = std::nan("");
    EXPECT_NE(net.Configure(m, 1, 0, 1), "");
    m.huber_delta = 0;
    EXPECT_NE(net.Configure(m, 1, 0, 1), "");
    m = {};
    m.activation = static_cast<Activation>(9);
    EXPECT_NE(net.Configure(m, 2, 2, 1), "");
    EXPECT_NE(net.Configure(ModelSettings{}, 0, 2, 1), "");
    EXPECT_NE(net.Configure(ModelSettings{}, 2, 1, 1), "");
}

TEST(Network, AcceptsEveryMatchingPair) {
    Network net;
    ModelSettings m;
    m.kind = ModelKind::LogisticRegression;
    for (LossKind k : {LossKind::BCE, LossKind::Hinge, LossKind::SoftmaxCE}) {
        m.loss = k;
        EXPECT_EQ(net.Configure(m, 2, 2, 1), "");
    }
    m.loss = LossKind::SoftmaxCE;
    EXPECT_EQ(net.Configure(m, 2, 3, 1), "");
    m.kind = ModelKind::LinearRegression;
    for (LossKind k : {LossKind::MSE, LossKind::MAE, LossKind::Huber}) {
        m.loss = k;
        EXPECT_EQ(net.Configure(m, 1, 0, 1), "");
    }
}

//-----------------------------------------------------------------------------
// Forward and backward, by hand
//-----------------------------------------------------------------------------

// A 2-2-1 tanh network with hand-picked weights, MSE, x = (1, 2), y = 0.5:
//   z1 = 0.5*1 - 1*2 + 0 = -1.5,  z2 = 1*1 + 0.25*2 + 0.1 = 1.6
//   a = (tanh -1.5, tanh 1.6) = (-0.905148253644866, 0.921668554406471)
//   out = a1 - a2 + 0.2 = -1.626816808051338;  L = (out - 0.5)^2 = 4.523349735009680
//   dL/dout = 2 (out - 0.5) = -4.253633616102675
//   dL/dW1 = dL/dout * a = (3.850169039260435, -3.920440345928124), dL/db1 = dL/dout
//   delta = dL/dout * W1 * (1 - a^2) = (-0.768659833978560, 0.640287029834295)
//   dL/dW0 = delta x^T, dL/db0 = delta
static Network HandNetwork() {
    ModelSettings m;
    m.hidden = {2};
    m.activation = Activation::Tanh;
    m.loss = LossKind::MSE;
    Network net;
    EXPECT_EQ(net.Configure(m, 2, 0, 1), "");
    net.params() = {0.5, -1.0, 1.0, 0.25, 0.0, 0.1, 1.0, -1.0, 0.2};
    return net;
}

TEST(Network, ForwardPassByHand) {
    Network net = HandNetwork();
    const double x[2] = {1.0, 2.0};
    const double* out = net.Forward(x);
    EXPECT_NEAR(out[0], -1.626816808051338, 1e-14);
    EXPECT_EQ(net.activations(0)[0], 1.0);
    EXPECT_EQ(net.activations(0)[1], 2.0);
    EXPECT_NEAR(net.pre_activations(1)[0], -1.5, 1e-15);
    EXPECT_NEAR(net.pre_activations(1)[1], 1.6, 1e-15);
    EXPECT_NEAR(net.activations(1)[0], -0.905148253644866, 1e-14);
    EXPECT_NEAR(net.activations(1)[1], 0.921668554406471, 1e-14);
    EXPECT_NEAR(net.ExampleLoss(x, 0.5), 4.523349735009680, 1e-13);
}

TEST(Network, BackpropagationByHand) {
    Network net = HandNetwork();
    const double x[2] = {1.0, 2.0};
    net.ZeroGradients();
    EXPECT_NEAR(net.AddExampleGradient(x, 0.5), 4.523349735009680, 1e-13);
    const double expected[9] = {
        -0.768659833978560, -1.537319667957119, 0.640287029834295, 1.280574059668590, // dL/dW0
        -0.768659833978560, 0.640287029834295,                                        // dL/db0
        3.850169039260435,  -3.920440345928124,                                       // dL/dW1
        -4.253633616102675,                                                            // dL/db1
    };
    for (int k = 0; k < 9; ++k) EXPECT_NEAR(net.grads()[k], expected[k], 1e-13) << "param " << k;
    // A second example adds to the gradient; BatchGradient averages.
    net.AddExampleGradient(x, 0.5);
    EXPECT_NEAR(net.grads()[8], 2 * -4.253633616102675, 1e-12);
    const double X[4] = {1.0, 2.0, 1.0, 2.0}, y[2] = {0.5, 0.5};
    EXPECT_NEAR(net.BatchGradient(X, y, nullptr, 2), 4.523349735009680, 1e-13);
    EXPECT_NEAR(net.grads()[8], -4.253633616102675, 1e-13);
    EXPECT_EQ(net.BatchGradient(X, y, nullptr, 0), 0.0);
}

//-----------------------------------------------------------------------------
// Every gradient against finite differences
//-----------------------------------------------------------------------------

// A 2-3-2-out MLP at random parameters, a batch of five examples: every entry of the
// backpropagated mean gradient must match the central difference of the mean loss.
static void CheckEveryGradient(Activation act, LossKind loss) {
    SCOPED_TRACE(std::string(ActivationName(act)) + " / " + LossKindName(loss));
    const int classes = ClassesFor(loss);
    ModelSettings m;
    m.hidden = {3, 2};
    m.activation = act;
    m.loss = loss;
    m.huber_delta = 0.4; // some residuals inside the quadratic zone, some outside
    Network net;
    ASSERT_EQ(net.Configure(m, 2, classes, 3), "");
    Rng rng(17);
    for (double& p : net.params()) p = rng.Uniform(-1.0, 1.0);

    const double X[10] = {0.9, -1.2, -0.4, 0.7, 1.5, 0.3, -1.1, -0.8, 0.2, 1.3};
    const double reals[5] = {-1.5, 0.3, 2.0, -0.2, 0.9};
    const double two[5] = {0, 1, 1, 0, 1}, three[5] = {0, 2, 1, 2, 1};
    const double* y = classes == 0 ? reals : (classes == 2 ? two : three);

    // Keep clear of kinks (ReLU at z = 0, MAE at out = y, hinge at y * score = 1), where a
    // finite difference has no single answer.
    for (int e = 0; e < 5; ++e) {
        const double* out = net.Forward(X + 2 * e);
        if (act == Activation::ReLU) {
            for (int k = 1; k < net.layers(); ++k)
                for (int u = 0; u < net.width(k); ++u) ASSERT_GT(std::fabs(net.pre_activations(k)[u]), 1e-4);
        }
        const double r = out[0] - y[e], margin = 1 - (y[e] > 0.5 ? 1 : -1) * out[0];
        if (loss == LossKind::MAE) {
            ASSERT_GT(std::fabs(r), 1e-4);
        }
        if (loss == LossKind::Hinge) {
            ASSERT_GT(std::fabs(margin), 1e-4);
        }
        if (loss == LossKind::Huber) {
            ASSERT_GT(std::fabs(std::fabs(r) - 0.4), 1e-4);
        }
    }

    net.BatchGradient(X, y, nullptr, 5);
    const std::vector<double> g = net.grads();
    auto mean_loss = [&] {
        double s = 0;
        for (int e = 0; e < 5; ++e) s += net.ExampleLoss(X + 2 * e, y[e]);
        return s / 5;
    };
    const double h = 1e-6;
    double largest = 0;
    for (int k = 0; k < net.param_count(); ++k) {
        const double p = net.params()[k];
        net.params()[k] = p + h;
        const double up = mean_loss();
        net.params()[k] = p - h;
        const double down = mean_loss();
        net.params()[k] = p;
        const double fd = (up - down) / (2 * h);
        EXPECT_NEAR(g[k], fd, 1e-7 * std::max(1.0, std::fabs(fd))) << "param " << k;
        largest = std::max(largest, std::fabs(g[k]));
    }
    EXPECT_GT(largest, 1e-3); // the check is not vacuous
}

TEST(Network, EveryGradientMatchesFiniteDifferences) {
    for (Activation a : kAllActivations)
        for (LossKind k : kAllLosses) CheckEveryGradient(a, k);
}

TEST(Network, LinearModelGradientsMatchFiniteDifferences) {
    ModelSettings m;
    m.kind = ModelKind::LogisticRegression;
    m.loss = LossKind::SoftmaxCE;
    Network net;
    ASSERT_EQ(net.Configure(m, 2, 3, 2), "");
    const double X[6] = {0.5, -1.0, 2.0, 0.1, -0.3, 0.8}, y[3] = {2, 0, 1};
    net.BatchGradient(X, y, nullptr, 3);
    const std::vector<double> g = net.grads();
    for (int k = 0; k < net.param_count(); ++k) {
        const double p = net.params()[k], h = 1e-6;
        net.params()[k] = p + h;
        double up = 0, down = 0;
        for (int e = 0; e < 3; ++e) up += net.ExampleLoss(X + 2 * e, y[e]) / 3;
        net.params()[k] = p - h;
        for (int e = 0; e < 3; ++e) down += net.ExampleLoss(X + 2 * e, y[e]) / 3;
        net.params()[k] = p;
        EXPECT_NEAR(g[k], (up - down) / (2 * h), 1e-7);
    }
}

//-----------------------------------------------------------------------------
// Predictions and robustness
//-----------------------------------------------------------------------------

TEST(Network, PredictionsReadAsTheLossMeansThem) {
    ModelSettings m;
    m.hidden = {4};
    Network net;
    const double x[2] = {0.7, -1.3};
    double out[3];
    ASSERT_EQ(net.Configure(m, 2, 2, 4), "");
    const double z = net.Forward(x)[0];
    net.Predict(x, out);
    EXPECT_DOUBLE_EQ(out[0], 1.0 / (1.0 + std::exp(-z))); // BCE: p(class 1)
    EXPECT_EQ(net.PredictClass(x), z >= 0 ? 1 : 0);

    m.loss = LossKind::Hinge;
    ASSERT_EQ(net.Configure(m, 2, 2, 4), "");
    net.Predict(x, out);
    EXPECT_EQ(out[0], net.Forward(x)[0]); // the raw score

    m.loss = LossKind::SoftmaxCE;
    ASSERT_EQ(net.Configure(m, 2, 3, 4), "");
    for (double& p : net.params()) p *= 3;
    net.Predict(x, out);
    EXPECT_NEAR(out[0] + out[1] + out[2], 1.0, 1e-15);
    const int best = static_cast<int>(std::max_element(out, out + 3) - out);
    EXPECT_EQ(net.PredictClass(x), best);
}

TEST(Network, NonFiniteInputsGiveNaNNotACrash) {
    ModelSettings m;
    m.hidden = {3};
    Network net;
    ASSERT_EQ(net.Configure(m, 2, 2, 1), "");
    const double x[2] = {std::nan(""), 1.0};
    EXPECT_TRUE(std::isnan(net.Forward(x)[0]));
    EXPECT_TRUE(std::isnan(net.ExampleLoss(x, 1.0)));
    const double inf_x[2] = {INFINITY, -INFINITY};
    net.Forward(inf_x); // no crash; the value does not matter
    const double ok[2] = {0.1, 0.2};
    EXPECT_TRUE(std::isnan(net.ExampleLoss(ok, std::nan("")))); // a NaN target shows as NaN
    m.loss = LossKind::SoftmaxCE;
    ASSERT_EQ(net.Configure(m, 2, 3, 1), "");
    EXPECT_TRUE(std::isfinite(net.ExampleLoss(ok, std::nan("")))); // a class index is clamped into range
    EXPECT_TRUE(std::isfinite(net.ExampleLoss(ok, 5.0)));
    EXPECT_TRUE(std::isfinite(net.ExampleLoss(ok, -1e300)));

    Network empty;
    EXPECT_EQ(empty.Forward(ok), nullptr);
    EXPECT_TRUE(std::isnan(empty.ExampleLoss(ok, 0)));
    Dataset d;
    EXPECT_TRUE(std::isnan(net.MeanLoss(d)));
    EXPECT_TRUE(std::isnan(net.Accuracy(d)));
}

TEST(Network, EvaluateAgreesWithExampleByExample) {
    Dataset d;
    d.inputs = 2;
    d.classes = 3;
    d.x = {0.5, -1.0, 2.0, 0.1, -0.3, 0.8, 1.5, 1.5};
    d.y = {2, 0, 1, 1};
    ModelSettings m;
    m.hidden = {5};
    m.loss = LossKind::SoftmaxCE;
    Network net;
    ASSERT_EQ(net.Configure(m, 2, 3, 8), "");
    double loss_sum = 0;
    int right = 0;
    for (int i = 0; i < 4; ++i) {
        loss_sum += net.ExampleLoss(&d.x[2 * i], d.y[i]);
        right += net.PredictClass(&d.x[2 * i]) == static_cast<int>(d.y[i]);
    }
    double loss = 0, accuracy = 0;
    net.Evaluate(d, &loss, &accuracy);
    EXPECT_DOUBLE_EQ(loss, loss_sum / 4);
    EXPECT_DOUBLE_EQ(accuracy, right / 4.0);
    EXPECT_EQ(net.MeanLoss(d), loss);
    EXPECT_EQ(net.Accuracy(d), accuracy);
    net.Evaluate(d, nullptr, nullptr); // nothing asked, nothing written
    d.inputs = 1;                      // a shape the network cannot read
    net.Evaluate(d, &loss, &accuracy);
    EXPECT_TRUE(std::isnan(loss));
    EXPECT_TRUE(std::isnan(accuracy));
}
