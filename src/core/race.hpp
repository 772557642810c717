// race.hpp: optimizers racing on one 2-D surface from one start (lessons/06-local-minima-optimizers.md).
// Every racer is an OptimizerRun with its own learning rate (by default the rate tuned for
// it on that surface, so the race is fair) or one rate shared by all; the host advances
// them together, and each stops by itself when it settles or blows up.
//
// Index
//   [SECTION] RaceSettings: what the learner picks (the URL holds these)
//   [SECTION] Tuned learning rates: each optimizer's fastest rate on a surface
//   [SECTION] Race: the racers, their minima and who got there first
//
// How to use:
//   Race race;                                   // ravine; gradient descent, momentum, Adam
//   race.SetSurface("rosenbrock");               // its start, each racer at its tuned rate
//   race.SetLearningRate(0.002);                 // or one rate for every racer
//   race.SetOptimizers({"gd", "adam"});
//   race.SetStart(-1.5, 2.0);
//   while (race.AnyRunning()) race.Step();       // or Advance(n) per animation frame
//   race.DistanceToMinimum(1), race.reached_at(1), race.run(1).status()
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "landscape2d.hpp"
#include "optim/run.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] RaceSettings
//-----------------------------------------------------------------------------

struct RaceSettings {
    std::string surface = "ravine";                            // a name from Landscape2DNames()
    std::vector<std::string> optimizers = {"gd", "momentum", "adam"}; // OptimizerNames() order, 1 to 7, no repeats
    double learning_rate = 0.03;  // eta shared by every racer, in [kMinLearningRate, kMaxLearningRate]
    std::vector<double> learning_rates; // each racer's own eta, in optimizers order (same range);
                                        // empty: every racer uses learning_rate
    double momentum = 0.9;        // momentum and Nesterov, [0, kMaxMomentum]
    double beta1 = 0.9;           // Adam, [0, kMaxBeta1]
    double beta2 = 0.999;         // Adam, [0, kMaxBeta2]
    double noise = 0.5;           // SGD: standard deviation of the gradient noise, [0, kMaxNoise]
    std::uint32_t seed = 1;       // SGD: picks the noise sequence, [1, kMaxSeed]
    double start_x = -4.5;        // inside the surface's range
    double start_y = 1.2;
    static constexpr double kMinLearningRate = 1e-5;
    static constexpr double kMaxLearningRate = 10.0;
    static constexpr double kMaxMomentum = 0.999;
    static constexpr double kMaxBeta1 = 0.999;
    static constexpr double kMaxBeta2 = 0.99999;
    static constexpr double kMaxNoise = 10.0;
    static constexpr std::uint32_t kMaxSeed = 2147483647;
};

// A learning rate that gives an instructive race on that surface (0.05 for an unknown name):
//   ravine 0.03 (gradient descent zig-zags down the steep walls, momentum glides),
//   rosenbrock 0.002 (larger rates throw gradient descent out of the banana valley),
//   himmelblau 0.01, lesson 0.05, saddle 0.05, bowl 0.05.
double RaceSuggestedLearningRate(const std::string& surface);

// The settings the race starts from on that surface: its start(), each default racer at
// its tuned rate (learning_rate holds the suggested shared rate), the other fields as in
// RaceSettings{}.
RaceSettings RaceDefaults(const std::string& surface);
// The same for any surface (a typed one: its start, the shared rate 0.05).
RaceSettings RaceDefaults(const Landscape2D& surface);

//-----------------------------------------------------------------------------
// [SECTION] Tuned learning rates
//-----------------------------------------------------------------------------

// Each optimizer's rate for a fair race, found by a small search: from the surface's
// start, with the other settings as in RaceSettings{}, runs of at most kTuneSteps at each
// of the rates 10^(-4 + k/10), k = 0..40 (1e-4 to 1); the rate whose run comes to stay
// within Race::kReachedDistance of a global minimum soonest wins (ties: the smaller
// rate). When no rate gets there, the soonest to stay at any minimum; when none does
// that either (the saddle has no minimum), the suggested shared rate with steps = -1.
struct TunedRate {
    double learning_rate = 0; // the rate found
    int steps = -1;           // the step from which that run stayed at the minimum, -1 if none
    bool global = false;      // that minimum is a global one
};
inline constexpr int kTuneSteps = 3000;
// Computed once per (surface, optimizer) and kept; unknown names give {0, -1, false}.
TunedRate RaceTunedLearningRate(const std::string& surface, const std::string& optimizer);
// The same for any surface, kept under its key() (a typed surface: its formula and range).
TunedRate RaceTunedLearningRate(const Landscape2D& surface, const std::string& optimizer);

//-----------------------------------------------------------------------------
// [SECTION] Race
//-----------------------------------------------------------------------------

class Race {
public:
    static constexpr int kMaxSteps = 20000;      // Step() does nothing once this many were taken
    static constexpr double kReachedDistance = 0.01; // within this of a minimum counts as arrived

    Race(); // RaceDefaults("ravine")

    // Setters return "" and reset the race, or a message and change nothing.
    std::string SetSurface(const std::string& name); // also takes the surface's start and suggested rate
    void SetSurface(std::unique_ptr<Landscape2D> f);  // any surface (a typed one), as SetSurface(name)
    std::string SetOptimizers(const std::vector<std::string>& names);
    std::string SetLearningRate(double lr);           // one rate for every racer
    std::string SetRacerLearningRate(int i, double lr); // racer i's own rate (the others keep theirs)
    void UseTunedRates();                             // every racer at its tuned rate
    std::string SetMomentum(double mu);
    std::string SetAdamBetas(double beta1, double beta2);
    std::string SetNoise(double sigma, std::uint32_t seed);
    std::string SetStart(double x, double y);         // finite, inside the surface's range
    void Reset();                                     // every racer back to the start

    bool Step();        // one step of every racer still going; false when none was
    int Advance(int n); // up to n Step()s; returns how many moved a racer
    bool AnyRunning() const;

    int ticks() const { return ticks_; } // Step()s that moved a racer since Reset
    const RaceSettings& settings() const { return settings_; }
    const Landscape2D& surface() const { return *surface_; }
    const std::vector<CriticalPoint2D>& critical_points() const { return critical_; }
    bool has_minimum() const { return minima_ > 0; }   // false on the saddle: it falls forever
    double lowest_loss() const { return lowest_; }      // the global minimum's value (0 without one)

    int size() const { return int(runs_.size()); }      // racers, in settings().optimizers order
    const OptimizerRun& run(int i) const { return *runs_[Index(i)]; }
    double learning_rate(int i) const;                  // racer i's eta
    bool own_rates() const { return !settings_.learning_rates.empty(); } // false: one shared rate
    // Distance from racer i to the nearest minimum (global or local); -1 without minima;
    // +infinity once a racer's position overflowed.
    double DistanceToMinimum(int i) const;
    // Index into critical_points() of the minimum nearest racer i; -1 without minima.
    int NearestMinimum(int i) const;
    // First step at which racer i was within kReachedDistance of a minimum, else -1.
    int reached_at(int i) const { return reached_[Index(i)]; }
    // The racer that reached a minimum first (ties: the lower loss, then list order), else -1.
    int Winner() const;

private:
    int Index(int i) const { return i < 0 ? 0 : i >= size() ? size() - 1 : i; }
    std::string Rebuild(const RaceSettings& s); // racers from s; "" or why not (nothing changed)
    void Check(int i);                          // update reached_[i] after a step

    RaceSettings settings_;
    std::unique_ptr<Landscape2D> surface_;
    std::vector<CriticalPoint2D> critical_;     // minima first, as the surface lists them
    int minima_ = 0;                            // how many of critical_ are minima
    double lowest_ = 0;
    std::vector<std::unique_ptr<OptimizerRun>> runs_;
    std::vector<int> reached_;
    int ticks_ = 0;
};

} // namespace downhill
