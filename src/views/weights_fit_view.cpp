// weights_fit_view.cpp: see weights_fit_view.hpp.
#include "weights_fit_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

WeightsFitLayout MakeWeightsFitLayout(const Range2D& win, float w, float h) {
    WeightsFitLayout L;
    const float line = 18; // a line of the canvas font, with room (no ImGui frame needed here)
    const float left = 44, top = line + 10, bottom = line + 12, right = 10; // room for titles and ticks
    const bool side = w >= 560;
    const float pw = side ? w * 0.5f : w, ph = side ? h : h * 0.5f;
    const Box a{left, top, pw - right, ph - bottom};
    const float ox = side ? pw : 0, oy = side ? 0 : ph;
    // The map is as square as its half allows, centred in it.
    const float side_px = std::max(40.0f, std::min(pw - left - right, ph - top - bottom));
    const float mx = ox + left + 0.5f * (pw - left - right - side_px), my = oy + top;
    L.data = {a, 1, 9, -4, 10};
    L.map = {{mx, my, mx + side_px, my + side_px}, win.xlo, win.xhi, win.ylo, win.yhi};
    return L;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

namespace {

void Axes(ImDrawList* dl, const Plot& p, const Theme& th, const char* x, const char* y, const char* title) {
    dl->AddRectFilled({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, th.panel);
    GridY(dl, p, NiceTicks(p.ylo, p.yhi, 5), th.grid, th.muted);
    TicksX(dl, p, NiceTicks(p.xlo, p.xhi, p.box.Width() > 220 ? 6 : 4), th.axis, th.muted);
    AxisLines(dl, p, th.axis);
    dl->AddText({p.box.right - ImGui::CalcTextSize(x).x, p.box.bottom - ImGui::GetTextLineHeight() - 2}, th.muted, x);
    dl->AddText({p.box.left + 4, p.box.top + 2}, th.muted, y);
    dl->AddText({p.box.left, p.box.top - ImGui::GetTextLineHeight() - 4}, th.text, title);
}

} // namespace

void DrawWeightsFitView(const model::WeightsFitModel& m, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& th = GetTheme(dark);
    const WeightsFitLayout L = MakeWeightsFitLayout(m.window(), w, h);
    const ImU32 run = RunColour(0, dark), best = RunColour(2, dark);
    const Vec2 p = m.now();
    const FitMinimum min = LeastSquares(m.data());

    // Data and the current line, drawn in measured x whatever the weights are for.
    const Plot& D = L.data;
    Axes(dl, D, th, "x", "y", "The data and the line");
    dl->PushClipRect({D.box.left, D.box.top}, {D.box.right, D.box.bottom}, true);
    auto line_y = [&](double w_, double b_, double x) {
        return m.scaled ? w_ * (x - m.scale.mean) / m.scale.std + b_ : w_ * x + b_;
    };
    DashedPolyline(dl, {{D.PxX(D.xlo), D.PxY(line_y(min.w, min.b, D.xlo))}, {D.PxX(D.xhi), D.PxY(line_y(min.w, min.b, D.xhi))}},
                   WithAlpha(best, 200), 1.5f, 6, 4);
    for (size_t i = 0; i < m.raw.x.size(); ++i) {
        const ImVec2 q{D.PxX(m.raw.x[i]), D.PxY(m.raw.y[i])}, on{q.x, D.PxY(line_y(p.x, p.y, m.raw.x[i]))};
        dl->AddLine(q, on, WithAlpha(th.muted, 150), 1.0f);
        dl->AddCircleFilled(q, 3.5f, th.text, 12);
    }
    if (std::isfinite(p.x) && std::isfinite(p.y))
        dl->AddLine({D.PxX(D.xlo), D.PxY(line_y(p.x, p.y, D.xlo))}, {D.PxX(D.xhi), D.PxY(line_y(p.x, p.y, D.xhi))}, run, 2.5f);
    dl->PopClipRect();
    // Key, under the title at the right: the solid line is (w, b), the dashed one the best.
    {
        const char* key = "dashed: best line";
        const float kx = D.box.right - ImGui::CalcTextSize(key).x - 4, ky = D.box.top - ImGui::GetTextLineHeight() - 4;
        if (kx > D.box.left + ImGui::CalcTextSize("The data and the line").x + 12) dl->AddText({kx, ky}, best, key);
    }

    // The map: contour lines, the minimum, the path and the point.
    const Plot& P = L.map;
    const model::WeightsFitModel::MseContours& contours = m.map_contours();
    Axes(dl, P, th, "w", "b", m.scaled ? "MSE over (w, b), x standardised" : "MSE over (w, b)");
    dl->PushClipRect({P.box.left, P.box.top}, {P.box.right, P.box.bottom}, true);
    for (const ContourSegment& s : contours.segments) {
        const int a = 70 + 150 * (contours.levels - s.level) / std::max(1, contours.levels);
        dl->AddLine({P.PxX(s.x0), P.PxY(s.y0)}, {P.PxX(s.x1), P.PxY(s.y1)}, WithAlpha(th.axis, a), 1.2f);
    }
    DrawMarker(dl, {P.PxX(min.w), P.PxY(min.b)}, 6, 6.0f, best, th.edge);
    const size_t n = m.path.size(), stride = std::max<size_t>(1, n / 800); // a long run: every stride-th step
    dl->PathClear();
    for (size_t k = 0; k < n; k += stride) dl->PathLineTo({P.PxX(m.path[k].x), P.PxY(m.path[k].y)});
    dl->PathLineTo({P.PxX(p.x), P.PxY(p.y)});
    dl->PathStroke(WithAlpha(run, 190), 0, 1.5f);
    DrawMarker(dl, {P.PxX(m.start.x), P.PxY(m.start.y)}, 1, 3.5f, WithAlpha(run, 160), th.edge);
    dl->PopClipRect();
    const ImVec2 at{std::clamp(P.PxX(p.x), P.box.left, P.box.right), std::clamp(P.PxY(p.y), P.box.top, P.box.bottom)};
    if (std::isfinite(at.x) && std::isfinite(at.y)) DrawMarker(dl, at, 0, 6.5f, run, th.edge);
    char foot[64];
    std::snprintf(foot, sizeof foot, m.diverged ? "step %d: blew up" : "step %d", m.step());
    dl->AddText({P.box.left + 4, P.box.bottom - ImGui::GetTextLineHeight() - 2}, m.diverged ? th.warn : th.muted, foot);
}

} // namespace downhill::views
