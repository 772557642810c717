// loss_accuracy_view.cpp: see loss_accuracy_view.hpp.
//
// Index
//   [SECTION] Layout: three panels over one boundary axis
//   [SECTION] The points and p(x)
//   [SECTION] Accuracy and loss against the boundary
#include "loss_accuracy_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "views/chart.hpp"
#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------
namespace {
using model::LossAccuracyModel;
constexpr float kLeft = 52.0f, kRight = 14.0f; // the shared x axis' margins

Plot Panel(float top, float bottom, float w, double ylo, double yhi) {
    Plot p;
    p.box = {kLeft, top, w - kRight, bottom};
    p.xlo = LossAccuracyModel::kMinBoundary;
    p.xhi = LossAccuracyModel::kMaxBoundary;
    p.ylo = ylo;
    p.yhi = yhi;
    return p;
}

// A panel's title over its top-left corner: the long one where it fits, else the short one.
void Title(ImDrawList* dl, float x, float y, float room, ImU32 col, const char* long_title, const char* short_title) {
    dl->AddText({x, y}, col, ImGui::CalcTextSize(long_title).x <= room ? long_title : short_title);
}

// A value and its label beside the marker, kept inside the plot.
void Note(ImDrawList* dl, const Plot& p, float x, float y, ImU32 col, ImU32 bg, const char* text) {
    const ImVec2 ts = ImGui::CalcTextSize(text);
    float tx = x + 10;
    if (tx + ts.x > p.box.right - 2) tx = x - 10 - ts.x;
    const float ty = std::clamp(y - ts.y - 6, p.box.top + 2, p.box.bottom - ts.y - 2);
    dl->AddRectFilled({tx - 3, ty - 1}, {tx + ts.x + 3, ty + ts.y + 1}, bg, 3.0f);
    dl->AddText({tx, ty}, col, text);
}
} // namespace

double LossAccuracyBoundaryAt(float px, float w) {
    const float span = w - kLeft - kRight;
    if (!(span > 0)) return 0.0;
    const double lo = LossAccuracyModel::kMinBoundary, hi = LossAccuracyModel::kMaxBoundary;
    return std::clamp(lo + double(px - kLeft) / double(span) * (hi - lo), lo, hi);
}

void DrawLossAccuracyView(const LossAccuracyModel& m, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const auto& pts = AccuracyLessonPoints();
    const double sw = m.settings.steepness, x0 = m.settings.boundary;
    const model::LossAccuracyValues v = m.Values();
    auto Loss = [&](double x0_at) { return MeanCrossEntropy(pts, sw, -sw * x0_at).loss; };
    const float line_h = ImGui::GetTextLineHeight();
    const float title_h = line_h + 6, axis_h = 2 * line_h + 12;
    // Panel heights: points 38%, accuracy 28%, loss 34% of what is left after titles.
    const float room = h - 3 * title_h - axis_h - 8;
    const float top1 = title_h, bot1 = top1 + room * 0.38f;
    const float top2 = bot1 + title_h, bot2 = top2 + room * 0.28f;
    const float top3 = bot2 + title_h, bot3 = top3 + room * 0.34f;
    const Plot P1 = Panel(top1, bot1, w, -0.12, 1.12);
    const Plot P2 = Panel(top2, bot2, w, 0.4, 0.9);

    // The loss against the boundary, sampled every 2 pixels (and its range for the panel).
    const int n = std::max(2, int((w - kLeft - kRight) / 2));
    std::vector<double> xs(n + 1), loss(n + 1);
    double lmin = INFINITY, lmax = -INFINITY;
    for (int i = 0; i <= n; ++i) {
        xs[i] = P1.xlo + (P1.xhi - P1.xlo) * i / n;
        loss[i] = Loss(xs[i]);
        lmin = std::min(lmin, loss[i]);
        lmax = std::max(lmax, loss[i]);
    }
    const double pad = 0.12 * (lmax - lmin + 1e-9);
    const Plot P3 = Panel(top3, bot3, w, lmin - pad, lmax + pad);
    const float bx = P1.PxX(x0);
    char t[96], a[32], b2[32];

    //-------------------------------------------------------------------------
    // [SECTION] The points and p(x)
    //-------------------------------------------------------------------------
    const float room_w = w - kLeft - kRight;
    Title(dl, kLeft, 2, room_w, c.text, "Points (class 0 at 0, class 1 at 1, ringed: on the wrong side) and p(class 1)",
          "Points and p(class 1); ringed: wrong side");
    dl->AddRect({P1.box.left, P1.box.top}, {P1.box.right, P1.box.bottom}, c.grid);
    GridY(dl, P1, {0.0, 0.5, 1.0}, c.grid, c.muted);
    // Right of the boundary the model says class 1: a light band.
    dl->AddRectFilled({bx, P1.box.top + 1}, {P1.box.right - 1, P1.box.bottom - 1}, (c.orange & 0x00FFFFFF) | 0x18000000);
    dl->PathClear();
    for (int i = 0; i <= n; ++i) {
        const double z = sw * (xs[i] - x0);
        dl->PathLineTo({P1.PxX(xs[i]), P1.PxY(1 / (1 + std::exp(-z)))});
    }
    dl->PathStroke(c.violet, 0, 2.0f);
    for (const LabelledPoint& p : pts) {
        const bool right = (p.x >= x0) == (p.label == 1);
        const ImVec2 q{P1.PxX(p.x), P1.PxY(p.label)};
        DrawMarker(dl, q, p.label ? 1 : 0, 5.0f, p.label ? c.orange : c.blue, c.edge);
        if (!right) dl->AddCircle(q, 10.0f, c.red, 20, 2.0f);
    }

    //-------------------------------------------------------------------------
    // [SECTION] Accuracy and loss against the boundary
    //-------------------------------------------------------------------------
    Title(dl, kLeft, bot1 + 4, room_w, c.text, "Accuracy against the boundary", "Accuracy");
    dl->AddRect({P2.box.left, P2.box.top}, {P2.box.right, P2.box.bottom}, c.grid);
    GridY(dl, P2, {0.5, 0.6, 0.7, 0.8}, c.grid, c.muted);
    {
        // Flat from step to step, a jump of 1/N at each point.
        const std::vector<double> steps = AccuracySteps(pts);
        std::vector<double> edges{P2.xlo};
        for (double s : steps) edges.push_back(s);
        edges.push_back(P2.xhi);
        for (size_t i = 0; i + 1 < edges.size(); ++i) {
            const double acc = AccuracyAtBoundary(pts, 0.5 * (edges[i] + edges[i + 1]));
            const float y = P2.PxY(acc);
            dl->AddLine({P2.PxX(edges[i]), y}, {P2.PxX(edges[i + 1]), y}, c.green, 2.5f);
            if (i + 2 < edges.size()) {
                const float y2 = P2.PxY(AccuracyAtBoundary(pts, 0.5 * (edges[i + 1] + edges[i + 2])));
                dl->AddLine({P2.PxX(edges[i + 1]), y}, {P2.PxX(edges[i + 1]), y2}, c.frame, 1.0f);
            }
        }
    }
    Title(dl, kLeft, bot2 + 4, room_w, c.text, "Mean cross-entropy loss against the boundary; the triangle marks its lowest",
          "Loss (mean cross-entropy)");
    dl->AddRect({P3.box.left, P3.box.top}, {P3.box.right, P3.box.bottom}, c.grid);
    GridY(dl, P3, NiceTicks(P3.ylo, P3.yhi, 3), c.grid, c.muted);
    dl->PathClear();
    for (int i = 0; i <= n; ++i) dl->PathLineTo({P3.PxX(xs[i]), P3.PxY(loss[i])});
    dl->PathStroke(c.rose, 0, 2.0f);
    // The boundary of least loss, under the curve's lowest point.
    const double best = m.BestBoundary();
    if (std::isfinite(best)) DrawMarker(dl, {P3.PxX(best), P3.PxY(Loss(best)) + 9}, 4, 4.0f, c.muted, c.edge);
    TicksX(dl, P3, NiceTicks(P3.xlo, P3.xhi, w > 420 ? 12 : 6), c.axis, c.muted);
    AxisTitles(dl, P3.box, c.muted, "boundary", nullptr);

    // The boundary across all three panels, then the current values on each.
    std::vector<ImVec2> guide{{bx, P1.box.top}, {bx, P3.box.bottom}};
    DashedPolyline(dl, guide, c.gold, 1.5f, 5.0f, 4.0f);
    const float ay = P2.PxY(v.accuracy), ly = P3.PxY(v.loss);
    DrawMarker(dl, {bx, ay}, 0, 5.0f, c.green, c.edge);
    FormatNumber(a, sizeof a, v.accuracy, 3);
    std::snprintf(t, sizeof t, "%d of %d right = %s, slope %s", v.correct, v.count, a, std::isnan(v.accuracy_slope) ? "(a jump)" : "0");
    Note(dl, P2, bx, ay, c.text, c.label_bg, t);
    // The loss' tangent: 30 px either side along its slope, drawn in pixels.
    const double kx = double(P3.box.Width()) / (P3.xhi - P3.xlo), ky = double(P3.box.Height()) / (P3.yhi - P3.ylo);
    const double dy = -v.slope_boundary * ky / kx, len = std::sqrt(1 + dy * dy);
    const float tx = float(30 / len), ty = float(30 * dy / len);
    dl->AddLine({bx - tx, ly - ty}, {bx + tx, ly + ty}, c.text, 1.5f);
    DrawMarker(dl, {bx, ly}, 0, 5.0f, c.rose, c.edge);
    FormatNumber(a, sizeof a, v.loss, 3);
    FormatNumber(b2, sizeof b2, v.slope_boundary, 3);
    std::snprintf(t, sizeof t, "loss %s, slope %s", a, b2);
    Note(dl, P3, bx, ly, c.text, c.label_bg, t);
    (void)bot3;
}

} // namespace downhill::views
