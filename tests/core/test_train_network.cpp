// test_train_network.cpp: the network's own tanh against the C library's, the layout, a
// hand-worked forward and backward pass, a finite-difference check of every parameter's
// gradient for every activation and every loss, and block passes against one example at
// a time, bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/train/network.hpp"
#include "core/random.hpp"

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
// Tanh, exp and log1p: the network's own, the same bits natively and in wasm
//-----------------------------------------------------------------------------

// |a - b| in units in the last place of b.
static double Ulps(double a, long double b) {
    const double bd = static_cast<double>(b);
    const double ulp = std::nextafter(std::fabs(bd), INFINITY) - std::fabs(bd);
    return static_cast<double>(std::fabs(static_cast<long double>(a) - b) / ulp);
}

// 400,000 points: |z| log-uniform from 1e-9 to 25 (every range of the code, and past the
// point where tanh rounds to 1), then uniform on [0, 3] where most pre-activations fall,
// then dense around the switch at 0.625; both signs.
static std::vector<double> TanhSamples() {
    std::vector<double> z;
    Rng rng(11);
    for (int i = 0; i < 400000; ++i) {
        double v;
        if (i % 3 == 0) v = std::exp(std::log(1e-9) + rng.Uniform() * (std::log(25.0) - std::log(1e-9)));
        else if (i % 3 == 1) v = 3.0 * rng.Uniform();
        else v = 0.625 + 0.01 * (rng.Uniform() - 0.5);
        z.push_back(i % 2 ? -v : v);
    }
    return z;
}

TEST(Tanh, WithinOneAndAHalfUlpOfTheExactValue) {
    if (std::numeric_limits<long double>::digits < 64) GTEST_SKIP() << "needs a long double wider than double";
    double worst = 0, sum = 0, at = 0;
    const std::vector<double> zs = TanhSamples();
    for (double z : zs) {
        const double e = Ulps(Tanh(z), std::tanh(static_cast<long double>(z)));
        sum += e;
        if (e > worst) worst = e, at = z;
    }
    EXPECT_LE(worst, 1.5) << "at z = " << at; // measured: 1.4 (glibc's std::tanh: 2.1)
    EXPECT_LE(sum / zs.size(), 0.3);          // measured: 0.27 (glibc: 0.39)
}

TEST(Tanh, AgreesWithTheCLibrary) {
    // std::tanh has its own error (glibc: up to 2.2 ulp), so the two may differ by both.
    double worst = 0, at = 0;
    for (double z : TanhSamples()) {
        const double e = Ulps(Tanh(z), std::tanh(z));
        if (e > worst) worst = e, at = z;
    }
    EXPECT_LE(worst, 3.0) << "at z = " << at;
}

TEST(Activation, SigmoidWithinTwoAndAHalfUlpOfTheExactValue) {
    // The sigmoid (and the BCE loss) take e^-|z| from the network's own exp, which this
    // checks on both sides of its switch to the library at |z| = 708. The bound is the
    // formula's: with std::exp the worst case is the same 2.3 ulp (1 + e and the division
    // each round).
    if (std::numeric_limits<long double>::digits < 64) GTEST_SKIP() << "needs a long double wider than double";
    const ActivationFn f = GetActivation(Activation::Sigmoid);
    Rng rng(5);
    double worst = 0, at = 0;
    for (int i = 0; i < 200000; ++i) {
        const double z = (i % 2 ? -1 : 1) * (i % 4 < 2 ? 10.0 * rng.Uniform() : 750.0 * rng.Uniform());
        const long double exact = 1.0L / (1.0L + std::exp(-static_cast<long double>(z)));
        if (exact < 1e-300L) continue; // subnormal: no ulp to speak of
        const double e = Ulps(f.output(z), exact);
        if (e > worst) worst = e, at = z;
    }
    EXPECT_LE(worst, 2.5) << "at z = " << at;
}

TEST(Network, BceLossAndGradientWithinTwoUlpOfTheExactValues) {
    // The network's BCE takes e^-|z| and log(1 + e^-|z|) from its own exp and log1p: a
    // one-input logistic regression with w = 1, b = 0 has the logit z = x.
    if (std::numeric_limits<long double>::digits < 64) GTEST_SKIP() << "needs a long double wider than double";
    ModelSettings m;
    m.kind = ModelKind::LogisticRegression;
    m.loss = LossKind::BCE;
    Network net;
    ASSERT_EQ(net.Configure(m, 1, 2, 1), "");
    net.params() = {1.0, 0.0};
    Rng rng(9);
    double worst_loss = 0, worst_grad = 0, at_loss = 0, at_grad = 0;
    for (int i = 0; i < 100000; ++i) {
        const double z = (i % 2 ? -1 : 1) * (i % 4 < 2 ? 6.0 * rng.Uniform() : 700.0 * rng.Uniform());
        const double y = i % 3 == 0 ? 1.0 : 0.0;
        const long double zl = z;
        // loss = softplus(-z) for y = 1, softplus(z) for y = 0; dL/dz = sigmoid(z) - y
        const long double t = y == 1.0 ? -zl : zl;
        const long double exact = (t > 0 ? t : 0.0L) + std::log1p(std::exp(-std::fabs(t)));
        const long double exact_grad = 1.0L / (1.0L + std::exp(-zl)) - y;
        net.ZeroGradients();
        const double loss = net.AddExampleGradient(&z, y);
        if (exact > 1e-300L) {
            const double e = Ulps(loss, exact);
            if (e > worst_loss) worst_loss = e, at_loss = z;
        }
        // dL/db = dL/dz = sigmoid(z) - y cancels where sigmoid(z) is near y: its error is
        // measured in ulps of the larger of the two terms
        const long double sigmoid = exact_grad + y;
        const long double scale = sigmoid > y ? sigmoid : static_cast<long double>(y);
        if (scale > 1e-300L) {
            const double ulp = std::nextafter(static_cast<double>(scale), INFINITY) - static_cast<double>(scale);
            const double e = static_cast<double>(std::fabs(net.grads()[1] - exact_grad) / ulp);
            if (e > worst_grad) worst_grad = e, at_grad = z;
        }
    }
    EXPECT_LE(worst_loss, 2.0) << "at z = " << at_loss;
    EXPECT_LE(worst_grad, 2.5) << "at z = " << at_grad; // sigmoid(z): see the sigmoid test
}

TEST(Tanh, SpecialValuesAndSymmetry) {
    EXPECT_EQ(Tanh(0.0), 0.0);
    EXPECT_TRUE(std::signbit(Tanh(-0.0)));
    EXPECT_EQ(Tanh(5e-324), 5e-324); // tanh z = z to double precision below 1e-8
    EXPECT_EQ(Tanh(1e-300), 1e-300);
    EXPECT_EQ(Tanh(-1e-9), -1e-9);
    EXPECT_EQ(Tanh(19.5), 1.0);      // 1 - tanh(19.5) < 2^-54: the exact value rounds to 1
    EXPECT_EQ(Tanh(20.0), 1.0);
    EXPECT_EQ(Tanh(-1e300), -1.0);
    EXPECT_EQ(Tanh(INFINITY), 1.0);
    EXPECT_EQ(Tanh(-INFINITY), -1.0);
    EXPECT_TRUE(std::isnan(Tanh(std::nan(""))));
    EXPECT_NEAR(Tanh(0.5), 0.46211715726000974, 1e-16);
    EXPECT_NEAR(Tanh(1.0), 0.76159415595576489, 1e-16);
    EXPECT_NEAR(Tanh(-3.0), -0.99505475368673045, 1e-16);
    EXPECT_LT(Tanh(19.0), 1.0); // 1 - 5.5e-17 still shows
    EXPECT_EQ(GetActivation(Activation::Tanh).output(0.7), Tanh(0.7)); // the network uses this one
    for (double z : {1e-5, 0.3, 0.6249999, 0.625, 0.7, 2.5, 9.0, 18.0}) EXPECT_EQ(Tanh(-z), -Tanh(z)) << z;
    // Monotone across the switch between the two formulas.
    double z = 0.625;
    for (int i = 0; i < 1000; ++i) z = std::nextafter(z, 0.0);
    double before = Tanh(z);
    for (int i = 0; i < 2000; ++i) {
        z = std::nextafter(z, 1.0);
        const double now = Tanh(z);
        EXPECT_GE(now, before) << "z = " << z;
        before = now;
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

//-----------------------------------------------------------------------------
// Block passes: the bits of one example at a time
//-----------------------------------------------------------------------------

// Random data with `n` points for a network with `inputs` inputs and `classes` classes.
static Dataset RandomData(int n, int inputs, int classes, uint64_t seed) {
    Dataset d;
    d.inputs = inputs;
    d.classes = classes;
    Rng rng(seed);
    for (int i = 0; i < n * inputs; ++i) d.x.push_back(rng.Uniform(-2.0, 2.0));
    for (int i = 0; i < n; ++i) d.y.push_back(classes == 0 ? rng.Uniform(-1.5, 1.5) : static_cast<double>(rng.Below(classes)));
    return d;
}

// A batch of `count` examples in a shuffled order, through BatchGradient (blocks of
// block_rows(), four rows at a time) and through AddExampleGradient one by one: the same
// gradient and loss to the last bit, and the activations show the last example.
static void CheckBlocksAgainstSingleExamples(const ModelSettings& m, int inputs, int classes, int count) {
    SCOPED_TRACE(std::string(ActivationName(m.activation)) + " / " + LossKindName(m.loss) + " / " +
                 FormatHiddenLayers(m.hidden) + " / " + std::to_string(count) + " examples");
    Network net;
    ASSERT_EQ(net.Configure(m, inputs, classes, 5), "");
    Rng rng(23);
    for (double& p : net.params()) p = rng.Uniform(-1.0, 1.0);
    const Dataset d = RandomData(count + 7, inputs, classes, 31);
    std::vector<int> idx(count + 7);
    for (int i = 0; i < count + 7; ++i) idx[i] = i;
    Shuffle(idx.data(), count + 7, rng);

    const double loss = net.BatchGradient(d.x.data(), d.y.data(), idx.data(), count);
    const std::vector<double> g = net.grads();
    std::vector<std::vector<double>> act, pre;
    for (int k = 0; k <= net.layers(); ++k) act.emplace_back(net.activations(k), net.activations(k) + net.width(k));
    for (int k = 1; k <= net.layers(); ++k) pre.emplace_back(net.pre_activations(k), net.pre_activations(k) + net.width(k));

    net.ZeroGradients();
    double total = 0.0;
    for (int e = 0; e < count; ++e) total += net.AddExampleGradient(&d.x[static_cast<size_t>(idx[e]) * inputs], d.y[idx[e]]);
    const double inv = 1.0 / count;
    for (double& v : net.grads()) v *= inv;
    EXPECT_EQ(loss, total * inv);
    EXPECT_EQ(g, net.grads());
    for (int k = 0; k <= net.layers(); ++k)
        EXPECT_EQ(act[k], std::vector<double>(net.activations(k), net.activations(k) + net.width(k))) << "layer " << k;
    for (int k = 1; k <= net.layers(); ++k)
        EXPECT_EQ(pre[k - 1], std::vector<double>(net.pre_activations(k), net.pre_activations(k) + net.width(k))) << "layer " << k;

    // Evaluate: the mean of ExampleLoss and the share of PredictClass, exactly.
    double sum = 0.0;
    int right = 0;
    for (int i = 0; i < d.size(); ++i) {
        sum += net.ExampleLoss(&d.x[static_cast<size_t>(i) * inputs], d.y[i]);
        right += classes > 0 && net.PredictClass(&d.x[static_cast<size_t>(i) * inputs]) == static_cast<int>(d.y[i]);
    }
    double mean_loss = 0, accuracy = 0;
    net.Evaluate(d, &mean_loss, &accuracy);
    EXPECT_EQ(mean_loss, sum / d.size());
    if (classes > 0) EXPECT_EQ(accuracy, static_cast<double>(right) / d.size());
}

TEST(Network, BlocksGiveTheBitsOfOneExampleAtATime) {
    for (Activation a : kAllActivations)
        for (LossKind k : kAllLosses) {
            ModelSettings m;
            m.hidden = {5, 3};
            m.activation = a;
            m.loss = k;
            m.huber_delta = 0.4;
            // 1 example, a few (the remainder rows alone), a block and a bit, several blocks
            for (int count : {1, 3, 37, 101}) CheckBlocksAgainstSingleExamples(m, 3, ClassesFor(k), count);
        }
}

TEST(Network, WideNetworksTakeFewerRowsPerBlock) {
    ModelSettings m;
    EXPECT_EQ(Network().block_rows(), 1); // not configured
    Network small;
    ASSERT_EQ(small.Configure(m, 2, 2, 1), "");
    EXPECT_EQ(small.block_rows(), Network::kMaxBlockRows);
    m.hidden = {256, 256};
    Network wide;
    ASSERT_EQ(wide.Configure(m, 2, 2, 1), "");
    EXPECT_EQ(wide.block_rows(), Network::kBlockValues / (2 + 256 + 256 + 1)); // 15
    CheckBlocksAgainstSingleExamples(m, 2, 2, 40);
    m.hidden = {256, 256, 256, 256, 256, 256, 256, 256};
    ASSERT_EQ(wide.Configure(m, 64, 2, 1), "");
    EXPECT_EQ(wide.block_rows(), 3); // 8192 / 2113 units
}
