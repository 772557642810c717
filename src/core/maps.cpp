// maps.cpp: see maps.hpp.
//
// Index
//   [SECTION] Shared limits and helpers
//   [SECTION] LrMap
// (The 2-D basin map is in basin_map.cpp: no page draws it, so it is built for size.)
//
// Speed: the 1-D map is a template on the landscape type, so for the curves pages map (the
// course curve, a typed formula) the step loop calls non-virtual code (the course curve's
// slope is inlined); the 2-D map is a template on the optimizer type. The 1-D map advances four runs side by side so
// their arithmetic overlaps. Everything a cell needs is allocated before the first cell.
// Benchmark case (512 x 256 x 500 on the course curve): scripts/bench prints its time
// natively, in WebAssembly and in plain JavaScript.
#include "maps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

#include "optim/registry.hpp"
#include "optim/stop_rule.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Shared limits and helpers
//-----------------------------------------------------------------------------

// Runs stop as OptimizerRun does: kBlowUp and kSettleOnStepAndSlope (optim/stop_rule.hpp).

std::vector<double> MapAxis(double lo, double hi, int n) {
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
    if (static_cast<double>(s.starts) * s.rates > kMaxMapCells)
        return "That map would be too big: starts x rates is at most 1048576 (the map size limit).";
    if (static_cast<double>(s.starts) * s.rates * s.steps > kMaxLrMapWork)
        return "That map would take too long to compute: starts x rates x steps is at most " + std::to_string(static_cast<long long>(kMaxLrMapWork)) + " (the map work limit).";
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

// The cells of a map being filled: hands each lane its next cell, judges each step of a
// lane's run, and writes a finished run's cell. Stops handing out cells once the runs went
// past kMaxLrMapSteps steps in all (the map is then unfinished).
struct LrCells {
    const LrMapSettings& s;
    LrMap& out;
    double lo, hi;            // the range a run must stay in (unbounded without stop_outside)
    size_t next = 0;          // the next cell to hand out
    double taken = 0;         // steps of the finished runs

    LrCells(const LrMapSettings& settings, LrMap& map, double f_lo, double f_hi)
        : s(settings), out(map), lo(settings.stop_outside ? f_lo : -HUGE_VAL), hi(settings.stop_outside ? f_hi : HUGE_VAL) {}
    bool Finished() const { return taken <= kMaxLrMapSteps; }
    int Near(double x) const { return NearMinimum(x, out.minima.data(), static_cast<int>(out.minima.size()), s.capture); }

    // Writes the cell of a finished run; `stop` is kOutcomeDiverged, kOutcomeLeftRange or 0.
    void Finish(const LrLane& L, std::uint8_t stop) {
        taken += L.n;
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
    }
    // Loads the next cell into L; false when none is left.
    template <class Curve>
    bool Begin(const Curve& f, LrLane& L) {
        while (next < out.outcome.size() && taken <= kMaxLrMapSteps) {
            L.cell = next++;
            L.x = out.start_x[L.cell % static_cast<size_t>(s.starts)];
            L.lr = out.lr[L.cell / static_cast<size_t>(s.starts)];
            L.g = f.slope(L.x);
            L.n = 0;
            L.since = 0;
            L.near = Near(L.x);
            if (!std::isfinite(L.g)) Finish(L, kOutcomeDiverged); // no slope at the start
            else if (!(L.x >= lo && L.x <= hi)) Finish(L, kOutcomeLeftRange);
            else return L.live = true;
        }
        return L.live = false;
    }
    // Lane L stepped to nx, where the slope is ng: true when its run is over (its cell written).
    bool Step(LrLane& L, double nx, double ng) {
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
            if (L.near < 0 || !(std::fabs(nx - out.minima[static_cast<size_t>(L.near)]) < s.capture)) {
                L.near = Near(nx);
                L.since = L.n;
            }
        }
        if (!stop && v != StepVerdict::Settled && L.n < s.steps) return false;
        Finish(L, stop);
        return true;
    }
};

// Every cell of the map. kLanes runs advance side by side, one step each in turn, so the
// processor overlaps their independent arithmetic; a lane that finishes takes the next cell.
// False when the runs went past kMaxLrMapSteps steps in all (the map is then unfinished).
template <class Curve>
static bool FillLrMap(const Curve& f, double f_lo, double f_hi, const LrMapSettings& s, LrMap& out) {
    constexpr int kLanes = 4;
    LrCells cells(s, out, f_lo, f_hi);
    LrLane lanes[kLanes];
    int live = 0;
    for (LrLane& L : lanes) live += cells.Begin(f, L);
    while (live > 0) {
        for (LrLane& L : lanes) {
            if (!L.live) continue;
            const double nx = L.x - L.lr * L.g;
            if (cells.Step(L, nx, f.slope(nx)) && !cells.Begin(f, L)) --live;
        }
    }
    return cells.Finished();
}

// The map on a typed curve: as FillLrMap, but every live run takes its step together, so
// the formula's code is read once per step of up to Formula::kBatch runs
// (Formula::SlopeBatch) instead of once per run. The cells are the same.
static bool FillLrMapTyped(const FormulaCurve1D& f, double f_lo, double f_hi, const LrMapSettings& s, LrMap& out) {
    constexpr int kLanes = Formula::kBatch;
    LrCells cells(s, out, f_lo, f_hi);
    LrLane lanes[kLanes];
    int live = 0;
    for (LrLane& L : lanes) live += cells.Begin(f, L);
    double nx[kLanes], ng[kLanes];
    int which[kLanes];
    while (live > 0) {
        int m = 0;
        for (int i = 0; i < kLanes; ++i) {
            if (!lanes[i].live) continue;
            which[m] = i;
            nx[m++] = lanes[i].x - lanes[i].lr * lanes[i].g;
        }
        f.formula().SlopeBatch(nx, ng, m);
        for (int j = 0; j < m; ++j)
            if (cells.Step(lanes[which[j]], nx[j], ng[j]) && !cells.Begin(f, lanes[which[j]])) --live;
    }
    return cells.Finished();
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
    out.start_x = MapAxis(s.x_lo, s.x_hi, s.starts);
    out.lr = MapAxis(s.lr_lo, s.lr_hi, s.rates);
    const size_t cells = static_cast<size_t>(s.starts) * static_cast<size_t>(s.rates);
    out.outcome.assign(cells, kOutcomeNoMinimum);
    out.steps.assign(cells, 0);
    const double lo = f.lo(), hi = f.hi();
    bool done;
    // The curves pages map get their own loops (the course curve's slope inlined, a typed
    // curve's slopes in batches); the others go through the interface, which keeps the
    // engine small.
    if (dynamic_cast<const CourseCurve*>(&f)) done = FillLrMap(FastCourse{}, lo, hi, s, out);
    else if (auto* t = dynamic_cast<const FormulaCurve1D*>(&f)) done = FillLrMapTyped(*t, lo, hi, s, out);
    else done = FillLrMap(f, lo, hi, s, out);
    if (!done) {
        out = LrMap{};
        out.error = "That map took too long to compute: its runs went past " + std::to_string(static_cast<long long>(kMaxLrMapSteps)) + " steps in all (the map work limit).";
    }
    return out;
}

} // namespace downhill
