// landscape1d.hpp: one-dimensional loss curves, each with its slope, curvature and
// the known answers a test can check (its minima).
//
// Index
//   [SECTION] Landscape1D interface
//   [SECTION] CourseCurve: f(x) = 0.12x^2 + sin(2.4x) + 0.3cos(5x)
#pragma once
#include <string>
#include <vector>

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
};

//-----------------------------------------------------------------------------
// [SECTION] CourseCurve
//-----------------------------------------------------------------------------

// The curve of the Roll Downhill lesson: three valleys of different depth.
//   f(x)   = 0.12 x^2 + sin(2.4x) + 0.3 cos(5x)
//   f'(x)  = 0.24 x + 2.4 cos(2.4x) - 1.5 sin(5x)
//   f''(x) = 0.24 - 5.76 sin(2.4x) - 7.5 cos(5x)
// Minima inside [-5, 5]: x ~ -0.628 (global, f ~ -1.251), x ~ 1.885 (f ~ -0.856),
// x ~ -3.141 (f ~ -0.067), plus shallow dips found by Stationary1D().
struct CourseCurve final : Landscape1D {
    const char* name() const override { return "course"; }
    double value(double x) const override;
    double slope(double x) const override;
    double curvature(double x) const override;
    double lo() const override { return -5.0; }
    double hi() const override { return 5.0; }
};

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

} // namespace downhill
