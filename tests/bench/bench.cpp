// bench.cpp: native timings of the benchmark cases, printed as JSON for tests/bench/run.js
// (which times the same cases in wasm and in plain JavaScript and prints them side by side).
//   map      : MapLearningRates1D on the course curve, 512 starts x 256 rates x 500 steps
//   map_formula: the same map on the course curve typed as a formula (FormulaCurve1D)
//   train:*  : epochs per second of the Playground preset (circle, 4-2 tanh, batch 10,
//              lr 0.03, 250 training points) and of the spiral preset (8-8-8)
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/landscape1d.hpp"
#include "core/maps.hpp"
#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"

using namespace downhill;
using Clock = std::chrono::steady_clock;

static double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

int main() {
    // Best of 5 for the map.
    double best = 1e300;
    size_t check = 0;
    for (int r = 0; r < 5; ++r) {
        const auto t0 = Clock::now();
        const LrMap m = MapLearningRates1D(CourseCurve{}, LrMapSettings{});
        const auto t1 = Clock::now();
        best = std::min(best, Seconds(t0, t1));
        check = m.outcome.size();
    }
    std::printf("{\"map_ms\": %.3f, \"map_cells\": %zu", best * 1000, check);
    // The same map on the typed course curve, best of 5.
    FormulaCurve1D typed;
    FormulaCurve1D::Make("0.12*x^2 + sin(2.4*x) + 0.3*cos(5*x)", -5, 5, &typed);
    double best_typed = 1e300;
    for (int r = 0; r < 5; ++r) {
        const auto t0 = Clock::now();
        const LrMap m = MapLearningRates1D(typed, LrMapSettings{});
        const auto t1 = Clock::now();
        best_typed = std::min(best_typed, Seconds(t0, t1));
        check = m.outcome.size();
    }
    std::printf(", \"map_formula_ms\": %.3f", best_typed * 1000);
    // Training: epochs in about one second, best rate of 3 rounds.
    for (PresetKind k : {PresetKind::Playground, PresetKind::Spiral}) {
        double rate = 0;
        for (int r = 0; r < 3; ++r) {
            Trainer t;
            ConfigurePreset(&t, k);
            int epochs = 0;
            const auto t0 = Clock::now();
            double el = 0;
            while (el < 0.7) {
                for (int i = 0; i < 50; ++i) t.TrainEpoch();
                epochs += 50;
                el = Seconds(t0, Clock::now());
            }
            rate = std::max(rate, epochs / el);
        }
        std::printf(", \"train_%s_eps\": %.1f", PresetName(k), rate);
    }
    std::printf("}\n");
    return 0;
}
