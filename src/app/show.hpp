// show.hpp: which widget this module instance draws on its canvas.
#pragma once
#include "loss_gap_host.hpp"
#include "roll_host.hpp"

namespace downhill::app {

void ShowRoll(RollHost* host);       // draw `host` every frame and tick its play clock (null: draw nothing)
void ShowLossGap(LossGapHost* host); // draw `host` every frame (null: draw nothing)

} // namespace downhill::app
