// bind_code_walk.cpp: the JavaScript API of the code walk-through widget (Embind).
// Lines are numbered from 1 here, as the page shows them.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "app/show.hpp"
#include "bindings/errors.hpp"
#include "bindings/play.hpp"
#include "model/code_walk_model.hpp"
#include "views/code_walk_view.hpp"
#include "core/loop_walk.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::CodeWalkModel;

// Everything the page shows about the walk, in one plain object.
struct CodeWalkState {
    int line;            // the line that just ran, 1..10; 0 before the first
    int nextLine;        // the line that runs next, 1..10; 0 once the program has ended
    int linesRun;        // lines run since the start
    bool hasX, hasY, hasW, hasRate, hasPrediction, hasLoss, hasGradient; // assigned yet?
    int epoch;           // the loop variable (0 before the loop)
    double w, rate, loss, gradient; // the program's variables (rate: learning_rate)
    bool finished;       // the program has ended
    bool blewUp;         // ended because a number stopped being finite
    int printed;         // print() lines so far
    double learningRate; // the setting the program's line 4 uses
    int epochs;          // the setting the program's line 5 uses
    bool playing;        // Run is on
    double speed;        // Run's pace, lines per second
    uint32_t version;    // changes whenever anything above changes
};
CodeWalkState State(const CodeWalkModel& h) {
    const LoopState& s = h.walk.state();
    return {s.line + 1, s.next_line + 1, s.lines_run, s.has_x, s.has_y, s.has_w, s.has_rate, s.has_prediction,
            s.has_loss, s.has_gradient, s.epoch, s.w, s.learning_rate, s.loss, s.gradient, s.finished, s.blew_up,
            s.printed, h.walk.settings().learning_rate, h.walk.settings().epochs, h.playing, h.steps_per_second,
            h.version};
}
val Lines(const CodeWalkModel& h) {
    val out = val::array();
    const auto& lines = h.walk.lines();
    for (size_t i = 0; i < lines.size(); ++i) out.set(i, lines[i]);
    return out;
}
val Doubles(const double* v, size_t n) {
    val out = val::global("Float64Array").new_(int(n));
    for (size_t i = 0; i < n; ++i) out.set(i, v[i]);
    return out;
}
val Prediction(const CodeWalkModel& h) { return Doubles(h.walk.state().prediction.data(), kLoopPoints); }
val Losses(const CodeWalkModel& h) { return Doubles(h.walk.losses().data(), h.walk.losses().size()); }
val Printed(const CodeWalkModel& h) {
    val out = val::array();
    const auto& p = h.walk.printed();
    for (size_t i = 0; i < p.size(); ++i) {
        val o = val::object();
        o.set("epoch", p[i].epoch);
        o.set("w", p[i].w);
        o.set("loss", p[i].loss);
        out.set(i, o);
    }
    return out;
}
val Data(const CodeWalkModel&) {
    val o = val::object();
    o.set("x", Doubles(kLoopX.data(), kLoopPoints));
    o.set("y", Doubles(kLoopY.data(), kLoopPoints));
    return o;
}
void SetLearningRate(CodeWalkModel& h, double lr) {
    if (bind::Refused(h.SetLearningRate(lr))) bind::Refuse();
}
void SetEpochs(CodeWalkModel& h, double e) {
    if (bind::RefuseIf(!std::isfinite(e) || e != std::floor(e), "The number of epochs must be a whole number from 1 to 50.")) return;
    if (bind::Refused(h.SetEpochs(e >= 1 && e <= LoopWalkSettings::kMaxEpochs ? int(e) : 0))) bind::Refuse();
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_code_walk) {
    value_object<CodeWalkState>("CodeWalkState")
        .field("line", &CodeWalkState::line)
        .field("nextLine", &CodeWalkState::nextLine)
        .field("linesRun", &CodeWalkState::linesRun)
        .field("hasX", &CodeWalkState::hasX)
        .field("hasY", &CodeWalkState::hasY)
        .field("hasW", &CodeWalkState::hasW)
        .field("hasRate", &CodeWalkState::hasRate)
        .field("hasPrediction", &CodeWalkState::hasPrediction)
        .field("hasLoss", &CodeWalkState::hasLoss)
        .field("hasGradient", &CodeWalkState::hasGradient)
        .field("epoch", &CodeWalkState::epoch)
        .field("w", &CodeWalkState::w)
        .field("rate", &CodeWalkState::rate)
        .field("loss", &CodeWalkState::loss)
        .field("gradient", &CodeWalkState::gradient)
        .field("finished", &CodeWalkState::finished)
        .field("blewUp", &CodeWalkState::blewUp)
        .field("printed", &CodeWalkState::printed)
        .field("learningRate", &CodeWalkState::learningRate)
        .field("epochs", &CodeWalkState::epochs)
        .field("playing", &CodeWalkState::playing)
        .field("speed", &CodeWalkState::speed)
        .field("version", &CodeWalkState::version);
    bind::BindPlay(class_<CodeWalkModel>("CodeWalk")
        .constructor<>()
        .function("state", &State)
        .function("lines", &Lines)
        .function("prediction", &Prediction)
        .function("losses", &Losses)
        .function("printed", &Printed)
        .function("data", &Data)
        .function("next", &CodeWalkModel::Next)
        .function("back", &CodeWalkModel::Back)
        .function("runToEnd", &CodeWalkModel::RunToEnd)
        .function("setLearningRate", &SetLearningRate)
        .function("setEpochs", &SetEpochs));
    function("showCodeWalk", &app::Show<CodeWalkModel>, allow_raw_pointers());
}
