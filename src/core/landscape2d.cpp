// landscape2d.cpp: see landscape2d.hpp.
//
// Index
//   [SECTION] Helpers
//   [SECTION] Surfaces
//   [SECTION] FormulaSurface2D
//   [SECTION] Factory by name
//   [SECTION] Numerical helpers
#include "landscape2d.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

const char* CriticalKindName(CriticalKind k) {
    switch (k) {
    case CriticalKind::GlobalMin: return "global-min";
    case CriticalKind::LocalMin: return "local-min";
    case CriticalKind::Saddle: return "saddle";
    case CriticalKind::Max: return "max";
    }
    return "saddle";
}

CriticalKind ClassifyHessian(const Hessian2& h) {
    const double det = h.xx * h.yy - h.xy * h.xy;
    if (!(det > 0)) return CriticalKind::Saddle;
    return h.xx > 0 ? CriticalKind::GlobalMin : CriticalKind::Max;
}

static bool Inside(const Range2D& r, double x, double y) {
    return x >= r.xlo && x <= r.xhi && y >= r.ylo && y <= r.yhi;
}

static int KindOrder(CriticalKind k) { return static_cast<int>(k); }

// Minima first, the lowest one(s) global; then saddles, then maxima; left to right.
static void ClassifyAndSort(std::vector<CriticalPoint2D>& pts) {
    double lowest = HUGE_VAL;
    for (const auto& p : pts)
        if (p.kind == CriticalKind::GlobalMin || p.kind == CriticalKind::LocalMin) lowest = std::min(lowest, p.f);
    const double tol = 1e-9 * (1.0 + std::fabs(lowest));
    for (auto& p : pts) {
        if (p.kind == CriticalKind::GlobalMin || p.kind == CriticalKind::LocalMin)
            p.kind = (p.f <= lowest + tol) ? CriticalKind::GlobalMin : CriticalKind::LocalMin;
    }
    std::sort(pts.begin(), pts.end(), [](const CriticalPoint2D& a, const CriticalPoint2D& b) {
        if (a.kind != b.kind) return KindOrder(a.kind) < KindOrder(b.kind);
        if (a.x != b.x) return a.x < b.x;
        return a.y < b.y;
    });
}

// The known list of a surface from approximate locations, each refined by Newton.
static std::vector<CriticalPoint2D> RefineAll(const Landscape2D& f, std::initializer_list<Vec2> guesses) {
    std::vector<CriticalPoint2D> out;
    for (const Vec2& g : guesses) {
        CriticalPoint2D p;
        if (RefineCriticalPoint(f, g.x, g.y, &p)) out.push_back(p);
    }
    ClassifyAndSort(out);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Surfaces
//-----------------------------------------------------------------------------

std::vector<CriticalPoint2D> Bowl2D::critical_points() const { return {{0, 0, 0, CriticalKind::GlobalMin}}; }
std::vector<CriticalPoint2D> Ravine2D::critical_points() const { return {{0, 0, 0, CriticalKind::GlobalMin}}; }
std::vector<CriticalPoint2D> Saddle2D::critical_points() const { return {{0, 0, 0, CriticalKind::Saddle}}; }

double Rosenbrock2D::value(double x, double y) const {
    const double a = 1.0 - x, b = y - x * x;
    return a * a + 100.0 * b * b;
}
Vec2 Rosenbrock2D::gradient(double x, double y) const {
    const double b = y - x * x;
    return {-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b};
}
Hessian2 Rosenbrock2D::hessian(double x, double y) const {
    return {2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x, 200.0};
}
std::vector<CriticalPoint2D> Rosenbrock2D::critical_points() const { return {{1, 1, 0, CriticalKind::GlobalMin}}; }

double Himmelblau2D::value(double x, double y) const {
    const double a = x * x + y - 11.0, b = x + y * y - 7.0;
    return a * a + b * b;
}
Vec2 Himmelblau2D::gradient(double x, double y) const {
    const double a = x * x + y - 11.0, b = x + y * y - 7.0;
    return {4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b};
}
Hessian2 Himmelblau2D::hessian(double x, double y) const {
    const double a = x * x + y - 11.0, b = x + y * y - 7.0;
    return {4.0 * a + 8.0 * x * x + 2.0, 4.0 * (x + y), 2.0 + 4.0 * b + 8.0 * y * y};
}
std::vector<CriticalPoint2D> Himmelblau2D::critical_points() const {
    return RefineAll(*this, {{3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126},
                             {0.086677, 2.884254}, {-3.073026, -0.081353}, {3.385154, 0.073852},
                             {-0.127961, -1.953715}, {-0.270845, -0.923039}});
}

// The lesson surface: bowl + two wells; the constants are the ones in the header.
namespace {
struct Well {
    double depth, cx, cy, width; // -depth * exp(-((x-cx)^2 + (y-cy)^2) / width)
};
constexpr double kLessonBowl = 0.05;
constexpr Well kLessonWells[2] = {{2.0, 1.5, 1.0, 1.6}, {1.3, -1.6, -1.3, 1.2}};
} // namespace

double Lesson2D::value(double x, double y) const {
    double f = kLessonBowl * (x * x + y * y);
    for (const Well& w : kLessonWells) {
        const double dx = x - w.cx, dy = y - w.cy;
        f -= w.depth * std::exp(-(dx * dx + dy * dy) / w.width);
    }
    return f;
}
Vec2 Lesson2D::gradient(double x, double y) const {
    Vec2 g{2 * kLessonBowl * x, 2 * kLessonBowl * y};
    for (const Well& w : kLessonWells) {
        const double dx = x - w.cx, dy = y - w.cy;
        const double e = w.depth * std::exp(-(dx * dx + dy * dy) / w.width);
        const double k = 2.0 / w.width;
        g.x += e * k * dx; // d/dx of -depth*exp(-r^2/width)
        g.y += e * k * dy;
    }
    return g;
}
Hessian2 Lesson2D::hessian(double x, double y) const {
    Hessian2 h{2 * kLessonBowl, 0, 2 * kLessonBowl};
    for (const Well& w : kLessonWells) {
        const double dx = x - w.cx, dy = y - w.cy;
        const double e = w.depth * std::exp(-(dx * dx + dy * dy) / w.width);
        const double k = 2.0 / w.width;
        h.xx += e * k * (1.0 - k * dx * dx);
        h.xy -= e * k * k * dx * dy;
        h.yy += e * k * (1.0 - k * dy * dy);
    }
    return h;
}
std::vector<CriticalPoint2D> Lesson2D::critical_points() const {
    return RefineAll(*this, {{1.442124, 0.961415}, {-1.528462, -1.241909}, {-0.245449, -0.268739}});
}

//-----------------------------------------------------------------------------
// [SECTION] FormulaSurface2D
//-----------------------------------------------------------------------------

static std::string Where2(double x, double y) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "(x, y) = (%.4g, %.4g)", x, y);
    return buf;
}

Vec2 FormulaSurface2D::gradient(double x, double y) const {
    Jet2 j;
    formula_.Eval(x, y, &j);
    return {j.gx, j.gy};
}

Hessian2 FormulaSurface2D::hessian(double x, double y) const {
    Jet2 j;
    formula_.Eval(x, y, &j);
    return {j.hxx, j.hxy, j.hyy};
}

std::string FormulaSurface2D::undefined_at(double x, double y) const {
    Jet2 j;
    const FormulaIssue is = formula_.Eval(x, y, &j);
    if (!is.ok()) return FormulaIssueMessage(is, Where2(x, y));
    return "";
}

std::string FormulaSurface2D::key() const {
    char buf[128];
    std::snprintf(buf, sizeof buf, "formula [%.17g, %.17g] x [%.17g, %.17g] ", range_.xlo, range_.xhi, range_.ylo, range_.yhi);
    return buf + formula_.text();
}

// A typed surface's critical points: the numerical search, without points where the
// Hessian is exactly singular (a flat surface would give one per seed), points of one kind
// closer than a thousandth of the range merged (a degenerate minimum such as x^4 + y^4 is
// approached from many seeds), and at most kMaxCriticalPoints kept.
static std::vector<CriticalPoint2D> FindFormulaCriticalPoints(const Landscape2D& f) {
    const std::vector<CriticalPoint2D> found = FindCriticalPoints2D(f, 60);
    const Range2D r = f.range();
    const double merge = 1e-3 * std::max(r.xhi - r.xlo, r.yhi - r.ylo);
    std::vector<CriticalPoint2D> out;
    for (const CriticalPoint2D& p : found) {
        const Hessian2 h = f.hessian(p.x, p.y);
        if (!(std::fabs(h.xx * h.yy - h.xy * h.xy) > 1e-20)) continue;
        bool near = false;
        for (const CriticalPoint2D& q : out)
            near = near || (q.kind == p.kind && std::hypot(q.x - p.x, q.y - p.y) < merge);
        if (near) continue;
        out.push_back(p);
        if (int(out.size()) >= FormulaSurface2D::kMaxCriticalPoints) break;
    }
    return out;
}

std::string FormulaSurface2D::Make(std::string_view text, const Range2D& r, FormulaSurface2D* out) {
    const auto bad_side = [](double lo, double hi) { return !std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi); };
    if (bad_side(r.xlo, r.xhi) || bad_side(r.ylo, r.yhi))
        return "The range must be numbers, each lower end smaller than its upper end.";
    const auto out_side = [](double lo, double hi) {
        return lo < -kMaxRange || hi > kMaxRange || lo > kMaxRange - 1 || hi < -kMaxRange + 1;
    };
    if (out_side(r.xlo, r.xhi) || out_side(r.ylo, r.yhi))
        return "The range must lie between -1000 and 1000 (each lower end at most 999, each upper end at least -999).";
    FormulaSurface2D s;
    const std::string error = Formula::Compile(text, 2, &s.formula_);
    if (!error.empty()) return error;
    s.range_ = r;
    for (int j = 0; j < kRangeSamples; ++j) {
        const double y = r.ylo + (r.yhi - r.ylo) * j / (kRangeSamples - 1);
        for (int i = 0; i < kRangeSamples; ++i) {
            const double x = r.xlo + (r.xhi - r.xlo) * i / (kRangeSamples - 1);
            Jet2 jet;
            const FormulaIssue is = s.formula_.Eval(x, y, &jet);
            if (!is.ok())
                return "The surface is not defined everywhere on the range: " + FormulaIssueMessage(is, Where2(x, y)) +
                       ". Choose a range where it is.";
            if (std::fabs(jet.v) > 1e12) return "The surface is too large to draw at " + Where2(x, y) + " (more than 1e12).";
        }
    }
    const double w = r.xhi - r.xlo, h = r.yhi - r.ylo;
    s.start_ = {r.xlo + 0.15 * w, r.ylo + 0.15 * h};
    for (const double t : {0.15, 0.2, 0.25, 0.1, 0.3}) {
        const Vec2 p{r.xlo + t * w, r.ylo + t * h};
        if (s.undefined_at(p.x, p.y).empty()) { s.start_ = p; break; }
    }
    s.critical_ = FindFormulaCriticalPoints(s);
    *out = std::move(s);
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] Factory by name
//-----------------------------------------------------------------------------

const std::vector<std::string>& Landscape2DNames() {
    static const std::vector<std::string> names = {"bowl", "ravine", "rosenbrock", "himmelblau", "saddle", "lesson"};
    return names;
}

std::unique_ptr<Landscape2D> MakeLandscape2D(const std::string& name) {
    if (name == "bowl") return std::make_unique<Bowl2D>();
    if (name == "ravine") return std::make_unique<Ravine2D>();
    if (name == "rosenbrock") return std::make_unique<Rosenbrock2D>();
    if (name == "himmelblau") return std::make_unique<Himmelblau2D>();
    if (name == "saddle") return std::make_unique<Saddle2D>();
    if (name == "lesson") return std::make_unique<Lesson2D>();
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Numerical helpers
//-----------------------------------------------------------------------------

bool RefineCriticalPoint(const Landscape2D& f, double x, double y, CriticalPoint2D* out) {
    if (!std::isfinite(x) || !std::isfinite(y)) return false;
    const Range2D r = f.range();
    const double scale = std::max(r.xhi - r.xlo, r.yhi - r.ylo);
    for (int it = 0; it < 100; ++it) {
        const Vec2 g = f.gradient(x, y);
        if (!std::isfinite(g.x) || !std::isfinite(g.y)) return false;
        if (std::fabs(g.x) < 1e-10 && std::fabs(g.y) < 1e-10) {
            if (out) *out = {x, y, f.value(x, y), ClassifyHessian(f.hessian(x, y))};
            return true;
        }
        const Hessian2 h = f.hessian(x, y);
        const double det = h.xx * h.yy - h.xy * h.xy;
        if (!(std::fabs(det) > 1e-300) || !std::isfinite(det)) return false;
        double dx = (h.yy * g.x - h.xy * g.y) / det;
        double dy = (h.xx * g.y - h.xy * g.x) / det;
        // Keep each step within a tenth of the range, so a seed cannot jump far away.
        const double len = std::sqrt(dx * dx + dy * dy);
        if (!std::isfinite(len)) return false;
        if (len > 0.1 * scale) {
            dx *= 0.1 * scale / len;
            dy *= 0.1 * scale / len;
        }
        x -= dx;
        y -= dy;
    }
    return false;
}

std::vector<CriticalPoint2D> FindCriticalPoints2D(const Landscape2D& f, int grid) {
    std::vector<CriticalPoint2D> found;
    grid = std::clamp(grid, 2, 1000);
    const Range2D r = f.range();
    const double mx = 0.05 * (r.xhi - r.xlo), my = 0.05 * (r.yhi - r.ylo);
    const double tol = 1e-6 * std::max(r.xhi - r.xlo, r.yhi - r.ylo);
    for (int j = 0; j < grid; ++j) {
        for (int i = 0; i < grid; ++i) {
            const double x = r.xlo - mx + (r.xhi - r.xlo + 2 * mx) * i / (grid - 1);
            const double y = r.ylo - my + (r.yhi - r.ylo + 2 * my) * j / (grid - 1);
            CriticalPoint2D p;
            if (!RefineCriticalPoint(f, x, y, &p) || !Inside(r, p.x, p.y)) continue;
            bool seen = false;
            for (const auto& q : found) seen = seen || (std::fabs(q.x - p.x) < tol && std::fabs(q.y - p.y) < tol);
            if (!seen) found.push_back(p);
        }
    }
    ClassifyAndSort(found);
    return found;
}

std::vector<double> SampleLandscape2D(const Landscape2D& f, int nx, int ny) {
    std::vector<double> out;
    if (nx < 2 || ny < 2 || nx > 8192 || ny > 8192) return out;
    out.resize(static_cast<size_t>(nx) * static_cast<size_t>(ny));
    const Range2D r = f.range();
    for (int j = 0; j < ny; ++j) {
        const double y = r.ylo + (r.yhi - r.ylo) * j / (ny - 1);
        for (int i = 0; i < nx; ++i)
            out[static_cast<size_t>(j) * nx + i] = f.value(r.xlo + (r.xhi - r.xlo) * i / (nx - 1), y);
    }
    return out;
}

} // namespace downhill
