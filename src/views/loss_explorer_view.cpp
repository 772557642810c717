// loss_explorer_view.cpp: see loss_explorer_view.hpp.
#include "loss_explorer_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "views/chart.hpp"
#include "views/theme.hpp"

namespace downhill::views {

namespace {
using model::LossCurve;
using model::LossExplorerModel;

// Curve colours, LossCurve order; web/widget-loss-explorer.js repeats them for its swatches.
const char* const kShort[model::kLossCurves] = {"MSE", "MAE", "Huber", "CE y=1", "CE y=0", "hinge"};

void Label(ImDrawList* dl, ImVec2 at, ImU32 col, const char* text) { dl->AddText(at, col, text); }

// Ticks and labels on both axes; `xstep`, `ystep` in data units.
void Axes(ImDrawList* dl, const LossExplorerLayout& L, const Theme& c, double xstep, double ystep, float w,
          const char* xtitle, const char* ytitle) {
    const Plot p{{L.left, L.top, L.right, L.bottom}, L.xmin, L.xmax, L.ymin, L.ymax};
    GridY(dl, p, TicksEvery(L.ymin, L.ymax, ystep), c.grid, c.muted);
    TicksX(dl, p, TicksEvery(L.xmin, L.xmax, xstep), c.axis, c.muted, nullptr, w < 420 ? 2 : 1);
    AxisLines(dl, p, c.axis);
    // The titles: the y axis' above its top label, the x axis' at the right under the ticks.
    const ImVec2 yt = ImGui::CalcTextSize(ytitle);
    dl->AddText({std::max(2.0f, L.left - yt.x * 0.5f), std::max(0.0f, L.top - yt.y - 8)}, c.text, ytitle);
    const ImVec2 xt = ImGui::CalcTextSize(xtitle);
    dl->AddRectFilled({L.right - xt.x - 4, L.bottom + 5}, {L.right + 2, L.bottom + 5 + xt.y}, c.background);
    dl->AddText({L.right - xt.x, L.bottom + 5}, c.text, xtitle);
}

//-----------------------------------------------------------------------------
// Curves view
//-----------------------------------------------------------------------------
void DrawCurves(const LossExplorerModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const LossExplorerLayout L = MakeLossCurvesLayout(w, h);
    const double delta = host.settings.delta, p = host.settings.prediction;

    // Where cross-entropy is defined (0 < p < 1), a faint band; the truth as a dashed line.
    dl->AddRectFilled({L.PxX(0.0), L.top}, {L.PxX(1.0), L.bottom}, WithAlpha(c.blue, dark ? 22 : 16));
    Axes(dl, L, c, 0.5, 1.0, w, "prediction p", "loss");
    const char* band = "0 < p < 1";
    Label(dl, {L.PxX(0.5) - ImGui::CalcTextSize(band).x * 0.5f, L.top + 2}, c.muted, band);
    DashedPolyline(dl, {{L.PxX(LossExplorerModel::kTruth), L.top}, {L.PxX(LossExplorerModel::kTruth), L.bottom}}, c.axis, 1.0f, 4, 4);
    Label(dl, {L.PxX(LossExplorerModel::kTruth) + 4, L.top + 2}, c.muted, "truth 1");

    // Each chosen curve, clipped to the plot; cross-entropy only where it is defined.
    dl->PushClipRect({L.left, L.top - 1}, {L.right + 1, L.bottom + 1}, true);
    const int n = std::max(120, int(L.right - L.left));
    for (int k = 0; k < model::kLossCurves; ++k) {
        const LossCurve curve = LossCurve(k);
        if (!host.Shows(curve)) continue;
        const bool prob = curve == LossCurve::BCETrue1 || curve == LossCurve::BCETrue0;
        const double lo = prob ? 1e-4 : L.xmin, hi = prob ? 1.0 - 1e-4 : L.xmax;
        // Hinge equals MAE left of the truth, so it is dashed to keep both visible there.
        const ImU32 col = LossSeriesColour(k, dark);
        std::vector<ImVec2> pts;
        pts.reserve(size_t(n) + 1);
        for (int i = 0; i <= n; ++i) {
            // Cross-entropy gets more samples near 0 and 1, where it turns steeply.
            double u = double(i) / n;
            if (prob) u = 0.5 - 0.5 * std::cos(u * 3.141592653589793);
            const double x = lo + (hi - lo) * u;
            const double v = std::min(model::LossCurveValue(curve, x, delta), L.ymax * 4);
            pts.push_back({L.PxX(x), L.PxY(v)});
        }
        if (curve == LossCurve::Hinge) DashedPolyline(dl, pts, col, 2.5f, 9.0f, 6.0f);
        else dl->AddPolyline(pts.data(), int(pts.size()), col, 0, 2.5f);
    }
    dl->PopClipRect();

    // The prediction marker: a vertical line, a handle below the axis, a dot on each curve
    // and a label with the curve's value, pushed apart so labels do not overlap.
    const float mx = L.PxX(p);
    dl->AddLine({mx, L.top}, {mx, L.bottom}, WithAlpha(c.text, dark ? 200 : 190), 1.5f);
    dl->AddTriangleFilled({mx, L.bottom - 2}, {mx - 7, L.bottom + 10}, {mx + 7, L.bottom + 10}, WithAlpha(c.text, dark ? 200 : 190));
    struct Tag { float dot_y, y; int k; char text[48]; };
    std::vector<Tag> tags;
    for (int k = 0; k < model::kLossCurves; ++k) {
        const LossCurve curve = LossCurve(k);
        if (!host.Shows(curve)) continue;
        const double v = model::LossCurveValue(curve, p, delta);
        if (std::isnan(v)) continue;
        Tag t{};
        t.k = k;
        const bool above = !(v <= L.ymax);
        t.dot_y = above ? L.top + 4 : L.PxY(v);
        if (std::isinf(v)) std::snprintf(t.text, sizeof t.text, "%s: no limit", kShort[k]);
        else std::snprintf(t.text, sizeof t.text, "%s %s", kShort[k], FormatNumber(v, 2).c_str());
        t.y = t.dot_y - ImGui::GetTextLineHeight() * 0.5f;
        tags.push_back(t);
        const ImU32 col = LossSeriesColour(k, dark);
        if (above) dl->AddTriangleFilled({mx, L.top}, {mx - 6, L.top + 9}, {mx + 6, L.top + 9}, col);
        else dl->AddCircleFilled({mx, t.dot_y}, 4.5f, col, 16);
    }
    std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.y < b.y; });
    const float line_h = ImGui::GetTextLineHeight() + 1;
    if (!tags.empty()) tags[0].y = std::max(tags[0].y, L.top);
    for (size_t i = 1; i < tags.size(); ++i) tags[i].y = std::max(tags[i].y, tags[i - 1].y + line_h);
    // Then back up from the bottom edge, moving only the labels that would collide.
    if (!tags.empty()) tags.back().y = std::min(tags.back().y, L.bottom - line_h);
    for (size_t i = tags.size(); i-- > 1;) tags[i - 1].y = std::min(tags[i - 1].y, tags[i].y - line_h);
    float widest = 0;
    for (const Tag& t : tags) widest = std::max(widest, ImGui::CalcTextSize(t.text).x);
    const bool left = mx + 14 + widest > L.right;
    for (const Tag& t : tags) {
        const ImU32 col = LossSeriesColour(t.k, dark);
        const float tw = ImGui::CalcTextSize(t.text).x;
        const float tx = left ? mx - 12 - tw : mx + 12;
        const ImU32 back = WithAlpha(c.label_bg, dark ? 210 : 215);
        dl->AddRectFilled({tx - 2, t.y}, {tx + tw + 2, t.y + line_h - 1}, back, 2.0f);
        const float mid = t.y + line_h * 0.5f;
        if (std::fabs(mid - t.dot_y) > 3) dl->AddLine({mx, t.dot_y}, {left ? tx + tw + 2 : tx - 2, mid}, col, 1.0f);
        Label(dl, {tx, t.y}, col, t.text);
    }
}

//-----------------------------------------------------------------------------
// Outlier view
//-----------------------------------------------------------------------------
void DrawOutlier(const LossExplorerModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const LossExplorerLayout L = MakeOutlierLayout(w, h);
    Axes(dl, L, c, 1.0, 2.0, w, "x", "y");
    const ImU32 ls_col = LossSeriesColour(int(LossCurve::MSE), dark);
    const ImU32 lad_col = LossSeriesColour(int(LossCurve::MAE), dark);

    // The two fitted lines across the plot, clipped; least absolute dashed.
    dl->PushClipRect({L.left, L.top}, {L.right, L.bottom}, true);
    const auto ends = [&](const LineFit& f) {
        return std::pair<ImVec2, ImVec2>{{L.PxX(L.xmin), L.PxY(f.At(L.xmin))}, {L.PxX(L.xmax), L.PxY(f.At(L.xmax))}};
    };
    // Residuals of the outlier to each line: how far each line stays from it.
    const Point2 o{host.settings.outlier_x, host.settings.outlier_y};
    DashedPolyline(dl, {{L.PxX(o.x) - 3, L.PxY(o.y)}, {L.PxX(o.x) - 3, L.PxY(host.ls.At(o.x))}}, ls_col, 1.0f, 3, 3);
    DashedPolyline(dl, {{L.PxX(o.x) + 3, L.PxY(o.y)}, {L.PxX(o.x) + 3, L.PxY(host.lad.At(o.x))}}, lad_col, 1.0f, 3, 3);
    auto [a, b] = ends(host.ls);
    dl->AddLine(a, b, ls_col, 3.0f);
    auto [d, e] = ends(host.lad);
    DashedPolyline(dl, {d, e}, lad_col, 3.0f, 10.0f, 6.0f);
    dl->PopClipRect();

    // Legend: a short sample of each line and its name, top left, or bottom right while the
    // outlier is in the left half (where it could hide under the legend).
    const char* names[2] = {"least squares (MSE)", "least absolute (MAE)"};
    const float row = ImGui::GetTextLineHeight() + 6;
    float wide = 0;
    for (const char* s : names) wide = std::max(wide, ImGui::CalcTextSize(s).x);
    const bool corner_low = o.x < 0.5 * (L.xmin + L.xmax);
    const float lx = corner_low ? L.right - wide - 38 : L.left + 8;
    const float ly = corner_low ? L.bottom - 2 * row - 6 : L.top + 6;
    dl->AddRectFilled({lx - 4, ly - 3}, {lx + 34 + wide, ly + 2 * row}, c.label_bg, 4.0f);
    dl->AddRect({lx - 4, ly - 3}, {lx + 34 + wide, ly + 2 * row}, c.grid, 4.0f);
    const float m0 = ly + row * 0.5f - 2, m1 = ly + row * 1.5f - 2;
    dl->AddLine({lx, m0}, {lx + 24, m0}, ls_col, 3.0f);
    DashedPolyline(dl, {{lx, m1}, {lx + 24, m1}}, lad_col, 3.0f, 8.0f, 4.0f);
    Label(dl, {lx + 30, m0 - 7}, c.text, names[0]);
    Label(dl, {lx + 30, m1 - 7}, c.text, names[1]);

    // The points, then the outlier on top: a large ring with a handle.
    for (size_t i = 0; i + 1 < host.points.size(); ++i)
        dl->AddCircleFilled({L.PxX(host.points[i].x), L.PxY(host.points[i].y)}, 4.5f, c.text, 16);
    const ImVec2 op{L.PxX(o.x), L.PxY(o.y)};
    dl->AddCircleFilled(op, 9.0f, c.amber, 24);
    dl->AddCircle(op, 9.0f, c.text, 24, 2.0f);
    const char* tag = "outlier";
    const ImVec2 ts = ImGui::CalcTextSize(tag);
    const float tx = std::clamp(op.x - ts.x * 0.5f, L.left + 2, L.right - ts.x - 2);
    const float ty = op.y - 28 < L.top ? op.y + 13 : op.y - 27;
    Label(dl, {tx, ty}, c.text, tag);
}
} // namespace

LossExplorerLayout MakeLossCurvesLayout(float w, float h) {
    const float left = 30.0f, right = std::max(left + 10.0f, w - 12.0f);
    return {left, 26.0f, right, std::max(42.0f, h - 24.0f), model::LossExplorerModel::kPredictionLo,
            model::LossExplorerModel::kPredictionHi, 0.0, 4.0};
}

LossExplorerLayout MakeOutlierLayout(float w, float h) {
    const float left = 30.0f, right = std::max(left + 10.0f, w - 12.0f);
    return {left, 26.0f, right, std::max(42.0f, h - 24.0f), model::LossExplorerModel::kOutlierXLo,
            model::LossExplorerModel::kOutlierXHi, model::LossExplorerModel::kOutlierYLo, model::LossExplorerModel::kOutlierYHi};
}

unsigned LossCurveColour(int k, bool dark) {
    if (k < 0 || k >= model::kLossCurves) return 0;
    return LossSeriesColour(k, dark);
}

void DrawLossExplorerView(const model::LossExplorerModel& host, float w, float h, bool dark) {
    if (host.settings.outlier_view) DrawOutlier(host, w, h, dark);
    else DrawCurves(host, w, h, dark);
}

} // namespace downhill::views
