// bind_canvas.cpp: the JavaScript API every widget module shares: the canvas, its frame
// loop, the theme, and memory figures (Embind). See src/bindings/API.md ("Canvas").
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <malloc.h>

#include "app/canvas.hpp"
#include "bindings/errors.hpp"
#include "views/number.hpp"

using namespace emscripten;
using namespace downhill;
using bind::Refused;
using bind::RefuseIf;
using bind::Refuse;

namespace {
void StartCanvas(int w, int h) {
    if (Refused(app::StartCanvas(w, h))) Refuse();
}
double FrameCount() { return double(app::FrameCount()); }
double HeapBytes() { return double(EM_ASM_DOUBLE({ return HEAPU8.length; })); }
double HeapInUse() { return double(mallinfo().uordblks); }
int DrawFramesNow(int n, double dt) {
    if (RefuseIf(n < 0 || n > 1000000, "drawFramesNow(n) takes 0 <= n <= 1000000.")) return 0;
    return app::DrawFramesNow(n, dt);
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_canvas) {
    function("startCanvas", &StartCanvas);
    function("resizeCanvas", &app::ResizeCanvas);
    function("setDarkTheme", &app::SetDarkTheme);
    function("frameCount", &FrameCount);
    function("heapBytes", &HeapBytes);
    function("heapInUse", &HeapInUse);
    function("drawFramesNow", &DrawFramesNow);
    // The canvases' number format (views/number.hpp), for checking it against the pages'.
    function("formatNumber", +[](double v, int decimals) { return views::FormatNumber(v, decimals); });
}
