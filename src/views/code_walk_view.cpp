// code_walk_view.cpp: see code_walk_view.hpp.
#include "code_walk_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"

namespace downhill::views {

namespace {
struct Ink { ImU32 axis, grid, text, muted, data, model, pred, error, loss, now, panel; };
Ink Colours(bool dark) {
    if (dark)
        return {IM_COL32(160, 168, 180, 255), IM_COL32(55, 61, 72, 255), IM_COL32(220, 225, 232, 255),
                IM_COL32(170, 178, 190, 255), IM_COL32(214, 220, 228, 255), IM_COL32(96, 165, 250, 255),
                IM_COL32(251, 146, 60, 255), IM_COL32(251, 113, 133, 220), IM_COL32(45, 212, 191, 255),
                IM_COL32(250, 204, 21, 255), IM_COL32(255, 255, 255, 10)};
    return {IM_COL32(90, 98, 110, 255), IM_COL32(229, 232, 238, 255), IM_COL32(31, 36, 48, 255),
            IM_COL32(75, 85, 99, 255), IM_COL32(31, 36, 48, 255), IM_COL32(29, 78, 216, 255),
            IM_COL32(194, 65, 12, 255), IM_COL32(190, 18, 60, 210), IM_COL32(15, 118, 110, 255),
            IM_COL32(161, 98, 7, 255), IM_COL32(0, 0, 0, 6)};
}
constexpr double kXMax = 4.5, kYMin = -1.0, kYMax = 9.5; // the data panel's range

// A nice upper end for an axis from 0 to `v` (1, 2 or 5 times a power of ten).
double NiceTop(double v) {
    if (!(v > 0) || !std::isfinite(v)) return 1.0;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= v) return m * p;
    return 10.0 * p;
}
void Text(ImDrawList* dl, float x, float y, ImU32 col, const char* s) { dl->AddText({x, y}, col, s); }
} // namespace

CodeWalkLayout MakeCodeWalkLayout(float w, float h) {
    CodeWalkLayout L{};
    L.stacked = w < 520;
    const float pad = 8, left_axis = 30, bottom_axis = 20, title = 18;
    if (L.stacked) {
        const float split = std::floor(h * 0.58f);
        L.data_l = left_axis; L.data_t = title; L.data_r = w - pad; L.data_b = split - bottom_axis;
        L.loss_l = left_axis + 14; L.loss_t = split + title; L.loss_r = w - pad; L.loss_b = h - bottom_axis;
    } else {
        const float split = std::floor(w * 0.56f);
        L.data_l = left_axis; L.data_t = title; L.data_r = split - pad * 2; L.data_b = h - bottom_axis;
        L.loss_l = split + left_axis + 14; L.loss_t = title; L.loss_r = w - pad; L.loss_b = h - bottom_axis;
    }
    return L;
}

void DrawCodeWalkView(const LoopWalk& walk, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Ink c = Colours(dark);
    const CodeWalkLayout L = MakeCodeWalkLayout(w, h);
    const LoopState& s = walk.state();
    char t[64];

    // ---- Data panel: points, the model line y = w x, predictions and their errors ----
    const auto px = [&](double x) { return L.data_l + float(x / kXMax) * (L.data_r - L.data_l); };
    const auto py = [&](double y) { return L.data_b - float((y - kYMin) / (kYMax - kYMin)) * (L.data_b - L.data_t); };
    dl->AddRectFilled({L.data_l, L.data_t}, {L.data_r, L.data_b}, c.panel);
    for (int v = 0; v <= 8; v += 2) {
        dl->AddLine({L.data_l, py(v)}, {L.data_r, py(v)}, c.grid, 1.0f);
        std::snprintf(t, sizeof t, "%d", v);
        Text(dl, L.data_l - ImGui::CalcTextSize(t).x - 5, py(v) - 7, c.muted, t);
    }
    for (int v = 0; v <= 4; ++v) {
        dl->AddLine({px(v), L.data_b}, {px(v), L.data_b + 4}, c.axis, 1.0f);
        std::snprintf(t, sizeof t, "%d", v);
        Text(dl, px(v) - ImGui::CalcTextSize(t).x * 0.5f, L.data_b + 5, c.muted, t);
    }
    dl->AddLine({L.data_l, L.data_b}, {L.data_r, L.data_b}, c.axis, 1.0f);
    dl->AddLine({L.data_l, L.data_t}, {L.data_l, L.data_b}, c.axis, 1.0f);
    Text(dl, L.data_l, 1, c.text, "data and the line y = w * x");

    dl->PushClipRect({L.data_l, L.data_t}, {L.data_r, L.data_b}, true);
    if (s.has_w) {
        // Clip the line to the panel's range so steep lines (large |w|) stay well drawn.
        double x1 = kXMax;
        if (s.w * x1 > kYMax) x1 = kYMax / s.w;
        if (s.w * x1 < kYMin) x1 = kYMin / s.w;
        dl->AddLine({px(0), py(0)}, {px(x1), py(s.w * x1)}, c.model, 2.5f);
        std::snprintf(t, sizeof t, "w = %.3f", s.w);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddRectFilled({L.data_l + 3, L.data_t + 3}, {L.data_l + 9 + ts.x, L.data_t + 5 + ts.y},
                          dark ? IM_COL32(27, 30, 36, 225) : IM_COL32(255, 255, 255, 225), 3.0f);
        Text(dl, L.data_l + 6, L.data_t + 4, c.model, t);
    }
    if (s.has_prediction && s.has_y) {
        for (int i = 0; i < kLoopPoints; ++i) {
            const double x = kLoopX[size_t(i)], y = kLoopY[size_t(i)], p = s.prediction[size_t(i)];
            const float yp = std::clamp(py(p), L.data_t - 20, L.data_b + 20);
            dl->AddLine({px(x), py(y)}, {px(x), yp}, c.error, 2.0f);
            dl->AddCircle({px(x), yp}, 5.5f, c.pred, 16, 2.0f);
        }
    }
    dl->PopClipRect();
    if (s.has_x && s.has_y)
        for (int i = 0; i < kLoopPoints; ++i) dl->AddCircleFilled({px(kLoopX[size_t(i)]), py(kLoopY[size_t(i)])}, 5.0f, c.data, 16);

    // ---- Loss panel: the loss of every epoch so far, the newest highlighted ----
    const auto& losses = walk.losses();
    const int epochs = walk.settings().epochs;
    double top = 0;
    for (double v : losses) if (std::isfinite(v)) top = std::max(top, v);
    top = NiceTop(top > 0 ? top : 30.0);
    const auto lx = [&](double e) {
        return epochs <= 1 ? (L.loss_l + L.loss_r) * 0.5f
                           : L.loss_l + float((e - 1) / double(epochs - 1)) * (L.loss_r - L.loss_l);
    };
    const auto ly = [&](double v) { return L.loss_b - float(std::min(v, top) / top) * (L.loss_b - L.loss_t); };
    dl->AddRectFilled({L.loss_l, L.loss_t}, {L.loss_r, L.loss_b}, c.panel);
    for (int k = 0; k <= 2; ++k) {
        const double v = top * k / 2;
        dl->AddLine({L.loss_l, ly(v)}, {L.loss_r, ly(v)}, c.grid, 1.0f);
        if (top >= 1e5) std::snprintf(t, sizeof t, "%.0e", v);
        else std::snprintf(t, sizeof t, "%g", v);
        Text(dl, L.loss_l - ImGui::CalcTextSize(t).x - 5, ly(v) - 7, c.muted, t);
    }
    dl->AddLine({L.loss_l, L.loss_b}, {L.loss_r, L.loss_b}, c.axis, 1.0f);
    dl->AddLine({L.loss_l, L.loss_t}, {L.loss_l, L.loss_b}, c.axis, 1.0f);
    std::snprintf(t, sizeof t, "1");
    Text(dl, lx(1) - 3, L.loss_b + 5, c.muted, t);
    std::snprintf(t, sizeof t, "%d", epochs);
    if (epochs > 1) Text(dl, lx(epochs) - ImGui::CalcTextSize(t).x, L.loss_b + 5, c.muted, t);
    const char* label = "loss per epoch";
    Text(dl, L.loss_l + ((L.loss_r - L.loss_l) - ImGui::CalcTextSize(label).x) * 0.5f, L.loss_t - 17, c.text, label);
    if (losses.empty()) {
        const char* hint = "appears at line 7";
        Text(dl, L.loss_l + 8, (L.loss_t + L.loss_b) * 0.5f - 7, c.muted, hint);
    } else {
        dl->PathClear();
        for (size_t e = 0; e < losses.size(); ++e) dl->PathLineTo({lx(double(e + 1)), ly(losses[e])});
        dl->PathStroke(c.loss, 0, 2.0f);
        for (size_t e = 0; e < losses.size(); ++e) dl->AddCircleFilled({lx(double(e + 1)), ly(losses[e])}, 2.5f, c.loss, 10);
        const ImVec2 last{lx(double(losses.size())), ly(losses.back())};
        dl->AddCircle(last, 6.0f, c.now, 16, 2.0f);
    }
}

} // namespace downhill::views
