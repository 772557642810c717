// schedule.hpp: learning-rate schedules. The rate at step t (0-based) is
// eta_t = eta * ScheduleFactor(schedule, t); an Optimizer applies it on every Step().
//
// Index
//   [SECTION] Schedule: kind and parameters (a plain struct)
//   [SECTION] ScheduleFactor, validation, names
#pragma once
#include <cmath>
#include <string>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Schedule
//-----------------------------------------------------------------------------

enum class ScheduleKind {
    Constant,    // factor 1
    StepDecay,   // factor gamma^floor(t / step_size): drops in stairs
    Exponential, // factor gamma^t: a smooth, steady decay
    Cosine,      // from 1 down to min_factor along half a cosine over `period` steps, then flat
                 // (Loshchilov & Hutter 2017, "SGDR", without the restarts)
};

// One table of parameters for every kind; each kind reads the fields its comment names.
struct Schedule {
    ScheduleKind kind = ScheduleKind::Constant;
    int step_size = 100;     // StepDecay: steps between drops, >= 1
    double gamma = 0.5;      // StepDecay: factor per drop; Exponential: factor per step; in (0, 1]
    int period = 500;        // Cosine: steps from the full rate to the floor, >= 1
    double min_factor = 0.0; // Cosine: the floor as a fraction of the rate, in [0, 1]
};

//-----------------------------------------------------------------------------
// [SECTION] ScheduleFactor, validation, names
//-----------------------------------------------------------------------------

// Multiplier of the base learning rate at step t (t < 0 counts as 0).
inline double ScheduleFactor(const Schedule& s, long t) {
    if (t < 0) t = 0;
    switch (s.kind) {
    case ScheduleKind::Constant: return 1.0;
    case ScheduleKind::StepDecay: {
        const long size = s.step_size >= 1 ? s.step_size : 1;
        return std::pow(s.gamma, static_cast<double>(t / size));
    }
    case ScheduleKind::Exponential: return std::pow(s.gamma, static_cast<double>(t));
    case ScheduleKind::Cosine: {
        const double period = s.period >= 1 ? s.period : 1;
        const double u = t < period ? t / period : 1.0;
        return s.min_factor + (1.0 - s.min_factor) * 0.5 * (1.0 + std::cos(3.14159265358979323846 * u));
    }
    }
    return 1.0;
}

inline const char* ScheduleKindName(ScheduleKind k) {
    switch (k) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::StepDecay: return "step";
    case ScheduleKind::Exponential: return "exponential";
    case ScheduleKind::Cosine: return "cosine";
    }
    return "constant";
}

// Inverse of ScheduleKindName; false (and *out unchanged) for an unknown name.
inline bool ParseScheduleKind(const std::string& name, ScheduleKind* out) {
    for (ScheduleKind k : {ScheduleKind::Constant, ScheduleKind::StepDecay, ScheduleKind::Exponential,
                           ScheduleKind::Cosine}) {
        if (name == ScheduleKindName(k)) {
            if (out) *out = k;
            return true;
        }
    }
    return false;
}

// "" when the fields the kind uses are sensible, else a message for the learner.
inline std::string ValidateSchedule(const Schedule& s) {
    switch (s.kind) {
    case ScheduleKind::Constant: return "";
    case ScheduleKind::StepDecay:
        if (s.step_size < 1 || s.step_size > 100000000)
            return "The step size of a step decay must be a whole number of steps from 1 up.";
        [[fallthrough]];
    case ScheduleKind::Exponential:
        if (!(s.gamma > 0.0 && s.gamma <= 1.0)) return "The decay factor gamma must lie in (0, 1].";
        return "";
    case ScheduleKind::Cosine:
        if (s.period < 1 || s.period > 100000000) return "The cosine period must be a whole number of steps from 1 up.";
        if (!(s.min_factor >= 0.0 && s.min_factor <= 1.0)) return "The cosine floor must lie in [0, 1].";
        return "";
    }
    return "Unknown schedule.";
}

} // namespace downhill
