// play.hpp: the controls shared by the widgets whose hosts are built on app::PlayClock
// (with CanRun(), kMinSpeed and kMaxSpeed): Roll Downhill, the learning-rate comparison
// and the optimizer race. Each binds them the same way:
//   .function("setPlaying", &bind::SetPlaying<Host>)
//   .function("setSpeed", &bind::SetSpeed<Host>)
// plus, for hosts with a loss chart (log_scale), SetLogScale, and CheckAdvance for the
// argument of advance(n).
#pragma once
#include <cmath>
#include <cstdio>

#include "bindings/errors.hpp"

namespace downhill::bind {

// Play (only while the run can go on) or pause.
template <class Host>
void SetPlaying(Host& h, bool on) { h.PlayClock::SetPlaying(on, h.CanRun()); }

// Steps per second within the host's range; a RangeError names the range otherwise.
template <class Host>
void SetSpeed(Host& h, double sps) {
    if (!std::isfinite(sps) || sps < Host::kMinSpeed || sps > Host::kMaxSpeed) {
        std::snprintf(PendingError(), 512, "Speed must lie between %g and %g steps per second.", Host::kMinSpeed,
                      Host::kMaxSpeed);
        ThrowPending();
    }
    h.steps_per_second = sps;
}

// The loss chart's scale: plain or log10 of (loss - lowest).
template <class Host>
void SetLogScale(Host& h, bool on) {
    h.log_scale = on;
    ++h.version;
}

// advance(n): the argument check shared by every host's bulk stepping.
inline void CheckAdvance(int n) { RefuseIf(n < 0 || n > 1000000, "advance(n) takes 0 <= n <= 1000000."); }

} // namespace downhill::bind
