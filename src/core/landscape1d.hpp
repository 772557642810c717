// landscape1d.hpp: one-dimensional loss curves, each with its slope, curvature and
// the known answers a test can check (its minima).
//
// Index
//   [SECTION] Landscape1D interface
//   [SECTION] CourseCurve: f(x) = 0.12x^2 + sin(2.4x) + 0.3cos(5x)
//   [SECTION] More curves: bowl, plateau, narrow valley
//   [SECTION] FormulaCurve1D: a curve the learner types
//   [SECTION] Factory by name
//
// How to use: MakeLandscape1D("bowl") gives a curve to draw (lo()..hi()) and to run an
// optimizer on; Stationary1D(curve) lists its minima and maxima, left to right.
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formula.hpp"
#include "numerics.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Landscape1D interface
//-----------------------------------------------------------------------------

// A smooth curve f: R -> R with its first and second derivative.
struct Landscape1D {
    virtual ~Landscape1D() = default;
    virtual const char* name() const = 0;              // stable id, e.g. "course"
    virtual double value(double x) const = 0;          // f(x)
    virtual double slope(double x) const = 0;          // f'(x)
    virtual double curvature(double x) const = 0;      // f''(x)
    virtual double lo() const = 0;                     // left end of the drawn range
    virtual double hi() const = 0;                     // right end of the drawn range
    // "" where f is defined at x; else why not, in words ("log of a negative number at x = -1").
    // Only a typed formula has points outside its domain.
    virtual std::string undefined_at(double) const { return ""; }
};

//-----------------------------------------------------------------------------
// [SECTION] CourseCurve
//-----------------------------------------------------------------------------

// The curve of the Roll Downhill lesson: four valleys of different depth.
//   f(x)   = 0.12 x^2 + sin(2.4x) + 0.3 cos(5x)
//   f'(x)  = 0.24 x + 2.4 cos(2.4x) - 1.5 sin(5x)
//   f''(x) = 0.24 - 5.76 sin(2.4x) - 7.5 cos(5x)
// Minima inside [-5, 5] (Stationary1D finds them): x ~ -0.628 (global, f ~ -1.251),
// x ~ 1.885 (f ~ -0.856), x ~ -3.141 (f ~ -0.067) and x ~ 4.396 (f ~ 1.117).
// Sine and cosine are TableSin / TableCos (numerics.hpp); CourseSlope() is slope() for inlining.
struct CourseCurve final : Landscape1D {
    const char* name() const override { return "course"; }
    double value(double x) const override;
    double slope(double x) const override;
    double curvature(double x) const override;
    double lo() const override { return -5.0; }
    double hi() const override { return 5.0; }
};

// CourseCurve::slope, bit for bit, for hot loops that know the curve.
inline double CourseSlope(double x) { return 0.24 * x + 2.4 * TableCos(2.4 * x) - 1.5 * TableSin(5.0 * x); }

// A point where f'(x) = 0.
struct StationaryPoint {
    double x;        // location
    double f;        // f(x)
    double f2;       // f''(x): > 0 minimum, < 0 maximum
    bool is_minimum; // f2 > 0
    double max_stable_lr; // 2 / f''(x) for a minimum (gradient descent converges below it), 0 otherwise
};

// Every stationary point of `f` inside [lo, hi], found by bracketing sign changes of f'
// on a fine grid and refining each with safeguarded Newton / bisection to ~1e-12.
std::vector<StationaryPoint> Stationary1D(const Landscape1D& f, int grid = 4000);

//-----------------------------------------------------------------------------
// [SECTION] More curves
//-----------------------------------------------------------------------------

// The simplest picture: one round bowl. Wherever the ball starts it rolls to x = 0.
//   f(x) = x^2,  f'(x) = 2x,  f''(x) = 2
// Gradient descent gives x_n = (1 - 2 eta)^n x_0: smooth for eta < 0.5, zig-zag for
// 0.5 < eta < 1, a 2-cycle at eta = 1 and divergence for eta > 1 (= 2 / f'').
struct Bowl1D final : Landscape1D {
    const char* name() const override { return "bowl"; }
    double value(double x) const override { return x * x; }
    double slope(double x) const override { return 2.0 * x; }
    double curvature(double) const override { return 2.0; }
    double lo() const override { return -3.0; }
    double hi() const override { return 3.0; }
};

// A long flat shelf on the left, then a drop into a well at x = 2 (a saturated unit:
// the slope far out is tiny, so small steps creep for a long time before the drop).
//   f(x)   = 1 - exp(-(x-2)^2 / 2)
//   f'(x)  = (x-2) exp(-(x-2)^2 / 2)
//   f''(x) = (1 - (x-2)^2) exp(-(x-2)^2 / 2)
// One minimum: x = 2, f = 0, f'' = 1 (stable for eta < 2).
// Far out the slope is tiny: f'(-3) = -5e^-12.5 ~ -1.9e-5.
struct Plateau1D final : Landscape1D {
    const char* name() const override { return "plateau"; }
    double value(double x) const override;
    double slope(double x) const override;
    double curvature(double x) const override;
    double lo() const override { return -5.0; }
    double hi() const override { return 4.0; }
};

// A steep, narrow valley cut into a gentle bowl: far out the slope is mild, at the bottom
// the curvature is 32.2, so only eta < 2/32.2 ~ 0.0621 settles; larger steps jump across.
//   f(x)   = 0.1 x^2 + 2 (1 - exp(-8 x^2))
//   f'(x)  = 0.2 x + 32 x exp(-8 x^2)
//   f''(x) = 0.2 + 32 (1 - 16 x^2) exp(-8 x^2)
// One minimum: x = 0, f = 0.
struct NarrowValley1D final : Landscape1D {
    const char* name() const override { return "narrow-valley"; }
    double value(double x) const override;
    double slope(double x) const override;
    double curvature(double x) const override;
    double lo() const override { return -3.0; }
    double hi() const override { return 3.0; }
};

//-----------------------------------------------------------------------------
// [SECTION] FormulaCurve1D
//-----------------------------------------------------------------------------

// A curve typed by the learner (formula.hpp), drawn over a range they choose. Outside its
// domain (log of a negative number, a division by zero) value, slope and curvature are NaN
// and undefined_at() says why; the drawn range itself is checked to be inside the domain.
struct FormulaCurve1D final : Landscape1D {
    static constexpr double kMaxRange = 1000; // lo in [-1000, 999], hi in [-999, 1000], lo < hi
    static constexpr int kRangeSamples = 401; // points of the range checked to be defined
    // Compiles `text` and checks the range [lo, hi]: "" and *out filled, or why not (the
    // formula's message naming the position, or what is wrong with the range).
    static std::string Make(std::string_view text, double lo, double hi, FormulaCurve1D* out);

    const char* name() const override { return "formula"; }
    double value(double x) const override { return formula_.Value(x); }
    double slope(double x) const override {
        double v, d;
        formula_.Slope(x, &v, &d);
        return d;
    }
    double curvature(double x) const override {
        Jet1 j;
        formula_.Eval(x, &j);
        return j.dd;
    }
    double lo() const override { return lo_; }
    double hi() const override { return hi_; }
    std::string undefined_at(double x) const override;
    const Formula& formula() const { return formula_; }

private:
    Formula formula_;
    double lo_ = -5, hi_ = 5;
};

//-----------------------------------------------------------------------------
// [SECTION] Factory by name
//-----------------------------------------------------------------------------

// Names accepted by MakeLandscape1D: "course", "bowl", "plateau", "narrow-valley".
const std::vector<std::string>& Landscape1DNames();

// A new curve of that name, or null for an unknown name.
std::unique_ptr<Landscape1D> MakeLandscape1D(const std::string& name);

// f at n evenly spaced points from lo() to hi() inclusive (n >= 2; fewer gives an empty list).
std::vector<double> SampleLandscape1D(const Landscape1D& f, int n);

} // namespace downhill
