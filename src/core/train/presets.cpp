// presets.cpp: see presets.hpp.
#include "presets.hpp"

namespace downhill {

const char* PresetName(PresetKind k) {
    switch (k) {
    case PresetKind::Playground: return "playground";
    case PresetKind::Spiral: return "spiral";
    case PresetKind::Overfit: return "overfit";
    case PresetKind::Line: return "line";
    case PresetKind::Blobs: return "blobs";
    case PresetKind::Xor: return "xor";
    case PresetKind::ThreeClass: return "three-class";
    }
    return "playground";
}

bool ParsePresetKind(const std::string& name, PresetKind* out) {
    static const PresetKind all[] = {PresetKind::Playground, PresetKind::Spiral, PresetKind::Overfit,
                                     PresetKind::Line,       PresetKind::Blobs,  PresetKind::Xor,
                                     PresetKind::ThreeClass};
    for (PresetKind k : all)
        if (name == PresetName(k)) {
            if (out) *out = k;
            return true;
        }
    return false;
}

const char* PresetDescription(PresetKind k) {
    switch (k) {
    case PresetKind::Playground: return "A small network learns to tell the inner disc from the ring around it.";
    case PresetKind::Spiral: return "Two interleaved spirals: a deeper network needs many epochs to untangle them.";
    case PresetKind::Overfit:
        return "A big network on a few noisy points: training loss keeps falling while validation loss rises.";
    case PresetKind::Line: return "Fitting a straight line to noisy points by gradient descent on the squared error.";
    case PresetKind::Blobs: return "Logistic regression draws a straight boundary between two clouds of points.";
    case PresetKind::Xor: return "No straight line separates XOR; one small hidden layer pair can.";
    case PresetKind::ThreeClass: return "Softmax cross-entropy sorts points into three classes.";
    }
    return "";
}

Preset MakePreset(PresetKind k) {
    Preset p; // the defaults of every settings struct are the Playground's
    p.kind = k;
    switch (k) {
    case PresetKind::Spiral:
        p.data.kind = DatasetKind::Spiral;
        p.model.hidden = {8, 8, 8};
        p.epochs = 1000;
        break;
    case PresetKind::Overfit:
        p.data.kind = DatasetKind::Circle;
        p.data.points = 300;
        p.data.train_fraction = 0.1;
        p.data.noise = 0.3;
        p.model.hidden = {16, 16, 16};
        p.epochs = 1000;
        break;
    case PresetKind::Line:
        p.data.kind = DatasetKind::Line;
        p.data.points = 100;
        p.data.train_fraction = 0.8;
        p.data.noise = 0.5;
        p.model.kind = ModelKind::LinearRegression;
        p.model.hidden.clear();
        p.model.loss = LossKind::MSE;
        p.train.mode = BatchMode::Batch;
        p.train.learning_rate = 0.1;
        p.epochs = 200;
        break;
    case PresetKind::Blobs:
        p.data.kind = DatasetKind::Blobs;
        p.data.points = 200;
        p.data.noise = 0.1;
        p.model.kind = ModelKind::LogisticRegression;
        p.model.hidden.clear();
        p.epochs = 50;
        break;
    case PresetKind::Xor:
        p.data.kind = DatasetKind::Xor;
        p.data.points = 400;
        p.model.hidden = {4, 4};
        p.epochs = 300;
        break;
    case PresetKind::ThreeClass:
        p.data.kind = DatasetKind::Blobs3;
        p.data.points = 300;
        p.data.noise = 0.1;
        p.model.hidden = {8};
        p.model.loss = LossKind::SoftmaxCE;
        p.epochs = 100;
        break;
    default:
        p.kind = PresetKind::Playground;
        break;
    }
    return p;
}

std::string ConfigurePreset(Trainer* t, PresetKind k) {
    if (!t) return "No trainer to configure.";
    const Preset p = MakePreset(k);
    return t->Configure(p.data, p.model, p.train);
}

} // namespace downhill
