// formula.hpp: a learner's own function, typed as text ("0.12*x^2 + sin(2.4*x)"), read by
// a hand-written parser (no script is ever run) and compiled once into a flat list of
// instructions that gives the value and the exact first and second derivatives
// (forward-mode automatic differentiation) without allocating.
//
// Index
//   [SECTION] The language and its limits
//   [SECTION] Results of an evaluation: Jet1, Jet2, FormulaIssue
//   [SECTION] Formula: compile once, evaluate many times
//
// How to use:
//   Formula f;
//   std::string err = Formula::Compile("x^4 - 3*x^2", 1, &f); // "" or "Unknown name 'sinn' at 5"
//   Jet1 j; FormulaIssue is = f.Eval(0.5, &j);               // j.v, j.d (f'), j.dd (f'')
//   if (!is.ok()) FormulaIssueMessage(is, "x = 0.5");        // "log of a negative number at x = 0.5"
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] The language and its limits
//-----------------------------------------------------------------------------
// Numbers (12, 0.5, 1e-3), the variable x (and y for surfaces), + - * / ^ (right-
// associative; -x^2 is -(x^2)), unary minus and plus, parentheses, the functions
//   sin cos tan exp log sqrt abs tanh sigmoid   (one argument)
//   min max                                     (two arguments, separated by a comma)
// and the constants pi and e. Spaces are ignored. Positions in messages count characters
// from 1 (a character outside ASCII counts as one).

inline constexpr int kFormulaMaxLength = 200; // characters (the longest a link setting may be)
inline constexpr int kFormulaMaxDepth = 40;   // nested parentheses, signs and powers
inline constexpr int kFormulaMaxNodes = 200;  // numbers, names and operations in the tree

//-----------------------------------------------------------------------------
// [SECTION] Results of an evaluation
//-----------------------------------------------------------------------------

// f, f' and f'' of a curve at one point.
struct Jet1 {
    double v = 0, d = 0, dd = 0;
};

// f, its gradient and its Hessian of a surface at one point.
struct Jet2 {
    double v = 0, gx = 0, gy = 0, hxx = 0, hxy = 0, hyy = 0;
};

// Why an evaluation has no answer: the point lies outside the function's domain.
enum class FormulaStatus : std::uint8_t {
    Ok,
    LogOfNonPositive,  // log(u) with u <= 0
    SqrtOfNegative,    // sqrt(u) with u < 0
    SqrtAtZero,        // sqrt(u) at u = 0: the value is 0 but the slope is infinite
    DivisionByZero,    // u / 0, or 0 to a negative power
    FractionalPowerOfNegative, // u^p with u < 0 and p not a whole number
    NotFinite,         // a result too large to be a number (exp(1000), tan at pi/2)
};

struct FormulaIssue {
    FormulaStatus status = FormulaStatus::Ok;
    int position = 0; // character (from 1) of the operation that failed; 0 when ok
    bool ok() const { return status == FormulaStatus::Ok; }
};

// "log of a negative number or zero at x = -1 (the log at 5)": `where` names the point.
std::string FormulaIssueMessage(const FormulaIssue& issue, const std::string& where);

//-----------------------------------------------------------------------------
// [SECTION] Formula
//-----------------------------------------------------------------------------

// One compiled instruction (the flat form): a stack machine over jets.
struct FormulaInstr {
    std::uint8_t op = 0;   // FormulaOp (formula.cpp)
    std::int16_t pos = 0;  // character the operation came from, for messages
    std::int32_t n = 0;    // whole exponent of an integer power
    double c = 0;          // constant operand
};

class Formula {
public:
    // Reads `text` as a function of x (variables = 1) or of x and y (variables = 2). Returns
    // "" and fills *out, or a learner-worded message naming the position (and leaves *out
    // unchanged). Never throws; the work is bounded by the limits above.
    static std::string Compile(std::string_view text, int variables, Formula* out);

    bool empty() const { return code_.empty(); }
    int variables() const { return variables_; }
    const std::string& text() const { return text_; }
    int size() const { return static_cast<int>(code_.size()); } // instructions

    // The value alone (NaN outside the domain; `issue`, when given, says why).
    double Value(double x, double y = 0, FormulaIssue* issue = nullptr) const;
    // f and f' of a curve (the hot path of runs and maps).
    FormulaIssue Slope(double x, double* v, double* d) const;
    // The slopes of a curve at n <= kBatch points at once, d[i] = f'(x[i]), bit for bit what
    // Slope() gives one point at a time (NaN outside the domain). One pass over the code
    // serves all n points, so the maps pay for reading the code once per step of n runs.
    static constexpr int kBatch = 32;
    void SlopeBatch(const double* x, double* d, int n) const;
    // f, f', f'' of a curve.
    FormulaIssue Eval(double x, Jet1* out) const;
    // f, gradient and Hessian of a surface.
    FormulaIssue Eval(double x, double y, Jet2* out) const;

private:
    std::vector<FormulaInstr> code_;
    int stack_ = 0;     // deepest stack the code needs (<= kFormulaMaxNodes)
    int variables_ = 1;
    std::string text_;
};

} // namespace downhill
