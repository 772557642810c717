/* sdl_unused.c: the parts of SDL2 the canvas never runs, replaced by small refusals so
 * that the linker leaves SDL's own versions (about 130 KB of wasm) out of the engine.
 *
 *   software surface blits and RLE : Dear ImGui draws through WebGL; no SDL surface is
 *                                    ever blitted, converted or RLE-encoded here
 *   game controllers               : the canvas takes pointer, touch and keyboard input;
 *                                    the ImGui backend asks for controller 0 and gets none
 *   touch gestures                 : pointer events carry every touch to the page
 *   GL function lookup by name     : Dear ImGui's WebGL 2 backend calls GL directly; SDL's
 *                                    EGL layer only asks for optional extensions. The
 *                                    library's lookup table would pull every WebGL
 *                                    function (about 300) into the glue.
 *
 * These are the entry points the rest of SDL2 and the ImGui SDL backend call into those
 * parts; if another part of SDL starts needing them, the link fails with a duplicate
 * symbol rather than running a refusal by surprise. */
#include <SDL.h>

/* Surfaces (SDL_blit.c, SDL_RLEaccel.c): the blit of a surface cannot be set up. */
int SDL_CalculateBlit(SDL_Surface *surface) {
    (void)surface;
    return SDL_SetError("Surface blits are not part of this build");
}
int SDL_RLESurface(SDL_Surface *surface) {
    (void)surface;
    return SDL_SetError("RLE surfaces are not part of this build");
}
void SDL_UnRLESurface(SDL_Surface *surface, int recode) {
    (void)surface;
    (void)recode;
}

/* Game controllers (SDL_gamecontroller.c): there are none. */
int SDL_GameControllerInitMappings(void) { return 0; }
void SDL_GameControllerQuitMappings(void) {}
void SDL_GameControllerHandleDelayedGuideButton(SDL_Joystick *joystick) { (void)joystick; }
SDL_GameController *SDL_GameControllerOpen(int joystick_index) {
    (void)joystick_index;
    SDL_SetError("Game controllers are not part of this build");
    return NULL;
}
Uint8 SDL_GameControllerGetButton(SDL_GameController *controller, SDL_GameControllerButton button) {
    (void)controller;
    (void)button;
    return 0;
}
Sint16 SDL_GameControllerGetAxis(SDL_GameController *controller, SDL_GameControllerAxis axis) {
    (void)controller;
    (void)axis;
    return 0;
}

/* GL function lookup (Emscripten's eglGetProcAddress): nothing is found by name. SDL asks
 * only for optional EGL extensions and treats NULL as "not supported". */
void *eglGetProcAddress(const char *procname) {
    (void)procname;
    return NULL;
}

/* Touch gestures (SDL_gesture.c): the canvas reads touches as pointer events; SDL's
 * multi-finger and "dollar" template gestures are never recognised or recorded. */
int SDL_GestureAddTouch(SDL_TouchID touchId) {
    (void)touchId;
    return 0;
}
int SDL_GestureDelTouch(SDL_TouchID touchId) {
    (void)touchId;
    return 0;
}
void SDL_GestureQuit(void) {}
void SDL_GestureProcessEvent(SDL_Event *event) { (void)event; }
