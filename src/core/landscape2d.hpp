// landscape2d.hpp: two-dimensional loss surfaces, each with its gradient, Hessian,
// drawn range, a suggested start and its known critical points (the answers a test
// and the 3D view's markers use).
//
// Index
//   [SECTION] Plain types: Vec2, Hessian2, Range2D, CriticalPoint2D
//   [SECTION] Landscape2D interface
//   [SECTION] Surfaces: bowl, ravine, Rosenbrock, Himmelblau, saddle, lesson
//   [SECTION] FormulaSurface2D: a surface the learner types
//   [SECTION] Factory by name
//   [SECTION] Numerical helpers: critical point search, sampling
//
// How to use: auto f = MakeLandscape2D("lesson"); draw f->value over f->range(); mark
// f->critical_points(); hand f to an optimizer run (optim/run.hpp) or a basin map (maps.hpp).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formula.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Plain types
//-----------------------------------------------------------------------------

struct Vec2 {
    double x = 0, y = 0;
};

// The symmetric 2x2 matrix of second derivatives [[xx, xy], [xy, yy]].
struct Hessian2 {
    double xx = 0, xy = 0, yy = 0;
};

// The drawn rectangle [xlo, xhi] x [ylo, yhi].
struct Range2D {
    double xlo = -1, xhi = 1, ylo = -1, yhi = 1;
};

// What a point with zero gradient is, from its Hessian's eigenvalues.
enum class CriticalKind {
    GlobalMin, // both eigenvalues > 0 and the lowest such point in the range
    LocalMin,  // both eigenvalues > 0, not the lowest
    Saddle,    // one eigenvalue > 0, one < 0: curves up one way, down the other
    Max,       // both eigenvalues < 0
};
const char* CriticalKindName(CriticalKind k); // "global-min", "local-min", "saddle", "max"

struct CriticalPoint2D {
    double x = 0, y = 0; // location
    double f = 0;        // value there
    CriticalKind kind = CriticalKind::GlobalMin;
};

//-----------------------------------------------------------------------------
// [SECTION] Landscape2D interface
//-----------------------------------------------------------------------------

// A smooth surface f: R^2 -> R with its gradient and Hessian.
struct Landscape2D {
    virtual ~Landscape2D() = default;
    virtual const char* name() const = 0;                        // stable id, e.g. "rosenbrock"
    virtual double value(double x, double y) const = 0;          // f(x, y)
    virtual Vec2 gradient(double x, double y) const = 0;         // (df/dx, df/dy)
    virtual Hessian2 hessian(double x, double y) const = 0;      // second derivatives
    virtual Range2D range() const = 0;                           // drawn rectangle
    virtual Vec2 start() const = 0;                              // a suggested start inside range()
    // Every critical point inside range(), exact or refined to ~1e-12: minima first
    // (global before local), then saddles, then maxima; each group left to right.
    virtual std::vector<CriticalPoint2D> critical_points() const = 0;
    // "" where f is defined at (x, y); else why not, in words ("log of a negative number or
    // zero at (x, y) = (-1, 2) ..."). Only a typed formula has points outside its domain.
    virtual std::string undefined_at(double, double) const { return ""; }
    // Names this exact surface for caches: its name(), or for a typed surface its formula
    // and range too (two typed surfaces share a name but not a key).
    virtual std::string key() const { return name(); }
};

//-----------------------------------------------------------------------------
// [SECTION] Surfaces
//-----------------------------------------------------------------------------

// Round bowl f = x^2 + y^2. Hessian 2I everywhere; gradient descent is stable for eta < 1.
// One global minimum at (0, 0).
struct Bowl2D final : Landscape2D {
    const char* name() const override { return "bowl"; }
    double value(double x, double y) const override { return x * x + y * y; }
    Vec2 gradient(double x, double y) const override { return {2 * x, 2 * y}; }
    Hessian2 hessian(double, double) const override { return {2, 0, 2}; }
    Range2D range() const override { return {-3, 3, -3, 3}; }
    Vec2 start() const override { return {-2.4, 1.8}; }
    std::vector<CriticalPoint2D> critical_points() const override;
};

// Elongated ravine f = 0.5 x^2 + 12.5 y^2: Hessian diag(1, 25), condition number 25.
// Gradient descent must keep eta < 2/25 = 0.08 for the steep y direction, which makes
// progress along the shallow x direction slow: the zig-zag momentum fixes.
// One global minimum at (0, 0).
struct Ravine2D final : Landscape2D {
    const char* name() const override { return "ravine"; }
    double value(double x, double y) const override { return 0.5 * x * x + 12.5 * y * y; }
    Vec2 gradient(double x, double y) const override { return {x, 25 * y}; }
    Hessian2 hessian(double, double) const override { return {1, 0, 25}; }
    Range2D range() const override { return {-5, 5, -2, 2}; }
    Vec2 start() const override { return {-4.5, 1.2}; }
    std::vector<CriticalPoint2D> critical_points() const override;
};

// Rosenbrock's banana valley f = (a - x)^2 + b (y - x^2)^2 with a = 1, b = 100
// (Rosenbrock 1960). One global minimum f = 0 at (1, 1), at the end of a long curved,
// nearly flat valley. Classic start (-1.2, 1).
struct Rosenbrock2D final : Landscape2D {
    const char* name() const override { return "rosenbrock"; }
    double value(double x, double y) const override;
    Vec2 gradient(double x, double y) const override;
    Hessian2 hessian(double x, double y) const override;
    Range2D range() const override { return {-2, 2, -1, 3}; }
    Vec2 start() const override { return {-1.2, 1.0}; }
    std::vector<CriticalPoint2D> critical_points() const override;
};

// Himmelblau's function f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 (Himmelblau 1972).
// Four global minima, all f = 0: (3, 2), (-2.805118, 3.131312), (-3.779310, -3.283186),
// (3.584428, -1.848126); four saddles; one maximum at (-0.270845, -0.923039), f ~ 181.617.
struct Himmelblau2D final : Landscape2D {
    const char* name() const override { return "himmelblau"; }
    double value(double x, double y) const override;
    Vec2 gradient(double x, double y) const override;
    Hessian2 hessian(double x, double y) const override;
    Range2D range() const override { return {-5, 5, -5, 5}; }
    Vec2 start() const override { return {0.0, 0.0}; }
    std::vector<CriticalPoint2D> critical_points() const override;
};

// Horse saddle f = x^2 - y^2: the origin is a saddle (up along x, down along y) and the
// surface falls without bound along y, so every run that leaves y = 0 eventually diverges.
struct Saddle2D final : Landscape2D {
    const char* name() const override { return "saddle"; }
    double value(double x, double y) const override { return x * x - y * y; }
    Vec2 gradient(double x, double y) const override { return {2 * x, -2 * y}; }
    Hessian2 hessian(double, double) const override { return {2, 0, -2}; }
    Range2D range() const override { return {-2, 2, -2, 2}; }
    Vec2 start() const override { return {1.8, 0.05}; }
    std::vector<CriticalPoint2D> critical_points() const override;
};

// The surface of the loss-landscape lesson: a gentle bowl with two Gaussian wells, so it
// has exactly one global minimum, one local minimum and one saddle point between them.
//   f = 0.05 (x^2 + y^2) - 2.0 exp(-((x - 1.5)^2 + (y - 1.0)^2) / 1.6)
//                        - 1.3 exp(-((x + 1.6)^2 + (y + 1.3)^2) / 1.2)
// Critical points (see critical_points(); the test checks there are no others in range):
//   global minimum (1.442124, 0.961415), f ~ -1.843767;
//   local minimum (-1.528462, -1.241909), f ~ -1.097186;
//   saddle (-0.245449, -0.268739), f ~ -0.218456 (the pass between the two wells).
struct Lesson2D final : Landscape2D {
    const char* name() const override { return "lesson"; }
    double value(double x, double y) const override;
    Vec2 gradient(double x, double y) const override;
    Hessian2 hessian(double x, double y) const override;
    Range2D range() const override { return {-4, 4, -4, 4}; }
    Vec2 start() const override { return {-3.2, -2.6}; }
    std::vector<CriticalPoint2D> critical_points() const override;
};

//-----------------------------------------------------------------------------
// [SECTION] FormulaSurface2D
//-----------------------------------------------------------------------------

// A surface typed by the learner (formula.hpp, a function of x and y), drawn over the
// rectangle they choose. Value, gradient and Hessian are exact (the formula's Jet2). Its
// critical points are found numerically once, when it is made (FindCriticalPoints2D,
// classified by the Hessian), and kept. Outside its domain (log of a negative number, a
// division by zero) value, gradient and Hessian are NaN and undefined_at() says why; the
// drawn rectangle itself is checked to be inside the domain.
struct FormulaSurface2D final : Landscape2D {
    static constexpr double kMaxRange = 1000;   // lower ends in [-1000, 999], upper in [-999, 1000], lo < hi
    static constexpr int kRangeSamples = 41;    // points along each side checked to be defined
    static constexpr int kMaxCriticalPoints = 64; // more than this: only the first are kept
    // Compiles `text` (in x and y) and checks the rectangle `r`: "" and *out filled, or why
    // not (the formula's message naming the position, or what is wrong with the range).
    static std::string Make(std::string_view text, const Range2D& r, FormulaSurface2D* out);

    const char* name() const override { return "formula"; }
    double value(double x, double y) const override { return formula_.Value(x, y); }
    Vec2 gradient(double x, double y) const override;
    Hessian2 hessian(double x, double y) const override;
    Range2D range() const override { return range_; }
    // 15% of the way in from the lower-left corner (or, where the formula is undefined
    // there, the first defined point of a few further in).
    Vec2 start() const override { return start_; }
    std::vector<CriticalPoint2D> critical_points() const override { return critical_; }
    std::string undefined_at(double x, double y) const override;
    std::string key() const override;
    const Formula& formula() const { return formula_; }

private:
    Formula formula_;
    Range2D range_{-5, 5, -5, 5};
    Vec2 start_;
    std::vector<CriticalPoint2D> critical_;
};

//-----------------------------------------------------------------------------
// [SECTION] Factory by name
//-----------------------------------------------------------------------------

// Names accepted by MakeLandscape2D: "bowl", "ravine", "rosenbrock", "himmelblau",
// "saddle", "lesson".
const std::vector<std::string>& Landscape2DNames();

// A new surface of that name, or null for an unknown name.
std::unique_ptr<Landscape2D> MakeLandscape2D(const std::string& name);

//-----------------------------------------------------------------------------
// [SECTION] Numerical helpers
//-----------------------------------------------------------------------------

// Kind of a critical point from its Hessian alone (GlobalMin for any minimum: telling
// global from local needs the other minima). A singular Hessian counts as a saddle.
CriticalKind ClassifyHessian(const Hessian2& h);

// Newton's method on the gradient from (x, y): true and the refined point in *out when it
// converges (|gradient| < 1e-10) within 100 iterations, false otherwise.
bool RefineCriticalPoint(const Landscape2D& f, double x, double y, CriticalPoint2D* out);

// Every critical point found by Newton from a grid x grid of seeds over the range (plus
// a margin outside it), deduplicated, kept if inside range(), classified, and ordered
// as critical_points() documents. A numerical search: used to verify the known lists.
std::vector<CriticalPoint2D> FindCriticalPoints2D(const Landscape2D& f, int grid = 60);

// f on an nx x ny grid over range(), row-major (row j = y from ylo to yhi, column i = x
// from xlo to xhi, ends included). Empty when nx or ny is below 2 or absurdly large.
std::vector<double> SampleLandscape2D(const Landscape2D& f, int nx, int ny);

} // namespace downhill
