// loss_gap_view.cpp: see loss_gap_view.hpp.
#include "loss_gap_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

namespace {
constexpr float kMargin = 24.0f;
float LineX(double v, float w) { return kMargin + float(v) * (w - 2 * kMargin); }
} // namespace

double LossGapValueAt(float px, float w) {
    if (!(w > 2 * kMargin)) return 0.0;
    return std::clamp(double(px - kMargin) / double(w - 2 * kMargin), 0.0, 1.0);
}

void DrawLossGapView(const model::LossGapModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const ImU32 bars[4] = {c.blue, c.violet, c.teal, c.rose}; // squared, absolute, Huber, cross-entropy
    const double y = host.settings.truth, p = host.settings.prediction;
    const model::LossGapValues v = host.Values();

    // Number line 0 .. 1 with ticks every 0.1.
    const float line_y = std::min(70.0f, h * 0.3f);
    dl->AddLine({LineX(0, w), line_y}, {LineX(1, w), line_y}, c.axis, 2.0f);
    for (int i = 0; i <= 10; ++i) {
        const float x = LineX(i / 10.0, w);
        dl->AddLine({x, line_y - 4}, {x, line_y + 4}, c.axis, 1.0f);
        if (i % 5 == 0) {
            char t[8];
            FormatNumber(t, sizeof t, i / 10.0, 1);
            dl->AddText({x - ImGui::CalcTextSize(t).x * 0.5f, line_y + 8}, c.text, t);
        }
    }
    // The gap, then the two markers: truth as a green diamond, prediction as an orange ball.
    const float ty = LineX(y, w), py = LineX(p, w);
    dl->AddRectFilled({std::min(ty, py), line_y - 3}, {std::max(ty, py), line_y + 3}, c.gold);
    dl->AddQuadFilled({ty, line_y - 14}, {ty + 9, line_y - 5}, {ty, line_y + 4}, {ty - 9, line_y - 5}, c.green);
    dl->AddCircleFilled({py, line_y - 16}, 8.0f, c.orange, 24);
    dl->AddText({ty - 4, line_y - 34}, c.green, "y");
    dl->AddText({py - 4, line_y - 40}, c.orange, "p");

    // One bar per loss on a shared scale (0 .. 1, longer bars are clipped with an arrow).
    const char* names[4] = {"squared", "absolute", "Huber", "cross-entropy"};
    const double vals[4] = {v.squared, v.absolute, v.huber, v.bce};
    const float top = line_y + 34, row = std::max(18.0f, (h - top - 8) / 4.0f);
    const float bar_left = LineX(0, w) + 100.0f, bar_right = LineX(1, w);
    for (int i = 0; i < 4; ++i) {
        const float yy = top + row * i;
        dl->AddText({LineX(0, w), yy + row * 0.5f - 7}, c.text, names[i]);
        dl->AddRectFilled({bar_left, yy + 3}, {bar_right, yy + row - 3}, c.grid, 3.0f);
        const double frac = std::isfinite(vals[i]) ? std::clamp(vals[i] / 1.0, 0.0, 1.0) : 1.0;
        dl->AddRectFilled({bar_left, yy + 3}, {bar_left + float(frac) * (bar_right - bar_left), yy + row - 3}, bars[i], 3.0f);
        if (!(vals[i] <= 1.0)) {
            const float ax = bar_right - 2, my = yy + row * 0.5f;
            dl->AddTriangleFilled({ax, my}, {ax - 8, my - 6}, {ax - 8, my + 6}, c.text);
        }
    }
}

} // namespace downhill::views
