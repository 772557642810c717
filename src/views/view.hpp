// view.hpp: what every view is given each frame, and the one shape every view has.
//
// A view reads its widget's model (src/model) and draws it with Dear ImGui; it never
// changes what the page sees. Each view header specialises View<Model> for its model:
//
//   template <> struct View<model::RollModel> {
//       uintptr_t map_texture = 0;                       // drawing state only (textures, caches)
//       void Draw(model::RollModel& m, const Frame& f);   // one frame
//   };
//
// The platform (src/app/show.hpp) owns one View per shown model, ticks the model's play
// clock, then calls Draw with the canvas size, the theme and its texture uploader.
#pragma once
#include <cstdint>

namespace downhill::views {

// Makes or replaces an RGBA8 texture (w x h, top row first) and returns its id: the
// platform's uploader, handed to the views so that they need not know the platform.
using UploadTextureFn = uintptr_t (*)(uintptr_t id, const unsigned char* rgba, int w, int h);

// One frame of a canvas.
struct Frame {
    float w = 0, h = 0;              // drawable size in CSS pixels
    bool dark = false;               // dark theme
    UploadTextureFn upload = nullptr; // textures for AddImage
};

// Specialised by each view header: the drawing state of one shown model and its Draw.
template <class Model>
struct View;

} // namespace downhill::views
