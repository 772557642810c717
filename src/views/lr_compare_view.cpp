// lr_compare_view.cpp: see lr_compare_view.hpp.
#include "lr_compare_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout of the comparison
//-----------------------------------------------------------------------------

LrCompareLayout MakeLrCompareLayout(const Landscape1D& curve, float w, float h) {
    LrCompareLayout L;
    const float margin = w < 420 ? 4.0f : 10.0f, gap = w < 420 ? 5.0f : 12.0f;
    const float panel_h = std::clamp(h * 0.42f, 110.0f, 230.0f);
    const float pw = (w - 2 * margin - 2 * gap) / 3.0f;
    for (int i = 0; i < LrCompare::kRuns; ++i) {
        const float left = margin + i * (pw + gap);
        L.panel[i] = {left, margin, left + pw, margin + panel_h};
        L.plot[i] = {left + 6, margin + 22, left + pw - 6, margin + panel_h - 20};
    }
    L.chart = {margin, margin + panel_h + gap, w - margin, h - margin};
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k <= 300; ++k) {
        const double v = curve.value(curve.lo() + (curve.hi() - curve.lo()) * k / 300.0);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    const double pad = 0.06 * (hi - lo);
    L.xmin = curve.lo();
    L.xmax = curve.hi();
    L.ymin = lo - pad;
    L.ymax = hi + pad;
    return L;
}

bool LrComparePanelX(const LrCompareLayout& L, float px, float py, double* x) {
    for (int i = 0; i < LrCompare::kRuns; ++i) {
        const Box& b = L.panel[i];
        if (!b.Contains(px, py)) continue;
        const Box& p = L.plot[i];
        const double u = std::clamp(double(px - p.left) / double(p.Width()), 0.0, 1.0);
        if (x) *x = L.xmin + u * (L.xmax - L.xmin);
        return true;
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

void DrawLrCompareView(const LrCompare& c, bool log_scale, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Landscape1D& f = c.curve();
    const LrCompareLayout L = MakeLrCompareLayout(f, w, h);
    const Theme& th = GetTheme(dark);
    const ImU32 ink = th.text, muted = th.muted, grid = th.grid, warn = th.warn;
    const ImU32 panel_bg = th.panel, curve_col = th.axis, edge = th.edge;
    static const char* kNames[3] = {"Small", "Medium", "Large"};

    for (int i = 0; i < LrCompare::kRuns; ++i) {
        const OptimizerRun& run = c.run(i);
        const Box& B = L.panel[i];
        const Box& P = L.plot[i];
        const ImU32 col = RunColour(i, dark);
        dl->AddRectFilled({B.left, B.top}, {B.right, B.bottom}, panel_bg, 6.0f);
        dl->AddRect({B.left, B.top}, {B.right, B.bottom}, grid, 6.0f);
        char title[96];
        const std::string rate = FormatNumber(c.settings().learning_rate[i], 4);
        std::snprintf(title, sizeof title, B.Width() < 150 ? "%s %s" : "%s: \u03b7 = %s", kNames[i], rate.c_str());
        DrawMarker(dl, {B.left + 11, B.top + 11}, i, 4.5f, col, edge);
        dl->AddText({B.left + 20, B.top + 4}, ink, title);

        // The curve.
        dl->PushClipRect({P.left, P.top - 10}, {P.right, P.bottom + 2}, true);
        const int pts = std::max(40, int(P.Width() / 2));
        dl->PathClear();
        for (int k = 0; k <= pts; ++k) {
            const double x = L.xmin + (L.xmax - L.xmin) * k / pts;
            dl->PathLineTo({L.PxX(i, x), L.PxY(i, f.value(x))});
        }
        dl->PathStroke(curve_col, 0, 2.0f);

        // The trail: the last 40 steps, joined in order, fading out; only where both ends
        // are on the drawn curve.
        const auto& pos = run.positions();
        const size_t shown = std::min<size_t>(pos.size(), 40);
        const size_t first = pos.size() - shown;
        auto on_view = [&](double x) { return std::isfinite(x) && x >= L.xmin && x <= L.xmax; };
        for (size_t k = first; k + 1 < pos.size(); ++k) {
            const double a = pos[k], b = pos[k + 1];
            if (!on_view(a) || !on_view(b)) continue;
            const float alpha = 0.25f + 0.75f * float(k - first + 1) / float(shown);
            const ImU32 tc = (col & 0x00FFFFFF) | (ImU32(alpha * 210) << 24);
            const ImVec2 pa{L.PxX(i, a), L.PxY(i, f.value(a))}, pb{L.PxX(i, b), L.PxY(i, f.value(b))};
            dl->AddLine(pa, pb, tc, 1.5f);
            dl->AddCircleFilled(pa, 2.0f, tc);
        }
        dl->PopClipRect();

        // The ball, or an arrow at the edge it left by.
        const double x = run.x();
        const bool diverged = run.status() == RunStatus::Diverged;
        const bool left_domain = run.status() == RunStatus::LeftDomain;
        if (on_view(x)) {
            DrawMarker(dl, {L.PxX(i, x), L.PxY(i, f.value(x)) - 6.0f}, i, 6.0f, col, edge);
        } else if (!std::isnan(x)) {
            const bool right = x > L.xmax;
            const float ax = right ? P.right - 2 : P.left + 2, ay = P.top + 8;
            const float d = right ? -12.0f : 12.0f;
            dl->AddTriangleFilled({ax, ay}, {ax + d, ay - 7}, {ax + d, ay + 7}, col);
            if (B.Width() >= 150) {
                const char* text = "off the chart";
                const ImVec2 ts = ImGui::CalcTextSize(text);
                dl->AddText({right ? ax + d - ts.x - 3 : ax + d + 3, ay - ts.y * 0.5f}, col, text);
            }
        }

        // Footer: the step, or where it blew up.
        char foot[64];
        const bool narrow = B.Width() < 150;
        if (diverged) std::snprintf(foot, sizeof foot, narrow ? "blew up at %d" : "blew up at step %d", run.stopped_at());
        else if (left_domain) std::snprintf(foot, sizeof foot, narrow ? "undefined %d" : "left the domain, step %d", run.stopped_at());
        else if (run.status() == RunStatus::Settled) std::snprintf(foot, sizeof foot, narrow ? "settled %d" : "settled, step %d", run.step());
        else std::snprintf(foot, sizeof foot, "step %d", run.step());
        dl->AddText({B.left + 6, B.bottom - 17}, diverged || left_domain ? warn : muted, foot);
    }

    // The chart of all three.
    ChartSeries s[LrCompare::kRuns];
    for (int i = 0; i < LrCompare::kRuns; ++i) {
        const OptimizerRun& run = c.run(i);
        s[i].losses = &run.losses();
        s[i].first_step = run.first_recorded_step();
        s[i].colour = RunColour(i, dark);
        s[i].marker = i;
        s[i].diverged = run.status() == RunStatus::Diverged;
        s[i].label = kNames[i];
    }
    ChartScale scale;
    scale.max_step = std::max(20, c.ticks());
    scale.log_scale = log_scale;
    scale.has_lowest = true;
    scale.lowest = c.lowest_loss();
    DrawLossChart(dl, L.chart, s, LrCompare::kRuns, scale, dark);
}

} // namespace downhill::views
