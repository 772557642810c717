// show.hpp: which widget this module instance draws on its canvas.
#pragma once
#include "roll_host.hpp"

namespace downhill::app {

void ShowRoll(RollHost* host); // draw `host` every frame and tick its play clock (null: draw nothing)

} // namespace downhill::app
