// bind_landscape3d.cpp: the JavaScript API of the 3-D loss surface widget (Embind).
//
//   const s = new M.Landscape3D();   // the lesson surface, yaw -35, pitch 35, zoom 1, no point
//   s.setSurface('himmelblau');      // a name from M.landscape3dSurfaces(), else RangeError; zoom back to 1
//   s.setFormula('x^2 - y^2', -2, 2, -2, 2); // a typed surface over x, y ranges: '' or why not
//   s.setView(20, 50, 1.5);          // yaw -180..180, pitch 10..90, zoom 0.5..3, else RangeError
//   s.turn(15, -5); s.zoomBy(1.2);   // relative moves, held in range (RangeError if not numbers)
//   s.resetView();
//   s.setPoint('saddle');            // 'none' | 'global' | 'local' | 'saddle', else RangeError
//   s.state();    // { surface, heightScale, yaw, pitch, zoom, point, found, count, x, y, loss,
//                 //   gradX, gradY, eigLo, eigHi, lowest, formula, xMin, xMax, yMin, yMax,
//                 //   projections, version }
//   s.points();   // [{ kind, x, y, loss, eigLo, eigHi }] every critical point, core order
//   s.markerAt(px, py);   // kind of the marker under a canvas point (CSS px), or ''
//   s.markerScreen();     // [{ kind, x, y }] where each marker was drawn (CSS px)
//   M.showLandscape3D(s); // draw it on this module's canvas
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "app/show.hpp"
#include "model/landscape3d_model.hpp"
#include "views/landscape3d_view.hpp"
#include "bindings/errors.hpp"
#include "bindings/formula_js.hpp"

using namespace emscripten;
using namespace downhill;

namespace {
using model::Landscape3DModel;

struct Landscape3DState {
    std::string surface;     // the surface's name
    std::string heightScale; // "linear" | "log": how loss becomes drawn height
    double yaw, pitch, zoom; // the view: degrees, degrees, magnification
    std::string point;       // "none" | "global" | "local" | "saddle"
    bool found;              // the surface has a point of the chosen kind
    int count;               // how many points of that kind it has
    double x, y, loss;       // the chosen point (NaN when not found)
    double gradX, gradY;     // the gradient there (zero up to ~1e-10)
    double eigLo, eigHi;     // the Hessian's eigenvalues there, eigLo <= eigHi
    double lowest;           // the lowest minimum of the surface (NaN when it has none)
    std::string formula;     // the typed surface's formula ("" for a named surface)
    double xMin, xMax, yMin, yMax; // the drawn range
    uint32_t projections;    // how many times the mesh has been projected
    uint32_t version;        // changes whenever anything above changes
};

Landscape3DState State(const Landscape3DModel& h) {
    Landscape3DState s{h.surface_name, h.mesh.scale == HeightScale::Log ? "log" : "linear",
                       h.camera.yaw, h.camera.pitch, h.camera.zoom, model::PointChoiceName(h.choice),
                       false, h.ChosenCount(), NAN, NAN, NAN, NAN, NAN, NAN, NAN, h.LowestMinimum(),
                       h.Formula(), 0, 0, 0, 0, h.projections, h.version};
    const Range2D r = h.surface->range();
    s.xMin = r.xlo;
    s.xMax = r.xhi;
    s.yMin = r.ylo;
    s.yMax = r.yhi;
    const int i = h.ChosenIndex();
    if (i >= 0) {
        const CriticalPoint2D& p = h.points[i];
        const Vec2 g = h.surface->gradient(p.x, p.y);
        s.found = true;
        s.x = p.x;
        s.y = p.y;
        s.loss = p.f;
        s.gradX = g.x;
        s.gradY = g.y;
        s.eigLo = h.curvature[i].lo;
        s.eigHi = h.curvature[i].hi;
    }
    return s;
}

// A name handed in from JavaScript (as val; api.js has checked its type and length).
std::string Name(const val& v) {
    if (!v.isString()) return "";
    std::string s = v.as<std::string>();
    if (s.size() > 40) s.resize(40);
    return s;
}
bool SetSurfaceImpl(Landscape3DModel& h, const val& name) { return bind::Refused(h.SetSurface(Name(name))); }
void SetSurface(Landscape3DModel& h, val name) { if (SetSurfaceImpl(h, name)) bind::Refuse(); }
bool SetPointImpl(Landscape3DModel& h, const val& name) { return bind::Refused(h.SetPoint(Name(name))); }
void SetPoint(Landscape3DModel& h, val name) { if (SetPointImpl(h, name)) bind::Refuse(); }
void SetView(Landscape3DModel& h, double yaw, double pitch, double zoom) {
    if (bind::Refused(h.SetView(yaw, pitch, zoom))) bind::Refuse();
}
void Turn(Landscape3DModel& h, double dyaw, double dpitch) { if (bind::Refused(h.Turn(dyaw, dpitch))) bind::Refuse(); }
void ZoomBy(Landscape3DModel& h, double f) { if (bind::Refused(h.ZoomBy(f))) bind::Refuse(); }
void ResetView(Landscape3DModel& h) { h.ResetView(); }

const char* KindName(CriticalKind k) {
    switch (k) {
    case CriticalKind::GlobalMin: return "global";
    case CriticalKind::LocalMin: return "local";
    case CriticalKind::Saddle: return "saddle";
    case CriticalKind::Max: return "peak";
    }
    return "";
}
val Points(const Landscape3DModel& h) {
    val out = val::array();
    for (size_t i = 0; i < h.points.size(); ++i) {
        const CriticalPoint2D& p = h.points[i];
        val o = val::object();
        o.set("kind", std::string(KindName(p.kind)));
        o.set("x", p.x);
        o.set("y", p.y);
        o.set("loss", p.f);
        o.set("eigLo", h.curvature[i].lo);
        o.set("eigHi", h.curvature[i].hi);
        out.set(i, o);
    }
    return out;
}
std::string MarkerAt(const Landscape3DModel& h, double px, double py) {
    if (!std::isfinite(px) || !std::isfinite(py)) return "";
    const int i = h.MarkerAt(px, py, 22.0);
    return i < 0 ? "" : KindName(h.points[i].kind);
}
val MarkerScreen(const Landscape3DModel& h) {
    val out = val::array();
    if (!(h.projected.w > 0)) return out;
    const Projector project = MakeProjector(h.camera, h.projected.w, h.projected.h);
    for (size_t i = 0; i < h.marker_world.size(); ++i) {
        const ScreenPoint s = project(h.marker_world[i]);
        val o = val::object();
        o.set("kind", std::string(KindName(h.points[i].kind)));
        o.set("x", s.x);
        o.set("y", s.y);
        out.set(i, o);
    }
    return out;
}
val Surfaces() {
    val out = val::array();
    const auto& names = Landscape2DNames();
    for (size_t i = 0; i < names.size(); ++i) out.set(i, names[i]);
    return out;
}
} // namespace

EMSCRIPTEN_BINDINGS(downhill_landscape3d) {
    value_object<Landscape3DState>("Landscape3DState")
        .field("surface", &Landscape3DState::surface)
        .field("heightScale", &Landscape3DState::heightScale)
        .field("yaw", &Landscape3DState::yaw)
        .field("pitch", &Landscape3DState::pitch)
        .field("zoom", &Landscape3DState::zoom)
        .field("point", &Landscape3DState::point)
        .field("found", &Landscape3DState::found)
        .field("count", &Landscape3DState::count)
        .field("x", &Landscape3DState::x)
        .field("y", &Landscape3DState::y)
        .field("loss", &Landscape3DState::loss)
        .field("gradX", &Landscape3DState::gradX)
        .field("gradY", &Landscape3DState::gradY)
        .field("eigLo", &Landscape3DState::eigLo)
        .field("eigHi", &Landscape3DState::eigHi)
        .field("lowest", &Landscape3DState::lowest)
        .field("formula", &Landscape3DState::formula)
        .field("xMin", &Landscape3DState::xMin)
        .field("xMax", &Landscape3DState::xMax)
        .field("yMin", &Landscape3DState::yMin)
        .field("yMax", &Landscape3DState::yMax)
        .field("projections", &Landscape3DState::projections)
        .field("version", &Landscape3DState::version);
    class_<Landscape3DModel>("Landscape3D")
        .constructor<>()
        .function("state", &State)
        .function("setSurface", &SetSurface)
        .function("setFormula", &bind::SetSurfaceFormula<Landscape3DModel>)
        .function("setView", &SetView)
        .function("turn", &Turn)
        .function("zoomBy", &ZoomBy)
        .function("resetView", &ResetView)
        .function("setPoint", &SetPoint)
        .function("points", &Points)
        .function("markerAt", &MarkerAt)
        .function("markerScreen", &MarkerScreen);
    function("landscape3dSurfaces", &Surfaces);
    function("showLandscape3D", &app::Show<Landscape3DModel>, allow_raw_pointers());
}
