// race_view.cpp: see race_view.hpp.
#include "race_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace downhill::views {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

RaceLayout MakeRaceLayout(const Landscape2D& f, float w, float h) {
    RaceLayout L;
    L.range = f.range();
    const double ar = (L.range.xhi - L.range.xlo) / (L.range.yhi - L.range.ylo); // width / height
    const float m = w < 420 ? 4.0f : 10.0f;
    const float axis_left = 28.0f, axis_bottom = 18.0f; // room for the coordinate labels
    Box region;
    if (w >= 640 && ar < 1.6) {
        const float chart_w = std::max(260.0f, w * 0.38f);
        region = {m + axis_left, m, w - chart_w - 2 * m, h - m - axis_bottom};
        L.chart = {w - chart_w - m, m, w - m, h - m};
    } else {
        // Stacked: the map as wide as it can be while the chart keeps at least 150 px.
        const float avail_w = w - 2 * m - axis_left;
        const float chart_min = std::clamp(h * 0.3f, 150.0f, 220.0f);
        const float map_h = std::max(60.0f, std::min(float(avail_w / ar), h - chart_min - axis_bottom - 8 - 2 * m));
        region = {m + axis_left, m, w - m, m + map_h};
        L.chart = {m, m + map_h + axis_bottom + 8, w - m, h - m};
    }
    // Largest box of the surface's proportions inside the region, centred across, at the top.
    float mw = region.Width(), mh = float(mw / ar);
    if (mh > region.Height()) {
        mh = region.Height();
        mw = float(mh * ar);
    }
    const float left = region.left + 0.5f * (region.Width() - mw);
    L.map = {left, region.top, left + mw, region.top + mh};
    return L;
}

int RacerIndex(const std::string& name) {
    const auto& names = OptimizerNames();
    for (int i = 0; i < int(names.size()); ++i)
        if (names[i] == name) return i;
    return 0;
}

//-----------------------------------------------------------------------------
// [SECTION] The map's pixels
//-----------------------------------------------------------------------------

std::vector<unsigned char> RaceMapPixels(const model::RaceMap& map, bool dark) {
    std::vector<unsigned char> px(size_t(map.nx) * size_t(map.ny) * 4);
    const float lo_l[3] = {168, 186, 212}, hi_l[3] = {253, 251, 246};
    const float lo_d[3] = {10, 18, 36}, hi_d[3] = {84, 94, 112};
    const float* lo = dark ? lo_d : lo_l;
    const float* hi = dark ? hi_d : hi_l;
    for (int j = 0; j < map.ny; ++j) {
        const int row = map.ny - 1 - j; // largest y on top
        for (int i = 0; i < map.nx; ++i) {
            const double v = map.grid[size_t(j) * map.nx + i];
            const float t = std::isfinite(v) ? float(RankOf(map.sorted, v)) : 1.0f;
            unsigned char* p = &px[(size_t(row) * map.nx + i) * 4];
            for (int c = 0; c < 3; ++c) p[c] = (unsigned char)std::lround(lo[c] + t * (hi[c] - lo[c]));
            p[3] = 255;
        }
    }
    return px;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

namespace {

// A racer's trail: joined points at least 1.5 px apart; broken where it leaves the map's
// neighbourhood (a blow-up may reach 1e6 and beyond, far outside any pixel range).
void DrawTrail(ImDrawList* dl, const RaceLayout& L, const std::vector<double>& pos, ImU32 col) {
    const Box near{L.map.left - 40, L.map.top - 40, L.map.right + 40, L.map.bottom + 40};
    dl->PathClear();
    float lx = 0, ly = 0;
    int count = 0;
    const size_t n = pos.size() / 2;
    for (size_t k = 0; k < n; ++k) {
        const double x = pos[2 * k], y = pos[2 * k + 1];
        const bool ok = std::isfinite(x) && std::isfinite(y);
        const float px = ok ? L.PxX(std::clamp(x, -1e6, 1e6)) : 0, py = ok ? L.PxY(std::clamp(y, -1e6, 1e6)) : 0;
        if (!ok || !near.Contains(px, py)) {
            if (count >= 2) dl->PathStroke(col, 0, 2.0f);
            dl->PathClear();
            count = 0;
            continue;
        }
        const bool last = k + 1 == n;
        if (count == 0 || last || std::fabs(px - lx) + std::fabs(py - ly) >= 1.5f) {
            dl->PathLineTo({px, py});
            lx = px;
            ly = py;
            ++count;
        }
    }
    if (count >= 2) dl->PathStroke(col, 0, 2.0f);
    dl->PathClear();
}

} // namespace

void DrawRaceView(const Race& race, const model::RaceMap& map, uintptr_t texture, bool log_scale, float w, float h,
                  bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Landscape2D& f = race.surface();
    const RaceLayout L = MakeRaceLayout(f, w, h);
    const Theme& th = GetTheme(dark);
    const ImU32 ink = th.text, muted = th.muted, edge = th.edge, warn = th.warn;
    const ImU32 line = WithAlpha(th.axis, dark ? 90 : 80);

    // The map: shading, contour lines, frame and coordinate labels.
    if (texture) dl->AddImage(ImTextureID(texture), {L.map.left, L.map.top}, {L.map.right, L.map.bottom});
    dl->PushClipRect({L.map.left, L.map.top}, {L.map.right, L.map.bottom}, true);
    for (const ContourSegment& s : map.contours)
        dl->AddLine({L.PxX(s.x0), L.PxY(s.y0)}, {L.PxX(s.x1), L.PxY(s.y1)}, line, 1.0f);
    dl->PopClipRect();
    dl->AddRect({L.map.left, L.map.top}, {L.map.right, L.map.bottom}, muted);
    char label[48];
    const Range2D& r = L.range;
    auto text_at = [&](float x, float y, const char* t, float ax, float ay) {
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText({x - ax * ts.x, y - ay * ts.y}, muted, t);
    };
    FormatNumber(label, sizeof label, r.xlo, 4);
    text_at(L.map.left, L.map.bottom + 3, label, 0.0f, 0.0f);
    FormatNumber(label, sizeof label, r.xhi, 4);
    text_at(L.map.right, L.map.bottom + 3, label, 1.0f, 0.0f);
    text_at(0.5f * (L.map.left + L.map.right), L.map.bottom + 3, "x", 0.5f, 0.0f);
    FormatNumber(label, sizeof label, r.yhi, 4);
    text_at(L.map.left - 4, L.map.top, label, 1.0f, 0.0f);
    FormatNumber(label, sizeof label, r.ylo, 4);
    text_at(L.map.left - 4, L.map.bottom, label, 1.0f, 1.0f);
    text_at(L.map.left - 4, 0.5f * (L.map.top + L.map.bottom), "y", 1.0f, 0.5f);

    // Critical points: minima as gold (global) or green (local) rings, saddles as crosses,
    // maxima as small squares.
    const ImU32 gold = th.gold, green = th.green, violet = th.violet;
    for (const CriticalPoint2D& c : race.critical_points()) {
        const ImVec2 p{L.PxX(c.x), L.PxY(c.y)};
        if (c.kind == CriticalKind::GlobalMin || c.kind == CriticalKind::LocalMin) {
            const ImU32 col = c.kind == CriticalKind::GlobalMin ? gold : green;
            dl->AddCircle(p, 7.0f, edge, 20, 4.0f);
            dl->AddCircle(p, 7.0f, col, 20, 2.0f);
            dl->AddCircleFilled(p, 2.0f, col);
        } else if (c.kind == CriticalKind::Saddle) {
            dl->AddLine({p.x - 5, p.y - 5}, {p.x + 5, p.y + 5}, violet, 2.0f);
            dl->AddLine({p.x - 5, p.y + 5}, {p.x + 5, p.y - 5}, violet, 2.0f);
        } else {
            dl->AddRect({p.x - 4.5f, p.y - 4.5f}, {p.x + 4.5f, p.y + 4.5f}, edge, 0.0f, 0, 3.5f);
            dl->AddRect({p.x - 4.5f, p.y - 4.5f}, {p.x + 4.5f, p.y + 4.5f}, ink, 0.0f, 0, 1.5f);
        }
    }

    // The start: a ring with a cross-hair.
    const RaceSettings& s = race.settings();
    const ImVec2 st{L.PxX(s.start_x), L.PxY(s.start_y)};
    dl->AddCircle(st, 9.0f, edge, 24, 4.0f);
    dl->AddCircle(st, 9.0f, ink, 24, 2.0f);
    dl->AddLine({st.x - 13, st.y}, {st.x - 5, st.y}, ink, 1.5f);
    dl->AddLine({st.x + 5, st.y}, {st.x + 13, st.y}, ink, 1.5f);
    dl->AddLine({st.x, st.y - 13}, {st.x, st.y - 5}, ink, 1.5f);
    dl->AddLine({st.x, st.y + 5}, {st.x, st.y + 13}, ink, 1.5f);

    // Trails, then every racer's marker on top (a cross over it once it blew up).
    dl->PushClipRect({L.map.left, L.map.top}, {L.map.right, L.map.bottom}, true);
    for (int i = 0; i < race.size(); ++i)
        DrawTrail(dl, L, race.run(i).positions(), RacerColour(RacerIndex(race.run(i).optimizer_name()), dark));
    for (int i = 0; i < race.size(); ++i) {
        const OptimizerRun& run = race.run(i);
        const int k = RacerIndex(run.optimizer_name());
        // The newest position still on the map.
        const auto& pos = run.positions();
        for (size_t j = pos.size() / 2; j-- > 0;) {
            const double x = pos[2 * j], y = pos[2 * j + 1];
            if (!(x >= r.xlo && x <= r.xhi && y >= r.ylo && y <= r.yhi)) continue;
            const ImVec2 p{L.PxX(x), L.PxY(y)};
            DrawMarker(dl, p, k, 5.5f, RacerColour(k, dark), edge);
            if (run.status() == RunStatus::Diverged || run.status() == RunStatus::LeftDomain) {
                dl->AddLine({p.x - 6, p.y - 6}, {p.x + 6, p.y + 6}, warn, 2.0f);
                dl->AddLine({p.x - 6, p.y + 6}, {p.x + 6, p.y - 6}, warn, 2.0f);
            }
            break;
        }
    }
    dl->PopClipRect();

    // The chart.
    ChartSeries series[7];
    const int n = std::min(race.size(), 7);
    for (int i = 0; i < n; ++i) {
        const OptimizerRun& run = race.run(i);
        const int k = RacerIndex(run.optimizer_name());
        series[i].losses = &run.losses();
        series[i].first_step = run.first_recorded_step();
        series[i].colour = RacerColour(k, dark);
        series[i].marker = k;
        series[i].diverged = run.status() == RunStatus::Diverged;
        series[i].label = "";
    }
    ChartScale scale;
    scale.max_step = std::max(20, race.ticks());
    scale.has_lowest = race.has_minimum();
    scale.lowest = race.lowest_loss();
    scale.log_scale = log_scale && race.has_minimum();
    scale.floor = map.lowest_sample;
    DrawLossChart(dl, L.chart, series, n, scale, dark);
}

void View<model::RaceModel>::Draw(model::RaceModel& m, const Frame& f) {
    m.EnsureMap();
    if ((!map_texture || map_dark != f.dark || map_surface != m.map.surface) && f.upload) {
        const std::vector<unsigned char> px = RaceMapPixels(m.map, f.dark);
        map_texture = f.upload(map_texture, px.data(), m.map.nx, m.map.ny);
        map_dark = f.dark;
        map_surface = m.map.surface;
    }
    DrawRaceView(m.race, m.map, map_texture, m.log_scale, f.w, f.h, f.dark);
}

} // namespace downhill::views
