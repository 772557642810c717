// loop_walk.cpp: see loop_walk.hpp.
#include "loop_walk.hpp"

#include <cmath>
#include <cstdio>

namespace downhill {

namespace {
std::string List(const std::array<double, kLoopPoints>& v) {
    std::string s = "[";
    char buf[32];
    for (int i = 0; i < kLoopPoints; ++i) {
        std::snprintf(buf, sizeof buf, "%s%g", i ? ", " : "", v[size_t(i)]);
        s += buf;
    }
    return s + "]";
}
} // namespace

LoopWalk::LoopWalk(LoopWalkSettings s) {
    if (!SetLearningRate(s.learning_rate).empty()) settings_.learning_rate = LoopWalkSettings{}.learning_rate;
    if (!SetEpochs(s.epochs).empty()) settings_.epochs = LoopWalkSettings{}.epochs;
    Reset();
}

std::string LoopWalk::SetLearningRate(double lr) {
    if (!std::isfinite(lr)) return "The learning rate must be a number.";
    if (lr < LoopWalkSettings::kMinLearningRate || lr > LoopWalkSettings::kMaxLearningRate)
        return "The learning rate must lie between 0.001 and 0.15.";
    settings_.learning_rate = lr;
    Reset();
    return "";
}

std::string LoopWalk::SetEpochs(int epochs) {
    if (epochs < 1 || epochs > LoopWalkSettings::kMaxEpochs) return "The number of epochs must lie between 1 and 50.";
    settings_.epochs = epochs;
    Reset();
    return "";
}

void LoopWalk::WriteLines() {
    char buf[96];
    lines_.clear();
    lines_.push_back("x = " + List(kLoopX));
    lines_.push_back("y = " + List(kLoopY));
    std::snprintf(buf, sizeof buf, "w = %.1f", kLoopStartW);
    lines_.push_back(buf);
    std::snprintf(buf, sizeof buf, "learning_rate = %g", settings_.learning_rate);
    lines_.push_back(buf);
    std::snprintf(buf, sizeof buf, "for epoch in range(1, %d):", settings_.epochs + 1);
    lines_.push_back(buf);
    lines_.push_back("    prediction = w * x");
    lines_.push_back("    loss = mean((prediction - y) ** 2)");
    lines_.push_back("    gradient = mean(2 * (prediction - y) * x)");
    lines_.push_back("    w = w - learning_rate * gradient");
    lines_.push_back("    print(epoch, w, loss)");
}

void LoopWalk::Reset() {
    WriteLines();
    history_.clear();
    history_.reserve(size_t(MaxLines()) + 1); // all the memory a walk will use, taken once
    history_.push_back(LoopState{});
    losses_.clear();
    losses_.reserve(size_t(settings_.epochs));
    printed_.clear();
    printed_.reserve(size_t(settings_.epochs));
}

bool LoopWalk::Next() {
    LoopState s = history_.back();
    if (s.finished || s.next_line < 0) return false;
    s.line = s.next_line;
    ++s.lines_run;
    const auto& x = kLoopX;
    const auto& y = kLoopY;
    switch (s.line) {
    case kLineX: s.has_x = true; s.next_line = kLineY; break;
    case kLineY: s.has_y = true; s.next_line = kLineW; break;
    case kLineW: s.has_w = true; s.w = kLoopStartW; s.next_line = kLineRate; break;
    case kLineRate:
        s.has_rate = true;
        s.learning_rate = settings_.learning_rate;
        s.next_line = kLineFor;
        break;
    case kLineFor:
        if (s.epoch < settings_.epochs) {
            ++s.epoch;
            s.next_line = kLinePrediction;
        } else {
            s.finished = true;
            s.next_line = -1;
        }
        break;
    case kLinePrediction:
        for (int i = 0; i < kLoopPoints; ++i) s.prediction[size_t(i)] = s.w * x[size_t(i)];
        s.has_prediction = true;
        s.next_line = kLineLoss;
        break;
    case kLineLoss: {
        double sum = 0.0;
        for (int i = 0; i < kLoopPoints; ++i) {
            const double e = s.prediction[size_t(i)] - y[size_t(i)];
            sum += e * e;
        }
        s.loss = sum / kLoopPoints;
        s.has_loss = true;
        losses_.resize(size_t(s.losses));
        losses_.push_back(s.loss);
        s.losses = int(losses_.size());
        s.next_line = kLineGradient;
        break;
    }
    case kLineGradient: {
        double sum = 0.0;
        for (int i = 0; i < kLoopPoints; ++i) sum += 2.0 * (s.prediction[size_t(i)] - y[size_t(i)]) * x[size_t(i)];
        s.gradient = sum / kLoopPoints;
        s.has_gradient = true;
        s.next_line = kLineUpdate;
        break;
    }
    case kLineUpdate:
        s.w = s.w - s.learning_rate * s.gradient;
        s.next_line = kLinePrint;
        break;
    case kLinePrint:
        printed_.resize(size_t(s.printed));
        printed_.push_back({s.epoch, s.w, s.loss});
        s.printed = int(printed_.size());
        s.next_line = kLineFor;
        break;
    default: return false;
    }
    if (!std::isfinite(s.w) || !std::isfinite(s.loss) || !std::isfinite(s.gradient)) {
        s.blew_up = true;
        s.finished = true;
        s.next_line = -1;
    }
    history_.push_back(s);
    return true;
}

bool LoopWalk::Back() {
    if (history_.size() <= 1) return false;
    history_.pop_back();
    const LoopState& s = history_.back();
    losses_.resize(size_t(s.losses));
    printed_.resize(size_t(s.printed));
    return true;
}

int LoopWalk::Advance(int n) {
    int ran = 0;
    while (ran < n && Next()) ++ran;
    return ran;
}

int LoopWalk::RunToEnd() { return Advance(MaxLines()); }

} // namespace downhill
