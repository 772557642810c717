// contour.cpp: see contour.hpp.
#include "contour.hpp"

#include <algorithm>
#include <cmath>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Levels and ranks
//-----------------------------------------------------------------------------

std::vector<double> SortedFinite(const std::vector<double>& grid) {
    std::vector<double> out;
    out.reserve(grid.size());
    for (double v : grid)
        if (std::isfinite(v)) out.push_back(v);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<double> QuantileLevels(const std::vector<double>& sorted, int count) {
    std::vector<double> out;
    if (sorted.size() < 2 || count < 1 || sorted.front() == sorted.back()) return out;
    const size_t n = sorted.size();
    for (int k = 1; k <= count; ++k) {
        const double at = double(k) / double(count + 1) * double(n - 1);
        const size_t i = size_t(at);
        const double t = at - double(i);
        const double v = i + 1 < n ? sorted[i] + t * (sorted[i + 1] - sorted[i]) : sorted[n - 1];
        if (out.empty() || v > out.back()) out.push_back(v);
    }
    return out;
}

double RankOf(const std::vector<double>& sorted, double v) {
    if (sorted.empty() || std::isnan(v)) return 0.0;
    if (sorted.size() == 1) return v < sorted[0] ? 0.0 : 1.0;
    if (v <= sorted.front()) return 0.0;
    if (v >= sorted.back()) return 1.0;
    const size_t hi = size_t(std::upper_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
    const size_t lo = hi - 1;
    const double span = sorted[hi] - sorted[lo];
    const double t = span > 0 ? (v - sorted[lo]) / span : 0.0;
    return (double(lo) + t) / double(sorted.size() - 1);
}

//-----------------------------------------------------------------------------
// [SECTION] Marching squares
//-----------------------------------------------------------------------------

std::vector<ContourSegment> ContourSegments(const std::vector<double>& grid, int nx, int ny, const Range2D& r,
                                            const std::vector<double>& levels) {
    std::vector<ContourSegment> out;
    if (nx < 2 || ny < 2 || grid.size() != size_t(nx) * size_t(ny)) return out;
    const double dx = (r.xhi - r.xlo) / (nx - 1), dy = (r.yhi - r.ylo) / (ny - 1);
    // Corners of a cell, counter-clockwise from bottom-left: 0 (i, j), 1 (i+1, j),
    // 2 (i+1, j+1), 3 (i, j+1). Edge e joins corner e and corner (e + 1) % 4.
    static constexpr int kCx[4] = {0, 1, 1, 0}, kCy[4] = {0, 0, 1, 1};
    for (int j = 0; j + 1 < ny; ++j) {
        for (int i = 0; i + 1 < nx; ++i) {
            double v[4];
            bool finite = true;
            for (int c = 0; c < 4; ++c) {
                v[c] = grid[size_t(j + kCy[c]) * nx + size_t(i + kCx[c])];
                finite = finite && std::isfinite(v[c]);
            }
            if (!finite) continue;
            const double lo = std::min(std::min(v[0], v[1]), std::min(v[2], v[3]));
            const double hi = std::max(std::max(v[0], v[1]), std::max(v[2], v[3]));
            for (int k = 0; k < int(levels.size()); ++k) {
                const double L = levels[k];
                if (L < lo || L >= hi) continue;
                // Point where edge e crosses L.
                auto cross = [&](int e, double* px, double* py) {
                    const int a = e, b = (e + 1) % 4;
                    const double t = (L - v[a]) / (v[b] - v[a]);
                    *px = r.xlo + (i + kCx[a] + t * (kCx[b] - kCx[a])) * dx;
                    *py = r.ylo + (j + kCy[a] + t * (kCy[b] - kCy[a])) * dy;
                };
                int edges[4], n = 0;
                for (int e = 0; e < 4; ++e) {
                    const bool a = v[e] >= L, b = v[(e + 1) % 4] >= L;
                    if (a != b) edges[n++] = e;
                }
                if (n == 2) {
                    ContourSegment s{0, 0, 0, 0, k};
                    cross(edges[0], &s.x0, &s.y0);
                    cross(edges[1], &s.x1, &s.y1);
                    out.push_back(s);
                } else if (n == 4) {
                    // Saddle cell: corners 0 and 2 on one side, 1 and 3 on the other. The
                    // centre decides which pairs of edges join.
                    const double centre = 0.25 * (v[0] + v[1] + v[2] + v[3]);
                    const bool centre_high = centre >= L, zero_high = v[0] >= L;
                    // Join the edges around each corner whose side differs from the centre's.
                    const int pairs[2][2][2] = {{{3, 0}, {1, 2}}, {{0, 1}, {2, 3}}};
                    const int (&pp)[2][2] = pairs[centre_high == zero_high ? 1 : 0];
                    for (const auto& p : pp) {
                        ContourSegment s{0, 0, 0, 0, k};
                        cross(p[0], &s.x0, &s.y0);
                        cross(p[1], &s.x1, &s.y1);
                        out.push_back(s);
                    }
                }
            }
        }
    }
    return out;
}

} // namespace downhill
