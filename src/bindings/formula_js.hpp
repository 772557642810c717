// formula_js.hpp: a learner's typed formula handed from JavaScript to a widget's model.
// Shared by every widget that takes one (Roll Downhill's curve, the 3-D surface's and the
// optimizer race's surface): the page gets "" when the formula is used, else the
// learner-worded reason (naming the position in the formula) as a plain string, and the
// model is left as it was. Nothing typed is ever run as script: the core parses it.
//
//   .function("setFormula", &bind::SetFormula<RollModel>)          // (text, xMin, xMax)
//   .function("setFormula", &bind::SetSurfaceFormula<RaceModel>)   // (text, xMin, xMax, yMin, yMax)
#pragma once
#include <cmath>
#include <string>

#include "core/formula.hpp"
#include "core/landscape2d.hpp"

namespace downhill::bind {

// The checks every typed formula and range share, before the model reads them: "" or why not.
inline std::string FormulaRefusal(const std::string& text, std::initializer_list<double> bounds) {
    for (const double b : bounds)
        if (!std::isfinite(b)) return "The range must be numbers.";
    // (the parser counts characters; four bytes each is the longest UTF-8 can make them)
    if (text.size() > 4u * kFormulaMaxLength)
        return "A formula can be at most " + std::to_string(kFormulaMaxLength) + " characters long.";
    return "";
}

// A curve f(x) drawn over [lo, hi] (text "": the widget's own curve).
template <class Model>
std::string SetFormula(Model& h, const std::string& text, double lo, double hi) {
    const std::string why = FormulaRefusal(text, {lo, hi});
    return why.empty() ? h.SetFormula(text, lo, hi) : why;
}

// A surface f(x, y) drawn over [xlo, xhi] x [ylo, yhi].
template <class Model>
std::string SetSurfaceFormula(Model& h, const std::string& text, double xlo, double xhi, double ylo, double yhi) {
    const std::string why = FormulaRefusal(text, {xlo, xhi, ylo, yhi});
    return why.empty() ? h.SetFormula(text, Range2D{xlo, xhi, ylo, yhi}) : why;
}

} // namespace downhill::bind
