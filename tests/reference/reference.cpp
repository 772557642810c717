// reference.cpp: prints, as JSON, results of the native core that the wasm build must
// reproduce (tests/node/wasm_vs_native.test.js runs this and compares).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/landscape1d.hpp"
#include "core/landscape2d.hpp"
#include "core/losses.hpp"
#include "core/maps.hpp"
#include "core/optim/run.hpp"
#include "core/train/datasets.hpp"
#include "core/train/presets.hpp"
#include "core/train/trainer.hpp"

using namespace downhill;

namespace {
bool first = true;
void Key(const char* k) { std::printf("%s\n\"%s\": ", first ? "{" : ",", k); first = false; }
void Num(double v) {
    if (std::isfinite(v)) std::printf("%.17g", v);
    else std::printf("null");
}
void Array(const std::vector<double>& v) {
    std::printf("[");
    for (size_t i = 0; i < v.size(); ++i) { if (i) std::printf(","); Num(v[i]); }
    std::printf("]");
}
template <class T>
void Ints(const std::vector<T>& v) {
    std::printf("[");
    for (size_t i = 0; i < v.size(); ++i) std::printf(i ? ",%d" : "%d", int(v[i]));
    std::printf("]");
}
} // namespace

int main() {
    // Losses of one example per kind.
    {
        std::vector<double> out;
        const double o2[3] = {2.0, -1.0, 0.5}, t2[3] = {0.0, 1.0, 0.0}, o1[1] = {0.3}, t1[1] = {1.0};
        double g[3];
        for (LossKind k : {LossKind::MSE, LossKind::MAE, LossKind::Huber}) out.push_back(LossAndGrad(k, o2, t2, 3, g, 0.5)), out.insert(out.end(), g, g + 3);
        out.push_back(LossAndGrad(LossKind::SoftmaxCE, o2, t2, 3, g)); out.insert(out.end(), g, g + 3);
        out.push_back(LossAndGrad(LossKind::BCE, o1, t1, 1, g)); out.push_back(g[0]);
        out.push_back(LossAndGrad(LossKind::Hinge, o1, t1, 1, g)); out.push_back(g[0]);
        Key("losses"); Array(out);
    }
    // Stationary points of every 1-D curve.
    for (const std::string& n : Landscape1DNames()) {
        std::vector<double> xs;
        for (const auto& p : Stationary1D(*MakeLandscape1D(n))) xs.push_back(p.x);
        Key(("stationary:" + n).c_str()); Array(xs);
    }
    // Critical points of every 2-D surface.
    for (const std::string& n : Landscape2DNames()) {
        std::vector<double> xs;
        for (const auto& p : MakeLandscape2D(n)->critical_points()) { xs.push_back(p.x); xs.push_back(p.y); }
        Key(("critical:" + n).c_str()); Array(xs);
    }
    // Every optimizer on the lesson surface and on Rosenbrock from their starts.
    for (const char* surface : {"lesson", "rosenbrock"}) {
        for (const std::string& o : OptimizerNames()) {
            const auto f = MakeLandscape2D(surface);
            const Trajectory t = RunOptimizer2D(*f, o, DefaultOptimizerSettings(o), f->start().x, f->start().y, 300);
            Key((std::string("run:") + surface + ":" + o).c_str());
            std::printf("{\"steps\":%d,\"status\":\"%s\",\"x\":", t.steps, RunStatusName(t.status));
            Num(t.positions[t.positions.size() - 2]); std::printf(",\"y\":"); Num(t.positions.back());
            std::printf(",\"loss\":"); Num(t.losses.back()); std::printf("}");
        }
    }
    // A learning-rate map on the course curve and a basin map on the lesson surface.
    {
        LrMapSettings s; s.starts = 96; s.rates = 48; s.steps = 300;
        const LrMap m = MapLearningRates1D(CourseCurve{}, s);
        Key("lrmap:outcome"); Ints(m.outcome);
        Key("lrmap:steps"); Ints(m.steps);
        BasinMapSettings b; b.nx = 40; b.ny = 40; b.steps = 400;
        const auto f = MakeLandscape2D("lesson");
        const BasinMap bm = MapBasins2D(*f, "momentum", DefaultOptimizerSettings("momentum"), b);
        Key("basin:outcome"); Ints(bm.outcome);
    }
    // Seeded data and 30 epochs of the Playground preset.
    {
        Dataset train, validation;
        DatasetSettings d; d.kind = DatasetKind::Spiral; d.points = 200; d.noise = 0.2; d.seed = 7;
        MakeSplit(d, &train, &validation);
        Key("data:spiral:x"); Array(train.x);
        Key("data:spiral:y"); Array(train.y);
        Trainer t;
        ConfigurePreset(&t, PresetKind::Playground);
        for (int e = 0; e < 30; ++e) t.TrainEpoch();
        Key("train:playground:train"); Array(t.train_loss());
        Key("train:playground:validation"); Array(t.validation_loss());
    }
    std::printf("\n}\n");
    return 0;
}
