// training_lab_view.hpp: draws the training lab: the data (training points filled,
// validation points hollow) over the model's class-probability shading and decision
// boundary, or under its fitted curve for regression; and the training and validation
// loss per epoch. Reads the host; changes nothing.
//
// Index
//   [SECTION] Layout: where the data plot and the loss chart go
//   [SECTION] Drawing
#pragma once
#include <cstdint>

#include "model/training_lab_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

struct LabRect {
    float left, top, right, bottom; // CSS pixels from the canvas' top-left
    float width() const { return right - left; }
    float height() const { return bottom - top; }
};
// Side by side on a wide canvas; the data above the chart when the canvas is taller than
// 0.8 of its width.
struct TrainingLabLayout {
    LabRect data;   // the square data plot
    LabRect chart;  // the loss chart's plot area (axes labels sit outside it)
    bool stacked;   // data above chart
};
TrainingLabLayout MakeTrainingLabLayout(float w, float h);

// The data point under canvas point (px, py), in CSS pixels of a w x h canvas: false when
// it is off the data plot or the data is not 2-D (pointer input on own data uses it).
bool TrainingLabDataAt(const model::TrainingLabModel& host, float w, float h, float px, float py, double* x, double* y);

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

// Draws into the background draw list of the current ImGui frame (w x h CSS pixels).
// Uses the host's cached predictions (host.Predict() makes them).
void DrawTrainingLabView(const model::TrainingLabModel& host, float w, float h, bool dark);

// The view of a training lab: refreshes the predictions the picture needs, then draws.
template <>
struct View<model::TrainingLabModel> {
    void Draw(model::TrainingLabModel& m, const Frame& f) {
        m.Predict();
        DrawTrainingLabView(m, f.w, f.h, f.dark);
    }
};

} // namespace downhill::views
