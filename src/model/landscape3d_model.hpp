// landscape3d_model.hpp: the 3-D loss surface widget (lessons/03-loss-landscape.md): one 2-D surface
// sampled once into a mesh, a camera the learner turns, tilts and zooms, and the critical
// point (global minimum, local minimum or saddle) the learner asked to see.
//
// The mesh is built when the surface changes; the projection of the mesh is cached and
// redone only when the camera or the canvas size changes (Prepare), so a frame that
// changes nothing only re-submits the cached quads.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/landscape2d.hpp"
#include "core/surface_mesh.hpp"

namespace downhill::model {

// Which critical point the learner asked to see.
enum class PointChoice { None, Global, Local, Saddle };

inline const char* PointChoiceName(PointChoice c) {
    switch (c) {
    case PointChoice::Global: return "global";
    case PointChoice::Local: return "local";
    case PointChoice::Saddle: return "saddle";
    case PointChoice::None: break;
    }
    return "none";
}

struct Landscape3DModel {
    static constexpr int kGrid = 48;           // samples along each side of the mesh
    static constexpr int kContours = 12;       // contour heights drawn on the surface
    static constexpr double kDefaultYaw = -35;  // degrees (the page's schema uses the same)
    static constexpr double kDefaultPitch = 35; // degrees
    static constexpr double kDefaultZoom = 1;
    static constexpr int kGuideSamples = 25;   // points along each curvature guide

    std::string surface_name;                   // a name from Landscape2DNames(), or "formula"
    std::unique_ptr<Landscape2D> surface;       // the surface drawn
    SurfaceMesh mesh;                           // its samples, built by SetSurface
    std::vector<CriticalPoint2D> points;        // its critical points (core order)
    std::vector<Eigen2> curvature;              // per point: Hessian eigenvalues and directions
    std::vector<Vec3> marker_world;             // per point: where its marker sits (world units)
    Camera3D camera{kDefaultYaw, kDefaultPitch, kDefaultZoom};
    PointChoice choice = PointChoice::None;     // the point to highlight and explain
    Vec3 guide[2][kGuideSamples];               // through the chosen point along dir_lo, dir_hi
    int guide_count[2] = {0, 0};                // samples of guide[k] inside the range
    ProjectedMesh projected;                    // the mesh on screen for projected.camera
    bool projected_valid = false;               // false: Prepare must project again
    uint32_t projections = 0;                   // how many times the mesh was projected
    uint32_t version = 0;                       // bumped on every change the page must show

    Landscape3DModel() { SetSurface("lesson"); }

    // Surfaces whose walls rise hundreds of times above their valley floors are drawn with
    // a log height, or their valleys would look flat.
    static HeightScale ScaleFor(const std::string& name) {
        return name == "rosenbrock" || name == "himmelblau" ? HeightScale::Log : HeightScale::Linear;
    }
    // The same judged from the samples, for a typed surface: a log height when the lowest
    // quarter of the samples spans less than 6% of the whole range of heights.
    static HeightScale ScaleFor(const Landscape2D& f) {
        if (f.name() != std::string("formula")) return ScaleFor(std::string(f.name()));
        std::vector<double> v = SampleLandscape2D(f, kGrid, kGrid);
        std::sort(v.begin(), v.end());
        if (v.empty() || !(v.back() > v.front())) return HeightScale::Linear;
        const double quarter = v[v.size() / 4] - v.front();
        return quarter < 0.06 * (v.back() - v.front()) ? HeightScale::Log : HeightScale::Linear;
    }

    //-------------------------------------------------------------------------
    // Settings
    //-------------------------------------------------------------------------
    std::string SetSurface(const std::string& name) {
        std::unique_ptr<Landscape2D> f = MakeLandscape2D(name);
        if (!f) return "There is no surface called that. Choose bowl, ravine, rosenbrock, himmelblau, saddle or lesson.";
        SetSurface(std::move(f));
        return "";
    }
    // A surface typed by the learner over the rectangle r. "" = shown; else why not (the
    // formula's message names the position) and nothing changes.
    std::string SetFormula(const std::string& text, const Range2D& r) {
        auto f = std::make_unique<FormulaSurface2D>();
        const std::string error = FormulaSurface2D::Make(text, r, f.get());
        if (!error.empty()) return error;
        SetSurface(std::move(f));
        return "";
    }
    // Any surface, named or typed: sampled into the mesh, its critical points marked.
    void SetSurface(std::unique_ptr<Landscape2D> f) {
        surface = std::move(f);
        surface_name = surface->name();
        mesh = BuildSurfaceMesh(*surface, kGrid, kGrid, ScaleFor(*surface), kContours);
        points = surface->critical_points();
        curvature.clear();
        marker_world.clear();
        for (const CriticalPoint2D& p : points) {
            curvature.push_back(SymmetricEigen2(surface->hessian(p.x, p.y)));
            marker_world.push_back(mesh.World(p.x, p.y, p.f));
        }
        MakeGuides();
        // A new surface is shown whole: the zoom goes back to the fit (every yaw and pitch
        // fits the whole box at zoom 1), so no marker is off the canvas; the turn and tilt stay.
        camera.zoom = kDefaultZoom;
        projected_valid = false;
        ++version;
    }
    // The typed surface's formula ("" for a named surface).
    std::string Formula() const {
        const auto* f = dynamic_cast<const FormulaSurface2D*>(surface.get());
        return f ? f->formula().text() : std::string();
    }
    std::string SetView(double yaw, double pitch, double zoom) {
        if (!std::isfinite(yaw) || !std::isfinite(pitch) || !std::isfinite(zoom)) return "Yaw, pitch and zoom must be numbers.";
        if (yaw < -180 || yaw > 180) return "Yaw must lie between -180 and 180 degrees.";
        if (pitch < Camera3D::kMinPitch || pitch > Camera3D::kMaxPitch) return "Pitch must lie between 10 and 90 degrees.";
        if (zoom < Camera3D::kMinZoom || zoom > Camera3D::kMaxZoom) return "Zoom must lie between 0.5 and 3.";
        camera = {WrapDegrees(yaw), pitch, zoom};
        ++version;
        return "";
    }
    // Turns by dyaw degrees (wrapping round) and tilts by dpitch degrees (held in range).
    std::string Turn(double dyaw, double dpitch) {
        if (!std::isfinite(dyaw) || !std::isfinite(dpitch)) return "Turning takes numbers of degrees.";
        camera.yaw = WrapDegrees(camera.yaw + dyaw);
        camera.pitch = std::clamp(camera.pitch + dpitch, Camera3D::kMinPitch, Camera3D::kMaxPitch);
        ++version;
        return "";
    }
    // Multiplies the zoom by factor (held in range).
    std::string ZoomBy(double factor) {
        if (!std::isfinite(factor) || !(factor > 0)) return "Zooming takes a positive factor.";
        camera.zoom = std::clamp(camera.zoom * factor, Camera3D::kMinZoom, Camera3D::kMaxZoom);
        ++version;
        return "";
    }
    void ResetView() {
        camera = {kDefaultYaw, kDefaultPitch, kDefaultZoom};
        ++version;
    }
    std::string SetPoint(const std::string& name) {
        PointChoice c;
        if (name == "none") c = PointChoice::None;
        else if (name == "global") c = PointChoice::Global;
        else if (name == "local") c = PointChoice::Local;
        else if (name == "saddle") c = PointChoice::Saddle;
        else return "The point must be none, global, local or saddle.";
        choice = c;
        MakeGuides();
        ++version;
        return "";
    }

    //-------------------------------------------------------------------------
    // Reading
    //-------------------------------------------------------------------------
    static bool Matches(PointChoice c, CriticalKind k) {
        return (c == PointChoice::Global && k == CriticalKind::GlobalMin) ||
               (c == PointChoice::Local && k == CriticalKind::LocalMin) ||
               (c == PointChoice::Saddle && k == CriticalKind::Saddle);
    }
    // Index in points of the chosen point (the first of its kind), or -1.
    int ChosenIndex() const {
        for (size_t i = 0; i < points.size(); ++i)
            if (Matches(choice, points[i].kind)) return int(i);
        return -1;
    }
    // How many critical points of the chosen kind the surface has.
    int ChosenCount() const {
        int n = 0;
        for (const CriticalPoint2D& p : points) n += Matches(choice, p.kind);
        return n;
    }
    // The lowest loss among the surface's minima (NaN when it has none).
    double LowestMinimum() const {
        double lo = NAN;
        for (const CriticalPoint2D& p : points)
            if (p.kind == CriticalKind::GlobalMin && !(p.f >= lo)) lo = p.f;
        return lo;
    }

    //-------------------------------------------------------------------------
    // Frame
    //-------------------------------------------------------------------------
    // Projects the mesh again only when the camera or the canvas size has changed.
    void Prepare(float w, float h) {
        const Camera3D& c = projected.camera;
        if (projected_valid && c.yaw == camera.yaw && c.pitch == camera.pitch && c.zoom == camera.zoom &&
            projected.w == w && projected.h == h)
            return;
        ProjectMesh(mesh, camera, w, h, &projected);
        projected_valid = true;
        ++projections;
    }
    // Index of the marker nearest to (px, py) CSS pixels within `radius`, on the canvas size of
    // the last frame, or -1.
    int MarkerAt(double px, double py, double radius) const {
        if (!(projected.w > 0) || !(projected.h > 0)) return -1;
        const Projector project = MakeProjector(camera, projected.w, projected.h);
        int best = -1;
        double best_d = radius * radius;
        for (size_t i = 0; i < marker_world.size(); ++i) {
            const ScreenPoint s = project(marker_world[i]);
            const double dx = s.x - px, dy = s.y - py, d = dx * dx + dy * dy;
            if (d <= best_d) { best_d = d; best = int(i); }
        }
        return best;
    }

private:
    // Two short curves on the surface through the chosen point, along its two main
    // directions of curvature, reaching 15% of the range either side.
    void MakeGuides() {
        guide_count[0] = guide_count[1] = 0;
        const int idx = ChosenIndex();
        if (idx < 0) return;
        const CriticalPoint2D& p = points[idx];
        const Range2D r = mesh.range;
        const double reach = 0.15 * std::max(r.xhi - r.xlo, r.yhi - r.ylo);
        for (int k = 0; k < 2; ++k) {
            const Vec2 d = k == 0 ? curvature[idx].dir_lo : curvature[idx].dir_hi;
            for (int s = 0; s < kGuideSamples; ++s) {
                const double t = reach * (2.0 * s / (kGuideSamples - 1) - 1.0);
                const double x = p.x + t * d.x, y = p.y + t * d.y;
                if (x < r.xlo || x > r.xhi || y < r.ylo || y > r.yhi) continue;
                guide[k][guide_count[k]++] = mesh.World(x, y, surface->value(x, y));
            }
        }
    }
};

} // namespace downhill::model
