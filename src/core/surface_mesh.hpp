// surface_mesh.hpp: a 2-D loss surface turned into something a 3-D view can draw: a
// sampled grid of quads with heights, shading and contour lines, a turning camera that
// projects world points onto a canvas, and the curvature of the surface at a point.
//
// Index
//   [SECTION] Curvature at a point: eigenvalues of a 2x2 Hessian
//   [SECTION] SurfaceMesh: the sampled grid in world units
//   [SECTION] Camera3D and projection
//   [SECTION] ProjectedMesh: every vertex on screen, quads ordered far to near
//
// How to use: mesh = BuildSurfaceMesh(*MakeLandscape2D("lesson"), 48, 48, HeightScale::Linear);
// when the camera or the canvas size changes, ProjectMesh(mesh, camera, w, h, &proj); then
// draw the quads in proj.order (painter's algorithm: far ones first, near ones over them).
//
// World units: the longer side of the surface's range spans -1 .. 1 (x to the right, y away
// from the viewer at yaw 0), the drawn height spans -kSurfaceHeight/2 .. +kSurfaceHeight/2
// (z up), so every surface fits the same box whatever its loss values.
#pragma once
#include <vector>

#include "landscape2d.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Curvature at a point
//-----------------------------------------------------------------------------

// Eigen-decomposition of a symmetric 2x2 matrix: the curvatures along the surface's two
// main directions at a point (lo <= hi) and those directions as unit vectors.
// lo > 0: curves up every way (a minimum); lo < 0 < hi: a saddle; hi < 0: a peak.
struct Eigen2 {
    double lo = 0, hi = 0; // eigenvalues, lo <= hi
    Vec2 dir_lo, dir_hi;   // unit eigenvectors, perpendicular to each other
};
Eigen2 SymmetricEigen2(const Hessian2& h);

//-----------------------------------------------------------------------------
// [SECTION] SurfaceMesh
//-----------------------------------------------------------------------------

struct Vec3 {
    double x = 0, y = 0, z = 0;
};

// How a loss value becomes a drawn height.
enum class HeightScale {
    Linear, // height proportional to the loss
    Log,    // height proportional to log(1 + (loss - lowest) / (span / 100)): for surfaces
            // whose walls are hundreds of times higher than their valley floors (Rosenbrock)
};

constexpr double kSurfaceHeight = 0.9; // world height between the lowest and highest sample
constexpr double kFloorZ = -0.5 * kSurfaceHeight - 0.04; // a floor drawn just under the surface
constexpr double kBoxHalf = 1.1;       // the world box fitted to the canvas: x, y in -kBoxHalf .. kBoxHalf
                                       // (room for axes along the floor), z from kFloorZ to the top

struct SurfaceMesh {
    int nx = 0, ny = 0;             // vertices along x and along y (quads: (nx-1) x (ny-1))
    Range2D range;                  // the surface's range
    HeightScale scale = HeightScale::Linear;
    double f_lo = 0, f_hi = 1;      // lowest and highest loss of the samples and critical points
    double half_x = 1, half_y = 1;  // world half-width along x and y (the longer one is 1)
    std::vector<double> loss;       // nx*ny samples, row-major (row j: y from ylo to yhi)
    std::vector<Vec3> vertex;       // nx*ny world positions of the samples
    std::vector<float> level;       // per quad: mean drawn height of its corners, 0 .. 1
    std::vector<float> light;       // per quad: diffuse light from kLightDir, 0 .. 1
    std::vector<float> vertex_level; // per vertex: drawn height, 0 .. 1 (smooth colouring)
    std::vector<float> vertex_light; // per vertex: diffuse light on the surface's normal there, 0 .. 1
    int contour_levels = 0;         // contour heights at (k + 0.5) / contour_levels, k = 0..
    std::vector<Vec3> contour;      // contour segments as pairs of world endpoints
    std::vector<int> contour_first; // per quad q: its segments are pairs contour_first[q] ..
                                    // contour_first[q+1]-1 (size quads()+1)

    int quads() const { return nx > 1 && ny > 1 ? (nx - 1) * (ny - 1) : 0; }
    int QuadIndex(int i, int j) const { return j * (nx - 1) + i; }     // quad whose low corner is (i, j)
    int VertexIndex(int i, int j) const { return j * nx + i; }
    // The four corners of quad q, counter-clockwise seen from above: (i,j) (i+1,j) (i+1,j+1) (i,j+1).
    void QuadCorners(int q, int out[4]) const;
    double Height01(double f) const;            // drawn height of a loss, 0 .. 1 (clamped)
    Vec3 World(double x, double y, double f) const; // a point (x, y) at loss f, in world units
};

// The direction the light comes from (world, unit length): from the front left, above.
extern const Vec3 kLightDir;

// Samples f on an nx x ny grid over its range (both clamped to 2 .. 256) and builds the
// mesh with `contour_levels` (0 .. 64) evenly spaced contour heights.
SurfaceMesh BuildSurfaceMesh(const Landscape2D& f, int nx, int ny, HeightScale scale, int contour_levels = 12);

//-----------------------------------------------------------------------------
// [SECTION] Camera3D and projection
//-----------------------------------------------------------------------------

// A camera circling the surface's centre.
struct Camera3D {
    static constexpr double kMinPitch = 10, kMaxPitch = 90; // degrees above the horizon
    static constexpr double kMinZoom = 0.5, kMaxZoom = 3;
    double yaw = -35;  // degrees the surface is turned about its vertical axis, -180 .. 180
                       // (positive: its front edge moves to the right)
    double pitch = 35; // degrees the viewer looks down from, kMinPitch .. kMaxPitch (90: from straight above)
    double zoom = 1;   // magnification, kMinZoom .. kMaxZoom
};

// A world point on the canvas: CSS pixels from the top-left, and its distance behind the
// centre of the view along the line of sight (world units; larger is further away).
struct ScreenPoint {
    float x = 0, y = 0, depth = 0;
};

// Perspective projection for one camera and a canvas of w x h CSS pixels. At zoom 1 the
// world box (x, y in -kBoxHalf .. kBoxHalf, z from the floor up) fits inside the canvas at every yaw, so
// turning never changes the size; tilting does, as the box's outline changes shape.
struct Projector {
    double ct = 1, st = 0, cp = 1, sp = 0; // cos and sin of yaw and pitch
    double scale = 1;                      // CSS pixels per world unit at the centre's depth
    double cx = 0, cy = 0;                 // where the world origin lands (CSS pixels)
    ScreenPoint operator()(const Vec3& p) const;
};
Projector MakeProjector(const Camera3D& cam, float w, float h);
// One point: MakeProjector(cam, w, h)(p).
ScreenPoint Project(const Camera3D& cam, const Vec3& p, float w, float h);

// Wraps an angle in degrees into (-180, 180].
double WrapDegrees(double deg);

//-----------------------------------------------------------------------------
// [SECTION] ProjectedMesh
//-----------------------------------------------------------------------------

struct ProjectedMesh {
    Camera3D camera;                  // the view this was projected for
    float w = 0, h = 0;               // the canvas size it was projected for
    std::vector<ScreenPoint> vertex;  // per mesh vertex
    std::vector<ScreenPoint> contour; // per contour endpoint
    std::vector<int> order;           // every quad index once, far to near
};

// Projects every vertex and contour endpoint and orders the quads by the depth of their
// centre, furthest first. Reuses out's storage.
void ProjectMesh(const SurfaceMesh& mesh, const Camera3D& cam, float w, float h, ProjectedMesh* out);

} // namespace downhill
