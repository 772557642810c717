// run.hpp: run any optimizer on a 1-D or 2-D landscape, record the trajectory, and
// notice when it blows up or settles (the rule of stop_rule.hpp). Optimizers are made by
// name from the table in registry.hpp.
//
// Index
//   [SECTION] OptimizerRun: one run, advanced by the host (the race view holds several)
//   [SECTION] Trajectory: a whole run in one call
//
// How to use:
//   OptimizerSettings s = DefaultOptimizerSettings("adam");
//   Trajectory t = RunOptimizer2D(Rosenbrock2D{}, "adam", s, -1.2, 1.0, 2000);
//   if (!t.error.empty()) show(t.error); else draw(t.positions, t.losses);
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../landscape1d.hpp"
#include "../landscape2d.hpp"
#include "optimizer.hpp"
#include "registry.hpp"
#include "stop_rule.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] OptimizerRun
//-----------------------------------------------------------------------------

enum class RunStatus {
    Running,  // still moving
    Settled,  // the last step moved less than 1e-9 at a gradient below 1e-6 (kSettleOnStepAndSlope)
    Diverged, // the position, loss or gradient became non-finite, or |coordinate| > kBlowUp
    LeftDomain, // the next step would reach a point where a typed formula is not defined
                // (log of a negative number): the run stays at its last point, and
                // domain_message() says why
};
const char* RunStatusName(RunStatus s); // "running", "settled", "diverged", "left-domain"

// One optimizer walking one landscape (1-D or 2-D; the landscape must outlive the run).
// Starts with plain gradient descent (eta 0.1), at 80% across the range in 1-D (x = 3 on
// the course curve) or at the surface's start() in 2-D.
class OptimizerRun {
public:
    explicit OptimizerRun(const Landscape1D& f);
    explicit OptimizerRun(const Landscape2D& f);

    // Setters return "" and reset the run, or a message and change nothing.
    std::string SetOptimizer(const std::string& name, const OptimizerSettings& s);
    std::string SetStart(double x, double y = 0.0); // finite, inside the drawn range and the domain; y ignored in 1-D
    void Reset();                                    // back to step 0, optimizer state cleared
    bool Step();                                     // one update; false (and no change) once stopped
    int Advance(int n);                              // up to n steps; returns how many were taken

    int dim() const { return dim_; }                            // 1 or 2
    int step() const { return step_; }                          // updates since Reset
    RunStatus status() const { return status_; }
    int stopped_at() const { return stopped_at_; }              // step where it settled, diverged or left the domain, else -1
    const std::string& domain_message() const { return domain_message_; } // why, for LeftDomain ("" otherwise)
    double x() const { return pos_[0]; }                        // current position
    double y() const { return pos_[1]; }                        // 0 in 1-D
    double loss() const { return loss_; }                       // f at the current position
    double gradient_x() const { return grad_[0]; }              // gradient at the current position
    double gradient_y() const { return grad_[1]; }              // 0 in 1-D
    double learning_rate() const;                               // eta of the next step (after the schedule)
    const std::string& optimizer_name() const { return name_; }
    const OptimizerSettings& settings() const { return settings_; }
    // Recorded points, oldest first, newest = current: dim() numbers per point in
    // positions(), one in losses(). Capped at kTrailCap points (the oldest are dropped).
    const std::vector<double>& positions() const { return positions_; }
    const std::vector<double>& losses() const { return losses_; }
    int first_recorded_step() const { return first_recorded_; } // step of losses()[0]

    static constexpr int kTrailCap = 100000;

private:
    friend struct RunAccess; // the one-call runners in run.cpp record their own, uncapped trail
    double Evaluate(const double* p, double* g) const;
    bool InRange(double x, double y) const;
    std::string UndefinedAt(double x, double y) const; // the landscape's undefined_at
    void Record();

    const Landscape1D* f1_ = nullptr;
    const Landscape2D* f2_ = nullptr;
    int dim_ = 1;
    std::string name_ = "gd";
    OptimizerSettings settings_;
    std::unique_ptr<Optimizer> opt_;
    double start_[2] = {0, 0};
    double pos_[2] = {0, 0};
    double grad_[2] = {0, 0};
    double loss_ = 0;
    int step_ = 0;
    RunStatus status_ = RunStatus::Running;
    int stopped_at_ = -1;
    std::string domain_message_;
    int first_recorded_ = 0;
    bool record_ = true;
    std::vector<double> positions_, losses_;
};

//-----------------------------------------------------------------------------
// [SECTION] Trajectory
//-----------------------------------------------------------------------------

// A finished run: every point from the start (step 0) to the last step taken.
struct Trajectory {
    std::string error;             // "" when the run was made; else why not (nothing else is filled)
    int dim = 0;                   // 1 or 2
    int steps = 0;                 // updates taken (fewer than asked when it settled or diverged)
    RunStatus status = RunStatus::Running;
    int stopped_at = -1;           // step where it settled or diverged, else -1
    std::vector<double> positions; // (steps + 1) * dim numbers: x (1-D) or x, y (2-D) per point
    std::vector<double> losses;    // steps + 1 numbers (the last may be inf/NaN after a blow-up)
};

// Runs up to `steps` updates (at most 1,000,000) from the start; stops early when the run
// settles or diverges.
Trajectory RunOptimizer1D(const Landscape1D& f, const std::string& optimizer, const OptimizerSettings& s,
                          double x0, int steps);
Trajectory RunOptimizer2D(const Landscape2D& f, const std::string& optimizer, const OptimizerSettings& s,
                          double x0, double y0, int steps);

} // namespace downhill
