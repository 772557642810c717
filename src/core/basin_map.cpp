// basin_map.cpp: MapBasins2D (see maps.hpp): where runs of one optimizer from every start
// on a grid over a 2-D surface end. Templates on the concrete surface and optimizer type,
// like the learning-rate map in maps.cpp; only the JavaScript API offers it (no page draws
// it), so the wasm build compiles this file for size rather than speed (CMakeLists.txt).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

#include "maps.hpp"
#include "optim/registry.hpp"
#include "optim/stop_rule.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] BasinMap
//-----------------------------------------------------------------------------

static std::string ValidateBasinMap(const BasinMapSettings& m) {
    if (m.nx < 1 || m.nx > 2048 || m.ny < 1 || m.ny > 2048) return "The grid must have between 1 and 2048 points per side.";
    if (m.steps < 1 || m.steps > 100000) return "The number of steps must lie between 1 and 100000.";
    if (std::isnan(m.capture) || std::isinf(m.capture)) return "The capture distance must be a number.";
    if (static_cast<double>(m.nx) * m.ny > kMaxMapCells)
        return "That map would be too big: nx x ny is at most 1048576 (the map size limit).";
    if (static_cast<double>(m.nx) * m.ny * m.steps > kMaxBasinMapWork)
        return "That map would take too long to compute: nx x ny x steps is at most 8388608 (the map work limit).";
    return "";
}

// Index of the first minimum within `capture` of (x, y), or -1.
static inline int NearMinimum2D(double x, double y, const CriticalPoint2D* minima, int k, double capture2) {
    for (int i = 0; i < k; ++i) {
        const double dx = x - minima[i].x, dy = y - minima[i].y;
        if (dx * dx + dy * dy < capture2) return i;
    }
    return -1;
}

template <class Surface, class Opt>
static void FillBasins(const Surface& f, Opt& opt, const std::vector<double>& lr, const BasinMapSettings& m,
                       BasinMap& out) {
    const int k = static_cast<int>(out.minima.size());
    const CriticalPoint2D* minima = out.minima.data();
    const double cap2 = out.capture * out.capture;
    for (int j = 0; j < m.ny; ++j) {
        for (int i = 0; i < m.nx; ++i) {
            opt.Reset();
            double p[2] = {out.xs[static_cast<size_t>(i)], out.ys[static_cast<size_t>(j)]};
            Vec2 gv = f.gradient(p[0], p[1]);
            double g[2] = {gv.x, gv.y};
            int near = NearMinimum2D(p[0], p[1], minima, k, cap2);
            int since = 0, n = 0;
            bool diverged = !std::isfinite(g[0]) || !std::isfinite(g[1]);
            while (!diverged && n < m.steps) {
                double q[2] = {p[0], p[1]};
                opt.Update(std::span<double>(q, 2), std::span<const double>(g, 2), lr[static_cast<size_t>(n)]);
                gv = f.gradient(q[0], q[1]);
                ++n;
                const double gq[2] = {gv.x, gv.y};
                const StepVerdict v = kSettleOnStepAndSlope.Judge(p, q, gq, 2, true, true);
                if (v == StepVerdict::Diverged) {
                    diverged = true;
                    break;
                }
                p[0] = q[0];
                p[1] = q[1];
                g[0] = gv.x;
                g[1] = gv.y;
                if (near < 0) {
                    near = NearMinimum2D(p[0], p[1], minima, k, cap2);
                    since = n;
                } else {
                    const double dx = p[0] - minima[near].x, dy = p[1] - minima[near].y;
                    if (!(dx * dx + dy * dy < cap2)) {
                        near = NearMinimum2D(p[0], p[1], minima, k, cap2);
                        since = n;
                    }
                }
                if (v == StepVerdict::Settled) break;
            }
            const size_t c = static_cast<size_t>(j) * m.nx + i;
            if (diverged) {
                out.outcome[c] = kOutcomeDiverged;
                out.steps[c] = n;
            } else if (near >= 0) {
                out.outcome[c] = static_cast<std::uint8_t>(near);
                out.steps[c] = since;
            } else {
                out.outcome[c] = kOutcomeNoMinimum;
                out.steps[c] = n;
            }
        }
    }
}

BasinMap MapBasins2D(const Landscape2D& f, const std::string& optimizer, const OptimizerSettings& s,
                     const BasinMapSettings& m) {
    BasinMap out;
    out.error = ValidateBasinMap(m);
    std::unique_ptr<Optimizer> opt;
    if (out.error.empty()) out.error = MakeOptimizer(optimizer, s, &opt);
    if (!out.error.empty()) return out;
    const Range2D r = f.range();
    for (const CriticalPoint2D& p : f.critical_points()) {
        if ((p.kind == CriticalKind::GlobalMin || p.kind == CriticalKind::LocalMin) && out.minima.size() < kOutcomeNoMinimum)
            out.minima.push_back(p);
    }
    out.nx = m.nx;
    out.ny = m.ny;
    out.xs = MapAxis(r.xlo, r.xhi, m.nx);
    out.ys = MapAxis(r.ylo, r.yhi, m.ny);
    out.capture = m.capture > 0 ? m.capture : 0.01 * std::max(r.xhi - r.xlo, r.yhi - r.ylo);
    const size_t cells = static_cast<size_t>(m.nx) * static_cast<size_t>(m.ny);
    out.outcome.assign(cells, kOutcomeNoMinimum);
    out.steps.assign(cells, 0);
    // The scheduled learning rate of every step, computed once for all cells.
    std::vector<double> lr(static_cast<size_t>(m.steps));
    for (int n = 0; n < m.steps; ++n) lr[static_cast<size_t>(n)] = s.learning_rate * ScheduleFactor(s.schedule, n);
    // A run of 2 coordinates sizes the optimizer's state once, before the first cell.
    double warm_x[2] = {0, 0};
    const double warm_g[2] = {0, 0};
    opt->Step(std::span<double>(warm_x, 2), std::span<const double>(warm_g, 2));
    // One loop per optimizer type (its update inlined); the surface is called through its
    // interface, which keeps the module small (a copy per surface and optimizer was 40 KB).
    VisitOptimizer(*opt, [&](auto& o) { FillBasins(f, o, lr, m, out); });
    return out;
}

} // namespace downhill
