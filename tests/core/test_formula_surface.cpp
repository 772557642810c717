// test_formula_surface.cpp: a typed surface (FormulaSurface2D) against the built-in
// surfaces it can be typed as, its critical points, its domain, and the race and runs
// on it (a run that reaches a point where the formula is undefined stops with why).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/landscape2d.hpp"
#include "core/optim/run.hpp"
#include "core/race.hpp"

using namespace downhill;

namespace {

const char* kLessonTyped =
    "0.05*(x^2+y^2) - 2*exp(-((x-1.5)^2+(y-1)^2)/1.6) - 1.3*exp(-((x+1.6)^2+(y+1.3)^2)/1.2)";
const char* kHimmelblauTyped = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";

FormulaSurface2D Made(const std::string& text, Range2D r) {
    FormulaSurface2D s;
    const std::string err = FormulaSurface2D::Make(text, r, &s);
    EXPECT_EQ(err, "") << text;
    return s;
}

std::string ErrorOf(const std::string& text, Range2D r) {
    FormulaSurface2D s;
    return FormulaSurface2D::Make(text, r, &s);
}

void ExpectSamePoints(const std::vector<CriticalPoint2D>& got, const std::vector<CriticalPoint2D>& want, double tol) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].kind, want[i].kind) << i;
        EXPECT_NEAR(got[i].x, want[i].x, tol) << i;
        EXPECT_NEAR(got[i].y, want[i].y, tol) << i;
        EXPECT_NEAR(got[i].f, want[i].f, tol) << i;
    }
}

} // namespace

TEST(FormulaSurface2D, TypedLessonSurfaceMatchesTheBuiltInOne) {
    const Lesson2D lesson;
    const FormulaSurface2D typed = Made(kLessonTyped, lesson.range());
    EXPECT_STREQ(typed.name(), "formula");
    for (double x = -4; x <= 4; x += 0.37) {
        for (double y = -4; y <= 4; y += 0.41) {
            EXPECT_NEAR(typed.value(x, y), lesson.value(x, y), 1e-12);
            const Vec2 g = typed.gradient(x, y), G = lesson.gradient(x, y);
            EXPECT_NEAR(g.x, G.x, 1e-12);
            EXPECT_NEAR(g.y, G.y, 1e-12);
            const Hessian2 h = typed.hessian(x, y), H = lesson.hessian(x, y);
            EXPECT_NEAR(h.xx, H.xx, 1e-12);
            EXPECT_NEAR(h.xy, H.xy, 1e-12);
            EXPECT_NEAR(h.yy, H.yy, 1e-12);
            EXPECT_EQ(typed.undefined_at(x, y), "");
        }
    }
    // The same three critical points, found numerically and classified by the Hessian.
    const auto pts = typed.critical_points();
    ExpectSamePoints(pts, lesson.critical_points(), 1e-9);
    ASSERT_EQ(pts.size(), 3u);
    EXPECT_EQ(pts[0].kind, CriticalKind::GlobalMin);
    EXPECT_NEAR(pts[0].x, 1.442124, 1e-6);
    EXPECT_NEAR(pts[0].y, 0.961415, 1e-6);
    EXPECT_EQ(pts[1].kind, CriticalKind::LocalMin);
    EXPECT_NEAR(pts[1].x, -1.528462, 1e-6);
    EXPECT_EQ(pts[2].kind, CriticalKind::Saddle);
    EXPECT_NEAR(pts[2].x, -0.245449, 1e-6);
    EXPECT_NEAR(pts[2].f, -0.218456, 1e-6);
}

TEST(FormulaSurface2D, TypedHimmelblauHasFourMinimaFourSaddlesOneMaximum) {
    const Himmelblau2D h;
    const FormulaSurface2D typed = Made(kHimmelblauTyped, h.range());
    const auto pts = typed.critical_points();
    int minima = 0, saddles = 0, maxima = 0;
    for (const auto& p : pts) {
        minima += p.kind == CriticalKind::GlobalMin;
        saddles += p.kind == CriticalKind::Saddle;
        maxima += p.kind == CriticalKind::Max;
        EXPECT_NE(p.kind, CriticalKind::LocalMin); // all four minima are equally low (0)
    }
    EXPECT_EQ(minima, 4);
    EXPECT_EQ(saddles, 4);
    EXPECT_EQ(maxima, 1);
    ExpectSamePoints(pts, h.critical_points(), 1e-9);
    EXPECT_NEAR(pts.back().x, -0.270845, 1e-6);
    EXPECT_NEAR(pts.back().f, 181.617, 1e-3);
}

TEST(FormulaSurface2D, SaddleAndRangeAndStart) {
    const FormulaSurface2D s = Made("x^2 - y^2", {-2, 2, -1, 3});
    const auto pts = s.critical_points();
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_EQ(pts[0].kind, CriticalKind::Saddle);
    EXPECT_NEAR(pts[0].x, 0, 1e-12);
    EXPECT_NEAR(pts[0].y, 0, 1e-12);
    const Range2D r = s.range();
    EXPECT_EQ(r.xlo, -2);
    EXPECT_EQ(r.yhi, 3);
    // Start 15% in from the lower-left corner.
    EXPECT_NEAR(s.start().x, -1.4, 1e-12);
    EXPECT_NEAR(s.start().y, -0.4, 1e-12);
    // Points of one kind from many seeds are kept once; a flat surface has none.
    EXPECT_EQ(Made("x^4 + y^4", {-1, 1, -1, 1}).critical_points().size(), 1u);
    EXPECT_TRUE(Made("3", {-1, 1, -1, 1}).critical_points().empty());
    EXPECT_TRUE(Made("x + y", {-1, 1, -1, 1}).critical_points().empty());
    // A maximum of a typed surface.
    const auto peak = Made("-(x^2 + 2*y^2) + 1", {-1, 1, -1, 1}).critical_points();
    ASSERT_EQ(peak.size(), 1u);
    EXPECT_EQ(peak[0].kind, CriticalKind::Max);
}

TEST(FormulaSurface2D, KeyNamesFormulaAndRange) {
    const FormulaSurface2D a = Made("x^2 + y^2", {-1, 1, -1, 1});
    const FormulaSurface2D b = Made("x^2 + y^2", {-2, 2, -1, 1});
    const FormulaSurface2D c = Made("x^2 + 2*y^2", {-1, 1, -1, 1});
    EXPECT_NE(a.key(), b.key());
    EXPECT_NE(a.key(), c.key());
    EXPECT_EQ(a.key(), Made("x^2 + y^2", {-1, 1, -1, 1}).key());
    EXPECT_EQ(Bowl2D{}.key(), "bowl");
}

TEST(FormulaSurface2D, RefusesBadFormulasAndRanges) {
    EXPECT_EQ(ErrorOf("x^2 + z", {-1, 1, -1, 1}).find("Unknown name 'z'"), 0u) << ErrorOf("x^2 + z", {-1, 1, -1, 1});
    EXPECT_NE(ErrorOf("(x + y", {-1, 1, -1, 1}), "");
    EXPECT_NE(ErrorOf("x + y", {1, -1, -1, 1}), "");
    EXPECT_NE(ErrorOf("x + y", {-1, 1, 0, 0}), "");
    EXPECT_NE(ErrorOf("x + y", {-1, 1, -2000, 1}), "");
    EXPECT_NE(ErrorOf("x + y", {NAN, 1, -1, 1}), "");
    const std::string undefined = ErrorOf("log(x) + y", {-1, 1, -1, 1});
    EXPECT_EQ(undefined.find("The surface is not defined everywhere on the range: log"), 0u) << undefined;
    EXPECT_NE(ErrorOf("exp(x*y)", {-100, 100, -100, 100}), "");
    // A refused surface leaves the one given unchanged.
    FormulaSurface2D s = Made("x*y", {-1, 1, -1, 1});
    EXPECT_NE(FormulaSurface2D::Make("x*", {-1, 1, -1, 1}, &s), "");
    EXPECT_EQ(s.formula().text(), "x*y");
}

TEST(FormulaSurface2D, RunLeavingTheDomainStopsWithWhy) {
    // Defined on the drawn square, but a large step lands where x < -3: log of a negative number.
    const FormulaSurface2D s = Made("log(x + 3) + x^2 + y^2", {-2, 2, -2, 2});
    OptimizerRun run(s);
    OptimizerSettings o = DefaultOptimizerSettings("gd");
    o.learning_rate = 2.0;
    ASSERT_EQ(run.SetOptimizer("gd", o), "");
    ASSERT_EQ(run.SetStart(1.5, 0.5), "");
    // x1 = 1.5 - 2 (1/4.5 + 3) = -4.94: undefined there.
    EXPECT_TRUE(run.Step());
    EXPECT_EQ(run.status(), RunStatus::LeftDomain);
    EXPECT_STREQ(RunStatusName(run.status()), "left-domain");
    EXPECT_EQ(run.stopped_at(), 0);
    EXPECT_EQ(run.domain_message().find("log of a negative number"), 0u) << run.domain_message();
    EXPECT_NE(run.domain_message().find("(x, y) = (-4.944"), std::string::npos) << run.domain_message();
    // It stays at its last defined point, with finite readouts.
    EXPECT_EQ(run.x(), 1.5);
    EXPECT_TRUE(std::isfinite(run.loss()));
    EXPECT_FALSE(run.Step());
    run.Reset();
    EXPECT_EQ(run.status(), RunStatus::Running);
    EXPECT_EQ(run.domain_message(), "");
}

TEST(FormulaSurface2D, GradientDescentStepMatchesTheGradient) {
    const FormulaSurface2D s = Made(kHimmelblauTyped, {-5, 5, -5, 5});
    OptimizerRun run(s);
    OptimizerSettings o = DefaultOptimizerSettings("gd");
    o.learning_rate = 0.01;
    ASSERT_EQ(run.SetOptimizer("gd", o), "");
    ASSERT_EQ(run.SetStart(1, 1), "");
    // gradient at (1, 1): a = -9, b = -5: (4*1*(-9) + 2*(-5), 2*(-9) + 4*1*(-5)) = (-46, -38)
    ASSERT_TRUE(run.Step());
    EXPECT_NEAR(run.x(), 1.46, 1e-12);
    EXPECT_NEAR(run.y(), 1.38, 1e-12);
}

TEST(FormulaSurface2D, RaceTunesRatesOnTheTypedSurfaceByItsKey) {
    auto typed = std::make_unique<FormulaSurface2D>(Made(kLessonTyped, {-4, 4, -4, 4}));
    const TunedRate lesson = RaceTunedLearningRate("lesson", "momentum");
    const TunedRate t = RaceTunedLearningRate(*typed, "momentum");
    // Typed with another start (15% in from the corner), so tuned from there; found at all.
    EXPECT_GT(t.learning_rate, 0);
    EXPECT_GT(lesson.learning_rate, 0);
    Race race;
    race.SetSurface(std::move(typed));
    EXPECT_STREQ(race.surface().name(), "formula");
    EXPECT_EQ(race.critical_points().size(), 3u);
    EXPECT_TRUE(race.has_minimum());
    EXPECT_NEAR(race.lowest_loss(), -1.843767, 1e-6);
    EXPECT_NEAR(race.settings().start_x, -4 + 0.15 * 8, 1e-12);
    EXPECT_EQ(race.learning_rate(1), t.learning_rate); // momentum is racer 1, at its tuned rate
    // Another formula on the same range is another key: its own tuning.
    const FormulaSurface2D bowl = Made("x^2 + y^2", {-4, 4, -4, 4});
    const TunedRate b = RaceTunedLearningRate(bowl, "gd");
    EXPECT_GE(b.steps, 0);
    EXPECT_TRUE(b.global);
    while (race.AnyRunning()) race.Step();
    EXPECT_GE(race.Winner(), 0);
    // A start where the surface is undefined is refused.
    race.SetSurface(std::make_unique<FormulaSurface2D>(Made("1/(x - 0.05) ", {0.1, 2, -1, 1})));
    EXPECT_EQ(race.SetStart(0.05, 0).find("The start must be a point inside the map"), 0u);
}
