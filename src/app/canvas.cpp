// canvas.cpp: see canvas.hpp. The only file that talks to SDL2, GL and the browser loop.
#include "canvas.hpp"

#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "views/theme.hpp"

namespace downhill::app {

namespace {
SDL_Window* g_window = nullptr;
SDL_GLContext g_gl = nullptr;
FrameFn g_frame;
uint64_t g_frames = 0;
bool g_dark = false;
double g_last = 0;
double g_fixed_dt = -1; // >= 0 while DrawFramesNow runs

void Frame(void*) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) ImGui_ImplSDL2_ProcessEvent(&e);
    const double now = emscripten_get_now() / 1000.0;
    double dt = g_last > 0 ? now - g_last : 0.0;
    g_last = now;
    if (dt > 0.25) dt = 0.25;
    if (g_fixed_dt >= 0) dt = g_fixed_dt;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    const ImGuiIO& io = ImGui::GetIO();
    if (g_frame) g_frame(dt, io.DisplaySize.x, io.DisplaySize.y);
    ImGui::Render();

    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(g_window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const ImU32 bg = views::GetTheme(g_dark).background;
    glClearColor(float((bg >> IM_COL32_R_SHIFT) & 255) / 255.0f, float((bg >> IM_COL32_G_SHIFT) & 255) / 255.0f,
                 float((bg >> IM_COL32_B_SHIFT) & 255) / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++g_frames;
}
} // namespace

std::string StartCanvas(int css_w, int css_h) {
    if (g_window) return "The canvas is already running.";
    // Keys reach SDL only from the canvas, never from the whole page (no keyboard trap).
    // Widgets take keys in their HTML controls; a widget whose canvas takes focus handles
    // its keys before SDL sees them (web/widget-landscape-3d.js).
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    // The views take no touch input through SDL, so the browser keeps scrolling on touch.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return std::string("Could not start the canvas: ") + SDL_GetError();
    SDL_EventState(SDL_FINGERDOWN, SDL_IGNORE);
    SDL_EventState(SDL_FINGERUP, SDL_IGNORE);
    SDL_EventState(SDL_FINGERMOTION, SDL_IGNORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    // No title: SDL would copy it into document.title and rename the page's tab.
    g_window = SDL_CreateWindow(nullptr, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                css_w > 0 ? css_w : 640, css_h > 0 ? css_h : 360,
                                SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!g_window) return std::string("Could not open the canvas: ") + SDL_GetError();
    // SDL listens for touches and the wheel on the canvas and cancels them: a touch that
    // ends a page scroll (a cancel the browser must refuse, and says so in the console)
    // and every wheel turn over the picture, so the page never scrolls past it. The views
    // read neither; the page scripts take the gestures they need (web/widget-*.js).
    emscripten_set_touchstart_callback("#canvas", nullptr, 0, nullptr);
    emscripten_set_touchend_callback("#canvas", nullptr, 0, nullptr);
    emscripten_set_touchmove_callback("#canvas", nullptr, 0, nullptr);
    emscripten_set_touchcancel_callback("#canvas", nullptr, 0, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, 0, nullptr);
    g_gl = SDL_GL_CreateContext(g_window);
    if (!g_gl) {
        SDL_DestroyWindow(g_window);
        g_window = nullptr;
        return "This browser could not start WebGL 2, so the picture cannot be drawn. The controls and readouts still work.";
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui::StyleColorsLight();
    ImGui_ImplSDL2_InitForOpenGL(g_window, g_gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop_arg(Frame, nullptr, 0, false);
    return "";
}

void ResizeCanvas(int css_w, int css_h) {
    if (!g_window || css_w <= 0 || css_h <= 0 || css_w > 8192 || css_h > 8192) return;
    SDL_SetWindowSize(g_window, css_w, css_h);
}

int DrawFramesNow(int n, double dt) {
    if (!g_window || n <= 0) return 0;
    g_fixed_dt = dt >= 0 && dt <= 1 ? dt : 0.0;
    for (int i = 0; i < n; ++i) Frame(nullptr);
    g_fixed_dt = -1;
    return n;
}

uintptr_t UploadTexture(uintptr_t id, const unsigned char* rgba, int w, int h) {
    if (!g_window || !rgba || w <= 0 || h <= 0) return 0;
    GLuint tex = GLuint(id);
    if (!tex) glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    return tex;
}

void SetDarkTheme(bool dark) { g_dark = dark; }
bool DarkTheme() { return g_dark; }
uint64_t FrameCount() { return g_frames; }
void SetFrameFn(FrameFn fn) { g_frame = std::move(fn); }

} // namespace downhill::app
