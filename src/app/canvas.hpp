// canvas.hpp: the platform layer: one SDL2 window with a WebGL2 context and Dear ImGui,
// on the <canvas> the page maps to "#canvas" (Module.specialHTMLTargets), driven by the
// browser's animation frames. One module instance owns one canvas.
//
// Index
//   [SECTION] Canvas lifetime
//   [SECTION] Per-frame hook
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace downhill::app {

// The size of the canvases' text, in CSS pixels.
constexpr float kCanvasFontPx = 15.0f;

//-----------------------------------------------------------------------------
// [SECTION] Canvas lifetime
//-----------------------------------------------------------------------------

// Opens the window (css_w x css_h CSS pixels, scaled by devicePixelRatio), creates the
// GL context and ImGui, and starts the frame loop. Returns "" or a readable error
// (for example when WebGL2 is not available). Calling it twice is an error.
std::string StartCanvas(int css_w, int css_h);
void ResizeCanvas(int css_w, int css_h);       // follow the element's CSS size
void SetDarkTheme(bool dark);                  // background and ink colours of the views
bool DarkTheme();                              // current theme
uint64_t FrameCount();                         // frames drawn since StartCanvas

// An RGBA8 image (w x h, row-major, top row first) as a texture the views can draw with
// ImDrawList::AddImage; `id` 0 makes a new one, otherwise that texture is replaced.
// Returns the id (0 without a canvas). Nearest-neighbour sampling: cells stay crisp.
uintptr_t UploadTexture(uintptr_t id, const unsigned char* rgba, int w, int h);
// Draws n frames at once, each as if `dt` seconds had passed (for measurements: memory
// after many frames, the cost of one frame). Returns the frames drawn (0 without canvas).
int DrawFramesNow(int n, double dt);

//-----------------------------------------------------------------------------
// [SECTION] Per-frame hook
//-----------------------------------------------------------------------------

// Called once per animation frame between ImGui::NewFrame() and rendering, with the
// seconds since the previous frame (capped at 0.25) and the drawable size in CSS pixels.
using FrameFn = std::function<void(double dt, float width, float height)>;
void SetFrameFn(FrameFn fn);

} // namespace downhill::app
