// landscape1d.cpp: see landscape1d.hpp.
#include "landscape1d.hpp"

#include <cmath>
#include <cstdio>

namespace downhill {

double CourseCurve::value(double x) const {
    return 0.12 * x * x + TableSin(2.4 * x) + 0.3 * TableCos(5.0 * x);
}
double CourseCurve::slope(double x) const { return CourseSlope(x); }
double CourseCurve::curvature(double x) const {
    return 0.24 - 5.76 * TableSin(2.4 * x) - 7.5 * TableCos(5.0 * x);
}

// Root of f' inside [a, b] where f'(a) and f'(b) differ in sign: Newton steps on f',
// falling back to bisection whenever a step leaves the bracket.
static double RefineRoot(const Landscape1D& f, double a, double b) {
    double ga = f.slope(a);
    double x = 0.5 * (a + b);
    for (int i = 0; i < 100; ++i) {
        const double g = f.slope(x);
        if (g == 0.0) return x;
        if ((g < 0) == (ga < 0)) { a = x; ga = g; } else { b = x; }
        const double h = f.curvature(x);
        double next = (h != 0.0) ? x - g / h : 0.5 * (a + b);
        if (!(next > a && next < b)) next = 0.5 * (a + b);
        if (std::fabs(next - x) < 1e-13) return next;
        x = next;
    }
    return x;
}

std::vector<StationaryPoint> Stationary1D(const Landscape1D& f, int grid) {
    std::vector<StationaryPoint> out;
    const double lo = f.lo(), hi = f.hi();
    double x0 = lo, g0 = f.slope(lo);
    for (int i = 1; i <= grid; ++i) {
        const double x1 = lo + (hi - lo) * i / grid;
        const double g1 = f.slope(x1);
        // (a typed formula may be undefined between grid points: no bracket ends there)
        if (std::isfinite(g0) && std::isfinite(g1) && (g0 == 0.0 || (g0 < 0) != (g1 < 0))) {
            const double x = (g0 == 0.0) ? x0 : RefineRoot(f, x0, x1);
            const double h = f.curvature(x);
            const bool is_min = h > 0;
            if (std::isfinite(h) && std::isfinite(f.value(x)) && (out.empty() || std::fabs(out.back().x - x) > 1e-9))
                out.push_back({x, f.value(x), h, is_min, is_min ? 2.0 / h : 0.0});
        }
        x0 = x1; g0 = g1;
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] More curves
//-----------------------------------------------------------------------------

double Plateau1D::value(double x) const {
    const double d = x - 2.0;
    return 1.0 - std::exp(-0.5 * d * d);
}
double Plateau1D::slope(double x) const {
    const double d = x - 2.0;
    return d * std::exp(-0.5 * d * d);
}
double Plateau1D::curvature(double x) const {
    const double d = x - 2.0;
    return (1.0 - d * d) * std::exp(-0.5 * d * d);
}

double NarrowValley1D::value(double x) const {
    return 0.1 * x * x + 2.0 * (1.0 - std::exp(-8.0 * x * x));
}
double NarrowValley1D::slope(double x) const {
    return 0.2 * x + 32.0 * x * std::exp(-8.0 * x * x);
}
double NarrowValley1D::curvature(double x) const {
    return 0.2 + 32.0 * (1.0 - 16.0 * x * x) * std::exp(-8.0 * x * x);
}

//-----------------------------------------------------------------------------
// [SECTION] FormulaCurve1D
//-----------------------------------------------------------------------------

static std::string Where(double x) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "x = %.4g", x);
    return buf;
}

std::string FormulaCurve1D::Make(std::string_view text, double lo, double hi, FormulaCurve1D* out) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        return "The range must be two numbers, the left one smaller than the right one.";
    if (lo < -kMaxRange || hi > kMaxRange || lo > kMaxRange - 1 || hi < -kMaxRange + 1)
        return "The range must lie between -1000 and 1000 (its left end at most 999, its right end at least -999).";
    FormulaCurve1D c;
    const std::string error = Formula::Compile(text, 1, &c.formula_);
    if (!error.empty()) return error;
    c.lo_ = lo;
    c.hi_ = hi;
    for (int i = 0; i < kRangeSamples; ++i) {
        const double x = lo + (hi - lo) * i / (kRangeSamples - 1);
        Jet1 j;
        const FormulaIssue is = c.formula_.Eval(x, &j);
        if (!is.ok())
            return "The curve is not defined everywhere on the range: " + FormulaIssueMessage(is, Where(x)) +
                   ". Choose a range where it is.";
        if (std::fabs(j.v) > 1e12) return "The curve is too large to draw at " + Where(x) + " (more than 1e12).";
    }
    *out = std::move(c);
    return "";
}

std::string FormulaCurve1D::undefined_at(double x) const {
    Jet1 j;
    const FormulaIssue is = formula_.Eval(x, &j);
    return is.ok() ? "" : FormulaIssueMessage(is, Where(x));
}

//-----------------------------------------------------------------------------
// [SECTION] Factory by name
//-----------------------------------------------------------------------------

const std::vector<std::string>& Landscape1DNames() {
    static const std::vector<std::string> names = {"course", "bowl", "plateau", "narrow-valley"};
    return names;
}

std::unique_ptr<Landscape1D> MakeLandscape1D(const std::string& name) {
    if (name == "course") return std::make_unique<CourseCurve>();
    if (name == "bowl") return std::make_unique<Bowl1D>();
    if (name == "plateau") return std::make_unique<Plateau1D>();
    if (name == "narrow-valley") return std::make_unique<NarrowValley1D>();
    return nullptr;
}

std::vector<double> SampleLandscape1D(const Landscape1D& f, int n) {
    std::vector<double> out;
    if (n < 2 || n > (1 << 24)) return out;
    out.resize(static_cast<size_t>(n));
    const double lo = f.lo(), hi = f.hi();
    for (int i = 0; i < n; ++i) out[static_cast<size_t>(i)] = f.value(lo + (hi - lo) * i / (n - 1));
    return out;
}

} // namespace downhill
