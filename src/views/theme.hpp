// theme.hpp: the colours of every view, light and dark, in one place.
//
//   const Theme& c = GetTheme(dark);
//   dl->AddText(p, c.text, "loss");  dl->AddLine(a, b, c.grid);  dl->AddCircleFilled(q, 4, c.blue);
//
// Ink is named by its role (text, axis, grid, ...), hues by their name; each hue has a light
// variant (dark enough on white) and a dark variant (light enough on the dark canvas).
// The series palettes (runs, racers, losses, classes, critical points) are shared with the
// pages' legends, which use the same values.
//
// Index
//   [SECTION] Theme: ink and hues of one theme
//   [SECTION] Series palettes shared with the pages' legends
//   [SECTION] Colour arithmetic
#pragma once
#include <algorithm>
#include <cstdint>

#include "imgui.h"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Theme
//-----------------------------------------------------------------------------

struct Theme {
    ImU32 background; // the canvas (the platform clears to it)
    ImU32 text;       // titles, labels, numbers
    ImU32 muted;      // tick labels and secondary words
    ImU32 axis;       // axis lines and tick marks
    ImU32 grid;       // grid lines and plot frames
    ImU32 frame;      // soft outlines (empty boxes, guides)
    ImU32 panel;      // the fill of a panel inside the canvas
    ImU32 label_bg;   // the translucent box behind a label drawn over a picture
    ImU32 edge;       // the outline that lifts a marker off what is under it
    ImU32 shadow;     // a near-black outline, the same role in both themes
    ImU32 warn;       // blow-ups: crosses and their words
    // Hues.
    ImU32 blue, orange, green, teal, rose, red, violet, gold, amber, brown;
};

inline const Theme& GetTheme(bool dark) {
    static const Theme light{
        IM_COL32(255, 255, 255, 255), IM_COL32(31, 36, 48, 255),    IM_COL32(75, 85, 99, 255),
        IM_COL32(90, 98, 110, 255),   IM_COL32(229, 232, 238, 255), IM_COL32(160, 168, 180, 255),
        IM_COL32(248, 250, 252, 255), IM_COL32(255, 255, 255, 225), IM_COL32(255, 255, 255, 255),
        IM_COL32(20, 22, 28, 255),    IM_COL32(185, 28, 28, 255),
        // blue, orange, green, teal, rose, red, violet, gold, amber, brown
        IM_COL32(29, 78, 216, 255),   IM_COL32(234, 88, 12, 255),   IM_COL32(21, 128, 61, 255),
        IM_COL32(15, 118, 110, 255),  IM_COL32(190, 18, 60, 255),   IM_COL32(220, 38, 38, 255),
        IM_COL32(109, 40, 217, 255),  IM_COL32(161, 98, 7, 255),    IM_COL32(245, 158, 11, 255),
        IM_COL32(124, 45, 18, 255)};
    static const Theme night{
        IM_COL32(27, 30, 36, 255),    IM_COL32(220, 225, 232, 255), IM_COL32(170, 178, 190, 255),
        IM_COL32(160, 168, 180, 255), IM_COL32(55, 61, 72, 255),    IM_COL32(90, 98, 112, 255),
        IM_COL32(30, 34, 42, 255),    IM_COL32(27, 30, 36, 225),    IM_COL32(15, 18, 24, 255),
        IM_COL32(15, 17, 21, 255),    IM_COL32(252, 165, 165, 255),
        IM_COL32(96, 165, 250, 255),  IM_COL32(251, 146, 60, 255),  IM_COL32(74, 222, 128, 255),
        IM_COL32(45, 212, 191, 255),  IM_COL32(251, 113, 133, 255), IM_COL32(248, 113, 113, 255),
        IM_COL32(196, 181, 253, 255), IM_COL32(250, 204, 21, 255),  IM_COL32(250, 204, 21, 255),
        IM_COL32(255, 237, 213, 255)};
    return dark ? night : light;
}

//-----------------------------------------------------------------------------
// [SECTION] Series palettes
//-----------------------------------------------------------------------------

// The learning-rate comparison's runs: 0 small, 1 medium, 2 large (COLOURS in
// web/widget-lr-compare.js).
inline ImU32 RunColour(int i, bool dark) {
    static const ImU32 light[3] = {IM_COL32(37, 99, 235, 255), IM_COL32(4, 120, 87, 255), IM_COL32(234, 88, 12, 255)};
    static const ImU32 night[3] = {IM_COL32(96, 165, 250, 255), IM_COL32(52, 211, 153, 255), IM_COL32(251, 146, 60, 255)};
    i = std::clamp(i, 0, 2);
    return dark ? night[i] : light[i];
}

// The race's optimizers, by index into OptimizerNames(): gd, sgd, momentum, nesterov,
// adagrad, rmsprop, adam (RACERS in web/widget-optimizer-race.js).
inline ImU32 RacerColour(int i, bool dark) {
    static const ImU32 light[7] = {IM_COL32(31, 41, 55, 255),  IM_COL32(161, 98, 7, 255),  IM_COL32(37, 99, 235, 255),
                                   IM_COL32(8, 145, 178, 255), IM_COL32(22, 163, 74, 255), IM_COL32(147, 51, 234, 255),
                                   IM_COL32(220, 38, 38, 255)};
    static const ImU32 night[7] = {IM_COL32(243, 244, 246, 255), IM_COL32(250, 204, 21, 255), IM_COL32(96, 165, 250, 255),
                                   IM_COL32(34, 211, 238, 255),  IM_COL32(74, 222, 128, 255), IM_COL32(192, 132, 252, 255),
                                   IM_COL32(248, 113, 113, 255)};
    i = std::clamp(i, 0, 6);
    return dark ? night[i] : light[i];
}

// The loss explorer's six curves: MSE, MAE, Huber, cross-entropy y=1 and y=0, hinge (slate,
// dashed: it shares MAE's line left of the truth, so it must not share its hue).
inline ImU32 LossSeriesColour(int k, bool dark) {
    static const ImU32 light[6] = {IM_COL32(29, 78, 216, 255), IM_COL32(194, 65, 12, 255), IM_COL32(15, 118, 110, 255),
                                   IM_COL32(190, 18, 60, 255), IM_COL32(109, 40, 217, 255), IM_COL32(71, 85, 105, 255)};
    static const ImU32 night[6] = {IM_COL32(96, 165, 250, 255),  IM_COL32(251, 146, 60, 255), IM_COL32(45, 212, 191, 255),
                                   IM_COL32(251, 113, 133, 255), IM_COL32(196, 181, 253, 255), IM_COL32(203, 213, 225, 255)};
    k = std::clamp(k, 0, 5);
    return dark ? night[k] : light[k];
}

// The training lab's classes 0, 1, 2 (and the page's legend), as RGB for shading.
struct Rgb { unsigned char r, g, b; };
inline Rgb ClassRgb(int k, bool dark) {
    static const Rgb light[3] = {{37, 99, 235}, {234, 88, 12}, {22, 163, 74}};
    static const Rgb night[3] = {{96, 165, 250}, {251, 146, 60}, {74, 222, 128}};
    k = std::clamp(k, 0, 2);
    return dark ? night[k] : light[k];
}

// Roll Downhill's valleys 0..3, left to right: the map's cells, the curve's stretch of each
// valley and its marker (.dh-swatch-N in web/widgets.css), as RGB for the map's pixels.
inline Rgb ValleyRgb(int k, bool dark) {
    static const Rgb light[4] = {{37, 99, 235}, {22, 163, 74}, {217, 119, 6}, {147, 51, 234}};
    static const Rgb night[4] = {{96, 165, 250}, {74, 222, 128}, {251, 191, 36}, {192, 132, 252}};
    k = std::clamp(k, 0, 3);
    return dark ? night[k] : light[k];
}

// The 3-D surface's critical points, the same in both themes (web/widget-landscape-3d.js).
constexpr uint32_t kGlobalMinRGB = 0xfbbf24; // amber star
constexpr uint32_t kLocalMinRGB = 0x22d3ee;  // cyan circle
constexpr uint32_t kSaddleRGB = 0xf472b6;    // pink triangle
constexpr uint32_t kPeakRGB = 0xe5e7eb;      // light grey square

//-----------------------------------------------------------------------------
// [SECTION] Colour arithmetic
//-----------------------------------------------------------------------------

// `c` with alpha `a` (0..255).
inline ImU32 WithAlpha(ImU32 c, int a) { return (c & ~IM_COL32_A_MASK) | (ImU32(std::clamp(a, 0, 255)) << IM_COL32_A_SHIFT); }
// An 0xRRGGBB value as a colour.
inline ImU32 FromRgb(uint32_t rgb, int alpha = 255) {
    return IM_COL32((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, alpha);
}
inline ImU32 FromRgb(Rgb c, int alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }
// a + (b - a) t, t held to [0, 1].
inline Rgb Mix(Rgb a, Rgb b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return {static_cast<unsigned char>(a.r + (b.r - a.r) * t), static_cast<unsigned char>(a.g + (b.g - a.g) * t),
            static_cast<unsigned char>(a.b + (b.b - a.b) * t)};
}
// The RGB part of a colour.
inline Rgb RgbOf(ImU32 c) {
    return {static_cast<unsigned char>((c >> IM_COL32_R_SHIFT) & 255), static_cast<unsigned char>((c >> IM_COL32_G_SHIFT) & 255),
            static_cast<unsigned char>((c >> IM_COL32_B_SHIFT) & 255)};
}

} // namespace downhill::views
