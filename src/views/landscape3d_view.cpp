// landscape3d_view.cpp: see landscape3d_view.hpp.
//
// Index
//   [SECTION] Colours
//   [SECTION] Floor, posts and axes
//   [SECTION] Surface
//   [SECTION] Markers, ring, label and guides
#include "landscape3d_view.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "imgui.h"
#include "views/theme.hpp"

namespace downhill::views {

using model::Landscape3DModel;

//-----------------------------------------------------------------------------
// [SECTION] Colours
//-----------------------------------------------------------------------------

namespace {


// Height 0 .. 1 to a colour running from deep violet (low) through blue and green to yellow
// (high), brightened or darkened by the light falling on the quad (0 .. 1).
ImU32 HeightColour(float t, float light, float dim) {
    static const float stops[6][3] = {{68, 1, 84}, {65, 68, 135}, {42, 120, 142}, {34, 168, 132}, {122, 209, 81}, {253, 231, 37}};
    t = std::clamp(t, 0.0f, 1.0f) * 5.0f;
    const int k = std::min(int(t), 4);
    const float u = t - float(k);
    const float shade = std::clamp((0.45f + 0.62f * light) * dim, 0.0f, 1.15f);
    float c[3];
    for (int i = 0; i < 3; ++i) c[i] = std::min(255.0f, (stops[k][i] + u * (stops[k + 1][i] - stops[k][i])) * shade);
    return IM_COL32(int(c[0]), int(c[1]), int(c[2]), 255);
}

ImU32 Darker(ImU32 c, float by) {
    const int r = int(((c >> IM_COL32_R_SHIFT) & 255) * by), g = int(((c >> IM_COL32_G_SHIFT) & 255) * by),
              b = int(((c >> IM_COL32_B_SHIFT) & 255) * by);
    return IM_COL32(r, g, b, 255);
}

ImVec2 V(const ScreenPoint& p) { return {p.x, p.y}; }
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Floor, posts and axes
//-----------------------------------------------------------------------------

namespace {

// The floor's outline, posts up to the surface's four corners, and the x and y axes along
// its front and left edges with their names. Drawn before the surface, which then covers
// what it hides.
void DrawFloor(ImDrawList* dl, const Landscape3DModel& host, const Projector& pr, const Theme& c) {
    const SurfaceMesh& m = host.mesh;
    const double z = kFloorZ, hx = m.half_x, hy = m.half_y;
    const Vec3 corner[4] = {{-hx, -hy, z}, {hx, -hy, z}, {hx, hy, z}, {-hx, hy, z}};
    const int top[4] = {m.VertexIndex(0, 0), m.VertexIndex(m.nx - 1, 0), m.VertexIndex(m.nx - 1, m.ny - 1),
                        m.VertexIndex(0, m.ny - 1)};
    ImVec2 s[4];
    for (int k = 0; k < 4; ++k) {
        s[k] = V(pr(corner[k]));
        dl->AddLine(s[k], V(pr(m.vertex[top[k]])), c.axis, 1.0f);
    }
    dl->AddPolyline(s, 4, c.axis, ImDrawFlags_Closed, 1.0f);
    const auto arrow = [&](const Vec3& a, const Vec3& b) {
        const ImVec2 pa = V(pr(a)), pb = V(pr(b));
        dl->AddLine(pa, pb, c.axis, 2.0f);
        const float dx = pb.x - pa.x, dy = pb.y - pa.y, len = std::sqrt(dx * dx + dy * dy);
        if (len < 1) return;
        const float ux = dx / len, uy = dy / len;
        dl->AddTriangleFilled(pb, {pb.x - 9 * ux - 4 * uy, pb.y - 9 * uy + 4 * ux},
                              {pb.x - 9 * ux + 4 * uy, pb.y - 9 * uy - 4 * ux}, c.axis);
    };
    arrow({-hx, -hy, z}, {hx + 0.08, -hy, z});
    arrow({-hx, -hy, z}, {-hx, hy + 0.08, z});
    const auto name = [&](const Vec3& at, const char* text) {
        const ImVec2 p = V(pr(at)), ts = ImGui::CalcTextSize(text);
        dl->AddText({p.x - ts.x * 0.5f, p.y - ts.y * 0.5f}, c.text, text);
    };
    name({hx + 0.16, -hy, z}, "x");
    name({-hx, hy + 0.16, z}, "y");
}

// A small set of axes in the bottom-left corner, turned like the surface: which way x, y
// and the loss point, whatever the surface hides.
void DrawCompass(ImDrawList* dl, const Projector& pr, float w, float h, const Theme& c) {
    const float len = std::clamp(std::min(w, h) * 0.06f, 14.0f, 24.0f);
    const ImVec2 o{len + 20.0f, h - len - 16.0f};
    const Vec3 axis[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    const char* names[3] = {"x", "y", "loss"};
    dl->AddCircleFilled(o, len + 12.0f, WithAlpha(c.label_bg, 235), 28);
    for (int k = 0; k < 3; ++k) {
        const Vec3& a = axis[k];
        const double right = a.x * pr.ct - a.y * pr.st, y1 = a.x * pr.st + a.y * pr.ct;
        const double up = a.z * pr.cp + y1 * pr.sp;
        const ImVec2 tip{o.x + len * float(right), o.y - len * float(up)};
        const ImVec2 ts = ImGui::CalcTextSize(names[k]);
        const float dx = tip.x - o.x, dy = tip.y - o.y, d = std::sqrt(dx * dx + dy * dy);
        if (d < 5.0f) {
            // Pointing (almost) straight at the viewer: a dot in a ring, named below it.
            dl->AddCircle(o, 4.0f, c.axis, 12, 1.5f);
            dl->AddCircleFilled(o, 1.5f, c.axis, 8);
            dl->AddText({o.x - ts.x * 0.5f, o.y + 6.0f}, c.text, names[k]);
            continue;
        }
        dl->AddLine(o, tip, c.axis, 2.0f);
        const float ux = dx / d, uy = dy / d;
        dl->AddText({tip.x + ux * (ts.x * 0.5f + 3.0f) - ts.x * 0.5f, tip.y + uy * (ts.y * 0.5f + 2.0f) - ts.y * 0.5f},
                    c.text, names[k]);
    }
}
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Surface
//-----------------------------------------------------------------------------

namespace {
// Quads with a colour per corner (smooth shading across the grid), far ones first; each
// quad's contour segments right after it, so nearer quads cover them as they cover it.
void DrawSurface(ImDrawList* dl, const Landscape3DModel& host, bool dark) {
    const SurfaceMesh& m = host.mesh;
    const ProjectedMesh& p = host.projected;
    if (!host.projected_valid || p.vertex.size() != m.vertex.size()) return;
    const float dim = dark ? 0.92f : 1.0f;
    static std::vector<ImU32> colour; // per vertex, refilled every frame (no allocation once sized)
    colour.resize(m.vertex.size());
    for (size_t v = 0; v < m.vertex.size(); ++v) colour[v] = HeightColour(m.vertex_level[v], m.vertex_light[v], dim);
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    for (int q : p.order) {
        int c[4];
        m.QuadCorners(q, c);
        dl->PrimReserve(6, 4);
        const ImDrawIdx base = ImDrawIdx(dl->_VtxCurrentIdx);
        dl->PrimWriteIdx(base);
        dl->PrimWriteIdx(ImDrawIdx(base + 1));
        dl->PrimWriteIdx(ImDrawIdx(base + 2));
        dl->PrimWriteIdx(base);
        dl->PrimWriteIdx(ImDrawIdx(base + 2));
        dl->PrimWriteIdx(ImDrawIdx(base + 3));
        for (int k = 0; k < 4; ++k) dl->PrimWriteVtx(V(p.vertex[c[k]]), uv, colour[c[k]]);
        const int first = m.contour_first[q], last = m.contour_first[q + 1];
        if (first == last) continue;
        const ImU32 line = Darker(HeightColour(m.level[q], m.light[q], dim), 0.55f);
        for (int s = first; s < last; ++s) dl->AddLine(V(p.contour[2 * s]), V(p.contour[2 * s + 1]), line, 1.0f);
    }
}
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Markers, ring, label and guides
//-----------------------------------------------------------------------------

namespace {
// One marker: star (global minimum), circle (local minimum), triangle (saddle), square (peak).
void DrawMarker(ImDrawList* dl, CriticalKind kind, ImVec2 at, float r, ImU32 outline) {
    switch (kind) {
    case CriticalKind::GlobalMin: {
        ImVec2 pts[10];
        for (int k = 0; k < 10; ++k) {
            const float a = -1.5707963f + k * 0.62831853f, rr = (k % 2 == 0) ? r * 1.35f : r * 0.6f;
            pts[k] = {at.x + rr * std::cos(a), at.y + rr * std::sin(a)};
        }
        for (int k = 0; k < 10; ++k) dl->AddTriangleFilled(at, pts[k], pts[(k + 1) % 10], FromRgb(kGlobalMinRGB));
        dl->AddPolyline(pts, 10, outline, ImDrawFlags_Closed, 1.5f);
        break;
    }
    case CriticalKind::LocalMin:
        dl->AddCircleFilled(at, r, FromRgb(kLocalMinRGB), 20);
        dl->AddCircle(at, r, outline, 20, 1.5f);
        break;
    case CriticalKind::Saddle: {
        const ImVec2 a{at.x, at.y - r * 1.2f}, b{at.x + r * 1.1f, at.y + r * 0.8f}, c{at.x - r * 1.1f, at.y + r * 0.8f};
        dl->AddTriangleFilled(a, b, c, FromRgb(kSaddleRGB));
        dl->AddTriangle(a, b, c, outline, 1.5f);
        break;
    }
    case CriticalKind::Max:
        dl->AddRectFilled({at.x - r * 0.85f, at.y - r * 0.85f}, {at.x + r * 0.85f, at.y + r * 0.85f}, FromRgb(kPeakRGB));
        dl->AddRect({at.x - r * 0.85f, at.y - r * 0.85f}, {at.x + r * 0.85f, at.y + r * 0.85f}, outline, 0, 0, 1.5f);
        break;
    }
}

const char* KindLabel(CriticalKind k) {
    switch (k) {
    case CriticalKind::GlobalMin: return "Global minimum";
    case CriticalKind::LocalMin: return "Local minimum";
    case CriticalKind::Saddle: return "Saddle point";
    case CriticalKind::Max: return "Peak";
    }
    return "";
}

// A curvature guide: solid where the surface curves up along it, dashed where it curves down.
void DrawGuide(ImDrawList* dl, const Landscape3DModel& host, int k, bool curves_up, const Projector& pr, const Theme& c) {
    const int n = host.guide_count[k];
    if (n < 2) return;
    ImVec2 pts[Landscape3DModel::kGuideSamples];
    for (int i = 0; i < n; ++i) pts[i] = V(pr(host.guide[k][i]));
    dl->AddPolyline(pts, n, WithAlpha(c.background, 235), ImDrawFlags_None, 6.0f);
    if (curves_up) {
        dl->AddPolyline(pts, n, c.text, ImDrawFlags_None, 2.5f);
        return;
    }
    for (int i = 0; i + 1 < n; i += 2) dl->AddLine(pts[i], pts[i + 1], c.text, 2.5f);
}
} // namespace

void DrawLandscape3DView(const Landscape3DModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const Projector pr = MakeProjector(host.camera, w, h);
    DrawFloor(dl, host, pr, c);
    DrawSurface(dl, host, dark);
    DrawCompass(dl, pr, w, h, c);

    const int chosen = host.ChosenIndex();
    if (chosen >= 0) {
        DrawGuide(dl, host, 0, host.curvature[chosen].lo > 0, pr, c);
        DrawGuide(dl, host, 1, host.curvature[chosen].hi > 0, pr, c);
    }
    const float r = std::clamp(std::min(w, h) * 0.018f, 6.0f, 9.0f);
    for (size_t i = 0; i < host.points.size(); ++i) {
        const ImVec2 at = V(pr(host.marker_world[i]));
        if (int(i) == chosen) {
            dl->AddCircle(at, r * 2.4f, WithAlpha(c.background, 235), 32, 5.0f);
            dl->AddCircle(at, r * 2.4f, c.text, 32, 2.5f);
        }
        DrawMarker(dl, host.points[i].kind, at, int(i) == chosen ? r * 1.3f : r, c.shadow);
    }
    if (chosen >= 0) {
        // The label sits above the ring (below it near the top edge), inside the canvas.
        const ImVec2 at = V(pr(host.marker_world[chosen]));
        const char* text = KindLabel(host.points[chosen].kind);
        const ImVec2 ts = ImGui::CalcTextSize(text);
        const float x = std::clamp(at.x - ts.x * 0.5f, 6.0f, std::max(6.0f, w - ts.x - 6.0f));
        float y = at.y - r * 2.4f - ts.y - 10.0f;
        if (y < 4) y = at.y + r * 2.4f + 8.0f;
        dl->AddRectFilled({x - 5, y - 3}, {x + ts.x + 5, y + ts.y + 3}, WithAlpha(c.label_bg, 235), 4.0f);
        dl->AddRect({x - 5, y - 3}, {x + ts.x + 5, y + ts.y + 3}, c.axis, 4.0f);
        dl->AddText({x, y}, c.text, text);
    }
}

} // namespace downhill::views
