// test_race.cpp: the race's defaults, racers against their own one-call runs, arrival
// and winner, the saddle without a minimum, divergence, and refused settings.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/race.hpp"

using namespace downhill;

TEST(Race, DefaultsPerSurface) {
    EXPECT_EQ(RaceSuggestedLearningRate("ravine"), 0.03);
    EXPECT_EQ(RaceSuggestedLearningRate("rosenbrock"), 0.002);
    EXPECT_EQ(RaceSuggestedLearningRate("himmelblau"), 0.01);
    EXPECT_EQ(RaceSuggestedLearningRate("lesson"), 0.05);
    EXPECT_EQ(RaceSuggestedLearningRate("nope"), 0.05);
    const RaceSettings r = RaceDefaults("rosenbrock");
    EXPECT_EQ(r.start_x, -1.2);
    EXPECT_EQ(r.start_y, 1.0);
    Race race;
    EXPECT_EQ(race.settings().surface, "ravine");
    EXPECT_EQ(race.size(), 3);
    EXPECT_EQ(race.run(0).optimizer_name(), "gd");
    EXPECT_EQ(race.run(1).optimizer_name(), "momentum");
    EXPECT_EQ(race.run(2).optimizer_name(), "adam");
    EXPECT_EQ(race.run(0).x(), -4.5);
    EXPECT_EQ(race.run(0).y(), 1.2);
    EXPECT_TRUE(race.has_minimum());
    EXPECT_EQ(race.lowest_loss(), 0.0);
}

TEST(Race, RacersMatchTheirOwnRuns) {
    Race race;
    ASSERT_EQ(race.SetSurface("himmelblau"), "");
    ASSERT_EQ(race.SetLearningRate(0.01), "");
    ASSERT_EQ(race.SetOptimizers({"adam", "sgd", "nesterov", "gd", "rmsprop", "adagrad", "momentum"}), "");
    ASSERT_EQ(race.size(), 7);
    EXPECT_EQ(race.run(0).optimizer_name(), "gd"); // OptimizerNames() order
    EXPECT_EQ(race.run(6).optimizer_name(), "adam");
    ASSERT_EQ(race.SetStart(1.0, -2.0), "");
    race.Advance(50);
    for (int i = 0; i < race.size(); ++i) {
        const std::string& name = race.run(i).optimizer_name();
        OptimizerSettings s = DefaultOptimizerSettings(name);
        s.learning_rate = 0.01;
        const Trajectory t = RunOptimizer2D(Himmelblau2D{}, name, s, 1.0, -2.0, 50);
        ASSERT_EQ(t.error, "");
        EXPECT_EQ(race.run(i).x(), t.positions[2 * t.steps]) << name;
        EXPECT_EQ(race.run(i).y(), t.positions[2 * t.steps + 1]) << name;
    }
}

TEST(Race, GradientDescentStepByHandOnTheRavine) {
    // f = 0.5 x^2 + 12.5 y^2, gradient (x, 25 y): x <- x (1 - eta), y <- y (1 - 25 eta).
    Race race;
    ASSERT_EQ(race.SetLearningRate(0.03), "");
    ASSERT_EQ(race.SetOptimizers({"gd"}), "");
    race.Advance(5);
    EXPECT_NEAR(race.run(0).x(), -4.5 * std::pow(0.97, 5), 1e-13);
    EXPECT_NEAR(race.run(0).y(), 1.2 * std::pow(0.25, 5), 1e-13);
    EXPECT_NEAR(race.DistanceToMinimum(0), std::hypot(race.run(0).x(), race.run(0).y()), 1e-15);
}

TEST(Race, MomentumWinsTheRavineAtOneSharedRate) {
    Race race;
    ASSERT_EQ(race.SetLearningRate(0.03), "");
    race.Advance(Race::kMaxSteps);
    EXPECT_FALSE(race.AnyRunning());
    // Arrivals within 0.01 of (0, 0): momentum at 66, gradient descent at 201, Adam at 406.
    EXPECT_EQ(race.reached_at(0), 201);
    EXPECT_EQ(race.reached_at(1), 66);
    EXPECT_EQ(race.reached_at(2), 406);
    EXPECT_EQ(race.Winner(), 1);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(race.run(i).status(), RunStatus::Settled);
        EXPECT_LT(race.DistanceToMinimum(i), 1e-6);
        EXPECT_EQ(race.NearestMinimum(i), 0);
    }
    race.Reset();
    EXPECT_EQ(race.ticks(), 0);
    EXPECT_EQ(race.reached_at(1), -1);
    EXPECT_EQ(race.Winner(), -1);
}

TEST(Race, HimmelblauNearestOfFourMinima) {
    Race race;
    ASSERT_EQ(race.SetSurface("himmelblau"), "");
    ASSERT_EQ(race.SetLearningRate(0.01), "");
    ASSERT_EQ(race.SetOptimizers({"gd"}), "");
    ASSERT_EQ(race.SetStart(-4.0, -4.0), "");
    race.Advance(3000);
    const int k = race.NearestMinimum(0);
    ASSERT_GE(k, 0);
    EXPECT_NEAR(race.critical_points()[k].x, -3.779310, 1e-5);
    EXPECT_NEAR(race.critical_points()[k].y, -3.283186, 1e-5);
    EXPECT_LT(race.DistanceToMinimum(0), 1e-5);
}

TEST(Race, SaddleHasNoMinimumAndEveryoneFallsOff) {
    Race race;
    ASSERT_EQ(race.SetSurface("saddle"), "");
    EXPECT_FALSE(race.has_minimum());
    EXPECT_EQ(race.DistanceToMinimum(0), -1.0);
    EXPECT_EQ(race.NearestMinimum(0), -1);
    ASSERT_EQ(race.SetOptimizers({"gd", "momentum"}), "");
    race.Advance(Race::kMaxSteps);
    // Gradient descent: y grows by 1.1 per step from 0.05: |y| > 1e6 first at step 177.
    EXPECT_EQ(race.run(0).status(), RunStatus::Diverged);
    EXPECT_EQ(race.run(0).stopped_at(), 177);
    EXPECT_EQ(race.run(1).status(), RunStatus::Diverged);
    EXPECT_EQ(race.Winner(), -1);
    EXPECT_FALSE(race.AnyRunning());
}

TEST(Race, TooLargeRateDivergesOnRosenbrock) {
    Race race;
    ASSERT_EQ(race.SetSurface("rosenbrock"), "");
    EXPECT_EQ(race.settings().learning_rate, 0.002);
    ASSERT_EQ(race.SetLearningRate(0.01), "");
    race.Advance(100);
    EXPECT_EQ(race.run(0).status(), RunStatus::Diverged); // gradient descent
    EXPECT_EQ(race.run(0).stopped_at(), 4);
    EXPECT_EQ(race.run(2).status(), RunStatus::Running); // Adam keeps its steps near eta
}

TEST(Race, SurfaceChangeKeepsThePicksAndTakesTheSurfaceDefaults) {
    Race race;
    ASSERT_EQ(race.SetOptimizers({"rmsprop", "sgd"}), "");
    ASSERT_EQ(race.SetMomentum(0.5), "");
    ASSERT_EQ(race.SetAdamBetas(0.8, 0.99), "");
    ASSERT_EQ(race.SetNoise(2.0, 7), "");
    ASSERT_EQ(race.SetLearningRate(0.07), "");
    ASSERT_EQ(race.SetSurface("lesson"), "");
    const RaceSettings& s = race.settings();
    EXPECT_EQ(s.optimizers, (std::vector<std::string>{"sgd", "rmsprop"}));
    EXPECT_EQ(s.momentum, 0.5);
    EXPECT_EQ(s.beta1, 0.8);
    EXPECT_EQ(s.beta2, 0.99);
    EXPECT_EQ(s.noise, 2.0);
    EXPECT_EQ(s.seed, 7u);
    EXPECT_EQ(s.learning_rate, 0.05);
    EXPECT_EQ(s.start_x, -3.2);
    EXPECT_EQ(s.start_y, -2.6);
    EXPECT_NEAR(race.lowest_loss(), -1.843767, 1e-6);
}

TEST(Race, SameSeedSameNoisyRun) {
    Race a, b;
    ASSERT_EQ(a.SetOptimizers({"sgd"}), "");
    ASSERT_EQ(b.SetOptimizers({"sgd"}), "");
    a.Advance(40);
    b.Advance(40);
    EXPECT_EQ(a.run(0).x(), b.run(0).x());
    ASSERT_EQ(b.SetNoise(0.5, 2), "");
    b.Advance(40);
    EXPECT_NE(a.run(0).x(), b.run(0).x());
}

TEST(Race, RefusedSettingsChangeNothing) {
    Race race;
    race.Advance(5);
    EXPECT_NE(race.SetOptimizers({}), "");
    EXPECT_NE(race.SetOptimizers({"gd", "gd"}), "");
    EXPECT_NE(race.SetOptimizers({"lbfgs"}), "");
    EXPECT_NE(race.SetLearningRate(0), "");
    EXPECT_NE(race.SetLearningRate(NAN), "");
    EXPECT_NE(race.SetLearningRate(20), "");
    EXPECT_NE(race.SetMomentum(1.0), "");
    EXPECT_NE(race.SetMomentum(-0.1), "");
    EXPECT_NE(race.SetAdamBetas(0.9, 1.0), "");
    EXPECT_NE(race.SetAdamBetas(NAN, 0.9), "");
    EXPECT_NE(race.SetNoise(-1, 1), "");
    EXPECT_NE(race.SetStart(0, 2.5), ""); // the ravine's y range is [-2, 2]
    EXPECT_NE(race.SetStart(NAN, 0), "");
    EXPECT_NE(race.SetSurface("moon"), "");
    EXPECT_EQ(race.ticks(), 5);
    EXPECT_EQ(race.size(), 3);
    EXPECT_EQ(race.settings().learning_rate, 0.03);
    EXPECT_EQ(race.settings().surface, "ravine");
}

// The step from which a run of `name` at `lr` from the surface's start stays within 0.01 of
// the global minimum (at most kTuneSteps steps), or -1.
static int StaysFrom(const std::string& surface, const std::string& name, double lr) {
    std::unique_ptr<Landscape2D> f = MakeLandscape2D(surface);
    const CriticalPoint2D bottom = f->critical_points()[0];
    OptimizerSettings s = DefaultOptimizerSettings(name);
    s.learning_rate = lr;
    const Trajectory t = RunOptimizer2D(*f, name, s, f->start().x, f->start().y, kTuneSteps);
    if (t.error != "") return -1;
    int since = -1;
    for (int k = 1; k <= t.steps; ++k) {
        const bool near = std::hypot(t.positions[2 * k] - bottom.x, t.positions[2 * k + 1] - bottom.y) <= Race::kReachedDistance;
        since = near ? (since < 0 ? k : since) : -1;
    }
    return std::isfinite(t.losses.back()) ? since : -1;
}

TEST(Race, TunedRatesAreTheFastestOfTheSearch) {
    // On the ravine every default racer arrives at its tuned rate, and no rate of the grid
    // gets there sooner: checked here with the one-call runs, rate by rate.
    for (const std::string name : {"gd", "momentum", "adam"}) {
        const TunedRate t = RaceTunedLearningRate("ravine", name);
        ASSERT_GT(t.steps, 0) << name;
        EXPECT_TRUE(t.global);
        EXPECT_EQ(StaysFrom("ravine", name, t.learning_rate), t.steps) << name;
        for (int k = 0; k <= 40; ++k) {
            const int steps = StaysFrom("ravine", name, std::pow(10.0, -4.0 + k / 10.0));
            if (steps >= 0) EXPECT_GE(steps, t.steps) << name << " at 10^" << (-4.0 + k / 10.0);
        }
    }
    // Gradient descent's best rate on the ravine lies under its limit 2/25 = 0.08.
    EXPECT_LT(RaceTunedLearningRate("ravine", "gd").learning_rate, 0.08);
    // No minimum: the suggested rate, and no steps.
    const TunedRate saddle = RaceTunedLearningRate("saddle", "adam");
    EXPECT_EQ(saddle.learning_rate, RaceSuggestedLearningRate("saddle"));
    EXPECT_EQ(saddle.steps, -1);
    // Gradient descent cannot reach the lesson surface's global minimum from its start:
    // its tuned rate is the fastest to the local one.
    const TunedRate local = RaceTunedLearningRate("lesson", "gd");
    EXPECT_GT(local.steps, 0);
    EXPECT_FALSE(local.global);
    // Unknown names.
    EXPECT_EQ(RaceTunedLearningRate("nope", "gd").steps, -1);
    EXPECT_EQ(RaceTunedLearningRate("ravine", "nope").learning_rate, 0.0);
}

TEST(Race, OwnRatesFollowTheRacersAndTheSurface) {
    Race race;
    ASSERT_TRUE(race.own_rates());
    const double adam = RaceTunedLearningRate("ravine", "adam").learning_rate;
    EXPECT_EQ(race.learning_rate(2), adam);
    // One racer's own rate; the others keep theirs.
    ASSERT_EQ(race.SetRacerLearningRate(0, 0.05), "");
    EXPECT_EQ(race.learning_rate(0), 0.05);
    EXPECT_EQ(race.learning_rate(2), adam);
    EXPECT_EQ(race.run(0).settings().learning_rate, 0.05);
    // A racer that stays keeps its rate; a new one comes at its tuned rate.
    ASSERT_EQ(race.SetOptimizers({"gd", "nesterov", "adam"}), "");
    EXPECT_EQ(race.learning_rate(0), 0.05);
    EXPECT_EQ(race.learning_rate(1), RaceTunedLearningRate("ravine", "nesterov").learning_rate);
    EXPECT_EQ(race.learning_rate(2), adam);
    // A new surface: every racer at its tuned rate there.
    ASSERT_EQ(race.SetSurface("bowl"), "");
    for (int i = 0; i < race.size(); ++i)
        EXPECT_EQ(race.learning_rate(i), RaceTunedLearningRate("bowl", race.run(i).optimizer_name()).learning_rate);
    // One rate for all, kept across surfaces as the surface's suggested one; then tuned again.
    ASSERT_EQ(race.SetLearningRate(0.02), "");
    EXPECT_FALSE(race.own_rates());
    for (int i = 0; i < race.size(); ++i) EXPECT_EQ(race.learning_rate(i), 0.02);
    ASSERT_EQ(race.SetSurface("rosenbrock"), "");
    EXPECT_FALSE(race.own_rates());
    EXPECT_EQ(race.learning_rate(1), 0.002);
    race.UseTunedRates();
    EXPECT_TRUE(race.own_rates());
    EXPECT_EQ(race.learning_rate(1), RaceTunedLearningRate("rosenbrock", "nesterov").learning_rate);
    // Refusals change nothing.
    const double before = race.learning_rate(0);
    EXPECT_NE(race.SetRacerLearningRate(0, 0), "");
    EXPECT_NE(race.SetRacerLearningRate(0, NAN), "");
    EXPECT_NE(race.SetRacerLearningRate(0, 11), "");
    EXPECT_NE(race.SetRacerLearningRate(3, 0.1), "");
    EXPECT_NE(race.SetRacerLearningRate(-1, 0.1), "");
    EXPECT_EQ(race.learning_rate(0), before);
}
