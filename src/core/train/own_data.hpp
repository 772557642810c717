// own_data.hpp: the learner's own points for the training lab (DatasetKind::Own): read
// from a small CSV or from the compact form a link carries, checked with messages in the
// learner's words that name the line, edited point by point, and written back.
//
// How to use:
//   Dataset d;
//   std::string err = ReadOwnCsv("x,y,label\n1.5,-2,0\n...", &d); // "" = ok, else "Line 4: ..."
//   DatasetSettings s;  s.kind = DatasetKind::Own;  s.own = d;     // then MakeSplit(s, ...) as any set
//   std::string link = WriteOwnLink(d);                            // "1.5_-2_0_..." ("" above 200 points)
//
// Index
//   [SECTION] Limits and rules
//   [SECTION] CSV: x, y, label per line
//   [SECTION] The link form
//   [SECTION] Editing point by point
#pragma once
#include <cstddef>
#include <string>

#include "datasets.hpp"

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] Limits and rules
//-----------------------------------------------------------------------------

constexpr int kMinOwnPoints = 4;              // fewer cannot train and validate
constexpr int kMaxOwnPoints = 1000;           // rows of a CSV, points drawn
constexpr int kMaxLinkPoints = 200;           // points a link carries
constexpr double kMaxOwnCoordinate = 1000.0;  // |x| and |y| at most this
constexpr int kMaxOwnClasses = 3;             // labels 0, 1 and 2
constexpr size_t kMaxCsvChars = 100000;       // characters of a CSV text (1,000 long rows fit)
constexpr size_t kMaxLinkChars = 6000;        // characters of the link form (200 points fit)

// The rules every own dataset keeps: 2 inputs; kMinOwnPoints to kMaxOwnPoints points;
// coordinates within +-kMaxOwnCoordinate; labels 0, 1 or 2 and classes = the largest label
// plus one, at least 2; points of at least two classes. "" when it keeps them.
std::string CheckOwnData(const Dataset& d);

// Three points of class 0 on the left and three of class 1 on the right: where the
// learner's own data starts.
Dataset StarterOwnData();

// v rounded to 3 significant digits, at most 6 decimals (what a link and a click keep).
double RoundOwnCoordinate(double v);

//-----------------------------------------------------------------------------
// [SECTION] CSV: x, y, label per line
//-----------------------------------------------------------------------------

// One point per line: x, y and the label (0, 1 or 2), separated by commas, semicolons or
// tabs. Blank lines are skipped; a first line without any number is a header. Values may
// be in double quotes; with semicolons or tabs, a decimal comma ("1,5") reads as 1.5.
// On error *out is unchanged and the message names the line ("Line 4: the label 'cat'
// is not a class number (0, 1 or 2).").
std::string ReadOwnCsv(const std::string& text, Dataset* out);

// "x,y,label" then one line per point, each number in the fewest digits that read back
// to the same value.
std::string WriteOwnCsv(const Dataset& d);

//-----------------------------------------------------------------------------
// [SECTION] The link form
//-----------------------------------------------------------------------------

// The points as x_y_label triples in a row, "1.5_-2_0_3_4.1_1" (commas or semicolons
// also separate values when reading), every number at 3 significant digits and without
// an exponent; at most kMaxLinkPoints points. Reading checks what ReadOwnCsv checks, with
// messages that name the point ("Point 3 of the link: 'abc' is not a number.").
std::string ReadOwnLink(const std::string& text, Dataset* out);
std::string WriteOwnLink(const Dataset& d); // "" when d has more than kMaxLinkPoints points

//-----------------------------------------------------------------------------
// [SECTION] Editing point by point
//-----------------------------------------------------------------------------

// Adds a point at (x, y) rounded by RoundOwnCoordinate, of class `label`; on refusal
// (a message) d is unchanged.
std::string AddOwnPoint(Dataset* d, double x, double y, int label);
// Removes the point nearest to (x, y) if it lies within `radius`; refuses (and keeps d)
// when there is none or when the rest would break CheckOwnData's rules.
std::string RemoveOwnPointNear(Dataset* d, double x, double y, double radius);

} // namespace downhill
