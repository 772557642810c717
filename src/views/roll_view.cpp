// roll_view.cpp: see roll_view.hpp.
#include "roll_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "views/chart.hpp"

#include "imgui.h"
#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

RollLayout MakeRollLayout(const Landscape1D& curve, float w, float h, bool with_map) {
    if (with_map) h = std::floor(h * 0.58f);
    double lo = 1e300, hi = -1e300;
    for (int i = 0; i <= 400; ++i) {
        const double v = curve.value(curve.lo() + (curve.hi() - curve.lo()) * i / 400.0);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    const double pad = 0.08 * (hi - lo);
    const float margin_x = std::clamp(w * 0.05f, 10.0f, 28.0f);
    // Under the lowest point, room for the minima's markers (kMarkerRoom px) above the x ticks.
    constexpr double kMarkerRoom = 22.0;
    const double plot_h = std::max(double(h - 24.0f - 12.0f), 2 * kMarkerRoom);
    const double pad_lo = std::max(pad, (hi - lo + pad) * kMarkerRoom / (plot_h - kMarkerRoom));
    return {margin_x, 12.0f, w - margin_x, h - 24.0f, curve.lo(), curve.hi(), lo - pad_lo, hi + pad};
}

RollMapLayout MakeRollMapLayout(const Landscape1D& curve, const LrMap& map, float w, float h) {
    const RollLayout L = MakeRollLayout(curve, w, h, true);
    const float top = std::floor(h * 0.58f) + 10.0f;
    const double lo = map.lr.empty() ? 0.0 : map.lr.front(), hi = map.lr.empty() ? 1.0 : map.lr.back();
    // Below the map: its start axis (tick labels and the title "start x").
    return {L.left, top, L.right, h - 26.0f, lo, hi};
}

std::vector<unsigned char> RollMapPixels(const LrMap& map, bool dark) {
    // Valley colours match .dh-swatch-N in web/widgets.css (ValleyRgb).
    unsigned char valleys[4][3];
    for (int k = 0; k < 4; ++k) {
        const Rgb v = ValleyRgb(k, dark);
        valleys[k][0] = v.r; valleys[k][1] = v.g; valleys[k][2] = v.b;
    }
    const unsigned char left[3] = {156, 163, 175}, bounce_l[3] = {55, 65, 81}, bounce_d[3] = {71, 85, 105},
                        blown[3] = {220, 38, 38};
    std::vector<unsigned char> px(size_t(map.starts) * map.rates * 4);
    for (int j = 0; j < map.rates; ++j) {
        const int row = map.rates - 1 - j; // largest learning rate on top
        for (int i = 0; i < map.starts; ++i) {
            const std::uint8_t o = map.outcome[size_t(j) * map.starts + i];
            const unsigned char* col = o < 4 ? valleys[o] : o == kOutcomeLeftRange ? left
                                     : o == kOutcomeDiverged ? blown : (dark ? bounce_d : bounce_l);
            unsigned char* p = &px[(size_t(row) * map.starts + i) * 4];
            p[0] = col[0]; p[1] = col[1]; p[2] = col[2]; p[3] = 255;
        }
    }
    return px;
}

void DrawRollView(const RollRun& run, const std::vector<StationaryPoint>& points, const LrMap* map,
                  uintptr_t map_texture, float w, float h, bool dark) {
    std::vector<StationaryPoint> minima;
    for (const auto& p : points)
        if (p.is_minimum) minima.push_back(p);
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const Landscape1D& f = run.curve();
    const bool with_map = map && map_texture && !map->outcome.empty();
    const RollLayout L = MakeRollLayout(f, w, h, with_map);
    if (with_map) {
        // The map, with a cross-hair at the run's own start and learning rate.
        const RollMapLayout G = MakeRollMapLayout(f, *map, w, h);
        dl->AddImage(ImTextureID(map_texture), {G.left, G.top}, {G.right, G.bottom});
        const ImU32 ink = IM_COL32(255, 255, 255, 255), edge = IM_COL32(0, 0, 0, 255);
        const double lr = run.settings().learning_rate;
        if (lr <= G.lr_hi + 1e-12) {
            const float mx = L.PxX(run.settings().start_x), my = G.PxY(lr);
            dl->AddCircle({mx, my}, 6.0f, edge, 20, 3.5f);
            dl->AddCircle({mx, my}, 6.0f, ink, 20, 1.5f);
        }
        // Its learning-rate axis (top and bottom rows) and the stability boundary of each
        // valley, eta = 2 / f'' at its bottom, across that valley's stretch of starts.
        const float lh = ImGui::GetTextLineHeight();
        auto tag = [&](float x, float y, const std::string& text) {
            const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
            dl->AddRectFilled({x, y}, {x + ts.x + 8, y + lh + 2}, IM_COL32(0, 0, 0, 170));
            dl->AddText({x + 4, y + 1}, ink, text.c_str());
        };
        tag(G.left, G.top, "\u03b7 " + FormatNumber(G.lr_hi, 2));
        tag(G.left, G.bottom - lh - 2, "\u03b7 " + FormatNumber(G.lr_lo, 2));
        double best = 1e300;
        for (const auto& m : minima) best = std::min(best, m.f);
        for (size_t k = 0; k < minima.size(); ++k) {
            const auto& m = minima[k];
            if (!(m.max_stable_lr > G.lr_lo && m.max_stable_lr < G.lr_hi)) continue;
            const float y = G.PxY(m.max_stable_lr);
            const float x0 = std::max(G.left, L.PxX(m.x - 0.7)), x1 = std::min(G.right, L.PxX(m.x + 0.7));
            DashedPolyline(dl, {{x0, y}, {x1, y}}, edge, 3.5f, 6.0f, 4.0f);
            DashedPolyline(dl, {{x0, y}, {x1, y}}, ink, 1.5f, 6.0f, 4.0f);
            if (m.f == best) {
                const std::string text = "2/f\u2033 \u2248 " + FormatNumber(m.max_stable_lr, 2);
                const float tw = ImGui::CalcTextSize(text.c_str()).x + 8;
                tag(std::clamp(x1 + 4, G.left, G.right - tw), y - lh * 0.5f - 1, text);
            }
        }
        // The start axis under the map: the curve's x ticks again, and its title.
        for (int t = int(std::ceil(L.xmin)); t <= int(std::floor(L.xmax)); ++t) {
            const float px = L.PxX(t);
            dl->AddLine({px, G.bottom}, {px, G.bottom + 4}, c.axis, 1.0f);
            if (w < 300 && t % 2 != 0) continue;
            const std::string label = FormatNumber(t, 0);
            const float tx = px - ImGui::CalcTextSize(label.c_str()).x * 0.5f;
            dl->AddText({tx, G.bottom + 5}, c.muted, label.c_str());
        }
        const ImVec2 st = ImGui::CalcTextSize("start x");
        dl->AddRectFilled({G.right - st.x - 6, G.bottom + 3}, {w, h}, c.background);
        dl->AddText({G.right - st.x, G.bottom + 5}, c.text, "start x");
    }

    // Axes: a baseline at loss 0 and ticks at the integers of x; the titles "x" and "f(x)".
    dl->AddLine({L.left, L.PxY(0.0)}, {L.right, L.PxY(0.0)}, c.grid, 1.0f);
    const ImVec2 xt = ImGui::CalcTextSize("x");
    for (int t = int(std::ceil(L.xmin)); t <= int(std::floor(L.xmax)); ++t) {
        const float px = L.PxX(t);
        dl->AddLine({px, L.bottom}, {px, L.bottom + 4}, c.axis, 1.0f);
        const std::string label = FormatNumber(t, 0);
        const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        if (px + ts.x * 0.5f > L.right - xt.x - 6) continue; // the title's place
        if (w >= 300 || t % 2 == 0) dl->AddText({px - ts.x * 0.5f, L.bottom + 6}, c.muted, label.c_str());
    }
    dl->AddText({L.right - xt.x, L.bottom + 6}, c.text, "x");
    dl->AddText({L.left + 2, L.top - 10}, c.text, "loss f(x)");

    // The curve as one polyline, one point every ~2 pixels, each valley's stretch in that
    // valley's colour (the same as its cells on the map); slopes with no valley in grey.
    const int n = std::max(64, int((L.right - L.left) / 2));
    int run_valley = -2;
    dl->PathClear();
    for (int i = 0; i <= n; ++i) {
        const double x = L.xmin + (L.xmax - L.xmin) * i / n;
        const int v = ValleyOf(points, x);
        const ImVec2 p{L.PxX(x), L.PxY(f.value(x))};
        if (v != run_valley && run_valley != -2) {
            dl->PathLineTo(p);
            dl->PathStroke(run_valley < 0 ? c.muted : FromRgb(ValleyRgb(run_valley, dark)), 0, 2.5f);
        }
        run_valley = v;
        dl->PathLineTo(p);
    }
    dl->PathStroke(run_valley < 0 ? c.muted : FromRgb(ValleyRgb(run_valley, dark)), 0, 2.5f);

    // Minima: a triangle under each valley in its colour; the global one larger, outlined.
    double best = 1e300;
    for (const auto& m : minima) best = std::min(best, m.f);
    for (size_t k = 0; k < minima.size(); ++k) {
        const auto& m = minima[k];
        const bool global = m.f == best;
        const float px = L.PxX(m.x), py = L.PxY(m.f) + 8.0f, s = global ? 7.0f : 5.0f;
        const ImVec2 a{px, py}, b{px - s, py + 1.6f * s}, d{px + s, py + 1.6f * s};
        dl->AddTriangleFilled(a, b, d, FromRgb(ValleyRgb(int(k), dark)));
        if (global) dl->AddTriangle(a, b, d, c.text, 1.5f);
    }

    // Start position: a dashed vertical line.
    const float sx = L.PxX(run.settings().start_x);
    for (float y = L.top; y < L.bottom; y += 8.0f) dl->AddLine({sx, y}, {sx, std::min(y + 4.0f, L.bottom)}, c.violet, 1.0f);

    // Trail: the last positions joined in order (bounces show as a zigzag), fading out.
    const auto& trail = run.trail();
    const size_t shown = std::min<size_t>(trail.size(), 60);
    const size_t first = trail.size() - shown;
    for (size_t i = first; i + 1 < trail.size(); ++i) {
        const double a = trail[i], b = trail[i + 1];
        if (!std::isfinite(a) || !std::isfinite(b)) break;
        const float alpha = 0.25f + 0.75f * float(i - first + 1) / float(shown);
        ImU32 col = (c.orange & 0x00FFFFFF) | (ImU32(alpha * 200) << 24);
        const ImVec2 pa{L.PxX(a), L.PxY(f.value(a))}, pb{L.PxX(b), L.PxY(f.value(b))};
        dl->AddLine(pa, pb, col, 1.5f);
        dl->AddCircleFilled(pa, 2.5f, col);
    }

    // The ball, drawn only while it is on the drawn part of the curve.
    const double x = run.x();
    if (std::isfinite(x) && x >= L.xmin && x <= L.xmax) {
        const ImVec2 p{L.PxX(x), L.PxY(f.value(x)) - 7.0f};
        dl->AddCircleFilled(p, 7.0f, c.orange, 24);
        dl->AddCircle(p, 7.0f, c.brown, 24, 1.5f);
    }
}

void View<model::RollModel>::Draw(model::RollModel& m, const Frame& f) {
    if (m.show_map) {
        m.ComputeMap();
        if ((!map_texture || map_dark != f.dark || map_serial != m.map_serial) && f.upload) {
            const std::vector<unsigned char> px = RollMapPixels(m.map, f.dark);
            map_texture = f.upload(map_texture, px.data(), m.map.starts, m.map.rates);
            map_dark = f.dark;
            map_serial = m.map_serial;
        }
    }
    DrawRollView(m.run, m.points, m.show_map ? &m.map : nullptr, map_texture, f.w, f.h, f.dark);
}

} // namespace downhill::views
