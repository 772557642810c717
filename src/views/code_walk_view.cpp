// code_walk_view.cpp: see code_walk_view.hpp.
#include "code_walk_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "views/chart.hpp"
#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

namespace {
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
    const Theme& c = GetTheme(dark);
    const CodeWalkLayout L = MakeCodeWalkLayout(w, h);
    const LoopState& s = walk.state();
    char t[64];

    // ---- Data panel: points, the model line y = w x, predictions and their errors ----
    const Plot data{{L.data_l, L.data_t, L.data_r, L.data_b}, 0.0, kXMax, kYMin, kYMax};
    const auto px = [&](double x) { return data.PxX(x); };
    const auto py = [&](double y) { return data.PxY(y); };
    dl->AddRectFilled({L.data_l, L.data_t}, {L.data_r, L.data_b}, c.panel);
    GridY(dl, data, TicksEvery(0, 8, 2), c.grid, c.muted);
    TicksX(dl, data, TicksEvery(0, 4, 1), c.axis, c.muted);
    AxisLines(dl, data, c.axis);
    Text(dl, L.data_l, 1, c.text, "data and the line y = w * x");

    dl->PushClipRect({L.data_l, L.data_t}, {L.data_r, L.data_b}, true);
    if (s.has_w) {
        // Clip the line to the panel's range so steep lines (large |w|) stay well drawn.
        double x1 = kXMax;
        if (s.w * x1 > kYMax) x1 = kYMax / s.w;
        if (s.w * x1 < kYMin) x1 = kYMin / s.w;
        dl->AddLine({px(0), py(0)}, {px(x1), py(s.w * x1)}, c.blue, 2.5f);
        std::snprintf(t, sizeof t, "w = %s", FormatNumber(s.w, 3).c_str());
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddRectFilled({L.data_l + 3, L.data_t + 3}, {L.data_l + 9 + ts.x, L.data_t + 5 + ts.y}, c.label_bg, 3.0f);
        Text(dl, L.data_l + 6, L.data_t + 4, c.blue, t);
    }
    if (s.has_prediction && s.has_y) {
        for (int i = 0; i < kLoopPoints; ++i) {
            const double x = kLoopX[size_t(i)], y = kLoopY[size_t(i)], p = s.prediction[size_t(i)];
            const float yp = std::clamp(py(p), L.data_t - 20, L.data_b + 20);
            dl->AddLine({px(x), py(y)}, {px(x), yp}, WithAlpha(c.rose, dark ? 220 : 210), 2.0f);
            dl->AddCircle({px(x), yp}, 5.5f, c.orange, 16, 2.0f);
        }
    }
    dl->PopClipRect();
    if (s.has_x && s.has_y)
        for (int i = 0; i < kLoopPoints; ++i) dl->AddCircleFilled({px(kLoopX[size_t(i)]), py(kLoopY[size_t(i)])}, 5.0f, c.text, 16);

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
    const Plot chart{{L.loss_l, L.loss_t, L.loss_r, L.loss_b}, 1.0, double(std::max(2, epochs)), 0.0, top};
    const auto ly = [&](double v) { return chart.PxY(std::min(v, top)); };
    dl->AddRectFilled({L.loss_l, L.loss_t}, {L.loss_r, L.loss_b}, c.panel);
    GridY(dl, chart, {0.0, top / 2, top}, c.grid, c.muted);
    AxisLines(dl, chart, c.axis);
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
        dl->PathStroke(c.teal, 0, 2.0f);
        for (size_t e = 0; e < losses.size(); ++e) dl->AddCircleFilled({lx(double(e + 1)), ly(losses[e])}, 2.5f, c.teal, 10);
        const ImVec2 last{lx(double(losses.size())), ly(losses.back())};
        dl->AddCircle(last, 6.0f, c.gold, 16, 2.0f);
    }
}

} // namespace downhill::views
