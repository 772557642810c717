// loss_curve.hpp: reads a training run's loss history the way a practitioner glances at
// a loss-vs-epoch chart (lessons/09-loss-curves.md): still falling, levelled off, stuck early,
// going up, jumping about, overfitting, or blown up.
//
// How to use:
//   const CurveReading r = ReadLossCurve(trainer.train_loss(), trainer.validation_loss());
//   if (r.shape == CurveShape::Overfitting) say(r.rising_for, r.best_epoch);
//
// Index
//   [SECTION] CurveShape and CurveReading
//   [SECTION] Reading a curve
#pragma once
#include <string>
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] CurveShape and CurveReading
//-----------------------------------------------------------------------------

// What the curve looks like, checked in this order (the first that fits wins):
//   NotStarted  : no completed epoch yet
//   Diverged    : the latest training loss is not a finite number
//   Overfitting : validation loss has risen for a while past its best epoch while the
//                 training loss kept falling below its value at that epoch
//   Fluctuating : over the recent window the training loss keeps changing direction by a
//                 large amount (learning rate too high, or very noisy batches)
//   Rising      : the training loss went up over the recent window (learning rate too high)
//   Stuck       : flat over the recent window while still close to where it started
//                 (stuck on a plateau, learning rate too low, or a model too small)
//   Settled     : flat over the recent window after falling a long way (converged)
//   Falling     : anything else: still going down
enum class CurveShape { NotStarted, Diverged, Overfitting, Fluctuating, Rising, Stuck, Settled, Falling };

const char* CurveShapeName(CurveShape s); // "not-started", "diverged", "overfitting", "fluctuating", "rising", "stuck", "settled", "falling"

// Thresholds of the reading. Relative changes are taken against the earlier value.
struct CurveRules {
    int window = 10;             // recent epochs looked at for the trend, >= 2
    double flat = 0.01;          // a relative fall below this over the window counts as flat
    double stuck_fraction = 0.6; // flat while above this share of the starting loss: stuck
    double rise = 0.05;          // a relative rise above this over the window: rising
    double jitter = 0.15;        // (max - min) / mean over the window above this, with many turns: fluctuating
    double overfit_rise = 0.05;  // validation this far (relative) above its best ...
    int overfit_epochs = 5;      // ... for at least this many epochs (and 10% of the run): overfitting
};

struct CurveReading {
    CurveShape shape = CurveShape::NotStarted;
    int epochs = 0;              // completed epochs (history entries - 1)
    int best_epoch = -1;         // epoch of the lowest validation loss (training loss without validation); -1 if none
    double best_loss = 0.0;      // the loss at best_epoch
    int rising_for = 0;          // epochs since best_epoch
    int window = 0;              // epochs the trend was measured over (<= rules.window)
    double recent_change = 0.0;  // relative change of the training loss over the window: (T[E] - T[E-w]) / T[E-w]
    double start_loss = 0.0;     // training loss before training (entry 0)
};

//-----------------------------------------------------------------------------
// [SECTION] Reading a curve
//-----------------------------------------------------------------------------

// `train` and `validation` hold one loss per epoch, entry 0 before training (the trainer's
// history). Validation may be empty or NaN throughout (no validation set).
CurveReading ReadLossCurve(const std::vector<double>& train, const std::vector<double>& validation,
                           const CurveRules& rules = {});

} // namespace downhill
