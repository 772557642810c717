// backprop_view.hpp: draws the backpropagation widget's tiny network: nodes with their
// values, edges coloured by the sign of their weight and thickened by its size, each
// labelled with its weight and (once the backward pass reaches it) its gradient, and the
// layer the walk-through stands at highlighted with the direction things flow.
// Reads the host; changes nothing.
#pragma once
#include <vector>

#include "model/backprop_model.hpp"
#include "imgui.h"
#include "views/view.hpp"

namespace downhill::views {

// Where each node sits, in CSS pixels: nodes[k][i] is unit i of layer k (0 inputs,
// 1 hidden, 2 output); the loss box is centred at `loss`.
struct BackpropLayout {
    std::vector<std::vector<ImVec2>> nodes;
    ImVec2 loss;
    float radius;   // node radius
    bool compact;   // short labels for narrow canvases
};
BackpropLayout MakeBackpropLayout(int inputs, int hidden, float w, float h);

// Draws into the background draw list of the current ImGui frame (w x h CSS pixels).
void DrawBackpropView(const model::BackpropModel& host, float w, float h, bool dark);

template <>
struct View<model::BackpropModel> {
    void Draw(model::BackpropModel& m, const Frame& f) { DrawBackpropView(m, f.w, f.h, f.dark); }
};

} // namespace downhill::views
