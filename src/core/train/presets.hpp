// presets.hpp: ready-made training runs, each a dataset, a model and training settings
// chosen to show one thing (and used by the tests and the benchmark).
//
// How to use:
//   Trainer t;
//   std::string err = ConfigurePreset(&t, PresetKind::Overfit);  // "" = ok
//   while (t.epoch() < MakePreset(PresetKind::Overfit).epochs) t.TrainEpoch();
//
// Index
//   [SECTION] PresetKind and Preset
//   [SECTION] The presets
#pragma once
#include <string>

#include "trainer.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] PresetKind and Preset
//-----------------------------------------------------------------------------

// What each preset shows:
//   Playground : TensorFlow Playground's default: circle data, 500 points, half for
//                training, noise 0, inputs x1 x2, hidden 4-2 tanh, batch 10, eta 0.03;
//                a logit output with BCE; low loss within a few hundred epochs
//   Spiral     : two spirals with hidden 8-8-8 tanh, otherwise as Playground; slow to learn
//   Overfit    : 30 noisy training points (270 validate) and a 16-16-16 tanh MLP: training
//                loss keeps falling towards 0 while validation loss turns and rises
//   Line       : linear regression (MSE, full batch) on a noisy line y = 2x - 1
//   Blobs      : logistic regression (BCE) on two Gaussian blobs
//   Xor        : a 4-4 tanh MLP learning XOR
//   ThreeClass : an 8-unit tanh MLP with softmax cross-entropy on three blobs
enum class PresetKind { Playground, Spiral, Overfit, Line, Blobs, Xor, ThreeClass };

const char* PresetName(PresetKind k);                       // "playground", "spiral", "overfit", "line", "blobs", "xor", "three-class"
bool ParsePresetKind(const std::string& name, PresetKind* out); // inverse of PresetName; false on an unknown name
const char* PresetDescription(PresetKind k);                // one sentence for a learner

struct Preset {
    PresetKind kind = PresetKind::Playground;
    DatasetSettings data;
    ModelSettings model;
    TrainSettings train;
    int epochs = 300; // epochs after which the preset has shown its point
};

//-----------------------------------------------------------------------------
// [SECTION] The presets
//-----------------------------------------------------------------------------

Preset MakePreset(PresetKind k);                         // unknown values give Playground
std::string ConfigurePreset(Trainer* t, PresetKind k);   // t->Configure with the preset's settings

} // namespace downhill
