// show.hpp: which widget this module instance draws on its canvas. One function for
// every widget: each frame, advance the model's play clock (models that have one), then
// let its view (views/view.hpp) draw it.
#pragma once
#include "app/canvas.hpp"
#include "views/view.hpp"

namespace downhill::app {

// Draws `m` every frame from now on, ticking its play clock first (null: draw nothing).
// The view of the model's header (views/<widget>_view.hpp) must be included by the caller.
template <class Model>
void Show(Model* m) {
    if (!m) { SetFrameFn(nullptr); return; }
    SetFrameFn([m, view = views::View<Model>{}](double dt, float w, float h) mutable {
        if constexpr (requires { m->Tick(dt); }) m->Tick(dt);
        view.Draw(*m, views::Frame{w, h, DarkTheme(), &UploadTexture});
    });
}

} // namespace downhill::app
