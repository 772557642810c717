// maps.hpp: many runs at once, summarised as images. Where does gradient descent end for
// every start point and learning rate (1-D)? Which minimum does an optimizer reach from
// every start point of a surface (2-D)? The outputs are flat arrays, row-major, ready to
// be handed to JavaScript as typed arrays (Uint8Array for outcomes, Int32Array for steps).
//
// Index
//   [SECTION] Outcome codes
//   [SECTION] LrMap: 1-D start point x learning rate -> minimum reached (gradient descent)
//   [SECTION] BasinMap: 2-D start point -> minimum reached (any optimizer)
//
// How to use:
//   LrMap m = MapLearningRates1D(CourseCurve{}, LrMapSettings{});
//   // m.outcome[j * m.starts + i]: where the run from m.start_x[i] with m.lr[j] ended
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "landscape1d.hpp"
#include "landscape2d.hpp"
#include "optim/run.hpp"

namespace downhill {

// Work limits: each map refuses settings whose cells x steps exceed its limit, so that one
// map takes about a second at most in a browser. The learning-rate map's admits its
// benchmark (512 x 256 x 500); the basin map's (a dearer step: a 2-D gradient and any
// optimizer) admits 128 x 128 x 500.
inline constexpr double kMaxLrMapWork = 67108864;   // 2^26 start x rate x step
// The learning-rate map's runs mostly settle early (its benchmark takes about 29.6
// million steps of its 65.5 million): it also stops, refused, once its runs have taken
// this many steps in all.
inline constexpr double kMaxLrMapSteps = 33554432; // 2^25
inline constexpr double kMaxBasinMapWork = 8388608; // 2^23 start x step
inline constexpr double kMaxMapCells = 1048576;     // 2^20 cells in either map (its memory)
// n evenly spaced values from lo to hi, ends included (just lo when n == 1): a map's axis.
std::vector<double> MapAxis(double lo, double hi, int n);

//-----------------------------------------------------------------------------
// [SECTION] Outcome codes
//-----------------------------------------------------------------------------

// A cell's outcome is the index of the minimum its run ended in (0, 1, ... into the map's
// `minima`), or one of these two codes.
constexpr std::uint8_t kOutcomeLeftRange = 253; // 1-D: left the curve's drawn range (Roll Downhill's "out of view")
constexpr std::uint8_t kOutcomeNoMinimum = 254; // finite after the last step, but not at a known minimum
                                                // (still bouncing, or stopped somewhere else)
constexpr std::uint8_t kOutcomeDiverged = 255;  // non-finite or |coordinate| > 1e6 at some step

//-----------------------------------------------------------------------------
// [SECTION] LrMap
//-----------------------------------------------------------------------------

// The grid of a 1-D map. Defaults: the benchmark case on the course curve.
struct LrMapSettings {
    int starts = 512;          // columns: start points from x_lo to x_hi, ends included; [1, 4096]
    double x_lo = -5, x_hi = 5;
    int rates = 256;           // rows: learning rates from lr_lo to lr_hi, ends included; [1, 4096]
    double lr_lo = 0.01, lr_hi = 1.2; // 0 < lr_lo <= lr_hi <= 100
    int steps = 500;           // updates per run at most; [1, 100000]
    double capture = 1e-3;     // a run ends in a minimum when it finishes within this distance of it, > 0
    bool stop_outside = true;  // stop a run that leaves [f.lo(), f.hi()], as Roll Downhill does
};

// Gradient descent x <- x - eta f'(x) from every start, with every learning rate.
struct LrMap {
    std::string error;              // "" when the map was made; else why not (nothing else is filled)
    int starts = 0, rates = 0;      // columns, rows
    std::vector<double> start_x;    // x of each column
    std::vector<double> lr;         // eta of each row
    std::vector<double> minima;     // x of the curve's minima in its drawn range, left to right
    std::vector<double> max_stable_lr; // 2 / f'' at each minimum
    // rates * starts cells, row-major: cell (row j, column i) at j * starts + i.
    // outcome: index into `minima` when the run finished within `capture` of that minimum
    //          with eta < 2 / f'' there (so it converges rather than bounces);
    //          kOutcomeDiverged, kOutcomeLeftRange (only with stop_outside) or
    //          kOutcomeNoMinimum otherwise.
    std::vector<std::uint8_t> outcome;
    // steps: for a minimum, the step from which the run stayed within `capture` of it
    //        (0 when it started there); for a divergence or leaving the range, the step
    //        where it happened (0 for a start outside the range); otherwise the number of
    //        steps taken.
    std::vector<std::int32_t> steps;
};

// Runs stop early once a step moves less than 1e-9 at a slope below 1e-6 (settled). No
// allocation per cell and no virtual call per step for the built-in curves (the course
// curve's slope is inlined: CourseSlope). Each cell is exactly the run a RollRun with
// that start and learning rate makes, step for step (RollRun settles on the step alone).
LrMap MapLearningRates1D(const Landscape1D& f, const LrMapSettings& s);

//-----------------------------------------------------------------------------
// [SECTION] BasinMap
//-----------------------------------------------------------------------------

struct BasinMapSettings {
    int nx = 128, ny = 128; // start points over the surface's range(), ends included; each [1, 2048]
    int steps = 500;        // updates per run at most; [1, 100000]
    double capture = 0;     // a run ends in a minimum when it finishes within this distance;
                            // <= 0 means 1% of the longer side of the range
};

// One optimizer, the same settings, from every start point of the grid.
struct BasinMap {
    std::string error;                    // "" when the map was made; else why not
    int nx = 0, ny = 0;                   // columns (x), rows (y)
    std::vector<double> xs, ys;           // coordinates of the columns and rows
    std::vector<CriticalPoint2D> minima;  // the surface's minima (its critical_points(), minima only)
    double capture = 0;                   // the capture distance used
    // ny * nx cells, row-major: cell (row j, column i) at j * nx + i, start (xs[i], ys[j]).
    std::vector<std::uint8_t> outcome;    // index into `minima`, kOutcomeNoMinimum or kOutcomeDiverged
    std::vector<std::int32_t> steps;      // as in LrMap::steps
};

// Runs stop early when they settle (as OptimizerRun does) or diverge. The optimizer's state
// is reset for each cell; no allocation per cell, no virtual call per step for the built-in
// surfaces and optimizers.
BasinMap MapBasins2D(const Landscape2D& f, const std::string& optimizer, const OptimizerSettings& s,
                     const BasinMapSettings& m);

} // namespace downhill
