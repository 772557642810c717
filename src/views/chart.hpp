// chart.hpp: the parts every chart of the views is made of: a plot box, round axis ticks,
// grid lines and tick labels, dashed lines, markers, and the loss-against-step chart of the
// learning-rate comparison and the race. Header-only, so that each widget's module links
// only what it uses.
//
// Index
//   [SECTION] Plot box and ticks
//   [SECTION] Axes: grid lines, tick marks, labels
//   [SECTION] Lines and markers
//   [SECTION] Loss against step
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "views/label_layout.hpp"
#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Plot box and ticks
//-----------------------------------------------------------------------------

// A rectangle of the canvas, CSS pixels from its top-left corner.
struct Box {
    float left = 0, top = 0, right = 0, bottom = 0;
    bool Contains(float x, float y) const { return x >= left && x <= right && y >= top && y <= bottom; }
    float Width() const { return right - left; }
    float Height() const { return bottom - top; }
};

// A plot: its box on the canvas and the data range it shows (y grows upward).
struct Plot {
    Box box;
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    float PxX(double x) const { return box.left + float((x - xlo) / (xhi - xlo)) * box.Width(); }
    float PxY(double y) const { return box.bottom - float((y - ylo) / (yhi - ylo)) * box.Height(); }
};

// 1, 2 or 5 times a power of ten, so that about `want` steps cover `span`.
inline double NiceStep(double span, int want) {
    if (!(span > 0) || !std::isfinite(span)) return 1.0;
    const double raw = span / std::max(1, want);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

// About `want` round tick values (multiples of NiceStep) covering [lo, hi].
inline std::vector<double> NiceTicks(double lo, double hi, int want) {
    std::vector<double> out;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return out;
    const double step = NiceStep(hi - lo, want);
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return out;
}

// Every multiple of `step` in [lo, hi].
inline std::vector<double> TicksEvery(double lo, double hi, double step) {
    std::vector<double> out;
    if (!(step > 0) || !(hi >= lo)) return out;
    for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
        out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return out;
}

// A tick label in the course's number format ("0.25", "−2", "1 × 10⁻⁷").
inline void TickLabel(char* buf, size_t n, double v) { FormatNumber(buf, n, std::fabs(v) < 1e-12 ? 0.0 : v, 6); }

// An axis title: `x` under the right end of the plot's bottom edge, `y` above its left edge.
inline void AxisTitles(ImDrawList* dl, const Box& b, ImU32 col, const char* x, const char* y) {
    if (x && *x) {
        const ImVec2 ts = ImGui::CalcTextSize(x);
        dl->AddText({b.right - ts.x, b.bottom + ts.y + 6}, col, x);
    }
    if (y && *y) dl->AddText({b.left + 4, b.top + 2}, col, y);
}

//-----------------------------------------------------------------------------
// [SECTION] Axes
//-----------------------------------------------------------------------------

// Grid lines across the plot at every `ys`, each labelled left of the box in `label`
// (TickLabel when fmt is null).
inline void GridY(ImDrawList* dl, const Plot& p, const std::vector<double>& ys, ImU32 grid, ImU32 label,
                  const char* fmt = nullptr) {
    char t[48];
    for (double v : ys) {
        const float y = p.PxY(v);
        dl->AddLine({p.box.left, y}, {p.box.right, y}, grid, 1.0f);
        if (fmt) std::snprintf(t, sizeof t, fmt, v);
        else TickLabel(t, sizeof t, v);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText({p.box.left - ts.x - 5, y - ts.y * 0.5f}, label, t);
    }
}

// Tick marks under the plot at every `xs`, labelled below them (every `label_every`-th one;
// TickLabel when fmt is null); labels stay inside the box's right edge.
inline void TicksX(ImDrawList* dl, const Plot& p, const std::vector<double>& xs, ImU32 tick, ImU32 label,
                   const char* fmt = nullptr, int label_every = 1) {
    char t[48];
    int k = 0;
    for (double v : xs) {
        const float x = p.PxX(v);
        dl->AddLine({x, p.box.bottom}, {x, p.box.bottom + 4}, tick, 1.0f);
        if (k++ % std::max(1, label_every)) continue;
        if (fmt) std::snprintf(t, sizeof t, fmt, v);
        else TickLabel(t, sizeof t, v);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText({std::min(x - ts.x * 0.5f, p.box.right - ts.x), p.box.bottom + 5}, label, t);
    }
}

// The left and bottom edges of the plot.
inline void AxisLines(ImDrawList* dl, const Plot& p, ImU32 axis) {
    dl->AddLine({p.box.left, p.box.bottom}, {p.box.right, p.box.bottom}, axis, 1.0f);
    dl->AddLine({p.box.left, p.box.top}, {p.box.left, p.box.bottom}, axis, 1.0f);
}

//-----------------------------------------------------------------------------
// [SECTION] Lines and markers
//-----------------------------------------------------------------------------

// A polyline drawn as dashes of `dash` pixels separated by `gap` pixels, measured along it.
// Every pass moves on by at least a thousandth of a pixel, and a segment takes at most
// 100000 passes, so rounding can never hold it in place.
inline void DashedPolyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thick, float dash,
                           float gap) {
    float phase = 0.0f; // distance into the current dash + gap period
    for (size_t i = 1; i < pts.size(); ++i) {
        ImVec2 a = pts[i - 1];
        const ImVec2 b = pts[i];
        float len = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
        if (!(len > 0) || !std::isfinite(len)) continue;
        const float ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
        for (int pass = 0; len > 1e-4f && pass < 100000; ++pass) {
            const bool on = phase < dash;
            const float step = std::min(std::max(on ? dash - phase : dash + gap - phase, 1e-3f), len);
            const ImVec2 c{a.x + ux * step, a.y + uy * step};
            if (on) dl->AddLine(a, c, col, thick);
            a = c;
            len -= step;
            phase += step;
            if (phase >= dash + gap - 1e-4f) phase = 0.0f;
        }
    }
}

// DrawMarker's `shape`, so lines and balls differ by more than colour: 0 circle, 1 square,
// 2 triangle, 3 diamond, 4 triangle pointing down, 5 hexagon, 6 plus.
inline void DrawMarker(ImDrawList* dl, ImVec2 p, int shape, float s, ImU32 fill, ImU32 edge) {
    switch (shape) {
    case 1:
        dl->AddRectFilled({p.x - s, p.y - s}, {p.x + s, p.y + s}, fill);
        dl->AddRect({p.x - s, p.y - s}, {p.x + s, p.y + s}, edge, 0, 0, 1.5f);
        break;
    case 2: {
        const ImVec2 a{p.x, p.y - 1.2f * s}, b{p.x + 1.1f * s, p.y + 0.8f * s}, c{p.x - 1.1f * s, p.y + 0.8f * s};
        dl->AddTriangleFilled(a, b, c, fill);
        dl->AddTriangle(a, b, c, edge, 1.5f);
        break;
    }
    case 3: {
        const ImVec2 a{p.x, p.y - 1.3f * s}, b{p.x + 1.3f * s, p.y}, c{p.x, p.y + 1.3f * s}, d{p.x - 1.3f * s, p.y};
        dl->AddQuadFilled(a, b, c, d, fill);
        dl->AddQuad(a, b, c, d, edge, 1.5f);
        break;
    }
    case 4: {
        const ImVec2 a{p.x, p.y + 1.2f * s}, b{p.x - 1.1f * s, p.y - 0.8f * s}, c{p.x + 1.1f * s, p.y - 0.8f * s};
        dl->AddTriangleFilled(a, b, c, fill);
        dl->AddTriangle(a, b, c, edge, 1.5f);
        break;
    }
    case 5:
        dl->AddNgonFilled(p, 1.15f * s, fill, 6);
        dl->AddNgon(p, 1.15f * s, edge, 6, 1.5f);
        break;
    case 6: {
        const float t = 0.45f * s;
        dl->AddRectFilled({p.x - 1.2f * s, p.y - t}, {p.x + 1.2f * s, p.y + t}, fill);
        dl->AddRectFilled({p.x - t, p.y - 1.2f * s}, {p.x + t, p.y + 1.2f * s}, fill);
        dl->AddRect({p.x - 1.2f * s, p.y - t}, {p.x + 1.2f * s, p.y + t}, edge, 0, 0, 1.0f);
        dl->AddRect({p.x - t, p.y - 1.2f * s}, {p.x + t, p.y + 1.2f * s}, edge, 0, 0, 1.0f);
        break;
    }
    default:
        dl->AddCircleFilled(p, s, fill, 20);
        dl->AddCircle(p, s, edge, 20, 1.5f);
        break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Loss against step
//-----------------------------------------------------------------------------

// One line of the loss chart.
struct ChartSeries {
    const std::vector<double>* losses = nullptr; // loss per recorded step
    int first_step = 0;                          // step of losses[0]
    ImU32 colour = 0;
    int marker = 0;                              // DrawMarker shape at the newest point
    bool diverged = false;                       // draw a cross where the line stops
    const char* label = "";                      // short name drawn at the newest point
};

// What the chart plots.
struct ChartScale {
    int max_step = 20;      // right end of the step axis (at least 1)
    bool log_scale = false; // plot log10(loss - lowest) (needs has_lowest)
    bool has_lowest = true; // the landscape has a lowest point `lowest`
    double lowest = 0;      // the smallest loss there is (the global minimum)
    double floor = 0;       // without a lowest point: the smallest loss the linear axis shows
};

namespace chart_detail {

// A loss as the chart plots it: the loss, or log10(loss - lowest); may be +-inf or NaN.
inline double Plotted(double loss, const ChartScale& s) {
    if (!(s.log_scale && s.has_lowest)) return loss;
    const double d = loss - s.lowest;
    return d > 0 ? std::log10(d) : -INFINITY;
}

} // namespace chart_detail

// Loss against step for every series, in `box`, with its axes and a title. Lines are
// thinned to a few points per pixel column (a long run costs no more than a short one) and
// clipped to the box; a diverged series ends in a cross at the top edge.
inline void DrawLossChart(ImDrawList* dl, const Box& box, const ChartSeries* series, int n, const ChartScale& scale,
                          bool dark) {
    const Theme& c = GetTheme(dark);
    const ImU32 ink = c.text, muted = c.muted, grid = c.grid;
    using chart_detail::Plotted;
    const bool log = scale.log_scale && scale.has_lowest;
    // Room left of the plot for the widest loss label ("1 × 10⁻¹⁰" on the log scale).
    const float label_w = scale.log_scale && scale.has_lowest
                              ? ImGui::CalcTextSize("1 \u00d7 10\u207b\u00b9\u2070").x + 10.0f
                              : std::max(50.0f, ImGui::CalcTextSize("−0.000").x + 10.0f);
    // Under the title, with room for the top tick label (centred on the top grid line).
    const float line_h = ImGui::GetTextLineHeight();
    const Box P{box.left + label_w, box.top + line_h * 1.6f + 4.0f, box.right - 10.0f, box.bottom - line_h - 6.0f};
    if (P.Width() < 20 || P.Height() < 20) return;

    // The loss axis: every finite plotted value, the start first.
    double lo = INFINITY, hi = -INFINITY, start = NAN;
    for (int k = 0; k < n; ++k) {
        const auto* v = series[k].losses;
        if (!v) continue;
        for (size_t i = 0; i < v->size(); ++i) {
            const double t = Plotted((*v)[i], scale);
            if (!std::isfinite(t)) continue;
            lo = std::min(lo, t);
            hi = std::max(hi, t);
        }
        if (std::isnan(start) && series[k].first_step == 0 && !v->empty()) start = Plotted((*v)[0], scale);
    }
    if (!(hi >= lo)) { lo = log ? -1 : 0; hi = log ? 1 : 1; }
    if (log) {
        hi = std::ceil(hi + 1e-9);
        lo = std::max(std::floor(lo), hi - 14.0);
        if (lo >= hi) lo = hi - 1;
    } else {
        const double base = scale.has_lowest ? scale.lowest : scale.floor;
        lo = std::max(lo, base);
        // Room for overshoots up to twice the start's height; anything higher leaves the top.
        if (std::isfinite(start)) hi = std::max(start, std::min(hi, start + 2.0 * (start - lo)));
        if (!(hi > lo)) hi = lo + 1;
        const double pad = 0.06 * (hi - lo);
        hi += pad;
        lo -= pad;
    }
    const int max_step = std::max(1, scale.max_step);
    auto X = [&](double step) { return P.left + float(step / max_step) * P.Width(); };
    auto Y = [&](double t) {
        if (t == -INFINITY || t < lo) t = lo;
        return P.bottom - float((t - lo) / (hi - lo)) * P.Height();
    };

    // Title, grid, ticks.
    const char* title = log ? "Loss per step (log scale: loss above the lowest point)" : "Loss per step";
    if (log && ImGui::CalcTextSize(title).x > box.Width() - 8) title = "Loss per step (log scale)";
    dl->AddText({box.left + 4, box.top + 2}, ink, title);
    dl->AddRect({P.left, P.top}, {P.right, P.bottom}, grid);
    char label[48];
    if (log) {
        const int every = int(std::ceil((hi - lo) / 6.0));
        for (int e = int(lo); e <= int(hi); e += every) {
            const float y = Y(e);
            dl->AddLine({P.left, y}, {P.right, y}, grid);
            FormatNumber(label, sizeof label, std::pow(10.0, e), 6);
            const ImVec2 ts = ImGui::CalcTextSize(label);
            dl->AddText({P.left - ts.x - 5, y - ts.y * 0.5f}, muted, label);
        }
    } else {
        for (double t : NiceTicks(lo, hi, 4)) {
            const float y = Y(t);
            dl->AddLine({P.left, y}, {P.right, y}, grid);
            TickLabel(label, sizeof label, t);
            const ImVec2 ts = ImGui::CalcTextSize(label);
            dl->AddText({P.left - ts.x - 5, y - ts.y * 0.5f}, muted, label);
        }
    }
    const int want_x = P.Width() > 320 ? 6 : 3;
    for (double s : NiceTicks(0, max_step, want_x)) {
        const float x = X(s);
        dl->AddLine({x, P.bottom}, {x, P.bottom + 4}, muted);
        std::snprintf(label, sizeof label, "%d", int(s));
        const ImVec2 ts = ImGui::CalcTextSize(label);
        dl->AddText({std::min(x - ts.x * 0.5f, P.right - ts.x), P.bottom + 5}, muted, label);
    }
    {
        const ImVec2 ts = ImGui::CalcTextSize("step");
        dl->AddText({P.left - ts.x - 12, P.bottom + 5}, muted, "step");
    }

    // The lines: per pixel column keep the first, lowest, highest and last point.
    dl->PushClipRect({P.left - 8, P.top}, {P.right + 8, P.bottom + 8}, true);
    // Each line's name goes by its newest point; they are placed together once every line
    // is drawn, so that names starting at one point (step 0) never print over each other.
    std::vector<LabelBox> boxes;
    std::vector<int> owner;
    for (int k = 0; k < n; ++k) {
        const ChartSeries& s = series[k];
        if (!s.losses || s.losses->empty()) continue;
        const auto& v = *s.losses;
        dl->PathClear();
        int column = -1000000;
        float c_first = 0, c_min = 0, c_max = 0, c_last = 0, c_x = 0;
        bool have = false, broke = false;
        float end_x = 0, end_y = 0;
        auto flush = [&] {
            if (!have) return;
            dl->PathLineTo({c_x, c_first});
            if (c_min != c_first) dl->PathLineTo({c_x, c_min});
            if (c_max != c_min) dl->PathLineTo({c_x, c_max});
            if (c_last != c_max) dl->PathLineTo({c_x, c_last});
        };
        for (size_t i = 0; i < v.size(); ++i) {
            const double t = Plotted(v[i], scale);
            const bool finite = std::isfinite(v[i]) && !std::isnan(t);
            const float x = X(double(s.first_step) + double(i));
            if (!finite) { broke = true; end_x = x; break; }
            const float y = Y(std::min(t, hi + (hi - lo)));
            const int col = int(std::floor(x));
            if (col != column) {
                flush();
                column = col;
                c_x = x;
                c_first = c_min = c_max = c_last = y;
                have = true;
            } else {
                c_min = std::min(c_min, y);
                c_max = std::max(c_max, y);
                c_last = y;
            }
            end_x = x;
            end_y = y;
        }
        flush();
        dl->PathStroke(s.colour, 0, 2.0f);
        const ImU32 edge = c.edge;
        if (broke || s.diverged) {
            // Where the loss stopped being a usable number: a cross at the top edge.
            const float x = end_x, y = P.top + 6;
            const ImU32 warn = c.warn;
            dl->AddLine({x - 5, y - 5}, {x + 5, y + 5}, warn, 2.5f);
            dl->AddLine({x - 5, y + 5}, {x + 5, y - 5}, warn, 2.5f);
            if (have) dl->AddLine({x, y}, {x, std::min(end_y, P.bottom)}, s.colour, 1.0f);
        } else if (have) {
            DrawMarker(dl, {end_x, std::clamp(end_y, P.top, P.bottom)}, s.marker, 4.5f, s.colour, edge);
        }
        if (have && s.label && *s.label) {
            const ImVec2 ts = ImGui::CalcTextSize(s.label);
            const float lx = std::min(end_x + 8, P.right - ts.x - 2);
            const float ly = (broke || s.diverged) ? P.top + 12 : end_y - ts.y - 4;
            boxes.push_back({lx, ly, ts.x, ts.y});
            owner.push_back(k);
        }
    }
    SpreadLabels(boxes, P.top, P.bottom);
    for (size_t i = 0; i < boxes.size(); ++i) {
        const LabelBox& b = boxes[i];
        dl->AddRectFilled({b.x - 2, b.y}, {b.x + b.w + 2, b.y + b.h}, c.label_bg, 3.0f);
        dl->AddText({b.x, b.y}, series[owner[i]].colour, series[owner[i]].label);
    }
    dl->PopClipRect();
}

} // namespace downhill::views
