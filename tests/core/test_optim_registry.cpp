// test_optim_registry.cpp: the optimizer table: its entries, their defaults and ranges,
// the messages of a refusal, making each optimizer by name, and VisitOptimizer.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include "core/optim/registry.hpp"

using namespace downhill;

TEST(OptimizerTable, HoldsEveryOptimizerInTheCourseOrder) {
    const std::vector<std::string> names = {"gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"};
    EXPECT_EQ(OptimizerNames(), names);
    ASSERT_EQ(OptimizerTable().size(), names.size());
    const char* labels[] = {"Gradient descent", "SGD with noise", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"};
    const double rates[] = {0.1, 0.05, 0.02, 0.02, 0.5, 0.02, 0.05};
    for (size_t i = 0; i < names.size(); ++i) {
        const OptimizerEntry& e = OptimizerTable()[i];
        EXPECT_EQ(e.name, names[i]);
        EXPECT_STREQ(e.label, labels[i]);
        EXPECT_EQ(e.defaults.learning_rate, rates[i]) << e.name;
        EXPECT_EQ(DefaultOptimizerSettings(e.name).learning_rate, rates[i]);
        EXPECT_EQ(FindOptimizer(e.name), &e);
        ASSERT_FALSE(e.params.empty());
        EXPECT_STREQ(e.params[0].key, "learningRate");
        EXPECT_EQ(e.make(e.defaults)->name(), names[i]);
    }
    EXPECT_EQ(FindOptimizer("lbfgs"), nullptr);
    EXPECT_EQ(DefaultOptimizerSettings("lbfgs").learning_rate, OptimizerSettings{}.learning_rate);
}

// The keys of an entry's settings, in order.
static std::vector<std::string> Keys(const char* name) {
    std::vector<std::string> k;
    for (const OptimizerParam& p : FindOptimizer(name)->params) k.push_back(p.key);
    return k;
}

TEST(OptimizerTable, ListsTheSettingsEachOptimizerReads) {
    using V = std::vector<std::string>;
    EXPECT_EQ(Keys("gd"), (V{"learningRate"}));
    EXPECT_EQ(Keys("sgd"), (V{"learningRate", "noise", "seed"}));
    EXPECT_EQ(Keys("momentum"), (V{"learningRate", "momentum"}));
    EXPECT_EQ(Keys("nesterov"), (V{"learningRate", "momentum"}));
    EXPECT_EQ(Keys("adagrad"), (V{"learningRate", "epsilon"}));
    EXPECT_EQ(Keys("rmsprop"), (V{"learningRate", "rho", "epsilon"}));
    EXPECT_EQ(Keys("adam"), (V{"learningRate", "beta1", "beta2", "epsilon"}));
    // Ranges: the learning rate (0, 100], momentum [0, 1), epsilon (0, 1], noise [0, 1000].
    const OptimizerParam& lr = FindOptimizer("gd")->params[0];
    EXPECT_EQ(lr.lo, 0);
    EXPECT_EQ(lr.hi, 100);
    EXPECT_FALSE(lr.lo_closed);
    EXPECT_TRUE(lr.hi_closed);
    const OptimizerParam& mu = FindOptimizer("momentum")->params[1];
    EXPECT_EQ(mu.lo, 0);
    EXPECT_EQ(mu.hi, 1);
    EXPECT_TRUE(mu.lo_closed);
    EXPECT_FALSE(mu.hi_closed);
    const OptimizerParam& eps = FindOptimizer("adam")->params[3];
    EXPECT_FALSE(eps.lo_closed);
    EXPECT_TRUE(eps.hi_closed);
    const OptimizerParam& noise = FindOptimizer("sgd")->params[1];
    EXPECT_EQ(noise.hi, 1000);
    EXPECT_TRUE(noise.lo_closed && noise.hi_closed);
    EXPECT_TRUE(FindOptimizer("sgd")->params[2].integer);
    OptimizerSettings s;
    s.beta2 = 0.75;
    EXPECT_EQ(FindOptimizer("adam")->params[2].get(s), 0.75);
}

TEST(OptimizerTable, RefusalsNameTheSettingAndItsRange) {
    auto message = [](const std::string& name, auto change) {
        OptimizerSettings s = DefaultOptimizerSettings(name);
        change(s);
        return ValidateOptimizerSettings(name, s);
    };
    EXPECT_EQ(message("gd", [](OptimizerSettings& s) { s.learning_rate = 0; }), "The learning rate must be a positive number.");
    EXPECT_EQ(message("gd", [](OptimizerSettings& s) { s.learning_rate = NAN; }), "The learning rate must be a positive number.");
    EXPECT_EQ(message("adam", [](OptimizerSettings& s) { s.learning_rate = 101; }), "The learning rate must be at most 100.");
    EXPECT_EQ(message("momentum", [](OptimizerSettings& s) { s.momentum = 1; }), "The momentum must lie in [0, 1).");
    EXPECT_EQ(message("nesterov", [](OptimizerSettings& s) { s.momentum = -0.1; }), "The momentum must lie in [0, 1).");
    EXPECT_EQ(message("rmsprop", [](OptimizerSettings& s) { s.rho = 1; }), "The decay rho must lie in [0, 1).");
    EXPECT_EQ(message("rmsprop", [](OptimizerSettings& s) { s.epsilon = 0; }), "Epsilon must lie in (0, 1].");
    EXPECT_EQ(message("adagrad", [](OptimizerSettings& s) { s.epsilon = 2; }), "Epsilon must lie in (0, 1].");
    EXPECT_EQ(message("adam", [](OptimizerSettings& s) { s.beta1 = NAN; }), "beta1 must lie in [0, 1).");
    EXPECT_EQ(message("adam", [](OptimizerSettings& s) { s.beta2 = 1; }), "beta2 must lie in [0, 1).");
    // The first refused setting in the table's order is the one reported.
    EXPECT_EQ(message("adam", [](OptimizerSettings& s) { s.beta2 = 1; s.epsilon = 0; }), "beta2 must lie in [0, 1).");
    EXPECT_EQ(message("sgd", [](OptimizerSettings& s) { s.noise = 1000.5; }), "The gradient noise must lie in [0, 1000].");
    EXPECT_EQ(message("adam", [](OptimizerSettings& s) { s.schedule.kind = ScheduleKind::Cosine; s.schedule.period = 0; }),
              "The cosine period must be a whole number of steps from 1 up.");
    EXPECT_EQ(ValidateOptimizerSettings("lbfgs", OptimizerSettings{}), "Unknown optimizer \"lbfgs\".");
    // Settings an optimizer does not read are not checked.
    EXPECT_EQ(message("gd", [](OptimizerSettings& s) { s.momentum = 7; s.epsilon = -1; }), "");
}

TEST(OptimizerTable, MakesEachOptimizerWithItsSettings) {
    OptimizerSettings s = DefaultOptimizerSettings("rmsprop");
    s.rho = 0.5;
    s.learning_rate = 0.25;
    s.schedule.kind = ScheduleKind::Exponential;
    s.schedule.gamma = 0.5;
    std::unique_ptr<Optimizer> opt;
    ASSERT_EQ(MakeOptimizer("rmsprop", s, &opt), "");
    auto* r = dynamic_cast<RMSProp*>(opt.get());
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->rho, 0.5);
    EXPECT_EQ(r->learning_rate, 0.25);
    EXPECT_EQ(r->schedule.kind, ScheduleKind::Exponential);
    // First step: E = 0.5 g^2, x <- x - 0.25 g / sqrt(0.5 g^2) = x - 0.25 sqrt(2) sign(g).
    double x[1] = {1.0};
    const double g[1] = {3.0};
    opt->Step(x, g);
    EXPECT_NEAR(x[0], 1.0 - 0.25 * std::sqrt(2.0), 1e-8);
    EXPECT_EQ(opt->CurrentLearningRate(), 0.125); // the exponential schedule halves it per step
}

TEST(OptimizerTable, VisitOptimizerFindsTheConcreteType) {
    for (const std::string& name : OptimizerNames()) {
        std::unique_ptr<Optimizer> opt;
        ASSERT_EQ(MakeOptimizer(name, DefaultOptimizerSettings(name), &opt), "");
        std::string seen;
        bool concrete = false;
        VisitOptimizer(*opt, [&](auto& o) {
            seen = o.name();
            concrete = !std::is_same_v<std::decay_t<decltype(o)>, Optimizer>;
        });
        EXPECT_EQ(seen, name);
        EXPECT_TRUE(concrete) << name;
    }
}
