// maps.cpp: see maps.hpp.
//
// Index
//   [SECTION] Shared limits and helpers
//   [SECTION] LrMap
//   [SECTION] BasinMap
//
// Speed: both maps are templates on the concrete landscape (and, in 2-D, optimizer) type,
// picked once per map, so the step loop calls non-virtual functions of `final` classes
// (the course curve's slope is inlined). The 1-D map advances four runs side by side so
// their arithmetic overlaps. Everything a cell needs is allocated before the first cell.
// Benchmark case (512 x 256 x 500 on the course curve): about 0.3 s natively and 0.4 s in
// WebAssembly on the development machine.
#include "maps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

#include "optim/registry.hpp"
#include "optim/stop_rule.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Shared limits and helpers
//-----------------------------------------------------------------------------

// Runs stop as OptimizerRun does: kBlowUp and kSettleOnStepAndSlope (optim/stop_rule.hpp).
static constexpr double kMaxWork = 2e9; // cells * steps refused above this (minutes of work)

// n evenly spaced values from lo to hi, ends included (just lo when n == 1).
static std::vector<double> Linspace(double lo, double hi, int n) {
    std::vector<double> v(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
    return v;
}

//-----------------------------------------------------------------------------
// [SECTION] LrMap
//-----------------------------------------------------------------------------

static std::string ValidateLrMap(const LrMapSettings& s) {
    if (s.starts < 1 || s.starts > 4096) return "The number of start points must lie between 1 and 4096.";
    if (s.rates < 1 || s.rates > 4096) return "The number of learning rates must lie between 1 and 4096.";
    if (s.steps < 1 || s.steps > 100000) return "The number of steps must lie between 1 and 100000.";
    if (!std::isfinite(s.x_lo) || !std::isfinite(s.x_hi) || !(s.x_lo <= s.x_hi) || std::fabs(s.x_lo) > kBlowUp ||
        std::fabs(s.x_hi) > kBlowUp)
        return "The start points must span a finite interval x_lo <= x_hi.";
    if (!(s.lr_lo > 0) || !(s.lr_lo <= s.lr_hi) || !(s.lr_hi <= 100))
        return "The learning rates must satisfy 0 < lr_lo <= lr_hi <= 100.";
    if (!(s.capture > 0) || !std::isfinite(s.capture)) return "The capture distance must be a positive number.";
    if (static_cast<double>(s.starts) * s.rates * s.steps > kMaxWork) return "That map would take too long to compute.";
    return "";
}

// Index of the first minimum within `capture` of x, or -1.
static inline int NearMinimum(double x, const double* minima, int k, double capture) {
    for (int i = 0; i < k; ++i)
        if (std::fabs(x - minima[i]) < capture) return i;
    return -1;
}

// The course curve as the map sees it: only the slope, inlined (same bits as CourseCurve).
struct FastCourse {
    double slope(double x) const { return CourseSlope(x); }
};

// One gradient-descent run of the map in progress.
struct LrLane {
    double x = 0, g = 0, lr = 0;
    int n = 0, near = -1, since = 0;
    size_t cell = 0;
    bool live = false;
};

// Every cell of the map. kLanes runs advance side by side, one step each in turn, so the
// processor overlaps their independent arithmetic; a lane that finishes takes the next cell.
template <class Curve>
static void FillLrMap(const Curve& f, double f_lo, double f_hi, const LrMapSettings& s, LrMap& out) {
    constexpr int kLanes = 4;
    const int k = static_cast<int>(out.minima.size());
    const double* minima = out.minima.data();
    const double cap = s.capture;
    const size_t cells = out.outcome.size();
    size_t next = 0;

    const double lo = s.stop_outside ? f_lo : -HUGE_VAL, hi = s.stop_outside ? f_hi : HUGE_VAL;

    // Writes the cell of a finished run; `stop` is kOutcomeDiverged, kOutcomeLeftRange or 0.
    auto finish = [&](const LrLane& L, std::uint8_t stop) {
        if (stop) {
            out.outcome[L.cell] = stop;
            out.steps[L.cell] = L.n;
        } else if (L.near >= 0 && L.lr < out.max_stable_lr[static_cast<size_t>(L.near)]) {
            out.outcome[L.cell] = static_cast<std::uint8_t>(L.near);
            out.steps[L.cell] = L.since;
        } else {
            out.outcome[L.cell] = kOutcomeNoMinimum;
            out.steps[L.cell] = L.n;
        }
    };
    // Loads the next cell into L; false when none is left.
    auto begin = [&](LrLane& L) {
        while (next < cells) {
            L.cell = next++;
            L.x = out.start_x[L.cell % static_cast<size_t>(s.starts)];
            L.lr = out.lr[L.cell / static_cast<size_t>(s.starts)];
            L.g = f.slope(L.x);
            L.n = 0;
            L.since = 0;
            L.near = NearMinimum(L.x, minima, k, cap);
            if (!std::isfinite(L.g)) finish(L, kOutcomeDiverged); // no slope at the start
            else if (!(L.x >= lo && L.x <= hi)) finish(L, kOutcomeLeftRange);
            else return L.live = true;
        }
        return L.live = false;
    };

    LrLane lanes[kLanes];
    int live = 0;
    for (LrLane& L : lanes) live += begin(L);
    while (live > 0) {
        for (LrLane& L : lanes) {
            if (!L.live) continue;
            const double nx = L.x - L.lr * L.g;
            const double ng = f.slope(nx);
            ++L.n;
            std::uint8_t stop = 0;
            const StepVerdict v = kSettleOnStepAndSlope.Judge(&L.x, &nx, &ng, 1, true, nx >= lo && nx <= hi);
            if (v == StepVerdict::Diverged) {
                stop = kOutcomeDiverged;
            } else if (v == StepVerdict::LeftRange) {
                stop = kOutcomeLeftRange;
            } else {
                L.x = nx;
                L.g = ng;
                if (L.near < 0 || !(std::fabs(nx - minima[L.near]) < cap)) {
                    L.near = NearMinimum(nx, minima, k, cap);
                    L.since = L.n;
                }
            }
            const bool done = stop || v == StepVerdict::Settled || L.n >= s.steps;
            if (done) {
                finish(L, stop);
                if (!begin(L)) --live;
            }
        }
    }
}

LrMap MapLearningRates1D(const Landscape1D& f, const LrMapSettings& s) {
    LrMap out;
    out.error = ValidateLrMap(s);
    if (!out.error.empty()) return out;
    for (const StationaryPoint& p : Stationary1D(f)) {
        if (!p.is_minimum || out.minima.size() >= kOutcomeNoMinimum) continue;
        out.minima.push_back(p.x);
        out.max_stable_lr.push_back(p.max_stable_lr);
    }
    out.starts = s.starts;
    out.rates = s.rates;
    out.start_x = Linspace(s.x_lo, s.x_hi, s.starts);
    out.lr = Linspace(s.lr_lo, s.lr_hi, s.rates);
    const size_t cells = static_cast<size_t>(s.starts) * static_cast<size_t>(s.rates);
    out.outcome.assign(cells, kOutcomeNoMinimum);
    out.steps.assign(cells, 0);
    const double lo = f.lo(), hi = f.hi();
    if (dynamic_cast<const CourseCurve*>(&f)) FillLrMap(FastCourse{}, lo, hi, s, out);
    else if (auto* b = dynamic_cast<const Bowl1D*>(&f)) FillLrMap(*b, lo, hi, s, out);
    else if (auto* p = dynamic_cast<const Plateau1D*>(&f)) FillLrMap(*p, lo, hi, s, out);
    else if (auto* v = dynamic_cast<const NarrowValley1D*>(&f)) FillLrMap(*v, lo, hi, s, out);
    else FillLrMap(f, lo, hi, s, out);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] BasinMap
//-----------------------------------------------------------------------------

static std::string ValidateBasinMap(const BasinMapSettings& m) {
    if (m.nx < 1 || m.nx > 2048 || m.ny < 1 || m.ny > 2048) return "The grid must have between 1 and 2048 points per side.";
    if (m.steps < 1 || m.steps > 100000) return "The number of steps must lie between 1 and 100000.";
    if (std::isnan(m.capture) || std::isinf(m.capture)) return "The capture distance must be a number.";
    if (static_cast<double>(m.nx) * m.ny * m.steps > kMaxWork) return "That map would take too long to compute.";
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

// Calls fn(concrete surface) for the built-in surfaces, fn(f) for any other.
template <class Fn>
static void WithSurface(const Landscape2D& f, Fn&& fn) {
    if (auto* a = dynamic_cast<const Bowl2D*>(&f)) fn(*a);
    else if (auto* b = dynamic_cast<const Ravine2D*>(&f)) fn(*b);
    else if (auto* c = dynamic_cast<const Rosenbrock2D*>(&f)) fn(*c);
    else if (auto* d = dynamic_cast<const Himmelblau2D*>(&f)) fn(*d);
    else if (auto* e = dynamic_cast<const Saddle2D*>(&f)) fn(*e);
    else if (auto* l = dynamic_cast<const Lesson2D*>(&f)) fn(*l);
    else fn(f);
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
    out.xs = Linspace(r.xlo, r.xhi, m.nx);
    out.ys = Linspace(r.ylo, r.yhi, m.ny);
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
    WithSurface(f, [&](const auto& surface) {
        VisitOptimizer(*opt, [&](auto& o) { FillBasins(surface, o, lr, m, out); });
    });
    return out;
}

} // namespace downhill
