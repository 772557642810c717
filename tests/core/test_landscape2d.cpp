// test_landscape2d.cpp: the 2-D surfaces: derivatives against finite differences, known
// values, and every known critical point confirmed by an independent Newton search.
#include <gtest/gtest.h>

#include <cmath>

#include "core/landscape2d.hpp"

using namespace downhill;

static int Count(const std::vector<CriticalPoint2D>& pts, CriticalKind k) {
    int n = 0;
    for (const auto& p : pts) n += p.kind == k;
    return n;
}

TEST(Landscape2D, FactoryMakesEveryNamedSurface) {
    ASSERT_EQ(Landscape2DNames().size(), 6u);
    for (const std::string& name : Landscape2DNames()) {
        auto f = MakeLandscape2D(name);
        ASSERT_TRUE(f) << name;
        EXPECT_EQ(name, f->name());
        const Range2D r = f->range();
        const Vec2 s = f->start();
        EXPECT_TRUE(s.x >= r.xlo && s.x <= r.xhi && s.y >= r.ylo && s.y <= r.yhi) << name;
    }
    EXPECT_FALSE(MakeLandscape2D("egg-crate"));
}

TEST(Landscape2D, GradientAndHessianMatchFiniteDifferences) {
    const double h = 1e-5;
    for (const std::string& name : Landscape2DNames()) {
        auto f = MakeLandscape2D(name);
        const Range2D r = f->range();
        for (int j = 0; j <= 12; ++j) {
            for (int i = 0; i <= 12; ++i) {
                const double x = r.xlo + (r.xhi - r.xlo) * (i + 0.37) / 13;
                const double y = r.ylo + (r.yhi - r.ylo) * (j + 0.61) / 13;
                const Vec2 g = f->gradient(x, y);
                const double gx = (f->value(x + h, y) - f->value(x - h, y)) / (2 * h);
                const double gy = (f->value(x, y + h) - f->value(x, y - h)) / (2 * h);
                const double tol1 = 1e-7 * (1 + std::fabs(gx) + std::fabs(gy) + std::fabs(f->value(x, y)));
                EXPECT_NEAR(g.x, gx, tol1) << name << " at " << x << "," << y;
                EXPECT_NEAR(g.y, gy, tol1) << name << " at " << x << "," << y;
                const Hessian2 H = f->hessian(x, y);
                const Vec2 gxp = f->gradient(x + h, y), gxm = f->gradient(x - h, y);
                const Vec2 gyp = f->gradient(x, y + h), gym = f->gradient(x, y - h);
                const double hxx = (gxp.x - gxm.x) / (2 * h), hxy = (gyp.x - gym.x) / (2 * h);
                const double hyx = (gxp.y - gxm.y) / (2 * h), hyy = (gyp.y - gym.y) / (2 * h);
                const double tol2 = 1e-6 * (1 + std::fabs(hxx) + std::fabs(hyy) + std::fabs(hxy));
                EXPECT_NEAR(H.xx, hxx, tol2) << name;
                EXPECT_NEAR(H.xy, hxy, tol2) << name;
                EXPECT_NEAR(H.xy, hyx, tol2) << name;
                EXPECT_NEAR(H.yy, hyy, tol2) << name;
            }
        }
    }
}

TEST(Landscape2D, RosenbrockKnownValues) {
    Rosenbrock2D f;
    EXPECT_EQ(f.value(1, 1), 0.0);
    EXPECT_NEAR(f.value(-1.2, 1.0), 24.2, 1e-12); // 2.2^2 + 100 * 0.44^2
    const Vec2 g = f.gradient(-1.2, 1.0);
    EXPECT_NEAR(g.x, -215.6, 1e-10);
    EXPECT_NEAR(g.y, -88.0, 1e-10);
    const Hessian2 h = f.hessian(1, 1);
    EXPECT_DOUBLE_EQ(h.xx, 802.0);
    EXPECT_DOUBLE_EQ(h.xy, -400.0);
    EXPECT_DOUBLE_EQ(h.yy, 200.0);
    const auto cps = f.critical_points();
    ASSERT_EQ(cps.size(), 1u);
    EXPECT_EQ(cps[0].kind, CriticalKind::GlobalMin);
}

TEST(Landscape2D, HimmelblauHasFourMinimaFourSaddlesOneMaximum) {
    Himmelblau2D f;
    const auto cps = f.critical_points();
    ASSERT_EQ(cps.size(), 9u);
    EXPECT_EQ(Count(cps, CriticalKind::GlobalMin), 4);
    EXPECT_EQ(Count(cps, CriticalKind::Saddle), 4);
    EXPECT_EQ(Count(cps, CriticalKind::Max), 1);
    // Minima, left to right.
    const double mins[4][2] = {{-3.779310, -3.283186}, {-2.805118, 3.131312}, {3.0, 2.0}, {3.584428, -1.848126}};
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(cps[i].x, mins[i][0], 1e-6);
        EXPECT_NEAR(cps[i].y, mins[i][1], 1e-6);
        EXPECT_NEAR(cps[i].f, 0.0, 1e-20);
    }
    EXPECT_EQ(cps[2].x, 3.0); // exact
    EXPECT_EQ(cps[2].y, 2.0);
    EXPECT_NEAR(cps[8].x, -0.270845, 1e-6);
    EXPECT_NEAR(cps[8].y, -0.923039, 1e-6);
    EXPECT_NEAR(cps[8].f, 181.616522, 1e-6);
    EXPECT_EQ(f.value(3, 2), 0.0);
}

TEST(Landscape2D, SaddleCurvesUpOneWayAndDownTheOther) {
    Saddle2D f;
    const Hessian2 h = f.hessian(0, 0);
    EXPECT_GT(h.xx, 0);
    EXPECT_LT(h.yy, 0);
    EXPECT_EQ(ClassifyHessian(h), CriticalKind::Saddle);
    EXPECT_EQ(f.critical_points().at(0).kind, CriticalKind::Saddle);
    EXPECT_EQ(f.value(1, 0), 1.0);
    EXPECT_EQ(f.value(0, 1), -1.0);
}

TEST(Landscape2D, RavineIsIllConditioned) {
    Ravine2D f;
    const Hessian2 h = f.hessian(0.3, -0.2);
    EXPECT_DOUBLE_EQ(h.yy / h.xx, 25.0); // condition number
    EXPECT_DOUBLE_EQ(f.value(2, 1), 14.5);
}

TEST(Landscape2D, LessonSurfaceHasOneGlobalMinimumOneLocalMinimumOneSaddle) {
    Lesson2D f;
    const auto cps = f.critical_points();
    ASSERT_EQ(cps.size(), 3u);
    EXPECT_EQ(cps[0].kind, CriticalKind::GlobalMin);
    EXPECT_NEAR(cps[0].x, 1.442124, 1e-6);
    EXPECT_NEAR(cps[0].y, 0.961415, 1e-6);
    EXPECT_NEAR(cps[0].f, -1.843767, 1e-6);
    EXPECT_EQ(cps[1].kind, CriticalKind::LocalMin);
    EXPECT_NEAR(cps[1].x, -1.528462, 1e-6);
    EXPECT_NEAR(cps[1].y, -1.241909, 1e-6);
    EXPECT_NEAR(cps[1].f, -1.097186, 1e-6);
    EXPECT_EQ(cps[2].kind, CriticalKind::Saddle);
    EXPECT_NEAR(cps[2].x, -0.245449, 1e-6);
    EXPECT_NEAR(cps[2].y, -0.268739, 1e-6);
    EXPECT_NEAR(cps[2].f, -0.218456, 1e-6);
    // The saddle is the pass between the wells: higher than both minima.
    EXPECT_GT(cps[2].f, cps[1].f);
    EXPECT_GT(cps[2].f, cps[0].f);
    // A dense Newton search finds no other critical point in the range.
    const auto found = FindCriticalPoints2D(f, 120);
    ASSERT_EQ(found.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(found[i].kind, cps[i].kind);
        EXPECT_NEAR(found[i].x, cps[i].x, 1e-9);
        EXPECT_NEAR(found[i].y, cps[i].y, 1e-9);
    }
}

TEST(Landscape2D, KnownCriticalPointsAreAllThereAre) {
    for (const std::string& name : Landscape2DNames()) {
        auto f = MakeLandscape2D(name);
        const auto known = f->critical_points();
        const auto found = FindCriticalPoints2D(*f, 60);
        ASSERT_EQ(found.size(), known.size()) << name;
        for (size_t i = 0; i < known.size(); ++i) {
            EXPECT_EQ(found[i].kind, known[i].kind) << name << " #" << i;
            EXPECT_NEAR(found[i].x, known[i].x, 1e-8) << name << " #" << i;
            EXPECT_NEAR(found[i].y, known[i].y, 1e-8) << name << " #" << i;
            const Vec2 g = f->gradient(known[i].x, known[i].y);
            EXPECT_NEAR(g.x, 0.0, 1e-9) << name;
            EXPECT_NEAR(g.y, 0.0, 1e-9) << name;
            EXPECT_DOUBLE_EQ(known[i].f, f->value(known[i].x, known[i].y));
        }
    }
}

TEST(Landscape2D, RefineRejectsNonsense) {
    Lesson2D f;
    CriticalPoint2D p;
    EXPECT_FALSE(RefineCriticalPoint(f, std::nan(""), 0, &p));
    EXPECT_FALSE(RefineCriticalPoint(f, INFINITY, 0, &p));
    Bowl2D bowl;
    EXPECT_TRUE(RefineCriticalPoint(bowl, 20, -15, &p)); // outside the range; steps are capped, Newton walks home
    EXPECT_FALSE(RefineCriticalPoint(bowl, 1e5, -3e4, &p)); // too far for 100 capped steps
    EXPECT_NEAR(p.x, 0, 1e-12);
    EXPECT_EQ(ClassifyHessian({-1, 0, -2}), CriticalKind::Max);
    EXPECT_EQ(ClassifyHessian({1, 1, 1}), CriticalKind::Saddle); // singular
    EXPECT_EQ(ClassifyHessian({std::nan(""), 0, 1}), CriticalKind::Saddle);
    EXPECT_STREQ(CriticalKindName(CriticalKind::LocalMin), "local-min");
}

TEST(Landscape2D, SampleIsRowMajorOverTheRange) {
    Bowl2D f; // range [-3, 3]^2
    const auto v = SampleLandscape2D(f, 3, 3);
    ASSERT_EQ(v.size(), 9u);
    const double want[9] = {18, 9, 18, 9, 0, 9, 18, 9, 18};
    for (int i = 0; i < 9; ++i) EXPECT_DOUBLE_EQ(v[i], want[i]);
    Rosenbrock2D r; // x in [-2, 2], y in [-1, 3]
    const auto w = SampleLandscape2D(r, 2, 2);
    EXPECT_DOUBLE_EQ(w[1], r.value(2, -1)); // row 0 = ylo, column 1 = xhi
    EXPECT_DOUBLE_EQ(w[2], r.value(-2, 3));
    EXPECT_TRUE(SampleLandscape2D(f, 1, 5).empty());
    EXPECT_TRUE(SampleLandscape2D(f, 5, 100000).empty());
}
