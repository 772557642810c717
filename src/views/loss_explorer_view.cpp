// loss_explorer_view.cpp: see loss_explorer_view.hpp.
#include "loss_explorer_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"

namespace downhill::views {

namespace {
using model::LossCurve;
using model::LossExplorerModel;

struct Ink { ImU32 axis, grid, text, muted, band, point, outlier, outlier_edge, marker; };
Ink Colours(bool dark) {
    if (dark)
        return {IM_COL32(160, 168, 180, 255), IM_COL32(55, 61, 72, 255), IM_COL32(220, 225, 232, 255),
                IM_COL32(170, 178, 190, 255), IM_COL32(125, 178, 255, 22), IM_COL32(214, 220, 228, 255),
                IM_COL32(250, 204, 21, 255), IM_COL32(255, 255, 255, 255), IM_COL32(220, 225, 232, 200)};
    return {IM_COL32(90, 98, 110, 255), IM_COL32(229, 232, 238, 255), IM_COL32(31, 36, 48, 255),
            IM_COL32(75, 85, 99, 255), IM_COL32(29, 78, 216, 16), IM_COL32(55, 65, 81, 255),
            IM_COL32(245, 158, 11, 255), IM_COL32(31, 36, 48, 255), IM_COL32(31, 36, 48, 190)};
}
// Curve colours, LossCurve order; web/widget-loss-explorer.js repeats them for its swatches.
constexpr ImU32 kLight[model::kLossCurves] = {IM_COL32(29, 78, 216, 255),  IM_COL32(194, 65, 12, 255),
                                            IM_COL32(15, 118, 110, 255), IM_COL32(190, 18, 60, 255),
                                            IM_COL32(109, 40, 217, 255), IM_COL32(133, 77, 14, 255)};
constexpr ImU32 kDark[model::kLossCurves] = {IM_COL32(96, 165, 250, 255),  IM_COL32(251, 146, 60, 255),
                                           IM_COL32(45, 212, 191, 255),  IM_COL32(251, 113, 133, 255),
                                           IM_COL32(196, 181, 253, 255), IM_COL32(250, 204, 21, 255)};
const char* const kShort[model::kLossCurves] = {"MSE", "MAE", "Huber", "CE y=1", "CE y=0", "hinge"};

void Dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, float dash = 7.0f, float gap = 5.0f) {
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
    if (!(len > 0)) return;
    const float ux = dx / len, uy = dy / len;
    for (float t = 0; t < len; t += dash + gap) {
        const float e = std::min(len, t + dash);
        dl->AddLine({a.x + ux * t, a.y + uy * t}, {a.x + ux * e, a.y + uy * e}, col, thick);
    }
}

void Label(ImDrawList* dl, ImVec2 at, ImU32 col, const char* text) { dl->AddText(at, col, text); }

// A polyline drawn as dashes of `dash` pixels separated by `gap` pixels, measured along it.
void DashedPolyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thick, float dash, float gap) {
    float phase = 0.0f; // distance into the current dash + gap period
    for (size_t i = 1; i < pts.size(); ++i) {
        const ImVec2 a = pts[i - 1], b = pts[i];
        const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        float t = 0.0f;
        while (t < len) {
            const bool on = phase < dash;
            const float left = on ? dash - phase : dash + gap - phase;
            const float e = std::min(len, t + left);
            if (on) dl->AddLine({a.x + dx * t / len, a.y + dy * t / len}, {a.x + dx * e / len, a.y + dy * e / len}, col, thick);
            phase += e - t;
            if (phase >= dash + gap) phase = 0.0f;
            t = e;
        }
    }
}

// Ticks and labels on both axes; `xstep`, `ystep` in data units.
void Axes(ImDrawList* dl, const LossExplorerLayout& L, const Ink& c, double xstep, double ystep, const char* xfmt,
          const char* yfmt, float w) {
    char t[16];
    for (double v = std::ceil(L.ymin / ystep) * ystep; v <= L.ymax + 1e-9; v += ystep) {
        const float y = L.PxY(v);
        dl->AddLine({L.left, y}, {L.right, y}, c.grid, 1.0f);
        std::snprintf(t, sizeof t, yfmt, v);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        Label(dl, {L.left - ts.x - 5, y - ts.y * 0.5f}, c.muted, t);
    }
    int k = 0;
    for (double v = std::ceil(L.xmin / xstep) * xstep; v <= L.xmax + 1e-9; v += xstep, ++k) {
        const float x = L.PxX(v);
        dl->AddLine({x, L.bottom}, {x, L.bottom + 4}, c.axis, 1.0f);
        if (w < 420 && k % 2) continue;
        std::snprintf(t, sizeof t, xfmt, std::fabs(v) < 1e-9 ? 0.0 : v);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        Label(dl, {x - ts.x * 0.5f, L.bottom + 6}, c.muted, t);
    }
    dl->AddLine({L.left, L.bottom}, {L.right, L.bottom}, c.axis, 1.0f);
    dl->AddLine({L.left, L.top}, {L.left, L.bottom}, c.axis, 1.0f);
}

//-----------------------------------------------------------------------------
// Curves view
//-----------------------------------------------------------------------------
void DrawCurves(const LossExplorerModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Ink c = Colours(dark);
    const LossExplorerLayout L = MakeLossCurvesLayout(w, h);
    const double delta = host.settings.delta, p = host.settings.prediction;

    // Where cross-entropy is defined (0 < p < 1), a faint band; the truth as a dashed line.
    dl->AddRectFilled({L.PxX(0.0), L.top}, {L.PxX(1.0), L.bottom}, c.band);
    Axes(dl, L, c, 0.5, 1.0, "%.1f", "%.0f", w);
    const char* band = "0 < p < 1";
    Label(dl, {L.PxX(0.5) - ImGui::CalcTextSize(band).x * 0.5f, L.top + 2}, c.muted, band);
    Dashed(dl, {L.PxX(LossExplorerModel::kTruth), L.top}, {L.PxX(LossExplorerModel::kTruth), L.bottom}, c.axis, 1.0f, 4, 4);
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
        const ImU32 col = dark ? kDark[k] : kLight[k];
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
    dl->AddLine({mx, L.top}, {mx, L.bottom}, c.marker, 1.5f);
    dl->AddTriangleFilled({mx, L.bottom - 2}, {mx - 7, L.bottom + 10}, {mx + 7, L.bottom + 10}, c.marker);
    struct Tag { float dot_y, y; int k; char text[32]; };
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
        else std::snprintf(t.text, sizeof t.text, "%s %.2f", kShort[k], v);
        t.y = t.dot_y - 7;
        tags.push_back(t);
        const ImU32 col = dark ? kDark[k] : kLight[k];
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
        const ImU32 col = dark ? kDark[t.k] : kLight[t.k];
        const float tw = ImGui::CalcTextSize(t.text).x;
        const float tx = left ? mx - 12 - tw : mx + 12;
        const ImU32 back = dark ? IM_COL32(27, 30, 36, 210) : IM_COL32(255, 255, 255, 215);
        dl->AddRectFilled({tx - 2, t.y}, {tx + tw + 2, t.y + line_h - 1}, back, 2.0f);
        if (std::fabs(t.y + 7 - t.dot_y) > 3) dl->AddLine({mx, t.dot_y}, {left ? tx + tw + 2 : tx - 2, t.y + 7}, col, 1.0f);
        Label(dl, {tx, t.y}, col, t.text);
    }
}

//-----------------------------------------------------------------------------
// Outlier view
//-----------------------------------------------------------------------------
void DrawOutlier(const LossExplorerModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Ink c = Colours(dark);
    const LossExplorerLayout L = MakeOutlierLayout(w, h);
    Axes(dl, L, c, 1.0, 2.0, "%.0f", "%.0f", w);
    const ImU32 ls_col = dark ? kDark[int(LossCurve::MSE)] : kLight[int(LossCurve::MSE)];
    const ImU32 lad_col = dark ? kDark[int(LossCurve::MAE)] : kLight[int(LossCurve::MAE)];

    // The two fitted lines across the plot, clipped; least absolute dashed.
    dl->PushClipRect({L.left, L.top}, {L.right, L.bottom}, true);
    const auto ends = [&](const LineFit& f) {
        return std::pair<ImVec2, ImVec2>{{L.PxX(L.xmin), L.PxY(f.At(L.xmin))}, {L.PxX(L.xmax), L.PxY(f.At(L.xmax))}};
    };
    // Residuals of the outlier to each line: how far each line stays from it.
    const Point2 o{host.settings.outlier_x, host.settings.outlier_y};
    Dashed(dl, {L.PxX(o.x) - 3, L.PxY(o.y)}, {L.PxX(o.x) - 3, L.PxY(host.ls.At(o.x))}, ls_col, 1.0f, 3, 3);
    Dashed(dl, {L.PxX(o.x) + 3, L.PxY(o.y)}, {L.PxX(o.x) + 3, L.PxY(host.lad.At(o.x))}, lad_col, 1.0f, 3, 3);
    auto [a, b] = ends(host.ls);
    dl->AddLine(a, b, ls_col, 3.0f);
    auto [d, e] = ends(host.lad);
    Dashed(dl, d, e, lad_col, 3.0f, 10.0f, 6.0f);
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
    dl->AddRectFilled({lx - 4, ly - 3}, {lx + 34 + wide, ly + 2 * row}, dark ? IM_COL32(27, 30, 36, 220) : IM_COL32(255, 255, 255, 225), 4.0f);
    dl->AddRect({lx - 4, ly - 3}, {lx + 34 + wide, ly + 2 * row}, c.grid, 4.0f);
    const float m0 = ly + row * 0.5f - 2, m1 = ly + row * 1.5f - 2;
    dl->AddLine({lx, m0}, {lx + 24, m0}, ls_col, 3.0f);
    Dashed(dl, {lx, m1}, {lx + 24, m1}, lad_col, 3.0f, 8.0f, 4.0f);
    Label(dl, {lx + 30, m0 - 7}, c.text, names[0]);
    Label(dl, {lx + 30, m1 - 7}, c.text, names[1]);

    // The points, then the outlier on top: a large ring with a handle.
    for (size_t i = 0; i + 1 < host.points.size(); ++i)
        dl->AddCircleFilled({L.PxX(host.points[i].x), L.PxY(host.points[i].y)}, 4.5f, c.point, 16);
    const ImVec2 op{L.PxX(o.x), L.PxY(o.y)};
    dl->AddCircleFilled(op, 9.0f, c.outlier, 24);
    dl->AddCircle(op, 9.0f, c.outlier_edge, 24, 2.0f);
    const char* tag = "outlier";
    const ImVec2 ts = ImGui::CalcTextSize(tag);
    const float tx = std::clamp(op.x - ts.x * 0.5f, L.left + 2, L.right - ts.x - 2);
    const float ty = op.y - 28 < L.top ? op.y + 13 : op.y - 27;
    Label(dl, {tx, ty}, c.text, tag);
}
} // namespace

LossExplorerLayout MakeLossCurvesLayout(float w, float h) {
    const float left = 30.0f, right = std::max(left + 10.0f, w - 12.0f);
    return {left, 10.0f, right, std::max(30.0f, h - 24.0f), model::LossExplorerModel::kPredictionLo,
            model::LossExplorerModel::kPredictionHi, 0.0, 4.0};
}

LossExplorerLayout MakeOutlierLayout(float w, float h) {
    const float left = 30.0f, right = std::max(left + 10.0f, w - 12.0f);
    return {left, 10.0f, right, std::max(30.0f, h - 24.0f), model::LossExplorerModel::kOutlierXLo,
            model::LossExplorerModel::kOutlierXHi, model::LossExplorerModel::kOutlierYLo, model::LossExplorerModel::kOutlierYHi};
}

unsigned LossCurveColour(int k, bool dark) {
    if (k < 0 || k >= model::kLossCurves) return 0;
    return dark ? kDark[k] : kLight[k];
}

void DrawLossExplorerView(const model::LossExplorerModel& host, float w, float h, bool dark) {
    if (host.settings.outlier_view) DrawOutlier(host, w, h, dark);
    else DrawCurves(host, w, h, dark);
}

} // namespace downhill::views
