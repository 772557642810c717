// batch_noise_view.cpp: see batch_noise_view.hpp.
//
// Index
//   [SECTION] Log-scale ticks
//   [SECTION] Noise view: arrows and spread against B
//   [SECTION] Range view: loss against the learning rate
#include "batch_noise_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "views/chart.hpp"
#include "views/theme.hpp"

namespace downhill::views {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Log-scale ticks
//-----------------------------------------------------------------------------

// Grid lines at 1, 2 and 5 times each power of ten within [lo, hi] (log10 units), labelled.
void LogGridY(ImDrawList* dl, const Plot& p, ImU32 grid, ImU32 label) {
    std::vector<double> ys;
    for (int d = int(std::floor(p.ylo)); d <= int(std::ceil(p.yhi)); ++d)
        for (double m : {1.0, 2.0, 5.0}) {
            const double v = d + std::log10(m);
            if (v >= p.ylo && v <= p.yhi) ys.push_back(v);
        }
    char t[40];
    for (double v : ys) {
        const float y = p.PxY(v);
        dl->AddLine({p.box.left, y}, {p.box.right, y}, grid, 1.0f);
        FormatNumber(t, sizeof t, std::pow(10.0, v), 3);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText({p.box.left - ts.x - 5, y - ts.y * 0.5f}, label, t);
    }
}

// An arrow from a to b with a head of `head` pixels.
void Arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, float head) {
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
    if (!(len > 1e-3f)) return;
    const float ux = dx / len, uy = dy / len, hl = std::min(head, len * 0.6f);
    const ImVec2 base{b.x - ux * hl, b.y - uy * hl};
    dl->AddLine(a, base, col, thick);
    dl->AddTriangleFilled(b, {base.x - uy * hl * 0.5f, base.y + ux * hl * 0.5f},
                          {base.x + uy * hl * 0.5f, base.y - ux * hl * 0.5f}, col);
}

// Text with the label background behind it, so lines under it stay readable.
void Label(ImDrawList* dl, ImVec2 at, const Theme& c, ImU32 col, const char* t) {
    const ImVec2 ts = ImGui::CalcTextSize(t);
    dl->AddRectFilled({at.x - 2, at.y - 1}, {at.x + ts.x + 2, at.y + ts.y + 1}, c.label_bg, 3.0f);
    dl->AddText(at, col, t);
}

//-----------------------------------------------------------------------------
// [SECTION] Noise view
//-----------------------------------------------------------------------------

// The full gradient (thick) and the mini-batch gradients at the learner's B (thin), all from
// one origin, and a ring of the expected spread around the full gradient's tip.
void DrawArrows(ImDrawList* dl, const model::BatchNoiseModel& m, const Box& b, const Theme& c) {
    const float lh = ImGui::GetTextLineHeight();
    char t[96];
    std::snprintf(t, sizeof t, "gradients at B = %d", m.settings.batch);
    dl->AddText({b.left, b.top}, c.text, t);
    const Box area{b.left, b.top + lh + 6, b.right, b.bottom};
    dl->AddRect({area.left, area.top}, {area.right, area.bottom}, c.grid);
    // Framed on the full gradient's middle, wide enough for most single-point gradients
    // (1.2 spreads beyond the tip); longer arrows run off the edge. The scale is the same for
    // every B, so the scatter visibly shrinks as B grows.
    const Grad2 g = m.study.full;
    const double sigma = std::sqrt(m.study.sigma2);
    const double half = std::max(0.8 * m.study.norm, 0.5 * m.study.norm + 1.2 * sigma) + 1e-12;
    const float mx = 0.5f * (area.left + area.right), my = 0.5f * (area.top + area.bottom);
    const float scale = 0.5f * std::min(area.Width(), area.Height()) / float(half);
    auto at = [&](const Grad2& v) {
        return ImVec2{mx + float(v.w - 0.5 * g.w) * scale, my - float(v.b - 0.5 * g.b) * scale};
    };
    const ImVec2 origin = at(Grad2{});
    const float cx = origin.x, cy = origin.y;
    dl->PushClipRect({area.left, area.top}, {area.right, area.bottom}, true);
    // Axes through the origin: the w part across, the b part up.
    dl->AddLine({area.left, cy}, {area.right, cy}, c.grid);
    dl->AddLine({cx, area.top}, {cx, area.bottom}, c.grid);
    dl->AddText({area.right - ImGui::CalcTextSize("w part").x - 4, cy + 2}, c.muted, "w part");
    dl->AddText({cx + 4, area.top + 2}, c.muted, "b part");
    const ImVec2 tip = at(m.study.full);
    const int n = m.data.size(), bsz = m.settings.batch;
    const float ring = float(std::sqrt(ExpectedSquaredSpread(m.study.sigma2, n, bsz))) * scale;
    if (ring > 1) dl->AddCircle(tip, ring, c.frame, 48, 1.5f);
    for (const Grad2& a : m.arrows) Arrow(dl, {cx, cy}, at(a), c.orange, 1.5f, 8);
    Arrow(dl, {cx, cy}, tip, c.blue, 3.5f, 13);
    Label(dl, {tip.x + 8, tip.y - lh * 0.5f}, c, c.blue, "full gradient");
    dl->PopClipRect();
}

// Spread against B on log-log axes: the measured dots, the 1/sqrt(B) line and the exact
// curve with the finite-population correction, which reaches 0 at B = N.
void DrawSpread(ImDrawList* dl, const model::BatchNoiseModel& m, const Box& b, const Theme& c) {
    const float lh = ImGui::GetTextLineHeight();
    const auto& rows = m.study.rows;
    if (rows.size() < 2) return;
    dl->AddText({b.left, b.top}, c.text, "spread of a batch's gradient (share of |g|)");
    const int n = m.data.size();
    const double top = std::log10(std::max(rows[0].spread, rows[0].simple)) + 0.15;
    const double bottom = std::log10(rows.back().simple) - 0.25;
    const float label_w = ImGui::CalcTextSize("0.05").x + 10;
    Plot p{{b.left + label_w, b.top + lh * 1.6f + 6, b.right - 8, b.bottom - 2 * lh - 10},
           -0.1, std::log2(double(n)) + 0.1, bottom, top};
    if (p.box.Width() < 30 || p.box.Height() < 30) return;
    LogGridY(dl, p, c.grid, c.muted);
    char t[48];
    for (const auto& r : rows) {
        const float x = p.PxX(std::log2(double(r.batch)));
        dl->AddLine({x, p.box.bottom}, {x, p.box.bottom + 4}, c.axis);
        std::snprintf(t, sizeof t, "%d", r.batch);
        dl->AddText({x - ImGui::CalcTextSize(t).x * 0.5f, p.box.bottom + 5}, c.muted, t);
    }
    AxisLines(dl, p, c.axis);
    AxisTitles(dl, p.box, c.muted, "batch size B", nullptr);
    dl->PushClipRect({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, true);
    // The chosen B.
    const float xb = p.PxX(std::log2(double(m.settings.batch)));
    dl->AddLine({xb, p.box.top}, {xb, p.box.bottom}, c.gold, 2.0f);
    // 1/sqrt(B) (dashed, a straight line of slope -1/2 here) and the exact curve.
    const double s1 = rows[0].simple;
    DashedPolyline(dl, {{p.PxX(0), p.PxY(std::log10(s1))}, {p.PxX(std::log2(double(n))), p.PxY(std::log10(s1 / std::sqrt(n)))}},
                   c.violet, 2.0f, 7, 5);
    std::vector<ImVec2> exact;
    for (int k = 1; k < n; ++k)
        exact.push_back({p.PxX(std::log2(double(k))),
                         p.PxY(std::log10(std::sqrt(ExpectedSquaredSpread(m.study.sigma2, n, k)) / m.study.norm))});
    exact.push_back({p.PxX(std::log2(double(n))), p.box.bottom + 40}); // 0 at B = N: off the bottom
    dl->AddPolyline(exact.data(), int(exact.size()), c.teal, 0, 2.0f);
    for (const auto& r : rows) {
        const float x = p.PxX(std::log2(double(r.batch)));
        const float y = r.spread > 0 ? p.PxY(std::log10(r.spread)) : p.box.bottom - 5;
        DrawMarker(dl, {x, y}, r.spread > 0 ? 0 : 1, 4.5f, c.blue, c.edge);
    }
    dl->PopClipRect();
    // Key, top right.
    const char* k1 = "dashed: 1/sqrt(B)";
    const char* k2 = "line: with (N\u2212B)/(N\u22121)";
    const char* k3 = "dots: measured";
    float ky = p.box.top + 4;
    for (auto [txt, col] : {std::pair{k1, c.violet}, {k2, c.teal}, {k3, c.blue}}) {
        const float kx = p.box.right - ImGui::CalcTextSize(txt).x - 4;
        Label(dl, {kx, ky}, c, col, txt);
        ky += lh + 2;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Range view
//-----------------------------------------------------------------------------

void DrawRange(ImDrawList* dl, const model::BatchNoiseModel& m, const Box& b, const Theme& c) {
    const float lh = ImGui::GetTextLineHeight();
    const RangeTestResult& r = m.range;
    dl->AddText({b.left, b.top}, c.text, "loss (log scale) as the rate rises");
    double lowest = r.start_loss;
    for (double v : r.loss) if (v > 0 && v < lowest) lowest = v;
    const double y_hi = std::log10(r.start_loss) + 1.0, y_lo = std::log10(lowest) - 0.15;
    const float label_w = ImGui::CalcTextSize("0.05").x + 10;
    Plot p{{b.left + label_w, b.top + lh * 1.6f + 6, b.right - 10, b.bottom - 2 * lh - 10},
           m.settings.range_from, m.settings.range_to, y_lo, y_hi};
    if (p.box.Width() < 30 || p.box.Height() < 30) return;
    LogGridY(dl, p, c.grid, c.muted);
    auto py = [&](double loss) { return p.PxY(loss > 0 && std::isfinite(loss) ? std::min(std::log10(loss), y_hi + 1) : y_hi + 1); };
    const int span = int(std::round(m.settings.range_to - m.settings.range_from));
    char t[48];
    for (double e = std::ceil(m.settings.range_from - 1e-9); e <= m.settings.range_to + 1e-9; e += 1) {
        const float x = p.PxX(e);
        dl->AddLine({x, p.box.bottom}, {x, p.box.bottom + 4}, c.axis);
        if (span > 5 && p.box.Width() < 320 && int(e) % 2) continue; // fewer labels when narrow
        FormatNumber(t, sizeof t, std::pow(10.0, e), 6);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText({std::clamp(x - ts.x * 0.5f, p.box.left - 4, p.box.right - ts.x), p.box.bottom + 5}, c.muted, t);
    }
    AxisLines(dl, p, c.axis);
    AxisTitles(dl, p.box, c.muted, "learning rate (log scale)", nullptr);
    dl->PushClipRect({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, true);
    // The stability limit 2/L of gradient descent on this fit.
    const double limit = std::log10(2.0 / m.curvature);
    if (limit > p.xlo && limit < p.xhi) {
        const float x = p.PxX(limit);
        DashedPolyline(dl, {{x, p.box.top}, {x, p.box.bottom}}, c.frame, 1.5f, 5, 4);
        Label(dl, {x - ImGui::CalcTextSize("2/L").x - 4, p.box.bottom - lh - 4}, c, c.muted, "2/L");
    }
    std::vector<ImVec2> line;
    for (size_t k = 0; k < r.loss.size(); ++k) {
        line.push_back({p.PxX(std::log10(r.lr[k])), py(r.loss[k])});
    }
    if (line.size() > 1) dl->AddPolyline(line.data(), int(line.size()), c.blue, 0, 2.5f);
    dl->PopClipRect();
    if (r.steepest >= 0) {
        const ImVec2 q{p.PxX(std::log10(r.lr[r.steepest])), py(r.smooth[r.steepest])};
        DrawMarker(dl, q, 0, 6, c.green, c.edge);
        std::snprintf(t, sizeof t, "steepest: %s", FormatNumber(r.lr[r.steepest], 3).c_str());
        Label(dl, {std::min(q.x + 9, p.box.right - ImGui::CalcTextSize(t).x), q.y - lh - 6}, c, c.green, t);
    }
    if (r.blowup >= 0) {
        const float x = p.PxX(std::log10(r.lr[r.blowup]));
        const float y = std::max(p.box.top + 6, py(r.loss[r.blowup]));
        DrawMarker(dl, {x, y}, 6, 6, c.warn, c.edge);
        std::snprintf(t, sizeof t, "blows up: %s", FormatNumber(r.lr[r.blowup], 3).c_str());
        Label(dl, {std::max(p.box.left + 2, std::min(x - ImGui::CalcTextSize(t).x * 0.5f, p.box.right - ImGui::CalcTextSize(t).x)),
                   p.box.top + 4}, c, c.warn, t);
    }
}

} // namespace

void DrawBatchNoiseView(const model::BatchNoiseModel& m, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const float pad = w < 420 ? 6.0f : 12.0f;
    if (m.settings.range_view) {
        DrawRange(dl, m, {pad, pad, w - pad, h - pad}, c);
        return;
    }
    if (w >= 560) { // side by side
        const float split = std::min(w * 0.42f, h);
        DrawArrows(dl, m, {pad, pad, split - pad, h - pad}, c);
        DrawSpread(dl, m, {split + pad, pad, w - pad, h - pad}, c);
    } else { // stacked
        const float split = std::min(h * 0.48f, w);
        DrawArrows(dl, m, {pad, pad, w - pad, split - pad}, c);
        DrawSpread(dl, m, {pad, split + pad, w - pad, h - pad}, c);
    }
}

} // namespace downhill::views
