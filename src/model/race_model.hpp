// race_model.hpp: the optimizer race widget as the page sees it: the core's race, the play
// clock, and the top-down map of the surface (samples and contour lines), made again
// whenever the surface changes. The map's texture belongs to the view (views/race_view.hpp).
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/play_clock.hpp"
#include "core/contour.hpp"
#include "core/race.hpp"

namespace downhill::model {

// The sampled surface behind the map: what the view shades and outlines.
struct RaceMap {
    std::string surface;                 // the key() of the surface these belong to ("" until made)
    int nx = 0, ny = 0;                  // samples across and up
    std::vector<double> grid;            // SampleLandscape2D layout: row j = y from ylo to yhi
    std::vector<double> sorted;          // SortedFinite(grid): ranks shade the map
    std::vector<ContourSegment> contours;// lines at 14 quantile levels
    double lowest_sample = 0;            // smallest finite sample (the chart's floor without a minimum)
};

struct RaceModel : PlayClock {
    static constexpr double kMinSpeed = 0.5, kMaxSpeed = 240; // steps per second
    Race race;                      // the racers
    bool log_scale = true;          // loss chart: log10 of (loss - lowest) when the surface has a minimum
    RaceMap map;                    // made by EnsureMap() for race.surface()
    static constexpr const char* kSpeedUnit = "steps";

    RaceModel() { steps_per_second = 30.0; }
    // Up to 16 steps a frame; play stops once no racer is still going.
    void Tick(double dt) { PlayClock::Tick(dt, 16, [this] { race.Step(); return race.AnyRunning(); }); }
    bool CanRun() const { return race.AnyRunning(); }
    // Changes to the race: each pauses play. "" = done, else why not.
    std::string SetSurface(const std::string& name) { return Change([&] { return race.SetSurface(name); }); }
    // A surface typed by the learner over the rectangle r: "" = racing on it; else why not
    // (the formula's message names the position) and nothing changes.
    std::string SetFormula(const std::string& text, const Range2D& r) {
        auto f = std::make_unique<FormulaSurface2D>();
        const std::string error = FormulaSurface2D::Make(text, r, f.get());
        if (!error.empty()) return error;
        return Change([&] { race.SetSurface(std::move(f)); return std::string(); });
    }
    // The typed surface's formula ("" for a named surface).
    std::string Formula() const {
        const auto* f = dynamic_cast<const FormulaSurface2D*>(&race.surface());
        return f ? f->formula().text() : std::string();
    }
    std::string SetOptimizers(const std::vector<std::string>& names) {
        return Change([&] { return race.SetOptimizers(names); });
    }
    std::string SetLearningRate(double lr) { return Change([&] { return race.SetLearningRate(lr); }); }
    std::string SetRacerLearningRate(int i, double lr) { return Change([&] { return race.SetRacerLearningRate(i, lr); }); }
    void UseTunedRates() { Change([&] { race.UseTunedRates(); }); }
    std::string SetMomentum(double mu) { return Change([&] { return race.SetMomentum(mu); }); }
    std::string SetAdamBetas(double b1, double b2) { return Change([&] { return race.SetAdamBetas(b1, b2); }); }
    std::string SetNoise(double sigma, uint32_t seed) { return Change([&] { return race.SetNoise(sigma, seed); }); }
    std::string SetStart(double x, double y) { return Change([&] { return race.SetStart(x, y); }); }
    void Reset() { Change([&] { race.Reset(); }); }
    // Steps taken by hand (play goes on).
    bool Step() { ++version; return race.Step(); }
    int Advance(int n) { ++version; return race.Advance(n); }

    // Samples the surface (160 points along the longer side) and outlines it, once per surface.
    void EnsureMap() {
        const Landscape2D& f = race.surface();
        if (map.surface == f.key()) return;
        const Range2D r = f.range();
        const double wide = r.xhi - r.xlo, tall = r.yhi - r.ylo;
        map.nx = wide >= tall ? 160 : std::max(2, int(160 * wide / tall));
        map.ny = tall >= wide ? 160 : std::max(2, int(160 * tall / wide));
        map.grid = SampleLandscape2D(f, map.nx, map.ny);
        map.sorted = SortedFinite(map.grid);
        map.contours = ContourSegments(map.grid, map.nx, map.ny, r, QuantileLevels(map.sorted, 14));
        map.lowest_sample = map.sorted.empty() ? 0.0 : map.sorted.front();
        map.surface = f.key();
    }
};

} // namespace downhill::model
