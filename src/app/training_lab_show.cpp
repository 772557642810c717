// training_lab_show.cpp: wires a training lab to the frame loop: tick the play clock,
// refresh the predictions the picture needs, then draw.
#include "canvas.hpp"
#include "training_lab_host.hpp"
#include "views/training_lab_view.hpp"

namespace downhill::app {

void ShowTrainingLab(TrainingLabHost* host) {
    if (!host) { SetFrameFn(nullptr); return; }
    SetFrameFn([host](double dt, float w, float h) {
        host->Tick(dt);
        host->Predict();
        views::DrawTrainingLabView(*host, w, h, DarkTheme());
    });
}

} // namespace downhill::app
