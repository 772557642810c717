// roll_view.cpp: see roll_view.hpp.
#include "roll_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"

namespace downhill::views {

namespace {
struct Palette { ImU32 axis, grid, text, curve, trail, ball, ball_edge, minimum, global, start; };
Palette Colours(bool dark) {
    if (dark)
        return {IM_COL32(160, 168, 180, 255), IM_COL32(60, 66, 78, 255), IM_COL32(214, 220, 228, 255),
                IM_COL32(125, 178, 255, 255), IM_COL32(251, 146, 60, 200), IM_COL32(251, 146, 60, 255),
                IM_COL32(255, 237, 213, 255), IM_COL32(74, 222, 128, 255), IM_COL32(250, 204, 21, 255),
                IM_COL32(196, 181, 253, 255)};
    return {IM_COL32(90, 98, 110, 255), IM_COL32(226, 230, 236, 255), IM_COL32(40, 46, 56, 255),
            IM_COL32(29, 78, 216, 255), IM_COL32(234, 88, 12, 190), IM_COL32(234, 88, 12, 255),
            IM_COL32(124, 45, 18, 255), IM_COL32(21, 128, 61, 255), IM_COL32(161, 98, 7, 255),
            IM_COL32(109, 40, 217, 255)};
}
} // namespace

RollLayout MakeRollLayout(const Landscape1D& curve, float w, float h) {
    double lo = 1e300, hi = -1e300;
    for (int i = 0; i <= 400; ++i) {
        const double v = curve.value(curve.lo() + (curve.hi() - curve.lo()) * i / 400.0);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    const double pad = 0.08 * (hi - lo);
    const float margin_x = std::clamp(w * 0.05f, 10.0f, 28.0f);
    return {margin_x, 12.0f, w - margin_x, h - 24.0f, curve.lo(), curve.hi(), lo - pad, hi + pad};
}

void DrawRollView(const RollRun& run, const std::vector<StationaryPoint>& minima, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Palette c = Colours(dark);
    const Landscape1D& f = run.curve();
    const RollLayout L = MakeRollLayout(f, w, h);

    // Axes: a baseline at loss 0 and ticks at the integers of x.
    dl->AddLine({L.left, L.PxY(0.0)}, {L.right, L.PxY(0.0)}, c.grid, 1.0f);
    for (int t = int(std::ceil(L.xmin)); t <= int(std::floor(L.xmax)); ++t) {
        const float px = L.PxX(t);
        dl->AddLine({px, L.bottom}, {px, L.bottom + 4}, c.axis, 1.0f);
        char label[8];
        std::snprintf(label, sizeof label, "%d", t);
        const ImVec2 ts = ImGui::CalcTextSize(label);
        if (w >= 300 || t % 2 == 0) dl->AddText({px - ts.x * 0.5f, L.bottom + 6}, c.text, label);
    }

    // The curve as one polyline, one point every ~2 pixels.
    const int n = std::max(64, int((L.right - L.left) / 2));
    dl->PathClear();
    for (int i = 0; i <= n; ++i) {
        const double x = L.xmin + (L.xmax - L.xmin) * i / n;
        dl->PathLineTo({L.PxX(x), L.PxY(f.value(x))});
    }
    dl->PathStroke(c.curve, 0, 2.5f);

    // Minima: a small triangle under each valley; the global one larger and gold.
    double best = 1e300;
    for (const auto& m : minima) best = std::min(best, m.f);
    for (const auto& m : minima) {
        const bool global = m.f == best;
        const float px = L.PxX(m.x), py = L.PxY(m.f) + 8.0f, s = global ? 7.0f : 5.0f;
        dl->AddTriangleFilled({px, py}, {px - s, py + 1.6f * s}, {px + s, py + 1.6f * s}, global ? c.global : c.minimum);
    }

    // Start position: a dashed vertical line.
    const float sx = L.PxX(run.settings().start_x);
    for (float y = L.top; y < L.bottom; y += 8.0f) dl->AddLine({sx, y}, {sx, std::min(y + 4.0f, L.bottom)}, c.start, 1.0f);

    // Trail: the last positions joined in order (bounces show as a zigzag), fading out.
    const auto& trail = run.trail();
    const size_t shown = std::min<size_t>(trail.size(), 60);
    const size_t first = trail.size() - shown;
    for (size_t i = first; i + 1 < trail.size(); ++i) {
        const double a = trail[i], b = trail[i + 1];
        if (!std::isfinite(a) || !std::isfinite(b)) break;
        const float alpha = 0.25f + 0.75f * float(i - first + 1) / float(shown);
        ImU32 col = (c.trail & 0x00FFFFFF) | (ImU32(alpha * 200) << 24);
        const ImVec2 pa{L.PxX(a), L.PxY(f.value(a))}, pb{L.PxX(b), L.PxY(f.value(b))};
        dl->AddLine(pa, pb, col, 1.5f);
        dl->AddCircleFilled(pa, 2.5f, col);
    }

    // The ball, drawn only while it is on the drawn part of the curve.
    const double x = run.x();
    if (std::isfinite(x) && x >= L.xmin && x <= L.xmax) {
        const ImVec2 p{L.PxX(x), L.PxY(f.value(x)) - 7.0f};
        dl->AddCircleFilled(p, 7.0f, c.ball, 24);
        dl->AddCircle(p, 7.0f, c.ball_edge, 24, 1.5f);
    }
}

} // namespace downhill::views
