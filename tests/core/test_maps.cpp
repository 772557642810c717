// test_maps.cpp: the learning-rate map and the basin map, cell by cell against single runs
// (RollRun in 1-D, RunOptimizer2D in 2-D) replayed with the map's rules, plus known cells.
#include <gtest/gtest.h>

#include <cmath>

#include "core/maps.hpp"
#include "core/roll.hpp"

using namespace downhill;

struct Cell {
    int outcome;
    int steps;
};

// What the 1-D map should say for one start and learning rate, from a Roll Downhill run.
static Cell ReplayRoll(const LrMap& m, double x0, double lr, int steps, double capture) {
    CourseCurve f;
    RollRun run(f, {x0, lr});
    EXPECT_EQ(run.settings().start_x, x0);
    EXPECT_EQ(run.settings().learning_rate, lr);
    while (run.step() < steps) {
        run.Step();
        if (run.status() == RollStatus::Diverged) return {kOutcomeDiverged, run.step()};
        if (run.status() == RollStatus::OutOfView) return {kOutcomeLeftRange, run.step()};
        if (run.status() == RollStatus::Settled) break;
    }
    const auto trail = run.trail();
    for (size_t k = 0; k < m.minima.size(); ++k) {
        if (!(std::fabs(trail.back() - m.minima[k]) < capture) || !(lr < m.max_stable_lr[k])) continue;
        int since = static_cast<int>(trail.size()) - 1;
        while (since > 0 && std::fabs(trail[since - 1] - m.minima[k]) < capture) --since;
        return {static_cast<int>(k), since};
    }
    return {kOutcomeNoMinimum, run.step()};
}

TEST(LrMap, AxesAndMinimaOfTheBenchmarkCase) {
    const LrMap m = MapLearningRates1D(CourseCurve{}, LrMapSettings{});
    ASSERT_EQ(m.error, "");
    EXPECT_EQ(m.starts, 512);
    EXPECT_EQ(m.rates, 256);
    ASSERT_EQ(m.outcome.size(), 512u * 256u);
    ASSERT_EQ(m.steps.size(), 512u * 256u);
    EXPECT_EQ(m.start_x.front(), -5.0);
    EXPECT_EQ(m.start_x.back(), 5.0);
    EXPECT_EQ(m.lr.front(), 0.01);
    EXPECT_EQ(m.lr.back(), 1.2);
    ASSERT_EQ(m.minima.size(), 4u);
    EXPECT_NEAR(m.minima[0], -3.140659, 1e-5);
    EXPECT_NEAR(m.minima[1], -0.628311, 1e-5);
    EXPECT_NEAR(m.minima[2], 1.884756, 1e-5);
    EXPECT_NEAR(m.minima[3], 4.395626, 1e-5);
    EXPECT_NEAR(m.max_stable_lr[1], 0.1483, 1e-4);
    // Above every minimum's 2 / f'' no run can end in a minimum.
    int reached[4] = {0, 0, 0, 0};
    for (int j = 0; j < m.rates; ++j) {
        for (int i = 0; i < m.starts; ++i) {
            const int o = m.outcome[static_cast<size_t>(j) * m.starts + i];
            if (o < 4) {
                ++reached[o];
                EXPECT_LT(m.lr[j], m.max_stable_lr[o]);
            } else {
                EXPECT_TRUE(o == kOutcomeNoMinimum || o == kOutcomeLeftRange) << o; // no blow-up on this curve
            }
        }
    }
    for (int k = 0; k < 4; ++k) EXPECT_GT(reached[k], 100) << k;
}

TEST(LrMap, CellsAreTheRunsRollDownhillMakes) {
    const LrMapSettings s;
    const LrMap m = MapLearningRates1D(CourseCurve{}, s);
    int checked = 0, counts[256] = {};
    for (size_t c = 0; c < m.outcome.size(); c += 97) {
        const size_t i = c % m.starts, j = c / m.starts;
        const Cell want = ReplayRoll(m, m.start_x[i], m.lr[j], s.steps, s.capture);
        EXPECT_EQ(m.outcome[c], want.outcome) << "x0=" << m.start_x[i] << " lr=" << m.lr[j];
        EXPECT_EQ(m.steps[c], want.steps) << "x0=" << m.start_x[i] << " lr=" << m.lr[j];
        ++counts[m.outcome[c]];
        ++checked;
    }
    EXPECT_GT(checked, 1300);
    // The sample covers every kind of cell.
    for (int k : {0, 1, 2, 3, static_cast<int>(kOutcomeLeftRange), static_cast<int>(kOutcomeNoMinimum)})
        EXPECT_GT(counts[k], 0) << k;
}

TEST(LrMap, KnownCellsOfTheCourse) {
    // The Roll Downhill lesson: eta 0.15 settles from -2.9 (x ~ -3.141, 2/f'' = 0.1514) but
    // bounces from -0.5 (x ~ -0.628, 2/f'' = 0.1483).
    LrMapSettings s;
    s.starts = 2;
    s.x_lo = -2.9;
    s.x_hi = -0.5;
    s.rates = 1;
    s.lr_lo = s.lr_hi = 0.15;
    s.steps = 5000;
    const LrMap m = MapLearningRates1D(CourseCurve{}, s);
    ASSERT_EQ(m.error, "");
    EXPECT_EQ(m.outcome[0], 0);
    EXPECT_EQ(m.outcome[1], kOutcomeNoMinimum);
    EXPECT_EQ(m.steps[1], 5000);
}

TEST(LrMap, BowlCellsFollowTheClosedForm) {
    // x_n = (1 - 2 eta)^n from x0 = 1.
    LrMapSettings s;
    s.starts = 1;
    s.x_lo = s.x_hi = 1.0;
    s.rates = 3;
    s.lr_lo = 0.25; // x_n = 0.5^n: within 1e-3 from n = 10 (0.5^10 = 0.000977)
    s.lr_hi = 1.5;  // middle row: eta = 0.875, x_n = (-0.75)^n: within 1e-3 from n = 25
    const LrMap m = MapLearningRates1D(Bowl1D{}, s);
    ASSERT_EQ(m.error, "");
    ASSERT_EQ(m.minima.size(), 1u);
    EXPECT_EQ(m.outcome[0], 0);
    EXPECT_EQ(m.steps[0], 10);
    EXPECT_EQ(m.outcome[1], 0);
    EXPECT_EQ(m.steps[1], 25);
    // eta = 1.5: x = -2, then 4 leaves the drawn range [-3, 3] at step 2 ...
    EXPECT_EQ(m.outcome[2], kOutcomeLeftRange);
    EXPECT_EQ(m.steps[2], 2);
    // ... or, kept running, |(-2)^n| passes 1e6 at step 20.
    s.stop_outside = false;
    const LrMap d = MapLearningRates1D(Bowl1D{}, s);
    EXPECT_EQ(d.outcome[2], kOutcomeDiverged);
    EXPECT_EQ(d.steps[2], 20);
    // eta = 1 exactly: a 2-cycle between 1 and -1, never a minimum.
    s.rates = 1;
    s.lr_lo = s.lr_hi = 1.0;
    const LrMap c = MapLearningRates1D(Bowl1D{}, s);
    EXPECT_EQ(c.outcome[0], kOutcomeNoMinimum);
    EXPECT_EQ(c.steps[0], 500);
    // A start outside the drawn range stops at once.
    s.stop_outside = true;
    s.x_lo = s.x_hi = 4.0;
    const LrMap o = MapLearningRates1D(Bowl1D{}, s);
    EXPECT_EQ(o.outcome[0], kOutcomeLeftRange);
    EXPECT_EQ(o.steps[0], 0);
}

TEST(LrMap, PlateauCreepsThenDrops) {
    LrMapSettings s;
    s.starts = 1;
    s.x_lo = s.x_hi = -1.0; // f'(-1) = -3 e^-4.5 ~ -0.033
    s.rates = 2;
    s.lr_lo = 0.1;
    s.lr_hi = 1.0;
    s.steps = 2000;
    const LrMap m = MapLearningRates1D(Plateau1D{}, s);
    ASSERT_EQ(m.error, "");
    EXPECT_EQ(m.outcome[0], 0);
    EXPECT_EQ(m.outcome[1], 0);
    EXPECT_GT(m.steps[0], 5 * m.steps[1]); // ten times smaller steps: many more of them
}

TEST(LrMap, RefusesBadSettings) {
    auto refused = [](auto change) {
        LrMapSettings s;
        change(s);
        const LrMap m = MapLearningRates1D(CourseCurve{}, s);
        return !m.error.empty() && m.outcome.empty();
    };
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.starts = 0; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.rates = 100000; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.steps = -1; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.x_lo = std::nan(""); }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.x_lo = 3; s.x_hi = 2; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.lr_lo = 0; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.lr_hi = std::nan(""); }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.lr_hi = 1e6; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.capture = -1; }));
    EXPECT_TRUE(refused([](LrMapSettings& s) { s.starts = 4096; s.rates = 4096; s.steps = 100000; }));
}

TEST(LrMap, SameAnswerEveryTime) {
    LrMapSettings s;
    s.starts = 64;
    s.rates = 32;
    const LrMap a = MapLearningRates1D(CourseCurve{}, s);
    const LrMap b = MapLearningRates1D(CourseCurve{}, s);
    EXPECT_EQ(a.outcome, b.outcome);
    EXPECT_EQ(a.steps, b.steps);
}

// What the basin map should say for one start, from a single run with the map's rules.
static Cell ReplayRun2D(const BasinMap& m, const Landscape2D& f, const std::string& opt, const OptimizerSettings& s,
                        double x0, double y0, int steps) {
    const Trajectory t = RunOptimizer2D(f, opt, s, x0, y0, steps);
    EXPECT_EQ(t.error, "");
    if (t.status == RunStatus::Diverged) return {kOutcomeDiverged, t.steps};
    const auto near = [&](size_t n, size_t k) {
        const double dx = t.positions[2 * n] - m.minima[k].x, dy = t.positions[2 * n + 1] - m.minima[k].y;
        return dx * dx + dy * dy < m.capture * m.capture;
    };
    const size_t last = static_cast<size_t>(t.steps);
    for (size_t k = 0; k < m.minima.size(); ++k) {
        if (!near(last, k)) continue;
        size_t since = last;
        while (since > 0 && near(since - 1, k)) --since;
        return {static_cast<int>(k), static_cast<int>(since)};
    }
    return {kOutcomeNoMinimum, t.steps};
}

TEST(BasinMap, CellsAreSingleRuns) {
    struct Case {
        const char* surface;
        const char* optimizer;
    };
    const Case cases[] = {{"lesson", "gd"}, {"lesson", "momentum"}, {"himmelblau", "adam"},
                          {"himmelblau", "momentum"}, {"lesson", "sgd"}, {"rosenbrock", "rmsprop"}};
    for (const Case& c : cases) {
        auto f = MakeLandscape2D(c.surface);
        OptimizerSettings s = DefaultOptimizerSettings(c.optimizer);
        BasinMapSettings bs;
        bs.nx = 24;
        bs.ny = 20;
        bs.steps = 400;
        const BasinMap m = MapBasins2D(*f, c.optimizer, s, bs);
        ASSERT_EQ(m.error, "") << c.surface << "/" << c.optimizer;
        for (int j = 0; j < bs.ny; j += 3) {
            for (int i = 0; i < bs.nx; i += 5) {
                const Cell want = ReplayRun2D(m, *f, c.optimizer, s, m.xs[i], m.ys[j], bs.steps);
                const size_t cell = static_cast<size_t>(j) * bs.nx + i;
                EXPECT_EQ(m.outcome[cell], want.outcome) << c.surface << "/" << c.optimizer << " at " << m.xs[i] << "," << m.ys[j];
                EXPECT_EQ(m.steps[cell], want.steps) << c.surface << "/" << c.optimizer << " at " << m.xs[i] << "," << m.ys[j];
            }
        }
    }
}

TEST(BasinMap, BowlCellsFollowTheClosedForm) {
    Bowl2D f; // gd, eta 0.1: the distance shrinks by 0.8 per step; capture 1% of 6 = 0.06
    BasinMapSettings bs;
    bs.nx = bs.ny = 5;
    const BasinMap m = MapBasins2D(f, "gd", DefaultOptimizerSettings("gd"), bs);
    ASSERT_EQ(m.error, "");
    EXPECT_DOUBLE_EQ(m.capture, 0.06);
    for (auto o : m.outcome) EXPECT_EQ(o, 0);
    EXPECT_EQ(m.steps[12], 0);  // the centre starts at the minimum
    EXPECT_EQ(m.steps[0], 20);  // corner (-3, -3): 4.243 * 0.8^n < 0.06 from n = 20
    EXPECT_EQ(m.steps[2], 18);  // (0, -3): 3 * 0.8^n < 0.06 from n = 18
    EXPECT_EQ(m.xs[0], -3.0);
    EXPECT_EQ(m.ys[4], 3.0);
}

TEST(BasinMap, SaddleSendsEveryRunOffExceptOnTheRidge) {
    Saddle2D f; // gd, eta 0.1: y_n = 1.2^n y0 until |y| > 1e6
    BasinMapSettings bs;
    bs.nx = bs.ny = 5; // y = -2, -1, 0, 1, 2
    const BasinMap m = MapBasins2D(f, "gd", DefaultOptimizerSettings("gd"), bs);
    ASSERT_EQ(m.error, "");
    EXPECT_TRUE(m.minima.empty());
    const int want_steps[5] = {72, 76, -1, 76, 72}; // 2 * 1.2^72 > 1e6 > 2 * 1.2^71; 1.2^76 > 1e6 > 1.2^75
    for (int j = 0; j < 5; ++j) {
        for (int i = 0; i < 5; ++i) {
            const size_t c = static_cast<size_t>(j) * 5 + i;
            if (j == 2) {
                EXPECT_EQ(m.outcome[c], kOutcomeNoMinimum); // settles on the saddle point
            } else {
                EXPECT_EQ(m.outcome[c], kOutcomeDiverged);
                EXPECT_EQ(m.steps[c], want_steps[j]);
            }
        }
    }
}

TEST(BasinMap, LessonSurfaceHasTwoBasins) {
    Lesson2D f;
    BasinMapSettings bs;
    bs.nx = bs.ny = 33;
    const BasinMap m = MapBasins2D(f, "gd", DefaultOptimizerSettings("gd"), bs);
    ASSERT_EQ(m.minima.size(), 2u);
    EXPECT_EQ(m.minima[0].kind, CriticalKind::GlobalMin);
    int counts[256] = {};
    for (auto o : m.outcome) ++counts[o];
    EXPECT_GT(counts[0], 200);
    EXPECT_GT(counts[1], 200);
    EXPECT_EQ(counts[0] + counts[1], 33 * 33);
    EXPECT_EQ(m.outcome[32 * 33 + 32], 0); // corner (4, 4): the global well
    EXPECT_EQ(m.outcome[0], 1);            // corner (-4, -4): the local well
}

TEST(BasinMap, RefusesBadSettings) {
    Lesson2D f;
    BasinMapSettings bs;
    bs.nx = 0;
    EXPECT_NE(MapBasins2D(f, "gd", OptimizerSettings{}, bs).error, "");
    bs.nx = 10;
    bs.steps = 0;
    EXPECT_NE(MapBasins2D(f, "gd", OptimizerSettings{}, bs).error, "");
    bs.steps = 10;
    bs.capture = std::nan("");
    EXPECT_NE(MapBasins2D(f, "gd", OptimizerSettings{}, bs).error, "");
    bs.capture = 0;
    EXPECT_NE(MapBasins2D(f, "newton", OptimizerSettings{}, bs).error, "");
    OptimizerSettings bad;
    bad.learning_rate = std::nan("");
    const BasinMap m = MapBasins2D(f, "adam", bad, bs);
    EXPECT_NE(m.error, "");
    EXPECT_TRUE(m.outcome.empty());
}

TEST(Maps, WorkAndSizeLimitsAdmitTheBenchmarksAndNoMore) {
    LrMapSettings s; // 512 x 256 x 500, the benchmark
    s.steps = 1;
    EXPECT_EQ(MapLearningRates1D(CourseCurve{}, s).error, "");
    s.steps = 500;
    EXPECT_LE(double(s.starts) * s.rates * s.steps, kMaxLrMapWork);
    s.starts = 4096;
    EXPECT_NE(MapLearningRates1D(CourseCurve{}, s).error.find("map work limit"), std::string::npos);
    s.rates = 4096;
    s.steps = 1;
    EXPECT_NE(MapLearningRates1D(CourseCurve{}, s).error.find("map size limit"), std::string::npos);
    // Runs that never settle (a tiny rate, a capture no run reaches) stop at the step budget.
    LrMapSettings slow;
    slow.lr_lo = 0.001;
    slow.lr_hi = 0.002;
    slow.capture = 1e-12;
    slow.steps = 500;
    const LrMap over = MapLearningRates1D(CourseCurve{}, slow);
    EXPECT_NE(over.error.find("map work limit"), std::string::npos) << over.error;
    EXPECT_TRUE(over.outcome.empty());
    slow.steps = 250; // 512 x 256 x 250 = 32.8 million steps: within the budget
    EXPECT_EQ(MapLearningRates1D(CourseCurve{}, slow).error, "");
    Lesson2D f;
    BasinMapSettings b; // 128 x 128 x 500
    EXPECT_LE(double(b.nx) * b.ny * b.steps, kMaxBasinMapWork);
    b.steps = 1000;
    EXPECT_NE(MapBasins2D(f, "adam", DefaultOptimizerSettings("adam"), b).error.find("map work limit"), std::string::npos);
    b.nx = b.ny = 2048;
    b.steps = 1;
    EXPECT_NE(MapBasins2D(f, "adam", DefaultOptimizerSettings("adam"), b).error.find("map size limit"), std::string::npos);
}
