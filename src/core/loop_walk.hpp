// loop_walk.hpp: a training loop run one line of code at a time (lessons/07-training-loop.md).
//
// The program is gradient descent for a one-weight model y = w * x on four points:
//
//    1  x = [1, 2, 3, 4]
//    2  y = [2.1, 3.9, 6.2, 7.8]
//    3  w = 0.0
//    4  learning_rate = 0.02
//    5  for epoch in range(1, 21):
//    6      prediction = w * x
//    7      loss = mean((prediction - y) ** 2)
//    8      gradient = mean(2 * (prediction - y) * x)
//    9      w = w - learning_rate * gradient
//   10      print(epoch, w, loss)
//
// LoopWalk executes those lines as written, one per Next(), and keeps the state after each
// line so that Back() can undo it. The numbers are the program's own: nothing is skipped
// or rounded.
//
// Index
//   [SECTION] Settings and the program's lines
//   [SECTION] LoopState: every variable after one line
//   [SECTION] LoopWalk: the stepper
#pragma once
#include <array>
#include <string>
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Settings and the program's lines
//-----------------------------------------------------------------------------

struct LoopWalkSettings {
    double learning_rate = 0.02; // in [kMinLearningRate, kMaxLearningRate]
    int epochs = 20;             // passes of the loop, in [1, kMaxEpochs]
    static constexpr double kMinLearningRate = 0.001;
    static constexpr double kMaxLearningRate = 0.15; // above 2 / (2 mean x^2) = 0.1333 the weight bounces and grows
    static constexpr int kMaxEpochs = 50;
};

// The program's lines, 0-based (line k is shown as k + 1).
enum LoopLine : int {
    kLineX = 0,        // x = [...]
    kLineY,            // y = [...]
    kLineW,            // w = 0.0
    kLineRate,         // learning_rate = ...
    kLineFor,          // for epoch in range(1, epochs + 1):
    kLinePrediction,   // prediction = w * x
    kLineLoss,         // loss = mean((prediction - y) ** 2)
    kLineGradient,     // gradient = mean(2 * (prediction - y) * x)
    kLineUpdate,       // w = w - learning_rate * gradient
    kLinePrint,        // print(epoch, w, loss)
    kLineCount
};

inline constexpr int kLoopPoints = 4;
inline constexpr std::array<double, kLoopPoints> kLoopX = {1.0, 2.0, 3.0, 4.0};
inline constexpr std::array<double, kLoopPoints> kLoopY = {2.1, 3.9, 6.2, 7.8};
inline constexpr double kLoopStartW = 0.0;

//-----------------------------------------------------------------------------
// [SECTION] LoopState
//-----------------------------------------------------------------------------

// Every variable of the program after one line has run. A variable that has not been
// assigned yet has its `has_` flag false (its value is then 0).
struct LoopState {
    int line = -1;            // the line that just ran (LoopLine), -1 before the first
    int next_line = kLineX;   // the line that runs next, -1 once the program has ended
    int lines_run = 0;        // lines executed since the start
    bool has_x = false, has_y = false, has_w = false, has_rate = false;
    bool has_prediction = false, has_loss = false, has_gradient = false;
    int epoch = 0;            // the loop variable: 0 before the loop starts
    double w = 0.0;
    double learning_rate = 0.0;
    std::array<double, kLoopPoints> prediction{};
    double loss = 0.0;        // mean squared error of the current prediction
    double gradient = 0.0;    // d loss / d w at the current prediction
    bool finished = false;    // the loop is over (after the last epoch) or the numbers blew up
    bool blew_up = false;     // w or the loss stopped being a finite number
    int printed = 0;          // print() lines so far (the length of LoopWalk::printed())
    int losses = 0;           // losses computed so far (the length of LoopWalk::losses())
};

// One line the program printed: print(epoch, w, loss).
struct LoopPrint {
    int epoch;
    double w;
    double loss;
};

//-----------------------------------------------------------------------------
// [SECTION] LoopWalk
//-----------------------------------------------------------------------------

class LoopWalk {
public:
    explicit LoopWalk(LoopWalkSettings s = {});

    // Setters refuse a value out of range (returning a readable message, changing
    // nothing); on success they return "" and start the program again.
    std::string SetLearningRate(double lr);
    std::string SetEpochs(int epochs);

    void Reset();          // back to before line 1
    bool Next();           // runs one line; false (and no change) once the program has ended
    bool Back();           // undoes the last line; false at the start
    int Advance(int n);    // up to n lines; returns how many ran
    int RunToEnd();        // every remaining line; returns how many ran

    const LoopWalkSettings& settings() const { return settings_; }
    const LoopState& state() const { return history_.back(); }
    int history_size() const { return int(history_.size()); }      // states kept, the start included
    const std::vector<double>& losses() const { return losses_; }  // loss of each epoch, in order (line 7)
    const std::vector<LoopPrint>& printed() const { return printed_; }
    // The program as text, one string per line, with the settings' numbers filled in.
    const std::vector<std::string>& lines() const { return lines_; }
    // The largest number of lines a full run can take (the history never grows past it + 1).
    int MaxLines() const { return 4 + 6 * settings_.epochs + 1; }

private:
    void WriteLines();
    LoopWalkSettings settings_;
    std::vector<LoopState> history_;  // the state before line 1, then after each line run
    std::vector<double> losses_;
    std::vector<LoopPrint> printed_;
    std::vector<std::string> lines_;
};

} // namespace downhill
