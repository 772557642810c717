// test_landscape1d.cpp: the course curve against its known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "core/landscape1d.hpp"

using namespace downhill;

TEST(CourseCurve, ValuesAtKnownPoints) {
    CourseCurve f;
    EXPECT_NEAR(f.value(0.0), 0.3, 1e-15);           // 0 + sin 0 + 0.3 cos 0
    EXPECT_NEAR(f.slope(0.0), 2.4, 1e-15);           // 0 + 2.4 cos 0 - 1.5 sin 0
    EXPECT_NEAR(f.curvature(0.0), 0.24 - 7.5, 1e-15);
    EXPECT_NEAR(f.value(1.0), 0.12 + std::sin(2.4) + 0.3 * std::cos(5.0), 1e-15);
}

TEST(CourseCurve, DerivativesMatchFiniteDifferences) {
    CourseCurve f;
    const double h = 1e-5;
    for (double x = -5.0; x <= 5.0; x += 0.173) {
        const double fd1 = (f.value(x + h) - f.value(x - h)) / (2 * h);
        const double fd2 = (f.slope(x + h) - f.slope(x - h)) / (2 * h);
        EXPECT_NEAR(f.slope(x), fd1, 1e-8) << "x=" << x;
        EXPECT_NEAR(f.curvature(x), fd2, 1e-7) << "x=" << x;
    }
}

TEST(CourseCurve, MinimaAreTheKnownOnes) {
    CourseCurve f;
    std::vector<StationaryPoint> minima;
    for (const auto& p : Stationary1D(f))
        if (p.is_minimum) minima.push_back(p);
    ASSERT_EQ(minima.size(), 4u);
    // Left to right: x ~ -3.141, -0.628 (global), 1.885, 4.396.
    EXPECT_NEAR(minima[0].x, -3.140659, 1e-5);
    EXPECT_NEAR(minima[0].f, -0.066710, 1e-5);
    EXPECT_NEAR(minima[1].x, -0.628311, 1e-5);
    EXPECT_NEAR(minima[1].f, -1.250653, 1e-5);
    EXPECT_NEAR(minima[2].x, 1.884756, 1e-5);
    EXPECT_NEAR(minima[2].f, -0.855921, 1e-5);
    EXPECT_NEAR(minima[3].x, 4.395626, 1e-5);
    // Largest stable learning rate 2/f'' differs per valley.
    EXPECT_NEAR(minima[0].max_stable_lr, 0.1514, 1e-4);
    EXPECT_NEAR(minima[1].max_stable_lr, 0.1483, 1e-4);
    EXPECT_NEAR(minima[2].max_stable_lr, 0.1493, 1e-4);
    EXPECT_NEAR(minima[3].max_stable_lr, 0.1546, 1e-4);
    for (const auto& m : minima) EXPECT_NEAR(f.slope(m.x), 0.0, 1e-10);
}

TEST(CourseCurve, MaximaSeparateTheValleys) {
    CourseCurve f;
    int maxima = 0;
    for (const auto& p : Stationary1D(f))
        if (!p.is_minimum) { ++maxima; EXPECT_LT(p.f2, 0.0); EXPECT_EQ(p.max_stable_lr, 0.0); }
    EXPECT_EQ(maxima, 4); // -4.940, -2.317, 0.984, 3.632
}
