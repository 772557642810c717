// test_optim.cpp: each optimizer's update rule against hand-computed steps, schedules,
// the factory's validation, the run driver's divergence report, and every optimizer
// reaching the bowl's and Rosenbrock's minimum with tuned settings.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/optim/adagrad.hpp"
#include "core/optim/adam.hpp"
#include "core/optim/gd.hpp"
#include "core/optim/momentum.hpp"
#include "core/optim/nesterov.hpp"
#include "core/optim/rmsprop.hpp"
#include "core/optim/run.hpp"
#include "core/roll.hpp"
#include "core/optim/schedule.hpp"
#include "core/optim/sgd.hpp"

using namespace downhill;

// One step of `opt` at x with gradient g, on one coordinate.
static double Step1(Optimizer& opt, double x, double g) {
    double xs[1] = {x};
    const double gs[1] = {g};
    opt.Step(xs, gs);
    return xs[0];
}

//-----------------------------------------------------------------------------
// Update rules by hand
//-----------------------------------------------------------------------------

TEST(Optim, GradientDescentOnAQuadraticFollowsTheClosedForm) {
    // f = x^2 (the 1-D bowl): x_n = (1 - 2 eta)^n x_0.
    Bowl1D bowl;
    OptimizerSettings s;
    s.learning_rate = 0.1;
    const Trajectory t = RunOptimizer1D(bowl, "gd", s, 2.0, 10);
    ASSERT_EQ(t.error, "");
    ASSERT_EQ(t.steps, 10);
    ASSERT_EQ(t.positions.size(), 11u);
    for (int n = 0; n <= 10; ++n) {
        EXPECT_NEAR(t.positions[n], 2.0 * std::pow(0.8, n), 1e-15);
        EXPECT_NEAR(t.losses[n], 4.0 * std::pow(0.64, n), 1e-14);
    }
    EXPECT_NEAR(t.positions[10], 0.2147483648, 1e-15); // 2 * 0.8^10
}

TEST(Optim, GradientDescentWorksOnAnyDimension) {
    GradientDescent gd;
    gd.learning_rate = 0.5;
    std::vector<double> x = {1, -2, 3, 4, 5};
    const std::vector<double> g = {2, 2, -2, 0, 10};
    gd.Step(x, g);
    EXPECT_EQ(x, (std::vector<double>{0, -3, 4, 4, 0}));
    EXPECT_EQ(gd.steps(), 1);
    // Mismatched lengths: only the common part is used.
    std::vector<double> shorter = {1};
    gd.Step(shorter, g);
    EXPECT_EQ(shorter[0], 0.0);
}

TEST(Optim, MomentumByHand) {
    // f = x^2, eta 0.1, mu 0.9, x0 = 1:  g = 2 -> v = -0.2, x = 0.8;
    // g = 1.6 -> v = -0.18 - 0.16 = -0.34, x = 0.46.
    Momentum m;
    m.learning_rate = 0.1;
    double x = Step1(m, 1.0, 2.0);
    EXPECT_NEAR(x, 0.8, 1e-15);
    x = Step1(m, x, 2 * x);
    EXPECT_NEAR(m.velocity()[0], -0.34, 1e-15);
    EXPECT_NEAR(x, 0.46, 1e-15);
    m.Reset();
    EXPECT_EQ(m.velocity()[0], 0.0);
    EXPECT_EQ(m.steps(), 0);
}

TEST(Optim, NesterovByHand) {
    // Stored point x (the look-ahead), v0 = 0, eta 0.1, mu 0.9, on f = x^2:
    //   g = 2:    v = -0.2,  x = 1 + 1.9 * -0.2 = 0.62
    //   g = 1.24: v = -0.18 - 0.124 = -0.304,  x = 0.62 + 0.18 + 1.9 * -0.304 = 0.2224
    Nesterov n;
    n.learning_rate = 0.1;
    double x = Step1(n, 1.0, 2.0);
    EXPECT_NEAR(x, 0.62, 1e-15);
    x = Step1(n, x, 2 * x);
    EXPECT_NEAR(n.velocity()[0], -0.304, 1e-15);
    EXPECT_NEAR(x, 0.2224, 1e-15);
}

TEST(Optim, AdaGradStepsShrinkWithTheHistory) {
    AdaGrad a;
    a.learning_rate = 0.5;
    // First step: eta * g / |g| = 0.5, whatever the size of g.
    EXPECT_NEAR(Step1(a, 0.0, 40.0), -0.5, 1e-9);
    // Second, g = 30: G = 1600 + 900 = 2500, step 0.5 * 30 / 50 = 0.3.
    EXPECT_NEAR(Step1(a, 0.0, 30.0), -0.3, 1e-9);
}

TEST(Optim, RMSPropFirstStepIsEtaOverRootOneMinusRho) {
    RMSProp r;
    r.learning_rate = 0.01;
    r.rho = 0.9;
    // E = 0.1 g^2: the step is 0.01 / sqrt(0.1) = 0.0316228 for any g.
    EXPECT_NEAR(Step1(r, 0.0, 5.0), -0.01 / std::sqrt(0.1), 1e-9);
    // Second with the same g: E = 0.09 g^2 + 0.1 g^2 = 0.19 g^2.
    EXPECT_NEAR(Step1(r, 0.0, 5.0), -0.01 / std::sqrt(0.19), 1e-9);
}

TEST(Optim, AdamFirstStepIsAboutLrTimesSignOfGradient) {
    for (double g : {1000.0, 3.0, -0.5, 1e-3}) {
        Adam a;
        a.learning_rate = 0.1;
        const double x = Step1(a, 1.0, g);
        EXPECT_NEAR(x, 1.0 - 0.1 * (g > 0 ? 1 : -1), 1e-6) << g; // 0.1 * g / (|g| + 1e-8)
    }
    // With a constant gradient the bias-corrected step stays exactly eta.
    Adam a;
    a.learning_rate = 0.01;
    double x = 0;
    for (int i = 0; i < 5; ++i) x = Step1(a, x, 3.0);
    EXPECT_NEAR(x, -0.05, 1e-9);
}

TEST(Optim, SgdNoiseIsSeededAndReproducible) {
    SplitMix64 r{0};
    EXPECT_EQ(r.Next(), 0xE220A8397B1DCDAFull); // splitmix64's first output from seed 0
    EXPECT_EQ(r.Next(), 0x6E789E6AA1B965F4ull);
    // Normalish: mean 0, variance 1.
    SplitMix64 q{12345};
    double sum = 0, sum2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double v = q.Normalish();
        sum += v;
        sum2 += v * v;
        ASSERT_LE(std::fabs(v), 2 * std::sqrt(3.0));
    }
    EXPECT_NEAR(sum / n, 0.0, 0.01);
    EXPECT_NEAR(sum2 / n, 1.0, 0.01);

    Lesson2D f;
    OptimizerSettings s = DefaultOptimizerSettings("sgd");
    s.seed = 7;
    const Trajectory a = RunOptimizer2D(f, "sgd", s, -3, -2, 300);
    const Trajectory b = RunOptimizer2D(f, "sgd", s, -3, -2, 300);
    EXPECT_EQ(a.positions, b.positions); // bit for bit
    s.seed = 8;
    const Trajectory c = RunOptimizer2D(f, "sgd", s, -3, -2, 300);
    EXPECT_NE(a.positions, c.positions);
    // No noise: exactly gradient descent.
    s.noise = 0;
    const Trajectory d = RunOptimizer2D(f, "sgd", s, -3, -2, 300);
    const Trajectory e = RunOptimizer2D(f, "gd", s, -3, -2, 300);
    EXPECT_EQ(d.positions, e.positions);
}

//-----------------------------------------------------------------------------
// Schedules
//-----------------------------------------------------------------------------

TEST(Optim, ScheduleFactors) {
    Schedule s;
    EXPECT_EQ(ScheduleFactor(s, 1000), 1.0);
    s.kind = ScheduleKind::StepDecay;
    s.step_size = 10;
    s.gamma = 0.5;
    EXPECT_EQ(ScheduleFactor(s, 9), 1.0);
    EXPECT_EQ(ScheduleFactor(s, 10), 0.5);
    EXPECT_EQ(ScheduleFactor(s, 25), 0.25);
    s.kind = ScheduleKind::Exponential;
    s.gamma = 0.9;
    EXPECT_NEAR(ScheduleFactor(s, 2), 0.81, 1e-15);
    EXPECT_EQ(ScheduleFactor(s, -3), 1.0);
    s.kind = ScheduleKind::Cosine;
    s.period = 100;
    s.min_factor = 0;
    EXPECT_EQ(ScheduleFactor(s, 0), 1.0);
    EXPECT_NEAR(ScheduleFactor(s, 50), 0.5, 1e-15);
    EXPECT_NEAR(ScheduleFactor(s, 100), 0.0, 1e-15);
    EXPECT_NEAR(ScheduleFactor(s, 5000), 0.0, 1e-15);
    s.min_factor = 0.1;
    EXPECT_NEAR(ScheduleFactor(s, 50), 0.55, 1e-15);
    for (ScheduleKind k : {ScheduleKind::Constant, ScheduleKind::StepDecay, ScheduleKind::Exponential, ScheduleKind::Cosine}) {
        ScheduleKind parsed = ScheduleKind::Constant;
        EXPECT_TRUE(ParseScheduleKind(ScheduleKindName(k), &parsed));
        EXPECT_EQ(parsed, k);
    }
    EXPECT_FALSE(ParseScheduleKind("warmup", nullptr));
}

TEST(Optim, ScheduleValidation) {
    Schedule s;
    EXPECT_EQ(ValidateSchedule(s), "");
    s.kind = ScheduleKind::StepDecay;
    s.step_size = 0;
    EXPECT_NE(ValidateSchedule(s), "");
    s.step_size = 10;
    s.gamma = std::nan("");
    EXPECT_NE(ValidateSchedule(s), "");
    s.kind = ScheduleKind::Exponential;
    s.gamma = 1.5;
    EXPECT_NE(ValidateSchedule(s), "");
    s.gamma = 0;
    EXPECT_NE(ValidateSchedule(s), "");
    s.kind = ScheduleKind::Cosine;
    s.min_factor = -0.1;
    EXPECT_NE(ValidateSchedule(s), "");
}

TEST(Optim, OptimizerAppliesItsSchedule) {
    GradientDescent gd;
    gd.learning_rate = 1.0;
    gd.schedule.kind = ScheduleKind::StepDecay;
    gd.schedule.step_size = 2;
    gd.schedule.gamma = 0.5;
    double x = 0;
    for (int i = 0; i < 6; ++i) x = Step1(gd, x, -1.0); // steps of 1, 1, 0.5, 0.5, 0.25, 0.25
    EXPECT_DOUBLE_EQ(x, 3.5);
    EXPECT_DOUBLE_EQ(gd.CurrentLearningRate(), 0.125);
}

//-----------------------------------------------------------------------------
// Factory and validation
//-----------------------------------------------------------------------------

TEST(Optim, FactoryMakesEveryOptimizer) {
    ASSERT_EQ(OptimizerNames().size(), 7u);
    for (const std::string& name : OptimizerNames()) {
        std::unique_ptr<Optimizer> opt;
        const OptimizerSettings s = DefaultOptimizerSettings(name);
        EXPECT_EQ(ValidateOptimizerSettings(name, s), "") << name;
        ASSERT_EQ(MakeOptimizer(name, s, &opt), "") << name;
        ASSERT_TRUE(opt);
        EXPECT_EQ(name, opt->name());
        EXPECT_EQ(opt->learning_rate, s.learning_rate);
    }
}

TEST(Optim, FactoryRefusesBadSettings) {
    auto refused = [](const std::string& name, auto change) {
        OptimizerSettings s = DefaultOptimizerSettings(name);
        change(s);
        std::unique_ptr<Optimizer> opt;
        const std::string err = MakeOptimizer(name, s, &opt);
        return !err.empty() && !opt;
    };
    const double nan = std::nan("");
    EXPECT_TRUE(refused("gd", [&](OptimizerSettings& s) { s.learning_rate = nan; }));
    EXPECT_TRUE(refused("gd", [](OptimizerSettings& s) { s.learning_rate = -0.1; }));
    EXPECT_TRUE(refused("gd", [](OptimizerSettings& s) { s.learning_rate = 0; }));
    EXPECT_TRUE(refused("gd", [](OptimizerSettings& s) { s.learning_rate = 1e9; }));
    EXPECT_TRUE(refused("gd", [](OptimizerSettings& s) { s.learning_rate = INFINITY; }));
    EXPECT_TRUE(refused("momentum", [](OptimizerSettings& s) { s.momentum = 1.0; }));
    EXPECT_TRUE(refused("nesterov", [&](OptimizerSettings& s) { s.momentum = nan; }));
    EXPECT_TRUE(refused("rmsprop", [](OptimizerSettings& s) { s.rho = -0.5; }));
    EXPECT_TRUE(refused("rmsprop", [](OptimizerSettings& s) { s.epsilon = 0; }));
    EXPECT_TRUE(refused("adam", [](OptimizerSettings& s) { s.beta2 = 1.5; }));
    EXPECT_TRUE(refused("adam", [&](OptimizerSettings& s) { s.beta1 = nan; }));
    EXPECT_TRUE(refused("adagrad", [](OptimizerSettings& s) { s.epsilon = -1; }));
    EXPECT_TRUE(refused("sgd", [](OptimizerSettings& s) { s.noise = -1; }));
    EXPECT_TRUE(refused("sgd", [](OptimizerSettings& s) { s.noise = 1e7; }));
    EXPECT_TRUE(refused("adam", [](OptimizerSettings& s) { s.schedule.kind = ScheduleKind::Exponential; s.schedule.gamma = 2; }));
    EXPECT_TRUE(refused("lbfgs", [](OptimizerSettings&) {}));
    // Fields an optimizer does not use are not its concern.
    EXPECT_FALSE(refused("gd", [&](OptimizerSettings& s) { s.beta1 = nan; }));
    EXPECT_EQ(ValidateOptimizerSettings("gd", OptimizerSettings{}), "");
}

//-----------------------------------------------------------------------------
// The run driver
//-----------------------------------------------------------------------------

TEST(Optim, DivergenceIsReportedAtTheExactStep) {
    // Bowl x^2 with eta = 1.5 > 2 / f'' = 1: x_n = (1 - 3)^n = (-2)^n. |x_19| = 524288,
    // |x_20| = 1048576 > 1e6: diverged at step 20.
    Bowl1D bowl;
    OptimizerSettings s;
    s.learning_rate = 1.5;
    const Trajectory t = RunOptimizer1D(bowl, "gd", s, 1.0, 100);
    ASSERT_EQ(t.error, "");
    EXPECT_EQ(t.status, RunStatus::Diverged);
    EXPECT_EQ(t.stopped_at, 20);
    EXPECT_EQ(t.steps, 20);
    ASSERT_EQ(t.positions.size(), 21u);
    EXPECT_EQ(t.positions[19], -524288.0);
    EXPECT_EQ(t.positions[20], 1048576.0);
    // The same in 2-D, on both coordinates at once.
    Bowl2D bowl2;
    const Trajectory u = RunOptimizer2D(bowl2, "gd", s, 1.0, -0.5, 100);
    EXPECT_EQ(u.status, RunStatus::Diverged);
    EXPECT_EQ(u.stopped_at, 20);
    EXPECT_EQ(u.positions.size(), 42u);
    // eta = 1 exactly: a 2-cycle, neither settling nor diverging.
    s.learning_rate = 1.0;
    const Trajectory c = RunOptimizer1D(bowl, "gd", s, 1.0, 50);
    EXPECT_EQ(c.status, RunStatus::Running);
    EXPECT_EQ(c.positions[49], -1.0);
    EXPECT_EQ(c.positions[50], 1.0);
}

TEST(Optim, RavineNeedsEtaBelowTwoOverTheLargestCurvature) {
    Ravine2D f; // curvatures 1 and 25: stable only for eta < 0.08
    OptimizerSettings s;
    s.learning_rate = 0.085;
    EXPECT_EQ(RunOptimizer2D(f, "gd", s, -4.5, 1.2, 2000).status, RunStatus::Diverged);
    s.learning_rate = 0.075;
    const Trajectory t = RunOptimizer2D(f, "gd", s, -4.5, 1.2, 2000);
    EXPECT_EQ(t.status, RunStatus::Settled);
    // The slow direction sets the pace: x_n = (1 - 0.075)^n x_0.
    EXPECT_NEAR(t.positions[2 * 100], -4.5 * std::pow(0.925, 100), 1e-12);
    // Momentum tuned to the ravine (mu = ((5-1)/(5+1))^2 ~ 0.44, eta = 4/(1+5)^2 ~ 0.11)
    // gets there in far fewer steps.
    OptimizerSettings m = DefaultOptimizerSettings("momentum");
    m.learning_rate = 0.1;
    m.momentum = 0.45;
    const Trajectory u = RunOptimizer2D(f, "momentum", m, -4.5, 1.2, 2000);
    EXPECT_EQ(u.status, RunStatus::Settled);
    EXPECT_LT(u.steps, t.steps / 3);
}

TEST(Optim, SaddleLetsGradientDescentSlideAway) {
    // f = x^2 - y^2, eta 0.1: y_n = 1.2^n y_0 grows until |y| > 1e6.
    Saddle2D f;
    OptimizerSettings s;
    s.learning_rate = 0.1;
    const Trajectory t = RunOptimizer2D(f, "gd", s, 1.8, 0.05, 1000);
    EXPECT_EQ(t.status, RunStatus::Diverged);
    EXPECT_EQ(t.stopped_at, 93); // 0.05 * 1.2^92 = 9.5e5, 0.05 * 1.2^93 = 1.14e6
    // Exactly on the ridge y = 0 it settles at the saddle point instead.
    const Trajectory r = RunOptimizer2D(f, "gd", s, 1.8, 0.0, 1000);
    EXPECT_EQ(r.status, RunStatus::Settled);
    EXPECT_NEAR(r.positions[2 * r.steps], 0.0, 5e-9); // settled: the last step (0.2 x) was below 1e-9
}

TEST(Optim, EveryOptimizerReachesTheBowlAndRosenbrockMinimum) {
    struct Tuned {
        const char* name;
        double lr;
        int steps;
        ScheduleKind schedule;
        double tol;
    };
    const Tuned tuned[] = {
        {"gd", 0.001, 40000, ScheduleKind::Constant, 1e-4},
        {"sgd", 0.002, 50000, ScheduleKind::Cosine, 2e-3},
        {"momentum", 0.001, 20000, ScheduleKind::Constant, 1e-5},
        {"nesterov", 0.001, 20000, ScheduleKind::Constant, 1e-5},
        {"adagrad", 0.5, 20000, ScheduleKind::Constant, 1e-4},
        {"rmsprop", 0.01, 20000, ScheduleKind::Cosine, 1e-3},
        {"adam", 0.02, 20000, ScheduleKind::Constant, 1e-5},
    };
    Rosenbrock2D rosen;
    Bowl2D bowl;
    for (const Tuned& c : tuned) {
        OptimizerSettings s = DefaultOptimizerSettings(c.name);
        s.learning_rate = c.lr;
        s.noise = 0.05;
        s.schedule.kind = c.schedule;
        s.schedule.period = c.steps;
        const Trajectory t = RunOptimizer2D(rosen, c.name, s, -1.2, 1.0, c.steps);
        ASSERT_EQ(t.error, "") << c.name;
        const double x = t.positions[t.positions.size() - 2], y = t.positions.back();
        EXPECT_NEAR(x, 1.0, c.tol) << c.name;
        EXPECT_NEAR(y, 1.0, 2 * c.tol) << c.name;
        EXPECT_LT(t.losses.back(), t.losses.front() * 1e-5) << c.name;
        const Trajectory b = RunOptimizer2D(bowl, c.name, s, -2.4, 1.8, c.steps);
        EXPECT_NEAR(b.positions[b.positions.size() - 2], 0.0, 1e-3) << c.name;
        EXPECT_NEAR(b.positions.back(), 0.0, 1e-3) << c.name;
    }
}

TEST(Optim, RunIsAdvancedByTheHost) {
    Lesson2D f;
    OptimizerRun run(f);
    EXPECT_EQ(run.dim(), 2);
    EXPECT_EQ(run.optimizer_name(), "gd");
    EXPECT_EQ(run.x(), f.start().x);
    ASSERT_EQ(run.SetOptimizer("adam", DefaultOptimizerSettings("adam")), "");
    ASSERT_EQ(run.SetStart(-3, -2), "");
    EXPECT_EQ(run.Advance(150), 150);
    // Adam's steps worked out by hand (in double precision, from the surface's gradient):
    // the first is eta * g / (|g| + epsilon), about 0.05 against the sign of the gradient
    // (-0.694, -0.397) at the start; after 150 steps the run is near the minimum
    // (-1.528, -1.242).
    const std::vector<double>& p = run.positions();
    ASSERT_EQ(p.size(), 302u);
    const double known[4][3] = {{1, -2.9500000007207063, -1.9500000012598206},
                                {2, -2.8999386725507055, -1.8999602752887275},
                                {3, -2.8497758420595507, -1.849859720235368},
                                {150, -1.5288309781503526, -1.2418346573834695}};
    for (const auto& k : known) {
        const size_t i = static_cast<size_t>(k[0]);
        EXPECT_NEAR(p[2 * i], k[1], 1e-12) << "step " << i;
        EXPECT_NEAR(p[2 * i + 1], k[2], 1e-12) << "step " << i;
    }
    EXPECT_EQ(run.losses().size(), 151u);
    EXPECT_EQ(run.x(), p[300]);
    EXPECT_EQ(run.loss(), f.value(run.x(), run.y()));
    EXPECT_EQ(run.gradient_x(), f.gradient(run.x(), run.y()).x);
    // Refused settings change nothing.
    OptimizerSettings bad;
    bad.learning_rate = -1;
    EXPECT_NE(run.SetOptimizer("gd", bad), "");
    EXPECT_NE(run.SetStart(std::nan(""), 0), "");
    EXPECT_NE(run.SetStart(9, 0), ""); // outside [-4, 4]
    EXPECT_EQ(run.optimizer_name(), "adam");
    EXPECT_EQ(run.step(), 150);
    run.Reset();
    EXPECT_EQ(run.step(), 0);
    EXPECT_EQ(run.x(), -3.0);
    EXPECT_EQ(run.losses().size(), 1u);
}

TEST(Optim, OneDimensionalRunMatchesRollDownhill) {
    CourseCurve f;
    OptimizerRun run(f);
    EXPECT_EQ(run.dim(), 1);
    EXPECT_EQ(run.x(), 3.0); // 80% across [-5, 5]
    OptimizerSettings s;
    s.learning_rate = 0.05;
    ASSERT_EQ(run.SetOptimizer("gd", s), "");
    ASSERT_EQ(run.SetStart(-1.5), "");
    // x <- x - 0.05 f'(x), f'(x) = 0.24 x + 2.4 cos(2.4 x) - 1.5 sin(5 x), worked out by hand.
    const double known[3] = {-1.4447389882980077, -1.3743033833100262, -1.2809057317908303};
    for (double k : known) {
        ASSERT_TRUE(run.Step());
        EXPECT_NEAR(run.x(), k, 1e-13);
    }
    // Roll Downhill's own run (roll.cpp) takes the same steps, bit for bit.
    run.Advance(5000);
    EXPECT_EQ(run.status(), RunStatus::Settled);
    EXPECT_EQ(run.stopped_at(), run.step());
    RollRun roll(f, RollSettings{-1.5, 0.05});
    roll.Advance(run.step());
    ASSERT_EQ(roll.trail().size(), run.positions().size());
    for (size_t i = 0; i < roll.trail().size(); ++i) ASSERT_EQ(run.positions()[i], roll.trail()[i]) << "step " << i;
    EXPECT_EQ(roll.status(), RollStatus::Settled);
    EXPECT_NEAR(run.x(), -0.628311, 1e-6); // the global minimum
    EXPECT_EQ(run.y(), 0.0);
    EXPECT_FALSE(run.Step()); // stopped
}

TEST(Optim, TrajectoryRefusesBadArguments) {
    Bowl1D f;
    OptimizerSettings s;
    EXPECT_NE(RunOptimizer1D(f, "gd", s, 0.5, -1).error, "");
    EXPECT_NE(RunOptimizer1D(f, "gd", s, 0.5, 2000000).error, "");
    EXPECT_NE(RunOptimizer1D(f, "gd", s, std::nan(""), 10).error, "");
    EXPECT_NE(RunOptimizer1D(f, "nope", s, 0.5, 10).error, "");
    const Trajectory ok = RunOptimizer1D(f, "gd", s, 0.5, 0);
    EXPECT_EQ(ok.error, "");
    EXPECT_EQ(ok.positions.size(), 1u);
}

TEST(Optim, TrailIsCapped) {
    Ravine2D f;
    OptimizerSettings s = DefaultOptimizerSettings("sgd"); // noise: never settles
    OptimizerRun run(f);
    ASSERT_EQ(run.SetOptimizer("sgd", s), "");
    run.Advance(OptimizerRun::kTrailCap + 10);
    EXPECT_LE(run.losses().size(), static_cast<size_t>(OptimizerRun::kTrailCap));
    EXPECT_EQ(run.positions().size(), 2 * run.losses().size());
    EXPECT_EQ(run.first_recorded_step() + static_cast<int>(run.losses().size()) - 1, run.step());
    EXPECT_EQ(run.positions().back(), run.y());
}
