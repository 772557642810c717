// test_surface_mesh.cpp: the 3-D view's core: eigenvalues of 2x2 Hessians (known answers,
// including the lesson surface's three critical points), the sampled mesh (samples,
// heights, shading, contour segments), the camera's projection and the far-to-near order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/surface_mesh.hpp"

using namespace downhill;

//-----------------------------------------------------------------------------
// Curvature at a point
//-----------------------------------------------------------------------------

static void ExpectEigenPair(const Hessian2& h, double lambda, const Vec2& v) {
    EXPECT_NEAR(std::hypot(v.x, v.y), 1.0, 1e-12);
    EXPECT_NEAR(h.xx * v.x + h.xy * v.y, lambda * v.x, 1e-9 * (1 + std::fabs(lambda)));
    EXPECT_NEAR(h.xy * v.x + h.yy * v.y, lambda * v.y, 1e-9 * (1 + std::fabs(lambda)));
}

TEST(SymmetricEigen2, KnownMatrices) {
    // diag(1, 25): the ravine.
    Eigen2 e = SymmetricEigen2({1, 0, 25});
    EXPECT_DOUBLE_EQ(e.lo, 1);
    EXPECT_DOUBLE_EQ(e.hi, 25);
    EXPECT_NEAR(std::fabs(e.dir_lo.x), 1, 1e-15);
    EXPECT_NEAR(std::fabs(e.dir_hi.y), 1, 1e-15);
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3 along (1, -1) and (1, 1).
    e = SymmetricEigen2({2, 1, 2});
    EXPECT_NEAR(e.lo, 1, 1e-15);
    EXPECT_NEAR(e.hi, 3, 1e-15);
    EXPECT_NEAR(std::fabs(e.dir_hi.x), std::sqrt(0.5), 1e-15);
    EXPECT_NEAR(e.dir_hi.x * e.dir_hi.y, 0.5, 1e-15);
    EXPECT_NEAR(e.dir_lo.x * e.dir_lo.y, -0.5, 1e-15);
    // The horse saddle x^2 - y^2: one up (+2 along x), one down (-2 along y).
    e = SymmetricEigen2({2, 0, -2});
    EXPECT_DOUBLE_EQ(e.lo, -2);
    EXPECT_DOUBLE_EQ(e.hi, 2);
    EXPECT_NEAR(std::fabs(e.dir_hi.x), 1, 1e-15);
    // A multiple of the identity: both equal, any unit direction.
    e = SymmetricEigen2({2, 0, 2});
    EXPECT_DOUBLE_EQ(e.lo, 2);
    EXPECT_DOUBLE_EQ(e.hi, 2);
    EXPECT_NEAR(e.dir_lo.x * e.dir_hi.x + e.dir_lo.y * e.dir_hi.y, 0, 1e-15);
    // Not a number stays finite in its directions.
    e = SymmetricEigen2({NAN, 0, 1});
    EXPECT_TRUE(std::isfinite(e.dir_hi.x) && std::isfinite(e.dir_lo.y));
}

TEST(SymmetricEigen2, EigenPairsOfAssortedMatrices) {
    const Hessian2 cases[] = {{3, -2, 7}, {-4, 0.5, 1}, {1e-8, 3, -1e-8}, {1200, -400, 200}, {-3, -1, -5}, {5, 1e-14, 5}};
    for (const Hessian2& h : cases) {
        const Eigen2 e = SymmetricEigen2(h);
        EXPECT_LE(e.lo, e.hi);
        EXPECT_NEAR(e.lo + e.hi, h.xx + h.yy, 1e-9 * (1 + std::fabs(h.xx) + std::fabs(h.yy)));
        EXPECT_NEAR(e.lo * e.hi, h.xx * h.yy - h.xy * h.xy, 1e-9 * (1 + std::fabs(h.xx * h.yy) + h.xy * h.xy));
        ExpectEigenPair(h, e.lo, e.dir_lo);
        ExpectEigenPair(h, e.hi, e.dir_hi);
    }
}

// The lesson surface's three critical points, and their curvatures written out.
TEST(SymmetricEigen2, LessonSurfaceCriticalPoints) {
    auto f = MakeLandscape2D("lesson");
    const auto pts = f->critical_points();
    ASSERT_EQ(pts.size(), 3u);
    struct Known { CriticalKind kind; double x, y, lo, hi; };
    const Known known[3] = {{CriticalKind::GlobalMin, 1.442124, 0.961415, 2.577064, 2.592464},
                            {CriticalKind::LocalMin, -1.528462, -1.241909, 2.215085, 2.251727},
                            {CriticalKind::Saddle, -0.245449, -0.268739, -1.297661, 0.429533}};
    for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(pts[k].kind, known[k].kind);
        EXPECT_NEAR(pts[k].x, known[k].x, 1e-6);
        EXPECT_NEAR(pts[k].y, known[k].y, 1e-6);
        const Hessian2 h = f->hessian(pts[k].x, pts[k].y);
        const Eigen2 e = SymmetricEigen2(h);
        EXPECT_NEAR(e.lo, known[k].lo, 1e-6);
        EXPECT_NEAR(e.hi, known[k].hi, 1e-6);
        ExpectEigenPair(h, e.lo, e.dir_lo);
        ExpectEigenPair(h, e.hi, e.dir_hi);
    }
    // At the saddle, stepping along the negative direction lowers the loss both ways,
    // stepping along the positive one raises it both ways.
    const auto& s = pts[2];
    const Eigen2 e = SymmetricEigen2(f->hessian(s.x, s.y));
    for (double t : {-0.05, 0.05}) {
        EXPECT_LT(f->value(s.x + t * e.dir_lo.x, s.y + t * e.dir_lo.y), s.f);
        EXPECT_GT(f->value(s.x + t * e.dir_hi.x, s.y + t * e.dir_hi.y), s.f);
    }
}

//-----------------------------------------------------------------------------
// SurfaceMesh
//-----------------------------------------------------------------------------

TEST(SurfaceMesh, SamplesHeightsAndWorldBox) {
    auto f = MakeLandscape2D("lesson");
    const SurfaceMesh m = BuildSurfaceMesh(*f, 48, 48, HeightScale::Linear);
    ASSERT_EQ(m.nx, 48);
    ASSERT_EQ(m.ny, 48);
    ASSERT_EQ(m.quads(), 47 * 47);
    ASSERT_EQ(m.loss.size(), 48u * 48u);
    ASSERT_EQ(m.vertex.size(), m.loss.size());
    // Corner samples: (-4, -4) and (4, 4) on the lesson surface, both ends included.
    EXPECT_DOUBLE_EQ(m.loss[m.VertexIndex(0, 0)], f->value(-4, -4));
    EXPECT_DOUBLE_EQ(m.loss[m.VertexIndex(47, 47)], f->value(4, 4));
    EXPECT_DOUBLE_EQ(m.loss[m.VertexIndex(47, 0)], f->value(4, -4));
    // Lowest value: the global minimum itself (below every sample), highest: a corner 0.05 * 32.
    EXPECT_NEAR(m.f_lo, -1.843767, 1e-6);
    EXPECT_NEAR(m.f_hi, 1.6, 1e-3);
    EXPECT_DOUBLE_EQ(m.Height01(m.f_lo), 0);
    EXPECT_DOUBLE_EQ(m.Height01(m.f_hi), 1);
    EXPECT_DOUBLE_EQ(m.Height01(-100), 0);
    EXPECT_DOUBLE_EQ(m.Height01(NAN), 0.5);
    // World box: x and y in -1 .. 1 (a square range), z in -0.45 .. 0.45.
    const Vec3 a = m.vertex[m.VertexIndex(0, 0)], b = m.vertex[m.VertexIndex(47, 47)];
    EXPECT_DOUBLE_EQ(a.x, -1);
    EXPECT_DOUBLE_EQ(a.y, -1);
    EXPECT_DOUBLE_EQ(b.x, 1);
    EXPECT_DOUBLE_EQ(b.y, 1);
    for (const Vec3& v : m.vertex) EXPECT_TRUE(v.z >= -0.45 - 1e-12 && v.z <= 0.45 + 1e-12);
    const Vec3 g = m.World(1.442124, 0.961415, -1.843767);
    EXPECT_NEAR(g.x, 1.442124 / 4, 1e-12);
    EXPECT_NEAR(g.z, -0.45, 1e-6);
    // Shading and colour levels lie in 0 .. 1.
    for (int q = 0; q < m.quads(); ++q) {
        EXPECT_TRUE(m.level[q] >= 0 && m.level[q] <= 1);
        EXPECT_TRUE(m.light[q] >= 0 && m.light[q] <= 1);
    }
}

TEST(SurfaceMesh, LongRangesKeepTheirProportions) {
    auto f = MakeLandscape2D("ravine"); // x in -5 .. 5, y in -2 .. 2
    const SurfaceMesh m = BuildSurfaceMesh(*f, 20, 10, HeightScale::Linear);
    EXPECT_DOUBLE_EQ(m.half_x, 1);
    EXPECT_DOUBLE_EQ(m.half_y, 0.4);
    EXPECT_DOUBLE_EQ(m.vertex.back().y, 0.4);
    EXPECT_EQ(m.quads(), 19 * 9);
    // Sizes are clamped to 2 .. 256.
    EXPECT_EQ(BuildSurfaceMesh(*f, 1, 100000, HeightScale::Linear).nx, 2);
    EXPECT_EQ(BuildSurfaceMesh(*f, 1, 100000, HeightScale::Linear).ny, 256);
}

TEST(SurfaceMesh, LogScaleLiftsValleyFloors) {
    auto f = MakeLandscape2D("rosenbrock");
    const SurfaceMesh lin = BuildSurfaceMesh(*f, 32, 32, HeightScale::Linear);
    const SurfaceMesh lg = BuildSurfaceMesh(*f, 32, 32, HeightScale::Log);
    EXPECT_DOUBLE_EQ(lg.f_lo, 0);  // the minimum at (1, 1)
    EXPECT_DOUBLE_EQ(lg.f_hi, 2509); // (-2, -1): 9 + 100 * 25
    // A loss of 25 (1% of the span) is 1% of the height on a linear scale but well up on log.
    EXPECT_NEAR(lin.Height01(25.09), 0.01, 1e-12);
    EXPECT_NEAR(lg.Height01(25.09), std::log1p(1.0) / std::log1p(100.0), 1e-12); // 0.150
    double prev = -1;
    for (double v = 0; v <= 2509; v += 50) {
        EXPECT_GT(lg.Height01(v), prev);
        prev = lg.Height01(v);
    }
}

TEST(SurfaceMesh, LightIsBrightestOnSlopesFacingTheLight) {
    // The light comes from x < 0, y < 0, above: inside the bowl, the back right wall faces
    // it and the front left wall faces away.
    auto f = MakeLandscape2D("bowl");
    const SurfaceMesh m = BuildSurfaceMesh(*f, 22, 22, HeightScale::Linear);
    const float facing = m.light[m.QuadIndex(18, 18)], away = m.light[m.QuadIndex(3, 3)];
    EXPECT_GT(facing, away + 0.5f);
    EXPECT_NEAR(m.light[m.QuadIndex(10, 10)], float(kLightDir.z), 1e-6f); // the flat bottom quad
    // Vertex light agrees: bright on the back right wall, dim on the front left one, and
    // level follows the drawn height.
    ASSERT_EQ(m.vertex_light.size(), m.vertex.size());
    EXPECT_GT(m.vertex_light[m.VertexIndex(18, 18)], m.vertex_light[m.VertexIndex(3, 3)] + 0.5f);
    for (size_t v = 0; v < m.vertex.size(); ++v) {
        EXPECT_TRUE(m.vertex_light[v] >= 0 && m.vertex_light[v] <= 1);
        EXPECT_NEAR(m.vertex_level[v], m.Height01(m.loss[v]), 1e-6);
    }
}

TEST(SurfaceMesh, ContourSegmentsLieOnTheirLevelsInsideTheirQuads) {
    for (const std::string& name : Landscape2DNames()) {
        auto f = MakeLandscape2D(name);
        const SurfaceMesh m = BuildSurfaceMesh(*f, 40, 40, name == "rosenbrock" ? HeightScale::Log : HeightScale::Linear, 10);
        ASSERT_EQ(int(m.contour_first.size()), m.quads() + 1) << name;
        ASSERT_EQ(m.contour.size() % 2, 0u);
        EXPECT_EQ(m.contour_first.front(), 0);
        EXPECT_EQ(m.contour_first.back(), int(m.contour.size() / 2));
        EXPECT_GT(m.contour.size(), 200u) << name;
        std::set<long> levels;
        for (int q = 0; q < m.quads(); ++q) {
            ASSERT_LE(m.contour_first[q], m.contour_first[q + 1]);
            EXPECT_LE(m.contour_first[q + 1] - m.contour_first[q], 2 * 10);
            int c[4];
            m.QuadCorners(q, c);
            const Vec3 lo = m.vertex[c[0]], hi = m.vertex[c[2]];
            double zmin = 1e9, zmax = -1e9;
            for (int k = 0; k < 4; ++k) { zmin = std::min(zmin, m.vertex[c[k]].z); zmax = std::max(zmax, m.vertex[c[k]].z); }
            for (int s = 2 * m.contour_first[q]; s < 2 * m.contour_first[q + 1]; ++s) {
                const Vec3& p = m.contour[s];
                EXPECT_TRUE(p.x >= lo.x - 1e-12 && p.x <= hi.x + 1e-12 && p.y >= lo.y - 1e-12 && p.y <= hi.y + 1e-12);
                EXPECT_TRUE(p.z >= zmin - 1e-12 && p.z <= zmax + 1e-12);
                const double level01 = p.z / kSurfaceHeight + 0.5;    // one of (k + 0.5) / 10
                const double k = level01 * 10 - 0.5;
                EXPECT_NEAR(k, std::round(k), 1e-9);
                levels.insert(std::lround(k));
            }
        }
        EXPECT_GE(levels.size(), 8u) << name;
    }
}

TEST(SurfaceMesh, SaddleQuadsGetTwoSegments) {
    // A quad with opposite corners above and below a level: 4 crossings, 2 segments.
    struct Checker final : Landscape2D {
        const char* name() const override { return "checker"; }
        double value(double x, double y) const override { return x * y; }
        Vec2 gradient(double x, double y) const override { return {y, x}; }
        Hessian2 hessian(double, double) const override { return {0, 1, 0}; }
        Range2D range() const override { return {-1, 1, -1, 1}; }
        Vec2 start() const override { return {0.5, 0.5}; }
        std::vector<CriticalPoint2D> critical_points() const override { return {}; }
    } f;
    // One quad: corners f = 1, -1, 1, -1; the level 0.5 of 0..1 height is f = 0.
    const SurfaceMesh m = BuildSurfaceMesh(f, 2, 2, HeightScale::Linear, 1);
    ASSERT_EQ(m.quads(), 1);
    EXPECT_EQ(m.contour_first[1], 2);
    for (const Vec3& p : m.contour) EXPECT_NEAR(p.x * p.y, 0, 1e-12); // the crossings are at edge middles
}

//-----------------------------------------------------------------------------
// Camera3D and projection
//-----------------------------------------------------------------------------

TEST(Project, CentreAxesAndDepth) {
    Camera3D cam;
    cam.yaw = 0;
    cam.pitch = 90;
    const float w = 600, h = 400;
    const ScreenPoint c = Project(cam, {0, 0, 0}, w, h);
    EXPECT_NEAR(c.x, 300, 1e-3); // from straight above the outline is symmetric
    EXPECT_NEAR(c.y, 200, 1e-3);
    EXPECT_FLOAT_EQ(c.depth, 0);
    // From straight above: +x to the right, +y up the screen, higher points nearer.
    EXPECT_GT(Project(cam, {0.5, 0, 0}, w, h).x, c.x);
    EXPECT_LT(Project(cam, {0, 0.5, 0}, w, h).y, c.y);
    EXPECT_LT(Project(cam, {0, 0, 0.3}, w, h).depth, 0);
    // From the side (pitch 10, yaw 0): up is up, far (+y) is deeper.
    cam.pitch = 10;
    const ScreenPoint c10 = Project(cam, {0, 0, 0}, w, h);
    EXPECT_NEAR(c10.x, 300, 1e-3);
    EXPECT_LT(Project(cam, {0, 0, 0.3}, w, h).y, c10.y);
    EXPECT_GT(Project(cam, {0, 0.5, 0}, w, h).depth, 0);
    // Turning right (yaw +90) brings the front edge (y = -1) to the right.
    cam.yaw = 90;
    EXPECT_GT(Project(cam, {0, -1, 0}, w, h).x, c10.x);
    EXPECT_NEAR(Project(cam, {0, -1, 0}, w, h).depth, 0, 1e-6);
    // Zoom scales distances from the centre.
    Camera3D z2 = cam;
    z2.zoom = 2;
    const ScreenPoint o1 = Project(cam, {0, 0, 0}, w, h), o2 = Project(z2, {0, 0, 0}, w, h);
    const ScreenPoint p1 = Project(cam, {0.3, 0.2, 0.1}, w, h), p2 = Project(z2, {0.3, 0.2, 0.1}, w, h);
    EXPECT_NEAR(p2.x - o2.x, 2 * (p1.x - o1.x), 1e-3);
    EXPECT_NEAR(p2.y - o2.y, 2 * (p1.y - o1.y), 1e-3);
    // Turning alone never changes the scale.
    for (double yaw : {-170.0, -35.0, 20.0, 135.0})
        EXPECT_DOUBLE_EQ(MakeProjector({yaw, 35, 1}, w, h).scale, MakeProjector({0, 35, 1}, w, h).scale);
}

TEST(Project, TheWholeSurfaceFitsAtZoomOne) {
    auto f = MakeLandscape2D("lesson");
    const SurfaceMesh m = BuildSurfaceMesh(*f, 24, 24, HeightScale::Linear);
    const float sizes[][2] = {{640, 480}, {328, 246}, {900, 400}, {300, 600}};
    for (const auto& sz : sizes) {
        for (double yaw = -180; yaw <= 180; yaw += 15) {
            for (double pitch : {10.0, 35.0, 60.0, 90.0}) {
                Camera3D cam{yaw, pitch, 1};
                for (const Vec3& v : m.vertex) {
                    const ScreenPoint p = Project(cam, v, sz[0], sz[1]);
                    ASSERT_TRUE(p.x >= 0 && p.x <= sz[0] && p.y >= 0 && p.y <= sz[1])
                        << "yaw " << yaw << " pitch " << pitch << " size " << sz[0] << "x" << sz[1];
                }
            }
        }
        // And it is not lost in the middle: over a full turn its outline spans at least 55%
        // of the canvas' width or height.
        for (double pitch : {10.0, 35.0, 60.0, 90.0}) {
            float left = 1e9f, right = -1e9f, top = 1e9f, bottom = -1e9f;
            for (double yaw = -180; yaw < 180; yaw += 5) {
                const Projector pr = MakeProjector({yaw, pitch, 1}, sz[0], sz[1]);
                for (const Vec3& v : m.vertex) {
                    const ScreenPoint p = pr(v);
                    left = std::min(left, p.x); right = std::max(right, p.x);
                    top = std::min(top, p.y); bottom = std::max(bottom, p.y);
                }
            }
            EXPECT_TRUE(right - left > 0.55f * sz[0] || bottom - top > 0.55f * sz[1]) << "pitch " << pitch << " " << (right - left) / sz[0] << " " << (bottom - top) / sz[1];
        }
    }
}

TEST(Project, WrapDegrees) {
    EXPECT_DOUBLE_EQ(WrapDegrees(190), -170);
    EXPECT_DOUBLE_EQ(WrapDegrees(-190), 170);
    EXPECT_DOUBLE_EQ(WrapDegrees(180), 180);
    EXPECT_DOUBLE_EQ(WrapDegrees(-180), 180);
    EXPECT_DOUBLE_EQ(WrapDegrees(725), 5);
    EXPECT_DOUBLE_EQ(WrapDegrees(NAN), 0);
}

//-----------------------------------------------------------------------------
// ProjectedMesh
//-----------------------------------------------------------------------------

TEST(ProjectMesh, OrdersEveryQuadFarToNear) {
    auto f = MakeLandscape2D("himmelblau");
    const SurfaceMesh m = BuildSurfaceMesh(*f, 30, 30, HeightScale::Log);
    ProjectedMesh p;
    for (double yaw : {-150.0, -35.0, 0.0, 80.0}) {
        const Camera3D cam{yaw, 40, 1.3};
        ProjectMesh(m, cam, 500, 350, &p);
        ASSERT_EQ(p.vertex.size(), m.vertex.size());
        ASSERT_EQ(p.contour.size(), m.contour.size());
        ASSERT_EQ(int(p.order.size()), m.quads());
        EXPECT_EQ(p.camera.yaw, yaw);
        EXPECT_EQ(p.w, 500);
        std::vector<bool> seen(m.quads(), false);
        float prev = 1e30f;
        for (int q : p.order) {
            ASSERT_FALSE(seen[q]);
            seen[q] = true;
            int c[4];
            m.QuadCorners(q, c);
            const float d = p.vertex[c[0]].depth + p.vertex[c[1]].depth + p.vertex[c[2]].depth + p.vertex[c[3]].depth;
            EXPECT_LE(d, prev);
            prev = d;
        }
        // Each projected vertex is the projection of its world vertex.
        const ScreenPoint s = Project(cam, m.vertex[77], 500, 350);
        EXPECT_FLOAT_EQ(p.vertex[77].x, s.x);
        EXPECT_FLOAT_EQ(p.vertex[77].y, s.y);
    }
    // At yaw 0 the back row (y = yhi, the highest j) comes first, the front row (y = ylo) last
    // (on the bowl seen from low down, so heights barely change the depth).
    const SurfaceMesh bowl = BuildSurfaceMesh(*MakeLandscape2D("bowl"), 30, 30, HeightScale::Linear);
    ProjectMesh(bowl, {0, 10, 1}, 500, 350, &p);
    EXPECT_GE(p.order.front() / 29, 26);
    EXPECT_LE(p.order.back() / 29, 2);
}
