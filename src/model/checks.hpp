// checks.hpp: the one range check the widget models share for a learner's number, with
// the message the page shows when it is refused.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

namespace downhill::model {

// "" when v is a number in [lo, hi]; else "The <what> must be a number." or
// "The <what> must lie between <lo> and <hi>." (bounds written with %g).
inline std::string CheckInRange(double v, double lo, double hi, const char* what) {
    if (!std::isfinite(v)) return std::string("The ") + what + " must be a number.";
    if (v < lo || v > hi) {
        char msg[160];
        std::snprintf(msg, sizeof msg, "The %s must lie between %g and %g.", what, lo, hi);
        return msg;
    }
    return "";
}

} // namespace downhill::model
