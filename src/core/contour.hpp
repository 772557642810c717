// contour.hpp: contour lines and value ranks of a sampled surface, for top-down maps.
//
// Index
//   [SECTION] Levels and ranks: where to draw lines, how to shade
//   [SECTION] Marching squares
//
// How to use (grid as SampleLandscape2D lays it out: row j = y from ylo to yhi):
//   std::vector<double> g = SampleLandscape2D(f, nx, ny);
//   std::vector<double> sorted = SortedFinite(g);
//   std::vector<double> levels = QuantileLevels(sorted, 12);
//   for (const ContourSegment& s : ContourSegments(g, nx, ny, f.range(), levels)) draw(s);
//   shade(RankOf(sorted, f(x, y)));   // 0 at the lowest sample, 1 at the highest
#pragma once
#include <vector>

#include "landscape2d.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Levels and ranks
//-----------------------------------------------------------------------------

// The finite values of `grid`, ascending.
std::vector<double> SortedFinite(const std::vector<double>& grid);

// `count` levels at the quantiles k / (count + 1), k = 1..count, of the sorted values,
// with repeats removed: lines then split the map into bands of about equal area, whatever
// the surface's range (Rosenbrock spans 0 to thousands; the bowl 0 to 18). Empty when
// there are fewer than two distinct values.
std::vector<double> QuantileLevels(const std::vector<double>& sorted, int count);

// Share of the sorted values below v, in [0, 1] (linear between neighbours; 0 for NaN or
// an empty list).
double RankOf(const std::vector<double>& sorted, double v);

//-----------------------------------------------------------------------------
// [SECTION] Marching squares
//-----------------------------------------------------------------------------

// A piece of the contour line at levels[level], in data coordinates.
struct ContourSegment {
    double x0, y0, x1, y1;
    int level;
};

// Contour lines of an nx x ny grid over `r` (row-major, row j at y = ylo + j (yhi - ylo)/(ny-1),
// column i at x = xlo + i (xhi - xlo)/(nx-1)), by marching squares with linear
// interpolation along cell edges; a saddle cell is split by its centre value. Cells with
// a non-finite corner are skipped. Empty for a grid smaller than 2 x 2 or of the wrong size.
std::vector<ContourSegment> ContourSegments(const std::vector<double>& grid, int nx, int ny, const Range2D& r,
                                            const std::vector<double>& levels);

} // namespace downhill
