// surface_mesh.cpp: see surface_mesh.hpp.
//
// Index
//   [SECTION] Curvature at a point
//   [SECTION] SurfaceMesh
//   [SECTION] Camera3D and projection
//   [SECTION] ProjectedMesh
#include "surface_mesh.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace downhill {

namespace {
constexpr double kPi = 3.14159265358979323846;
Vec3 Sub(const Vec3& a, const Vec3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 Cross(const Vec3& a, const Vec3& b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double Dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 Unit(const Vec3& a) {
    const double n = std::sqrt(Dot(a, a));
    return n > 0 ? Vec3{a.x / n, a.y / n, a.z / n} : Vec3{0, 0, 1};
}
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Curvature at a point
//-----------------------------------------------------------------------------

// Eigenvalues m -/+ d with m the mean of the diagonal and d = sqrt(((xx - yy)/2)^2 + xy^2);
// the eigenvector of hi from whichever row of (H - hi I) is better conditioned.
Eigen2 SymmetricEigen2(const Hessian2& h) {
    Eigen2 e;
    const double m = 0.5 * (h.xx + h.yy), half = 0.5 * (h.xx - h.yy);
    const double d = std::hypot(half, h.xy);
    e.lo = m - d;
    e.hi = m + d;
    const Vec2 a{h.xy, e.hi - h.xx}, b{e.hi - h.yy, h.xy};
    const double na = std::hypot(a.x, a.y), nb = std::hypot(b.x, b.y);
    if (!(std::max(na, nb) > 1e-300) || !std::isfinite(na) || !std::isfinite(nb)) {
        e.dir_hi = {1, 0}; // a multiple of the identity (or not a number): any direction
    } else if (na >= nb) {
        e.dir_hi = {a.x / na, a.y / na};
    } else {
        e.dir_hi = {b.x / nb, b.y / nb};
    }
    e.dir_lo = {-e.dir_hi.y, e.dir_hi.x};
    return e;
}

//-----------------------------------------------------------------------------
// [SECTION] SurfaceMesh
//-----------------------------------------------------------------------------

const Vec3 kLightDir = Unit({-0.45, -0.55, 0.70});
constexpr double kLogStrength = 100.0; // see HeightScale::Log

void SurfaceMesh::QuadCorners(int q, int out[4]) const {
    const int i = q % (nx - 1), j = q / (nx - 1);
    out[0] = VertexIndex(i, j);
    out[1] = VertexIndex(i + 1, j);
    out[2] = VertexIndex(i + 1, j + 1);
    out[3] = VertexIndex(i, j + 1);
}

double SurfaceMesh::Height01(double f) const {
    const double span = f_hi - f_lo;
    if (!(span > 0) || !std::isfinite(f)) return 0.5;
    double t = (f - f_lo) / span;
    if (scale == HeightScale::Log) {
        const double s = std::max(t, 0.0);
        t = std::log1p(kLogStrength * s) / std::log1p(kLogStrength);
    }
    return std::clamp(t, 0.0, 1.0);
}

Vec3 SurfaceMesh::World(double x, double y, double f) const {
    const double u = (x - range.xlo) / (range.xhi - range.xlo), v = (y - range.ylo) / (range.yhi - range.ylo);
    return {(2 * u - 1) * half_x, (2 * v - 1) * half_y, (Height01(f) - 0.5) * kSurfaceHeight};
}

namespace {
// Where `level` crosses the edge from a (height ha) to b (height hb), on the straight edge.
Vec3 Crossing(const Vec3& a, const Vec3& b, double ha, double hb, double level) {
    const double t = (level - ha) / (hb - ha);
    return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y), a.z + t * (b.z - a.z)};
}

// Marching squares in one quad for one level: 0, 1 or 2 segments appended to out.
void QuadContour(const Vec3 p[4], const double hgt[4], double level, double z, std::vector<Vec3>& out) {
    Vec3 cut[4];
    int n = 0;
    for (int e = 0; e < 4; ++e) {
        const int a = e, b = (e + 1) % 4;
        if ((hgt[a] < level) != (hgt[b] < level)) {
            cut[n] = Crossing(p[a], p[b], hgt[a], hgt[b], level);
            cut[n++].z = z;
        }
    }
    if (n == 2) {
        out.push_back(cut[0]);
        out.push_back(cut[1]);
    } else if (n == 4) {
        // Two corners above, two below, diagonally: the centre decides which pairs join.
        // Edges 0..3 start at corners 0..3; corner 0 sits between edges 3 and 0.
        const double centre = 0.25 * (hgt[0] + hgt[1] + hgt[2] + hgt[3]);
        const bool joined = (centre < level) == (hgt[0] < level); // corner 0's side runs through the centre
        if (joined) { // cut off corners 1 and 3
            out.push_back(cut[0]); out.push_back(cut[1]);
            out.push_back(cut[2]); out.push_back(cut[3]);
        } else { // cut off corners 0 and 2
            out.push_back(cut[3]); out.push_back(cut[0]);
            out.push_back(cut[1]); out.push_back(cut[2]);
        }
    }
}
} // namespace

SurfaceMesh BuildSurfaceMesh(const Landscape2D& f, int nx, int ny, HeightScale scale, int contour_levels) {
    SurfaceMesh m;
    m.nx = std::clamp(nx, 2, 256);
    m.ny = std::clamp(ny, 2, 256);
    m.range = f.range();
    m.scale = scale;
    m.contour_levels = std::clamp(contour_levels, 0, 64);
    m.loss = SampleLandscape2D(f, m.nx, m.ny);
    m.f_lo = HUGE_VAL;
    m.f_hi = -HUGE_VAL;
    for (double v : m.loss) {
        if (!std::isfinite(v)) continue;
        m.f_lo = std::min(m.f_lo, v);
        m.f_hi = std::max(m.f_hi, v);
    }
    // The known critical points too, so that a marker never sinks below the lowest sample.
    for (const CriticalPoint2D& p : f.critical_points()) {
        if (!std::isfinite(p.f)) continue;
        m.f_lo = std::min(m.f_lo, p.f);
        m.f_hi = std::max(m.f_hi, p.f);
    }
    if (!(m.f_lo <= m.f_hi)) { m.f_lo = 0; m.f_hi = 1; }
    const double wx = m.range.xhi - m.range.xlo, wy = m.range.yhi - m.range.ylo;
    const double longer = std::max(wx, wy);
    m.half_x = wx / longer;
    m.half_y = wy / longer;

    m.vertex.resize(m.loss.size());
    for (int j = 0; j < m.ny; ++j) {
        const double y = m.range.ylo + wy * j / (m.ny - 1);
        for (int i = 0; i < m.nx; ++i) {
            const double x = m.range.xlo + wx * i / (m.nx - 1);
            m.vertex[m.VertexIndex(i, j)] = m.World(x, y, m.loss[m.VertexIndex(i, j)]);
        }
    }

    // Vertex normals from the neighbouring samples (one-sided at the edges).
    m.vertex_level.resize(m.vertex.size());
    m.vertex_light.resize(m.vertex.size());
    for (int j = 0; j < m.ny; ++j) {
        for (int i = 0; i < m.nx; ++i) {
            const Vec3& l = m.vertex[m.VertexIndex(std::max(i - 1, 0), j)];
            const Vec3& r = m.vertex[m.VertexIndex(std::min(i + 1, m.nx - 1), j)];
            const Vec3& d = m.vertex[m.VertexIndex(i, std::max(j - 1, 0))];
            const Vec3& u = m.vertex[m.VertexIndex(i, std::min(j + 1, m.ny - 1))];
            const Vec3 n = Unit(Cross(Sub(r, l), Sub(u, d)));
            const int v = m.VertexIndex(i, j);
            m.vertex_level[v] = float(m.vertex[v].z / kSurfaceHeight + 0.5);
            m.vertex_light[v] = float(std::max(0.0, Dot(n, kLightDir)));
        }
    }

    const int nq = m.quads();
    m.level.resize(nq);
    m.light.resize(nq);
    m.contour_first.resize(nq + 1);
    for (int q = 0; q < nq; ++q) {
        int c[4];
        m.QuadCorners(q, c);
        Vec3 p[4];
        double hgt[4];
        for (int k = 0; k < 4; ++k) {
            p[k] = m.vertex[c[k]];
            hgt[k] = p[k].z / kSurfaceHeight + 0.5; // back to 0 .. 1
        }
        m.level[q] = float(0.25 * (hgt[0] + hgt[1] + hgt[2] + hgt[3]));
        // The normal from the two diagonals (points up: z > 0 for a height field).
        const Vec3 n = Unit(Cross(Sub(p[2], p[0]), Sub(p[3], p[1])));
        m.light[q] = float(std::max(0.0, Dot(n, kLightDir)));
        m.contour_first[q] = int(m.contour.size() / 2);
        for (int k = 0; k < m.contour_levels; ++k) {
            const double lv = (k + 0.5) / m.contour_levels;
            QuadContour(p, hgt, lv, (lv - 0.5) * kSurfaceHeight, m.contour);
        }
    }
    m.contour_first[nq] = int(m.contour.size() / 2);
    return m;
}

//-----------------------------------------------------------------------------
// [SECTION] Camera3D and projection
//-----------------------------------------------------------------------------

double WrapDegrees(double deg) {
    if (!std::isfinite(deg)) return 0;
    double r = std::fmod(deg, 360.0);
    if (r <= -180) r += 360;
    if (r > 180) r -= 360;
    return r;
}

namespace {
constexpr double kEye = 6.0; // the eye's distance in front of the centre, world units
// The point in camera space before scaling: right, up, depth and the perspective factor.
struct Raw { double right, up, depth, k; };
Raw Turn(double ct, double st, double cp, double sp, const Vec3& p) {
    const double x1 = p.x * ct - p.y * st;
    const double y1 = p.x * st + p.y * ct;
    const double up = p.z * cp + y1 * sp;
    const double depth = y1 * cp - p.z * sp;
    return {x1, up, depth, kEye / (kEye + depth)};
}
} // namespace

// Turn by yaw about z, tilt by pitch about the screen's horizontal axis, then a gentle
// perspective with the eye kEye world units in front of the centre. The fit: the outline
// of the world box's 8 corners over a full turn (every 5 degrees), 3% margin each side.
Projector MakeProjector(const Camera3D& cam, float w, float h) {
    Projector pr;
    const double t = cam.yaw * kPi / 180, ph = cam.pitch * kPi / 180;
    pr.ct = std::cos(t);
    pr.st = std::sin(t);
    pr.cp = std::cos(ph);
    pr.sp = std::sin(ph);
    double left = HUGE_VAL, right = -HUGE_VAL, bottom = HUGE_VAL, top = -HUGE_VAL;
    for (int a = 0; a < 72; ++a) {
        const double ta = a * kPi / 36;
        for (int c = 0; c < 8; ++c) {
            const Vec3 corner{c & 1 ? kBoxHalf : -kBoxHalf, c & 2 ? kBoxHalf : -kBoxHalf, c & 4 ? 0.5 * kSurfaceHeight : kFloorZ};
            const Raw r = Turn(std::cos(ta), std::sin(ta), pr.cp, pr.sp, corner);
            left = std::min(left, r.right * r.k);
            right = std::max(right, r.right * r.k);
            bottom = std::min(bottom, r.up * r.k);
            top = std::max(top, r.up * r.k);
        }
    }
    const double fit = 0.94 * std::min(double(w) / (right - left), double(h) / (top - bottom));
    pr.scale = cam.zoom * fit;
    pr.cx = 0.5 * w - pr.scale * 0.5 * (left + right);
    pr.cy = 0.5 * h + pr.scale * 0.5 * (top + bottom);
    return pr;
}

ScreenPoint Projector::operator()(const Vec3& p) const {
    const Raw r = Turn(ct, st, cp, sp, p);
    return {float(cx + scale * r.right * r.k), float(cy - scale * r.up * r.k), float(r.depth)};
}

ScreenPoint Project(const Camera3D& cam, const Vec3& p, float w, float h) { return MakeProjector(cam, w, h)(p); }

//-----------------------------------------------------------------------------
// [SECTION] ProjectedMesh
//-----------------------------------------------------------------------------

void ProjectMesh(const SurfaceMesh& mesh, const Camera3D& cam, float w, float h, ProjectedMesh* out) {
    if (!out) return;
    out->camera = cam;
    out->w = w;
    out->h = h;
    const Projector project = MakeProjector(cam, w, h);
    out->vertex.resize(mesh.vertex.size());
    for (size_t i = 0; i < mesh.vertex.size(); ++i) out->vertex[i] = project(mesh.vertex[i]);
    out->contour.resize(mesh.contour.size());
    for (size_t i = 0; i < mesh.contour.size(); ++i) out->contour[i] = project(mesh.contour[i]);
    const int nq = mesh.quads();
    std::vector<float> depth(nq);
    for (int q = 0; q < nq; ++q) {
        int c[4];
        mesh.QuadCorners(q, c);
        depth[q] = out->vertex[c[0]].depth + out->vertex[c[1]].depth + out->vertex[c[2]].depth + out->vertex[c[3]].depth;
    }
    out->order.resize(nq);
    std::iota(out->order.begin(), out->order.end(), 0);
    std::stable_sort(out->order.begin(), out->order.end(), [&](int a, int b) { return depth[a] > depth[b]; });
}

} // namespace downhill
