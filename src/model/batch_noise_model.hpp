// batch_noise_model.hpp: the batch-size and range-test widget: one line fit, two views.
//   noise: the spread of mini-batch gradients against the batch size B, and a few
//          mini-batch gradients drawn around the full one at the learner's B
//          (lessons/07-training-loop.md);
//   range: the learning-rate range test, its steepest fall, its blow-up and the suggested
//          rate (lessons/05-learning-rate.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/batch_noise.hpp"

namespace downhill::model {

// The widget's settings (the URL holds these).
struct BatchNoiseSettings {
    bool range_view = false;  // false: the noise view; true: the range test
    int batch = 4;            // B for the arrows, 1 .. kPoints
    double range_from = -5;   // log10 of the range test's first rate, -6 .. -2
    double range_to = 1;      // log10 of its last rate, -1 .. 2
    int seed = 1;             // the data's seed, 1 .. 9999
};

struct BatchNoiseModel {
    static constexpr int kPoints = 64;       // N, the dataset's size
    static constexpr int kSamples = 400;     // mini-batches drawn per batch size for the spread
    static constexpr int kArrows = 12;       // mini-batch gradients drawn at the learner's B
    static constexpr int kRangeSteps = 200;  // steps of the range test
    static constexpr int kTrainSteps = 50;   // steps of the "use it" run
    static constexpr double kStartW = 0, kStartB = 0; // where gradients are taken and training starts

    BatchNoiseSettings settings;  // what the learner chose
    uint32_t version = 0;         // bumped on every change
    LineData data;                // the points
    BatchNoiseStudy study;        // the spread per batch size
    std::vector<Grad2> arrows;    // kArrows mini-batch gradients at settings.batch
    RangeTestResult range;        // the range test
    double curvature = 0;         // the loss's top curvature L (blow-up beyond 2/L)
    double used_rate = 0;         // the rate of the last "use it" run (0: none yet)
    double used_loss = 0;         // the loss after that run's kTrainSteps steps

    BatchNoiseModel() { Rebuild(); }

    std::string SetView(const std::string& v) {
        if (v != "noise" && v != "range") return "The view must be “noise” or “range”.";
        settings.range_view = v == "range";
        ++version;
        return "";
    }
    std::string SetBatch(double b) {
        if (!std::isfinite(b) || b != std::floor(b)) return "The batch size must be a whole number.";
        if (b < 1 || b > kPoints) return "The batch size must lie between 1 and 64.";
        settings.batch = int(b);
        arrows = SampleBatchGradients(study_gradients_, settings.batch, kArrows, uint64_t(settings.seed) + 17);
        ++version;
        return "";
    }
    // The range test's first and last rates as powers of ten.
    std::string SetRange(double from, double to) {
        if (!std::isfinite(from) || !std::isfinite(to)) return "The range test's rates must be numbers.";
        if (from < -6 || from > -2) return "The first rate's power of ten must lie between −6 and −2.";
        if (to < -1 || to > 2) return "The last rate's power of ten must lie between −1 and 2.";
        settings.range_from = from;
        settings.range_to = to;
        RunRange();
        ++version;
        return "";
    }
    std::string SetSeed(double s) {
        if (!std::isfinite(s) || s != std::floor(s) || s < 1 || s > 9999)
            return "The data seed must be a whole number between 1 and 9999.";
        settings.seed = int(s);
        Rebuild();
        return "";
    }
    // Trains the line from the start for kTrainSteps steps at the suggested rate.
    void UseSuggested() {
        used_rate = range.suggested;
        used_loss = TrainLineFit(data, kStartW, kStartB, used_rate, kTrainSteps);
        ++version;
    }
    double StartLoss() const { return LineLoss(data, kStartW, kStartB); }

private:
    std::vector<Grad2> study_gradients_; // one gradient per point at the start

    void RunRange() {
        range = RangeTestLineFit(data, kStartW, kStartB, std::pow(10.0, settings.range_from),
                                 std::pow(10.0, settings.range_to), kRangeSteps);
        used_rate = 0;
    }
    void Rebuild() {
        data = MakeLineData(kPoints, uint64_t(settings.seed));
        curvature = LineLossCurvature(data);
        study_gradients_ = ExampleGradients(data, kStartW, kStartB);
        study = StudyBatchNoise(study_gradients_, kSamples, uint64_t(settings.seed));
        arrows = SampleBatchGradients(study_gradients_, settings.batch, kArrows, uint64_t(settings.seed) + 17);
        RunRange();
        ++version;
    }
};

} // namespace downhill::model
