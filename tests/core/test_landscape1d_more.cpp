// test_landscape1d_more.cpp: the bowl, plateau and narrow valley curves and the factory.
#include <gtest/gtest.h>

#include <cmath>

#include "core/landscape1d.hpp"

using namespace downhill;

TEST(Landscape1DMore, FactoryMakesEveryNamedCurve) {
    ASSERT_EQ(Landscape1DNames().size(), 4u);
    for (const std::string& name : Landscape1DNames()) {
        auto f = MakeLandscape1D(name);
        ASSERT_TRUE(f) << name;
        EXPECT_EQ(name, f->name());
        EXPECT_LT(f->lo(), f->hi());
    }
    EXPECT_FALSE(MakeLandscape1D("volcano"));
    EXPECT_FALSE(MakeLandscape1D(""));
}

TEST(Landscape1DMore, DerivativesMatchFiniteDifferences) {
    const double h = 1e-5;
    for (const std::string& name : Landscape1DNames()) {
        auto f = MakeLandscape1D(name);
        for (double x = f->lo(); x <= f->hi(); x += 0.0917) {
            const double fd1 = (f->value(x + h) - f->value(x - h)) / (2 * h);
            const double fd2 = (f->slope(x + h) - f->slope(x - h)) / (2 * h);
            EXPECT_NEAR(f->slope(x), fd1, 1e-8 * (1 + std::fabs(fd1))) << name << " x=" << x;
            EXPECT_NEAR(f->curvature(x), fd2, 1e-7 * (1 + std::fabs(fd2))) << name << " x=" << x;
        }
    }
}

TEST(Landscape1DMore, BowlHasOneMinimumAtZero) {
    Bowl1D f;
    EXPECT_EQ(f.value(-3), 9.0);
    EXPECT_EQ(f.slope(1.5), 3.0);
    EXPECT_EQ(f.curvature(0.2), 2.0);
    const auto pts = Stationary1D(f);
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_TRUE(pts[0].is_minimum);
    EXPECT_NEAR(pts[0].x, 0.0, 1e-12);
    EXPECT_DOUBLE_EQ(pts[0].max_stable_lr, 1.0); // 2 / f''
}

TEST(Landscape1DMore, PlateauIsFlatThenDrops) {
    Plateau1D f;
    EXPECT_DOUBLE_EQ(f.value(2.0), 0.0);
    EXPECT_NEAR(f.value(3.0), 1 - std::exp(-0.5), 1e-15);
    // Far out on the shelf the slope is tiny: f'(-3) = -5 e^-12.5.
    EXPECT_NEAR(f.slope(-3.0), -1.8633265860393e-5, 1e-16);
    EXPECT_NEAR(f.value(-4.0), 1.0, 1e-7);
    const auto pts = Stationary1D(f);
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_NEAR(pts[0].x, 2.0, 1e-12);
    EXPECT_NEAR(pts[0].f2, 1.0, 1e-12);
    EXPECT_NEAR(pts[0].max_stable_lr, 2.0, 1e-12);
}

TEST(Landscape1DMore, NarrowValleyIsSteepAtTheBottom) {
    NarrowValley1D f;
    EXPECT_DOUBLE_EQ(f.value(0.0), 0.0);
    EXPECT_DOUBLE_EQ(f.curvature(0.0), 32.2);
    EXPECT_NEAR(f.value(3.0), 0.9 + 2 * (1 - std::exp(-72.0)), 1e-15);
    const auto pts = Stationary1D(f);
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_NEAR(pts[0].x, 0.0, 1e-12);
    EXPECT_NEAR(pts[0].max_stable_lr, 2 / 32.2, 1e-12); // 0.0621
    // Far out the slope is gentle: only the 0.1 x^2 bowl is left.
    EXPECT_NEAR(f.slope(2.5), 0.5, 1e-20 + 32 * 2.5 * std::exp(-50.0));
}

TEST(Landscape1DMore, SampleCoversTheDrawnRange) {
    Bowl1D f;
    const auto v = SampleLandscape1D(f, 7); // x = -3, -2, ..., 3
    ASSERT_EQ(v.size(), 7u);
    const double want[7] = {9, 4, 1, 0, 1, 4, 9};
    for (int i = 0; i < 7; ++i) EXPECT_DOUBLE_EQ(v[i], want[i]);
    EXPECT_TRUE(SampleLandscape1D(f, 1).empty());
    EXPECT_TRUE(SampleLandscape1D(f, -5).empty());
}

TEST(Landscape1DMore, NanInNanOut) {
    for (const std::string& name : Landscape1DNames()) {
        auto f = MakeLandscape1D(name);
        EXPECT_TRUE(std::isnan(f->value(std::nan("")))) << name;
        EXPECT_TRUE(std::isnan(f->slope(std::nan("")))) << name;
    }
}
