// datasets.hpp: seeded toy datasets for the training lessons, stored flat so they hand
// to JavaScript as typed arrays.
//
// How to use:
//   DatasetSettings s;  s.kind = DatasetKind::Spiral;  s.noise = 0.1;  s.seed = 7;
//   Dataset train, validation;
//   std::string err = MakeSplit(s, &train, &validation);  // "" = ok
//   // train.x[i * train.inputs + k] is feature k of point i, train.y[i] its target
//
// Index
//   [SECTION] DatasetKind: which set, its inputs and classes
//   [SECTION] Dataset: flat points and targets
//   [SECTION] DatasetSettings: the shareable settings (the URL holds these)
//   [SECTION] Making and splitting
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] DatasetKind
//-----------------------------------------------------------------------------

// The sets. 2-D sets live in about [-6, 6] x [-6, 6] (the data radius R is 5).
//   Line    : 1-D regression, x uniform in [-2, 2], y = slope x + intercept + N(0, noise^2)
//   Blobs   : 2 classes, Gaussian blobs around (2, 2) (class 0) and (-2, -2) (class 1),
//             standard deviation 0.6 + 2 noise
//   Circle  : 2 classes, class 0 inside radius 0.5 R, class 1 on the ring 0.7 R..R;
//             each coordinate jittered by up to noise * R
//   Xor     : 2 classes, uniform in the square of side 2R with a 0.3 margin around the
//             axes; class 1 where x1 x2 > 0; jittered by up to noise * R
//   Spiral  : 2 classes, two interleaved arms of 1.75 turns out to radius R; jittered by
//             up to noise * R / 5
//   Blobs3  : 3 classes, blobs around radius 3 at 90, 210 and 330 degrees, standard
//             deviation 0.6 + 2 noise
//   Spiral3 : 3 classes, three arms of 0.75 turn out to radius R; jittered like Spiral
//   Own     : the learner's own points (DatasetSettings::own, see own_data.hpp): 2 inputs,
//             2 or 3 classes; points, noise and the Line settings are not read
enum class DatasetKind { Line, Blobs, Circle, Xor, Spiral, Blobs3, Spiral3, Own };

const char* DatasetKindName(DatasetKind k);                       // "line", "blobs", "circle", "xor", "spiral", "blobs3", "spiral3", "own"
bool ParseDatasetKind(const std::string& name, DatasetKind* out); // inverse of DatasetKindName; false on an unknown name
int DatasetInputs(DatasetKind k);                                 // features per point: 1 (Line) or 2
int DatasetClasses(DatasetKind k);                                // 0 = regression, else the number of classes (2 or 3; Own: 2)

//-----------------------------------------------------------------------------
// [SECTION] Dataset
//-----------------------------------------------------------------------------

// Points stored row-major: x[i * inputs + k] is feature k of point i.
struct Dataset {
    int inputs = 0;        // features per point (1 or 2 for the generated sets)
    int classes = 0;       // 0 = regression (y real), >= 2 = classification (y = class index 0..classes-1)
    std::vector<double> x; // size() * inputs features
    std::vector<double> y; // size() targets
    int outlier = -1;      // index of the lifted Line point, -1 if none
    int size() const { return static_cast<int>(y.size()); }
};

//-----------------------------------------------------------------------------
// [SECTION] DatasetSettings
//-----------------------------------------------------------------------------

struct DatasetSettings {
    DatasetKind kind = DatasetKind::Circle;
    int points = 500;            // points before the split, in [2, kMaxPoints]
    double noise = 0.0;          // in [0, kMaxNoise]; its meaning per kind is listed above
    double train_fraction = 0.5; // share of the points (after the test set is held out) used for training, in (0, 1]
    double test_fraction = 0.0;  // share of all points held out as a test set first, in [0, kMaxTestFraction]; 0 = none
    uint32_t seed = 1;           // drives the points and the split
    double slope = 2.0;          // Line only: a in y = a x + b, |a| <= kMaxCoefficient
    double intercept = -1.0;     // Line only: b, |b| <= kMaxCoefficient
    double outlier = 0.0;        // Line only: when != 0 the point with the largest x is lifted by
                                 // this much; it always lands in the training set
    Dataset own;                 // Own only: the learner's points (CheckOwnData's rules in own_data.hpp)
    static constexpr int kMaxPoints = 100000;
    static constexpr double kMaxNoise = 10.0;
    static constexpr double kMaxCoefficient = 1000.0;
    static constexpr double kMaxTestFraction = 0.5;
};

//-----------------------------------------------------------------------------
// [SECTION] Making and splitting
//-----------------------------------------------------------------------------

// The features and classes of the data these settings make (Own: those of s.own).
int DatasetInputs(const DatasetSettings& s);
int DatasetClasses(const DatasetSettings& s);

// Checks settings without making anything; "" when they are usable.
std::string ValidateDatasetSettings(const DatasetSettings& s);

// All s.points points (no split); on error *out is left unchanged.
std::string MakeDataset(const DatasetSettings& s, Dataset* out);

// Seeded split: round(fraction * n) points (at least 1) train, the rest validate. The
// outlier, if any, always trains. On error the outputs are left unchanged.
std::string SplitDataset(const Dataset& all, double train_fraction, uint32_t seed, Dataset* train,
                         Dataset* validation);

// MakeDataset, then (when s.test_fraction > 0) SplitDataset holds round(test_fraction * n)
// points out as the test set (a seeded draw of its own; the outlier never goes there), then
// SplitDataset with s.train_fraction and s.seed splits the rest into training and
// validation. Without a test share this is exactly the two-way split. `test` may be null.
std::string MakeSplit(const DatasetSettings& s, Dataset* train, Dataset* validation, Dataset* test = nullptr);

// Checks a dataset handed in from outside: consistent sizes, finite values, class
// indices that are whole numbers in [0, classes). "" when usable (it may be empty).
std::string ValidateDataset(const Dataset& d);

} // namespace downhill
