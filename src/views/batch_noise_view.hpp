// batch_noise_view.hpp: draws the batch-size and range-test widget: in the noise view a
// few mini-batch gradients around the full one and the spread against B on log-log axes;
// in the range view the loss against the learning rate with its marks.
#pragma once
#include "model/batch_noise_model.hpp"
#include "views/view.hpp"

namespace downhill::views {

// Draws into the background draw list of the current ImGui frame (w x h CSS pixels).
void DrawBatchNoiseView(const model::BatchNoiseModel& m, float w, float h, bool dark);

template <>
struct View<model::BatchNoiseModel> {
    void Draw(model::BatchNoiseModel& m, const Frame& f) { DrawBatchNoiseView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
