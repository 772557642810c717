// momentum_view.cpp: see momentum_view.hpp.
//
// Index
//   [SECTION] Layout
//   [SECTION] The path on the contour ellipses
//   [SECTION] The convergence map
//   [SECTION] Each direction's error per step
//   [SECTION] The whole canvas
#include "momentum_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

namespace {
constexpr float kGap = 12.0f;                           // between panels
constexpr float kTitle = 22.0f, kLeft = 44.0f;          // a plot's room for its title and y labels
constexpr float kBottom = 36.0f, kRight = 12.0f;        // and for its x labels and axis title
constexpr double kView = 1.5;                           // the path panel shows |w1|, |w2| <= kView

Box Inner(const Box& b) { return {b.left + kLeft, b.top + kTitle, b.right - kRight, b.bottom - kBottom}; }
} // namespace

MomentumPanels LayoutMomentum(float w, float h) {
    MomentumPanels p;
    if (w >= 560) {
        const float cw = (w - kGap) * 0.5f, ch = (h - kGap) * 0.5f;
        p.path = {0, 0, cw, ch};
        p.map = {cw + kGap, 0, w, ch};
        p.loss = {0, ch + kGap, cw, h};
        p.dirs = {cw + kGap, ch + kGap, w, h};
    } else {
        const float ch = (h - 3 * kGap) / 4;
        p.path = {0, 0, w, ch};
        p.map = {0, ch + kGap, w, 2 * ch + kGap};
        p.loss = {0, 2 * (ch + kGap), w, 3 * ch + 2 * kGap};
        p.dirs = {0, 3 * (ch + kGap), w, h};
    }
    p.map_plot = Inner(p.map);
    return p;
}

bool MomentumMapAt(float px, float py, float w, float h, double* eta, double* beta) {
    const Box b = LayoutMomentum(w, h).map_plot;
    if (!(b.Width() > 1 && b.Height() > 1) || !b.Contains(px, py)) return false;
    *eta = kMapEtaMax * double(px - b.left) / b.Width();
    *beta = kMapBetaMax * double(b.bottom - py) / b.Height();
    return true;
}

namespace {

// A panel's title at its top-left corner.
void Title(ImDrawList* dl, const Box& b, ImU32 col, const char* text) { dl->AddText({b.left + 4, b.top + 2}, col, text); }

// Grid, ticks and titles of a plot.
void Axes(ImDrawList* dl, const Plot& p, const Theme& c, const char* x, const char* y, int want_x = 4) {
    dl->AddRect({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, c.grid);
    GridY(dl, p, NiceTicks(p.ylo, p.yhi, 4), WithAlpha(c.grid, 120), c.muted);
    TicksX(dl, p, NiceTicks(p.xlo, p.xhi, p.box.Width() > 300 ? want_x + 2 : want_x), c.axis, c.muted);
    AxisTitles(dl, p.box, c.muted, x, y);
}

//-----------------------------------------------------------------------------
// [SECTION] The path on the contour ellipses
//-----------------------------------------------------------------------------

// The shallow weight w2 runs across, the steep weight w1 up; the lowest point is the centre.
void DrawPath(ImDrawList* dl, const model::MomentumModel& m, const Box& panel, const Theme& c) {
    Title(dl, panel, c.text, "Path on the bowl (w2 across, w1 up)");
    const Plot p{Inner(panel), -kView, kView, -kView, kView};
    if (p.box.Width() < 20 || p.box.Height() < 20) return;
    Axes(dl, p, c, "w2", "");
    dl->PushClipRect({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, true);
    // Ellipses f = const: half-axis a along w1 and a sqrt(kappa) along w2.
    const double root = std::sqrt(m.settings.kappa);
    for (int k = 0; k < 8; ++k) {
        const double a = 1.4 * std::pow(0.55, k);
        dl->PathClear();
        for (int i = 0; i <= 96; ++i) {
            const double t = 2 * M_PI * i / 96;
            dl->PathLineTo({p.PxX(a * root * std::cos(t)), p.PxY(a * std::sin(t))});
        }
        dl->PathStroke(c.frame, 0, 1.0f);
    }
    const auto& w1 = m.run.w1;
    const auto& w2 = m.run.w2;
    dl->PathClear();
    for (size_t i = 0; i < w1.size(); ++i) dl->PathLineTo({p.PxX(w2[i]), p.PxY(w1[i])});
    dl->PathStroke(c.orange, 0, 1.6f);
    DrawMarker(dl, {p.PxX(0), p.PxY(0)}, 6, 5.0f, c.green, c.edge);
    DrawMarker(dl, {p.PxX(w2[0]), p.PxY(w1[0])}, 1, 4.0f, c.text, c.edge);
    if (!w1.empty()) DrawMarker(dl, {p.PxX(w2.back()), p.PxY(w1.back())}, 0, 4.5f, c.orange, c.edge);
    dl->PopClipRect();
}

//-----------------------------------------------------------------------------
// [SECTION] The convergence map
//-----------------------------------------------------------------------------

// Each cell shaded by the steps its rate needs (dark: few, pale: many, rose: diverges);
// the learner's (eta, beta) a ring, the best momentum a plus, the best plain GD a square.
void DrawMap(ImDrawList* dl, const model::MomentumModel& m, const MomentumPanels& L, const Theme& c) {
    Title(dl, L.map, c.text, "Steps to a millionth over (η, β)");
    const Plot p{L.map_plot, 0, kMapEtaMax, 0, kMapBetaMax};
    if (p.box.Width() < 20 || p.box.Height() < 20) return;
    const int n = model::MomentumModel::kMapCells;
    const Rgb fast = RgbOf(c.blue), slow = RgbOf(c.panel), bad = Mix(RgbOf(c.warn), RgbOf(c.background), 0.7);
    // Shade by ln(steps) from 10 steps (darkest) to 3000 (palest).
    const double lo = std::log(10.0), span = std::log(3000.0) - lo;
    for (int j = 0; j < n && size_t(n * n) == m.map.size(); ++j)
        for (int i = 0; i < n; ++i) {
            const int steps = PredictedSteps(m.map[size_t(j * n + i)]);
            const Rgb col = steps < 0 ? bad : Mix(fast, slow, (std::log(double(std::max(1, steps))) - lo) / span);
            const float x0 = p.PxX(i * kMapEtaMax / n), x1 = p.PxX((i + 1) * kMapEtaMax / n);
            const float y0 = p.PxY((j + 1) * kMapBetaMax / n), y1 = p.PxY(j * kMapBetaMax / n);
            dl->AddRectFilled({std::floor(x0), std::floor(y0)}, {std::ceil(x1), std::ceil(y1)}, FromRgb(col));
        }
    Axes(dl, p, c, "learning rate η", "β");
    dl->PushClipRect({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, true);
    // The edge of stability: eta = 2 (1 + beta).
    DashedPolyline(dl, {{p.PxX(MomentumEtaLimit(0)), p.PxY(0)}, {p.PxX(MomentumEtaLimit(1)), p.PxY(1)}}, c.warn, 1.5f, 5, 4);
    const MomentumBest best = BestMomentum(m.settings.kappa), gd = BestPlainGd(m.settings.kappa);
    DrawMarker(dl, {p.PxX(gd.eta), p.PxY(0) - 4}, 1, 4.0f, c.gold, c.edge);
    DrawMarker(dl, {p.PxX(best.eta), p.PxY(best.beta)}, 6, 5.0f, c.green, c.edge);
    const ImVec2 me{p.PxX(m.settings.eta), p.PxY(m.settings.beta)};
    dl->AddCircle(me, 7.0f, c.shadow, 20, 3.5f);
    dl->AddCircle(me, 7.0f, c.orange, 20, 2.0f);
    dl->PopClipRect();
}

//-----------------------------------------------------------------------------
// [SECTION] Each direction's error per step
//-----------------------------------------------------------------------------

// w1 (steep) and w2 (shallow) against the step: the zigzag and the crawl, apart.
void DrawDirections(ImDrawList* dl, const model::MomentumModel& m, const Box& panel, const Theme& c) {
    Title(dl, panel, c.text, "Each direction's error: w1 steep, w2 shallow");
    const int last = std::max(1, int(m.run.w1.size()) - 1);
    const Plot p{Inner(panel), 0, double(last), -kView, kView};
    if (p.box.Width() < 20 || p.box.Height() < 20) return;
    Axes(dl, p, c, "step", "");
    dl->PushClipRect({p.box.left, p.box.top}, {p.box.right, p.box.bottom}, true);
    const std::vector<double>* lines[2] = {&m.run.w1, &m.run.w2};
    const ImU32 cols[2] = {c.rose, c.teal};
    for (int k = 0; k < 2; ++k) {
        dl->PathClear();
        for (size_t i = 0; i < lines[k]->size(); ++i) dl->PathLineTo({p.PxX(double(i)), p.PxY((*lines[k])[i])});
        dl->PathStroke(cols[k], 0, 1.5f);
    }
    dl->AddText({p.box.right - 30, p.box.top + 4}, c.rose, "w1");
    dl->AddText({p.box.right - 30, p.box.top + 20}, c.teal, "w2");
    dl->PopClipRect();
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The whole canvas
//-----------------------------------------------------------------------------

void DrawMomentumView(const model::MomentumModel& m, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const MomentumPanels L = LayoutMomentum(w, h);
    DrawPath(dl, m, L.path, c);
    DrawMap(dl, m, L, c);
    // The loss and its two parts, 1/2 w1^2 (steep) and 1/2 w2^2 / kappa (shallow).
    std::vector<double> steep, shallow;
    for (size_t i = 0; i < m.run.w1.size(); ++i) {
        steep.push_back(0.5 * m.run.w1[i] * m.run.w1[i]);
        shallow.push_back(0.5 * m.run.w2[i] * m.run.w2[i] / m.settings.kappa);
    }
    const ChartSeries series[3] = {{&steep, 0, c.rose, 2, false, "steep"},
                                   {&shallow, 0, c.teal, 3, false, "shallow"},
                                   {&m.run.loss, 0, c.orange, 0, m.run.diverged, "loss"}};
    ChartScale scale;
    scale.max_step = std::max(1, int(m.run.loss.size()) - 1);
    scale.log_scale = true;
    DrawLossChart(dl, L.loss, series, 3, scale, dark);
    DrawDirections(dl, m, L.dirs, c);
}

} // namespace downhill::views
