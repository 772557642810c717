// formula.cpp: see formula.hpp.
//
// Index
//   [SECTION] Positions and characters
//   [SECTION] Parser: text -> tree (recursive descent)
//   [SECTION] Constant folding and compiling: tree -> flat instructions
//   [SECTION] Jets: value, first and second derivatives carried together
//   [SECTION] The interpreter
//   [SECTION] Messages
#include "formula.hpp"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "numerics.hpp"

#if defined(__GNUC__) || defined(__clang__)
#define DOWNHILL_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define DOWNHILL_PRINTF(fmt, first)
#endif

namespace downhill {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Positions and characters
//-----------------------------------------------------------------------------

// Characters (not bytes) before byte `offset`, plus one: the position a learner counts.
int CharPosition(std::string_view text, size_t offset) {
    int n = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    return n;
}

int CharCount(std::string_view text) { return CharPosition(text, text.size()) - 1; }

// Decodes the UTF-8 character at `i`: its code point (or -1 when the bytes are not valid
// UTF-8) and its length in bytes (at least 1).
int DecodeAt(std::string_view t, size_t i, size_t* len) {
    const unsigned char b = static_cast<unsigned char>(t[i]);
    int need = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    if (need < 0) { *len = 1; return -1; }
    int cp = need == 0 ? b : need == 1 ? (b & 0x1F) : need == 2 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k <= need; ++k) {
        if (i + k >= t.size() || (static_cast<unsigned char>(t[i + k]) & 0xC0) != 0x80) { *len = 1; return -1; }
        cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
    }
    if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000)) { *len = 1; return -1; }
    *len = static_cast<size_t>(need + 1);
    return cp;
}

// What a learner probably meant by a character the language does not know.
const char* LookAlikeHint(int cp) {
    switch (cp) {
    case 0x00D7: case 0x00B7: case 0x22C5: case 0x2217: case 0x2715: return "type * to multiply";
    case 0x2212: case 0x2013: case 0x2014: case 0x2010: case 0x2011: return "type - (the minus on the keyboard)";
    case 0x00F7: case 0x2215: case 0x2044: return "type / to divide";
    case 0x00B2: return "type ^2 for a square";
    case 0x00B3: return "type ^3 for a cube";
    case 0x03C0: return "type pi";
    case 0x221A: return "type sqrt(...)";
    case 0xFF08: case 0xFF09: case 0xFF0B: case 0xFF0D: case 0xFF0A: case 0xFF0F: case 0xFF0C:
        return "that is a full-width sign: type it on a plain keyboard";
    case 0x0430: case 0x0435: case 0x043E: case 0x0440: case 0x0441: case 0x0445: case 0x0443:
    case 0x0410: case 0x0415: case 0x041E: case 0x0421: case 0x0425: case 0x03BF: case 0x03B1: case 0x0391:
        return "it looks like a Latin letter but is not: retype it";
    default: return nullptr;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Parser
//-----------------------------------------------------------------------------

enum class Kind : std::uint8_t { Num, X, Y, Neg, Add, Sub, Mul, Div, Pow, Fn, Min, Max };

// Functions of one argument, in the order of their opcodes (FormulaOp::Sin ...).
constexpr const char* kFunctions[] = {"sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid"};
constexpr int kFunctionCount = 9;

struct Node {
    Kind kind = Kind::Num;
    std::uint8_t fn = 0; // index into kFunctions for Kind::Fn
    int a = -1, b = -1;  // children
    int pos = 1;         // character position, for messages
    double value = 0;    // Kind::Num
    bool constant = false;
};

enum class Tok : std::uint8_t { End, Num, Name, Op, Bad };

class Parser {
public:
    Parser(std::string_view text, int variables) : t_(text), vars_(variables) { nodes_.reserve(kFormulaMaxNodes); }

    // The root node, or -1 with error() set.
    int ParseAll() {
        Next();
        if (tok_ == Tok::End) return Fail("Type a formula, such as x^2 - 2*x: there is nothing to read at 1.");
        const int root = ParseExpr();
        if (root < 0) return -1;
        if (tok_ != Tok::End) {
            if (tok_ == Tok::Op && op_ == ')') return Fail("Unexpected ')' at %d: no '(' is open.", Pos());
            return Unexpected("an operator such as + or *");
        }
        return root;
    }
    const std::string& error() const { return error_; }
    std::vector<Node>& nodes() { return nodes_; }

private:
    std::string_view t_;
    int vars_;
    size_t i_ = 0;        // next byte to read
    size_t start_ = 0;    // first byte of the current token
    Tok tok_ = Tok::End;
    char op_ = 0;         // Tok::Op
    double num_ = 0;      // Tok::Num
    std::string_view name_;
    int depth_ = 0;
    std::string error_;
    std::vector<Node> nodes_;

    int Pos() const { return CharPosition(t_, start_); }

    // Records the first error (printf-style) and returns -1.
    DOWNHILL_PRINTF(2, 3) int Fail(const char* fmt, ...) {
        if (error_.empty()) {
            char buf[256];
            va_list args;
            va_start(args, fmt);
            std::vsnprintf(buf, sizeof buf, fmt, args);
            va_end(args);
            error_ = buf;
        }
        return -1;
    }

    // Reads the next token into tok_ (errors for bad characters and numbers are raised here).
    void Next() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
        start_ = i_;
        if (i_ >= t_.size()) { tok_ = Tok::End; return; }
        const char ch = t_[i_];
        if ((ch >= '0' && ch <= '9') || (ch == '.' && i_ + 1 < t_.size() && t_[i_ + 1] >= '0' && t_[i_ + 1] <= '9')) {
            size_t j = i_;
            while (j < t_.size() && t_[j] >= '0' && t_[j] <= '9') ++j;
            if (j < t_.size() && t_[j] == '.') {
                ++j;
                while (j < t_.size() && t_[j] >= '0' && t_[j] <= '9') ++j;
            }
            if (j < t_.size() && (t_[j] == 'e' || t_[j] == 'E')) {
                size_t k = j + 1;
                if (k < t_.size() && (t_[k] == '+' || t_[k] == '-')) ++k;
                if (k < t_.size() && t_[k] >= '0' && t_[k] <= '9') {
                    while (k < t_.size() && t_[k] >= '0' && t_[k] <= '9') ++k;
                    j = k;
                }
            }
            const std::string digits(t_.substr(i_, j - i_));
            num_ = std::strtod(digits.c_str(), nullptr);
            i_ = j;
            if (!std::isfinite(num_)) {
                tok_ = Tok::Bad;
                Fail("The number %.40s at %d is too large.", digits.c_str(), Pos());
                return;
            }
            tok_ = Tok::Num;
            return;
        }
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_') {
            size_t j = i_;
            while (j < t_.size() && ((t_[j] >= 'a' && t_[j] <= 'z') || (t_[j] >= 'A' && t_[j] <= 'Z') ||
                                     (t_[j] >= '0' && t_[j] <= '9') || t_[j] == '_'))
                ++j;
            name_ = t_.substr(i_, j - i_);
            i_ = j;
            tok_ = Tok::Name;
            return;
        }
        if (std::strchr("+-*/^(),", ch) && ch != 0) {
            op_ = ch;
            ++i_;
            tok_ = Tok::Op;
            return;
        }
        // Anything else: name it without echoing bytes that are not printable text.
        size_t len = 1;
        const int cp = DecodeAt(t_, i_, &len);
        tok_ = Tok::Bad;
        if (cp >= 0x21 && cp < 0x7F && len == 1) {
            Fail("Unexpected character '%c' at %d: only numbers, x%s, + - * / ^ ( ) , and function names are understood.",
                 ch, Pos(), vars_ == 2 ? ", y" : "");
        } else if (cp > 0x9F && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFEFF && !(cp >= 0x200B && cp <= 0x200F) && !(cp >= 0x2028 && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069)) {
            const std::string glyph(t_.substr(i_, len));
            const char* hint = LookAlikeHint(cp);
            if (hint) Fail("Unexpected character '%s' (U+%04X) at %d: %s.", glyph.c_str(), cp, Pos(), hint);
            else Fail("Unexpected character '%s' (U+%04X) at %d: only plain letters, digits and + - * / ^ ( ) , are understood.",
                      glyph.c_str(), cp, Pos());
        } else if (cp >= 0) {
            Fail("Unexpected invisible character (U+%04X) at %d.", cp, Pos());
        } else {
            Fail("Unexpected character at %d: the text is not valid Unicode there.", Pos());
        }
        i_ += len;
    }

    int Add(Node n) {
        if (static_cast<int>(nodes_.size()) >= kFormulaMaxNodes)
            return Fail("The formula has too many parts at %d: at most %d numbers, names and operations.", n.pos, kFormulaMaxNodes);
        nodes_.push_back(n);
        return static_cast<int>(nodes_.size()) - 1;
    }
    int Binary(Kind k, int a, int b, int pos) {
        if (a < 0 || b < 0) return -1;
        Node n;
        n.kind = k; n.a = a; n.b = b; n.pos = pos;
        return Add(n);
    }

    // Raises the error for a token that cannot come here; `wanted` says what could.
    int Unexpected(const char* wanted) {
        if (!error_.empty()) return -1;
        const int p = Pos();
        switch (tok_) {
        case Tok::End: return Fail("The formula ends too early: %s is missing at %d.", wanted, p);
        case Tok::Op:
            if (op_ == ')') return Fail("Missing %s before ')' at %d.", wanted, p);
            if (op_ == ',') return Fail("Unexpected ',' at %d: a comma only separates the two numbers in min(a, b) or max(a, b).", p);
            return Fail("Unexpected '%c' at %d: %s is missing before it.", op_, p, wanted);
        case Tok::Num: case Tok::Name:
            return Fail("Missing '*' or another operator at %d (write 2*x, not 2x).", p);
        case Tok::Bad: return -1;
        }
        return -1;
    }

    // expr := term (('+' | '-') term)*
    int ParseExpr() {
        int left = ParseTerm();
        while (left >= 0 && tok_ == Tok::Op && (op_ == '+' || op_ == '-')) {
            const Kind k = op_ == '+' ? Kind::Add : Kind::Sub;
            const int pos = Pos();
            Next();
            left = Binary(k, left, ParseTerm(), pos);
        }
        return left;
    }
    // term := unary (('*' | '/') unary)*
    int ParseTerm() {
        int left = ParseUnary();
        while (left >= 0 && tok_ == Tok::Op && (op_ == '*' || op_ == '/')) {
            const Kind k = op_ == '*' ? Kind::Mul : Kind::Div;
            const int pos = Pos();
            Next();
            left = Binary(k, left, ParseUnary(), pos);
        }
        return left;
    }
    // unary := ('-' | '+') unary | power. Every path into a deeper level passes here, so
    // this is where nesting is counted.
    int ParseUnary() {
        if (++depth_ > kFormulaMaxDepth) {
            return Fail("Too many nested parentheses, signs or powers at %d: at most %d levels.", Pos(), kFormulaMaxDepth);
        }
        int r;
        if (tok_ == Tok::Op && (op_ == '-' || op_ == '+')) {
            const bool neg = op_ == '-';
            const int pos = Pos();
            Next();
            r = ParseUnary();
            if (r >= 0 && neg) {
                Node n;
                n.kind = Kind::Neg; n.a = r; n.pos = pos;
                r = Add(n);
            }
        } else {
            r = ParsePower();
        }
        --depth_;
        return r;
    }
    // power := primary ('^' unary)?   (right-associative: 2^3^2 = 2^9; 2^-1 allowed)
    int ParsePower() {
        const int base = ParsePrimary();
        if (base < 0) return -1;
        if (tok_ == Tok::Op && op_ == '^') {
            const int pos = Pos();
            Next();
            return Binary(Kind::Pow, base, ParseUnary(), pos);
        }
        return base;
    }
    // primary := number | x | y | pi | e | name '(' expr [',' expr] ')' | '(' expr ')'
    int ParsePrimary() {
        const int pos = Pos();
        int r = -1;
        if (tok_ == Tok::Num) {
            Node n;
            n.value = num_; n.pos = pos;
            r = Add(n);
            Next();
        } else if (tok_ == Tok::Name) {
            r = ParseName(pos);
        } else if (tok_ == Tok::Op && op_ == '(') {
            Next();
            r = ParseExpr();
            if (r < 0) return -1;
            if (!(tok_ == Tok::Op && op_ == ')')) return MissingClose();
            Next();
        } else {
            return Unexpected(vars_ == 2 ? "a number, x, y or '('" : "a number, x or '('");
        }
        if (r >= 0 && (tok_ == Tok::Num || tok_ == Tok::Name || (tok_ == Tok::Op && op_ == '(')))
            return Fail("Missing '*' or another operator at %d (write 2*x, not 2x).", Pos());
        return r;
    }
    int MissingClose() {
        if (!error_.empty()) return -1;
        if (tok_ == Tok::Num || tok_ == Tok::Name || (tok_ == Tok::Op && op_ == '('))
            return Fail("Missing ')' or an operator at %d.", Pos());
        return Fail("Missing ')' at %d.", Pos());
    }
    int ParseName(int pos) {
        const std::string name(name_.substr(0, 24));
        const bool cut = name_.size() > 24;
        Next();
        Node n;
        n.pos = pos;
        if (name == "x" && !cut) { n.kind = Kind::X; return Add(n); }
        if (name == "y" && !cut && vars_ == 2) { n.kind = Kind::Y; return Add(n); }
        if (name == "pi" && !cut) { n.value = 3.14159265358979323846; return Add(n); }
        if (name == "e" && !cut) { n.value = 2.71828182845904523536; return Add(n); }
        int fn = -1;
        for (int k = 0; k < kFunctionCount; ++k)
            if (!cut && name == kFunctions[k]) fn = k;
        const bool two = !cut && (name == "min" || name == "max");
        if (fn < 0 && !two) {
            if (name == "y" && vars_ == 1) return Fail("Unknown name 'y' at %d: this curve has only x.", pos);
            std::string lower = name;
            for (char& c : lower) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            bool known = lower == "x" || (lower == "y" && vars_ == 2) || lower == "pi" || lower == "e" || lower == "min" || lower == "max";
            for (int k = 0; k < kFunctionCount; ++k) known = known || lower == kFunctions[k];
            if (known && lower != name && !cut)
                return Fail("Unknown name '%s' at %d: names are written in small letters (%s).", name.c_str(), pos, lower.c_str());
            if (lower == "ln" && !cut) return Fail("Unknown name '%s' at %d: the natural logarithm is written log.", name.c_str(), pos);
            return Fail("Unknown name '%s%s' at %d.", name.c_str(), cut ? "..." : "", pos);
        }
        if (!(tok_ == Tok::Op && op_ == '(')) {
            if (!error_.empty()) return -1;
            return Fail("Missing '(' after %s at %d: write %s(x).", name.c_str(), Pos(), name.c_str());
        }
        Next();
        const int a = ParseExpr();
        if (a < 0) return -1;
        int b = -1;
        if (two) {
            if (!(tok_ == Tok::Op && op_ == ',')) {
                if (tok_ == Tok::Op && op_ == ')')
                    return Fail("%s needs two numbers separated by a comma, as in %s(x, 1): the second is missing at %d.",
                                name.c_str(), name.c_str(), Pos());
                return MissingClose();
            }
            Next();
            b = ParseExpr();
            if (b < 0) return -1;
        } else if (tok_ == Tok::Op && op_ == ',') {
            return Fail("%s takes one number: unexpected ',' at %d.", name.c_str(), Pos());
        }
        if (!(tok_ == Tok::Op && op_ == ')')) return MissingClose();
        Next();
        if (two) {
            n.kind = name == "min" ? Kind::Min : Kind::Max;
            n.a = a; n.b = b;
        } else {
            n.kind = Kind::Fn;
            n.fn = static_cast<std::uint8_t>(fn);
            n.a = a;
        }
        return Add(n);
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Constant folding and compiling
//-----------------------------------------------------------------------------

enum FormulaOp : std::uint8_t {
    kConst, kX, kY,
    kAdd, kSub, kMul, kDiv, kNeg,
    kAddC,   // u + c
    kMulC,   // u * c
    kRSubC,  // c - u
    kDivC,   // u / c
    kRDivC,  // c / u
    kPowInt, // u ^ n, n whole (not 0 or 1)
    kPowC,   // u ^ c, c not whole
    kRPowC,  // c ^ u, c > 0 (instr.c holds log c)
    kPow,    // u ^ v
    kSin, kCos, kTan, kExp, kLog, kSqrt, kAbs, kTanh, kSigmoid, // in kFunctions order
    kMin, kMax,
};

//-----------------------------------------------------------------------------
// [SECTION] Jets
//-----------------------------------------------------------------------------
// Each jet type carries a value and some of its derivatives; the interpreter is written
// once for all of them. Chain(u, g0, g1, g2) applies a scalar function g with g(u) = g0,
// g'(u) = g1, g''(u) = g2 to the jet u.

struct J0 { // value only
    static constexpr int kOrder = 0;
    double v;
    static J0 C(double c) { return {c}; }
    static J0 Chain(const J0&, double g0, double, double) { return {g0}; }
    J0 operator+(const J0& b) const { return {v + b.v}; }
    J0 operator-(const J0& b) const { return {v - b.v}; }
    J0 operator-() const { return {-v}; }
    J0 operator*(const J0& b) const { return {v * b.v}; }
    J0 Scale(double c) const { return {v * c}; }
    J0 Shift(double c) const { return {v + c}; }
    J0 Quot(const J0& b) const { return {v / b.v}; }
};

struct J1 { // value and slope
    static constexpr int kOrder = 1;
    double v, d;
    static J1 C(double c) { return {c, 0}; }
    static J1 Chain(const J1& u, double g0, double g1, double) { return {g0, g1 * u.d}; }
    J1 operator+(const J1& b) const { return {v + b.v, d + b.d}; }
    J1 operator-(const J1& b) const { return {v - b.v, d - b.d}; }
    J1 operator-() const { return {-v, -d}; }
    J1 operator*(const J1& b) const { return {v * b.v, d * b.v + v * b.d}; }
    J1 Scale(double c) const { return {v * c, d * c}; }
    J1 Shift(double c) const { return {v + c, d}; }
    J1 Quot(const J1& b) const {
        const double q = v / b.v;
        return {q, (d - q * b.d) / b.v};
    }
};

struct J2 { // value, slope, curvature
    static constexpr int kOrder = 2;
    double v, d, dd;
    static J2 C(double c) { return {c, 0, 0}; }
    static J2 Chain(const J2& u, double g0, double g1, double g2) { return {g0, g1 * u.d, g1 * u.dd + g2 * u.d * u.d}; }
    J2 operator+(const J2& b) const { return {v + b.v, d + b.d, dd + b.dd}; }
    J2 operator-(const J2& b) const { return {v - b.v, d - b.d, dd - b.dd}; }
    J2 operator-() const { return {-v, -d, -dd}; }
    J2 operator*(const J2& b) const { return {v * b.v, d * b.v + v * b.d, dd * b.v + 2 * d * b.d + v * b.dd}; }
    J2 Scale(double c) const { return {v * c, d * c, dd * c}; }
    J2 Shift(double c) const { return {v + c, d, dd}; }
    J2 Quot(const J2& b) const {
        const double q = v / b.v;
        const double q1 = (d - q * b.d) / b.v;
        return {q, q1, (dd - 2 * q1 * b.d - q * b.dd) / b.v};
    }
};

struct H2 { // value, gradient and Hessian in (x, y)
    static constexpr int kOrder = 2;
    double v, x, y, xx, xy, yy;
    static H2 C(double c) { return {c, 0, 0, 0, 0, 0}; }
    static H2 Chain(const H2& u, double g0, double g1, double g2) {
        return {g0, g1 * u.x, g1 * u.y, g1 * u.xx + g2 * u.x * u.x, g1 * u.xy + g2 * u.x * u.y, g1 * u.yy + g2 * u.y * u.y};
    }
    H2 operator+(const H2& b) const { return {v + b.v, x + b.x, y + b.y, xx + b.xx, xy + b.xy, yy + b.yy}; }
    H2 operator-(const H2& b) const { return {v - b.v, x - b.x, y - b.y, xx - b.xx, xy - b.xy, yy - b.yy}; }
    H2 operator-() const { return {-v, -x, -y, -xx, -xy, -yy}; }
    H2 operator*(const H2& b) const {
        return {v * b.v, x * b.v + v * b.x, y * b.v + v * b.y, xx * b.v + 2 * x * b.x + v * b.xx,
                xy * b.v + x * b.y + y * b.x + v * b.xy, yy * b.v + 2 * y * b.y + v * b.yy};
    }
    H2 Scale(double c) const { return {v * c, x * c, y * c, xx * c, xy * c, yy * c}; }
    H2 Shift(double c) const { return {v + c, x, y, xx, xy, yy}; }
    H2 Quot(const H2& b) const {
        const double q = v / b.v;
        const double qx = (x - q * b.x) / b.v, qy = (y - q * b.y) / b.v;
        return {q, qx, qy, (xx - 2 * qx * b.x - q * b.xx) / b.v, (xy - qx * b.y - qy * b.x - q * b.xy) / b.v,
                (yy - 2 * qy * b.y - q * b.yy) / b.v};
    }
};

// sin and cos of one angle, bit for bit TableSin(a) and TableCos(a), sharing the reduction.
DOWNHILL_HOT void SinCos(double a, double* s_out, double* c_out) {
    if (!(std::fabs(a) < 1e5)) { *s_out = std::sin(a); *c_out = std::cos(a); return; }
    constexpr double kRound = 0x1.8p52;
    const double k = (a * 0x1.45f306dc9c883p+3 + kRound) - kRound;
    const int idx = static_cast<int>(k) & 63, idc = (static_cast<int>(k) + 16) & 63;
    const double r = ((a - k * 0x1.921fb54800000p-4) - k * -0x1.de973dc800000p-35) - k * -0x1.9d9cceba3f91fp-66;
    const double z = r * r;
    const double sin_r = r + r * z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040)));
    const double omc = z * (0.5 - z * (1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40320))));
    const double s = kSinCos32[idx][0], c = kSinCos32[idx][1];
    const double s2 = kSinCos32[idc][0], c2 = kSinCos32[idc][1];
    *s_out = s + (c * sin_r - s * omc);
    *c_out = s2 + (c2 * sin_r - s2 * omc);
}

// e^t with the core's own exponential (the same bits natively and in WebAssembly).
DOWNHILL_HOT double Exp(double t) { return t <= 0 ? ExpNonPositive(t) : 1.0 / ExpNonPositive(-t); }

// u^n for a whole n >= 0 by repeated squaring.
DOWNHILL_HOT double IPow(double u, int n) {
    double r = 1.0, b = u;
    while (n > 0) {
        if (n & 1) r *= b;
        b *= b;
        n >>= 1;
    }
    return r;
}

//-----------------------------------------------------------------------------
// [SECTION] The interpreter
//-----------------------------------------------------------------------------

// Runs the code on jets; stack has room for the code's deepest stack.
template <class J>
DOWNHILL_HOT FormulaIssue Run(const FormulaInstr* code, int n, const J& X, const J& Y, J* stack, J* out) {
    J* sp = stack - 1; // top of the stack
    auto fail = [](FormulaStatus s, const FormulaInstr& in) { return FormulaIssue{s, in.pos}; };
    for (int k = 0; k < n; ++k) {
        const FormulaInstr& in = code[k];
        switch (in.op) {
        case kConst: *++sp = J::C(in.c); break;
        case kX: *++sp = X; break;
        case kY: *++sp = Y; break;
        case kAdd: sp[-1] = sp[-1] + sp[0]; --sp; break;
        case kSub: sp[-1] = sp[-1] - sp[0]; --sp; break;
        case kMul: sp[-1] = sp[-1] * sp[0]; --sp; break;
        case kDiv:
            if (sp[0].v == 0) return fail(FormulaStatus::DivisionByZero, in);
            sp[-1] = sp[-1].Quot(sp[0]);
            --sp;
            break;
        case kNeg: *sp = -*sp; break;
        case kAddC: *sp = sp->Shift(in.c); break;
        case kMulC: *sp = sp->Scale(in.c); break;
        case kRSubC: *sp = (-*sp).Shift(in.c); break;
        case kDivC: *sp = sp->Quot(J::C(in.c)); break;
        case kRDivC: {
            const double u = sp->v;
            if (u == 0) return fail(FormulaStatus::DivisionByZero, in);
            const double q = in.c / u; // c/u, -c/u^2, 2c/u^3
            *sp = J::Chain(*sp, q, -q / u, 2 * q / (u * u));
            break;
        }
        case kPowInt: {
            const double u = sp->v;
            const int e = in.n;
            double p0, p1 = 0, p2 = 0; // u^e, u^(e-1), u^(e-2)
            if (e >= 2) {
                p2 = IPow(u, e - 2);
                p1 = p2 * u;
                p0 = p1 * u;
            } else {
                if (u == 0) return fail(FormulaStatus::DivisionByZero, in);
                p0 = 1.0 / IPow(u, -e);
                p1 = p0 / u;
                p2 = p1 / u;
            }
            *sp = J::Chain(*sp, p0, e * p1, double(e) * (e - 1) * p2);
            break;
        }
        case kPowC: {
            const double u = sp->v, p = in.c;
            if (u < 0) return fail(FormulaStatus::FractionalPowerOfNegative, in);
            if (u == 0 && J::kOrder > 0 && p < J::kOrder) return fail(FormulaStatus::SqrtAtZero, in);
            const double p0 = std::pow(u, p);
            if constexpr (J::kOrder == 0) *sp = J::Chain(*sp, p0, 0, 0);
            else if (u == 0) *sp = J::Chain(*sp, 0, p == 1 ? 1 : 0, 0);
            else *sp = J::Chain(*sp, p0, p * p0 / u, p * (p - 1) * p0 / (u * u));
            break;
        }
        case kRPowC: { // c^u = e^(u log c)
            const double g = Exp(sp->v * in.c);
            *sp = J::Chain(*sp, g, g * in.c, g * in.c * in.c);
            break;
        }
        case kPow: { // u^v = e^(v log u), u > 0
            const J& u = sp[-1];
            if (u.v < 0) return fail(FormulaStatus::FractionalPowerOfNegative, in);
            if (u.v == 0) return fail(FormulaStatus::LogOfNonPositive, in);
            const J lu = J::Chain(u, std::log(u.v), 1.0 / u.v, -1.0 / (u.v * u.v));
            const J t = lu * sp[0];
            const double g = Exp(t.v);
            sp[-1] = J::Chain(t, g, g, g);
            --sp;
            break;
        }
        case kSin:
            if constexpr (J::kOrder == 0) *sp = J::C(TableSin(sp->v));
            else { double s, c; SinCos(sp->v, &s, &c); *sp = J::Chain(*sp, s, c, -s); }
            break;
        case kCos:
            if constexpr (J::kOrder == 0) *sp = J::C(TableCos(sp->v));
            else { double s, c; SinCos(sp->v, &s, &c); *sp = J::Chain(*sp, c, -s, -c); }
            break;
        case kTan: {
            double s, c;
            SinCos(sp->v, &s, &c);
            if (c == 0) return fail(FormulaStatus::NotFinite, in);
            const double t = s / c, g1 = 1 + t * t;
            *sp = J::Chain(*sp, t, g1, 2 * t * g1);
            break;
        }
        case kExp: {
            const double g = Exp(sp->v);
            *sp = J::Chain(*sp, g, g, g);
            break;
        }
        case kLog: {
            const double u = sp->v;
            if (!(u > 0)) return fail(FormulaStatus::LogOfNonPositive, in);
            *sp = J::Chain(*sp, std::log(u), 1.0 / u, -1.0 / (u * u));
            break;
        }
        case kSqrt: {
            const double u = sp->v;
            if (u < 0) return fail(FormulaStatus::SqrtOfNegative, in);
            const double s = std::sqrt(u);
            if constexpr (J::kOrder == 0) *sp = J::C(s);
            else {
                if (u == 0) return fail(FormulaStatus::SqrtAtZero, in);
                *sp = J::Chain(*sp, s, 0.5 / s, -0.25 / (s * u));
            }
            break;
        }
        case kAbs: {
            const double u = sp->v;
            *sp = J::Chain(*sp, std::fabs(u), u > 0 ? 1.0 : u < 0 ? -1.0 : 0.0, 0.0);
            break;
        }
        case kTanh: {
            const double t = Tanh(sp->v), g1 = 1 - t * t;
            *sp = J::Chain(*sp, t, g1, -2 * t * g1);
            break;
        }
        case kSigmoid: {
            const double u = sp->v;
            double s;
            if (u >= 0) s = 1.0 / (1.0 + ExpNonPositive(-u));
            else { const double e = ExpNonPositive(u); s = e / (1.0 + e); }
            const double g1 = s * (1 - s);
            *sp = J::Chain(*sp, s, g1, g1 * (1 - 2 * s));
            break;
        }
        case kMin: if (sp[0].v < sp[-1].v) sp[-1] = sp[0]; --sp; break;
        case kMax: if (sp[0].v > sp[-1].v) sp[-1] = sp[0]; --sp; break;
        default: break;
        }
    }
    *out = *sp;
    if (!std::isfinite(out->v)) return {FormulaStatus::NotFinite, 0};
    return {};
}

// The value of code that reads no variable (a constant part of a formula).
[[gnu::noinline]] FormulaIssue EvalConstant(const std::vector<FormulaInstr>& code, double* value) {
    J0 stack[kFormulaMaxNodes + 1], r{0};
    const FormulaIssue is = Run<J0>(code.data(), static_cast<int>(code.size()), J0{0}, J0{0}, stack, &r);
    *value = r.v;
    return is;
}

// Folds constant subtrees (checking their domain) and writes the code, post-order.
class Compiler {
public:
    Compiler(std::vector<Node>& nodes, std::string_view text) : nodes_(nodes), text_(text) {}
    std::string error;
    std::vector<FormulaInstr> code;
    int depth = 0, max_depth = 0;

    // Marks constant nodes and gives them their value; false with `error` set on a domain error.
    bool Fold(int i) {
        Node& n = nodes_[static_cast<size_t>(i)];
        if (n.kind == Kind::Num) { n.constant = true; return true; }
        if (n.kind == Kind::X || n.kind == Kind::Y) return true;
        if (n.a >= 0 && !Fold(n.a)) return false;
        if (n.b >= 0 && !Fold(n.b)) return false;
        const bool ca = n.a < 0 || nodes_[static_cast<size_t>(n.a)].constant;
        const bool cb = n.b < 0 || nodes_[static_cast<size_t>(n.b)].constant;
        if (n.kind == Kind::Div && cb && nodes_[static_cast<size_t>(n.b)].value == 0) return Error("Division by zero at %d.", n.pos);
        if (n.kind == Kind::Pow && ca && !cb) {
            const double c = nodes_[static_cast<size_t>(n.a)].value;
                if (!(c > 0))
                return Error("%s to a power that changes is not defined at %d: use a positive base.",
                             c == 0 ? "Zero" : "A negative number", n.pos);
        }
        if (!(ca && cb)) return true;
        // Both operands known: evaluate this node once, as the interpreter would.
        std::vector<FormulaInstr> saved;
        saved.swap(code);
        const int d = depth, md = max_depth;
        Emit(i);
        double value = 0;
        const FormulaIssue is = EvalConstant(code, &value);
        code.swap(saved);
        depth = d;
        max_depth = md;
        if (!is.ok()) {
            if (is.status == FormulaStatus::NotFinite)
                return Error("The number made at %d is too large.", n.pos);
            return Error("%s.", FormulaIssueMessage(is, "").c_str());
        }
        n.constant = true;
        n.value = value;
        return true;
    }

    void Emit(int i) {
        const Node& n = nodes_[static_cast<size_t>(i)];
        if (n.constant) { Push(kConst, n.pos, n.value); return; }
        const Node* A = n.a >= 0 ? &nodes_[static_cast<size_t>(n.a)] : nullptr;
        const Node* B = n.b >= 0 ? &nodes_[static_cast<size_t>(n.b)] : nullptr;
        const bool ca = A && A->constant, cb = B && B->constant;
        switch (n.kind) {
        case Kind::X: Push(kX, n.pos); return;
        case Kind::Y: Push(kY, n.pos); return;
        case Kind::Neg: Emit(n.a); Op(kNeg, n.pos); return;
        case Kind::Add:
            if (cb) { Emit(n.a); Op(kAddC, n.pos, B->value); }
            else if (ca) { Emit(n.b); Op(kAddC, n.pos, A->value); }
            else { Emit(n.a); Emit(n.b); Op(kAdd, n.pos, 0, -1); }
            return;
        case Kind::Sub:
            if (cb) { Emit(n.a); Op(kAddC, n.pos, -B->value); }
            else if (ca) { Emit(n.b); Op(kRSubC, n.pos, A->value); }
            else { Emit(n.a); Emit(n.b); Op(kSub, n.pos, 0, -1); }
            return;
        case Kind::Mul:
            if (cb) { Emit(n.a); Op(kMulC, n.pos, B->value); }
            else if (ca) { Emit(n.b); Op(kMulC, n.pos, A->value); }
            else { Emit(n.a); Emit(n.b); Op(kMul, n.pos, 0, -1); }
            return;
        case Kind::Div:
            if (cb) { Emit(n.a); Op(kDivC, n.pos, B->value); }
            else if (ca) { Emit(n.b); Op(kRDivC, n.pos, A->value); }
            else { Emit(n.a); Emit(n.b); Op(kDiv, n.pos, 0, -1); }
            return;
        case Kind::Pow:
            if (cb) {
                const double p = B->value;
                if (p == 0) { Push(kConst, n.pos, 1.0); return; } // u^0 = 1 (the course's convention for 0^0 too)
                Emit(n.a);
                if (p == 1) return;
                if (p == std::floor(p) && std::fabs(p) <= 1024) { Op(kPowInt, n.pos, 0, 0, static_cast<int>(p)); return; }
                Op(kPowC, n.pos, p);
            } else if (ca) {
                Emit(n.b);
                Op(kRPowC, n.pos, std::log(A->value));
            } else {
                Emit(n.a); Emit(n.b); Op(kPow, n.pos, 0, -1);
            }
            return;
        case Kind::Fn: Emit(n.a); Op(static_cast<std::uint8_t>(kSin + n.fn), n.pos); return;
        case Kind::Min: case Kind::Max:
            Emit(n.a); Emit(n.b); Op(n.kind == Kind::Min ? kMin : kMax, n.pos, 0, -1);
            return;
        case Kind::Num: return; // constants are handled above
        }
    }

private:
    std::vector<Node>& nodes_;
    std::string_view text_;

    DOWNHILL_PRINTF(2, 3) bool Error(const char* fmt, ...) {
        char buf[256];
        va_list args;
        va_start(args, fmt);
        std::vsnprintf(buf, sizeof buf, fmt, args);
        va_end(args);
        error = buf;
        return false;
    }
    void Push(std::uint8_t op, int pos, double c = 0) {
        Op(op, pos, c, +1);
    }
    void Op(std::uint8_t op, int pos, double c = 0, int stack_change = 0, int n = 0) {
        FormulaInstr in;
        in.op = op; in.pos = static_cast<std::int16_t>(pos); in.c = c; in.n = n;
        code.push_back(in);
        depth += stack_change;
        if (depth > max_depth) max_depth = depth;
    }
};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Formula
//-----------------------------------------------------------------------------

std::string Formula::Compile(std::string_view text, int variables, Formula* out) {
    if (variables != 1 && variables != 2) return "A formula has one variable (x) or two (x and y).";
    const int chars = CharCount(text);
    if (chars > kFormulaMaxLength) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "The formula is too long (%d characters): at most %d are read, so it is cut at %d.",
                      chars, kFormulaMaxLength, kFormulaMaxLength + 1);
        return buf;
    }
    Parser p(text, variables);
    const int root = p.ParseAll();
    if (root < 0) return p.error();
    Compiler c(p.nodes(), text);
    if (!c.Fold(root)) return c.error;
    c.Emit(root);
    out->code_ = std::move(c.code);
    out->stack_ = c.max_depth;
    out->variables_ = variables;
    out->text_ = std::string(text);
    return "";
}

double Formula::Value(double x, double y, FormulaIssue* issue) const {
    J0 stack[kFormulaMaxNodes + 1], r{0};
    const FormulaIssue is = Run<J0>(code_.data(), size(), J0{x}, J0{y}, stack, &r);
    if (issue) *issue = is;
    return is.ok() ? r.v : NAN;
}

FormulaIssue Formula::Slope(double x, double* v, double* d) const {
    J1 stack[kFormulaMaxNodes + 1], r{0, 0};
    const FormulaIssue is = Run<J1>(code_.data(), size(), J1{x, 1}, J1{0, 0}, stack, &r);
    *v = is.ok() ? r.v : NAN;
    *d = is.ok() && std::isfinite(r.d) ? r.d : NAN;
    if (is.ok() && !std::isfinite(r.d)) return {FormulaStatus::NotFinite, 0};
    return is;
}

// The batched slope: the J1 interpreter over n points, the stack held as arrays of values
// and slopes (a column per point). Every operation computes exactly what J1 does, so the
// results are the same bits as Slope(). A point that leaves the domain is marked and ends
// as NaN; its column keeps being computed (harmlessly) with the others.
void Formula::SlopeBatch(const double* x, double* d, int n) const {
    constexpr int K = kBatch;
    constexpr int kMaxBatchStack = 48;
    if (n > K || stack_ > kMaxBatchStack) {
        for (int i = 0; i < n; ++i) {
            double v;
            Slope(x[i], &v, &d[i]);
        }
        return;
    }
    double V[kMaxBatchStack][K], D[kMaxBatchStack][K];
    bool bad[K] = {};
    int top = -1;
    for (const FormulaInstr& in : code_) {
        const double c = in.c;
        double* v = V[top < 0 ? 0 : top];
        double* dd = D[top < 0 ? 0 : top];
        double* av = top > 0 ? V[top - 1] : v; // the operand below the top, for binary operations
        double* ad = top > 0 ? D[top - 1] : dd;
        switch (in.op) {
        case kConst: ++top; for (int i = 0; i < n; ++i) { V[top][i] = c; D[top][i] = 0; } break;
        case kX: ++top; for (int i = 0; i < n; ++i) { V[top][i] = x[i]; D[top][i] = 1; } break;
        case kY: ++top; for (int i = 0; i < n; ++i) { V[top][i] = 0; D[top][i] = 0; } break;
        case kAdd: for (int i = 0; i < n; ++i) { av[i] = av[i] + v[i]; ad[i] = ad[i] + dd[i]; } --top; break;
        case kSub: for (int i = 0; i < n; ++i) { av[i] = av[i] - v[i]; ad[i] = ad[i] - dd[i]; } --top; break;
        case kMul:
            for (int i = 0; i < n; ++i) {
                const double a = av[i], b = v[i];
                av[i] = a * b;
                ad[i] = ad[i] * b + a * dd[i];
            }
            --top;
            break;
        case kDiv:
            for (int i = 0; i < n; ++i) {
                bad[i] |= v[i] == 0;
                const double q = av[i] / v[i];
                ad[i] = (ad[i] - q * dd[i]) / v[i];
                av[i] = q;
            }
            --top;
            break;
        case kNeg: for (int i = 0; i < n; ++i) { v[i] = -v[i]; dd[i] = -dd[i]; } break;
        case kAddC: for (int i = 0; i < n; ++i) v[i] = v[i] + c; break;
        case kMulC: for (int i = 0; i < n; ++i) { v[i] = v[i] * c; dd[i] = dd[i] * c; } break;
        case kRSubC: for (int i = 0; i < n; ++i) { v[i] = -v[i] + c; dd[i] = -dd[i]; } break;
        case kDivC:
            for (int i = 0; i < n; ++i) {
                const double q = v[i] / c;
                dd[i] = (dd[i] - q * 0.0) / c;
                v[i] = q;
            }
            break;
        case kRDivC:
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                bad[i] |= u == 0;
                const double q = c / u;
                v[i] = q;
                dd[i] = -q / u * dd[i];
            }
            break;
        case kPowInt: {
            const int e = in.n;
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                double p0, p1;
                if (e >= 2) {
                    const double p2 = IPow(u, e - 2);
                    p1 = p2 * u;
                    p0 = p1 * u;
                } else {
                    bad[i] |= u == 0;
                    p0 = 1.0 / IPow(u, -e);
                    p1 = p0 / u;
                }
                v[i] = p0;
                dd[i] = e * p1 * dd[i];
            }
            break;
        }
        case kPowC:
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                bad[i] |= u < 0 || (u == 0 && c < 1);
                const double p0 = std::pow(u, c);
                if (u == 0) { v[i] = 0; dd[i] = (c == 1 ? 1 : 0) * dd[i]; }
                else { v[i] = p0; dd[i] = c * p0 / u * dd[i]; }
            }
            break;
        case kRPowC:
            for (int i = 0; i < n; ++i) {
                const double g = Exp(v[i] * c);
                v[i] = g;
                dd[i] = g * c * dd[i];
            }
            break;
        case kPow:
            for (int i = 0; i < n; ++i) {
                const double u = av[i];
                bad[i] |= !(u > 0);
                const double lv = std::log(u), ld = 1.0 / u * ad[i];
                const double tv = lv * v[i], td = ld * v[i] + lv * dd[i];
                const double g = Exp(tv);
                av[i] = g;
                ad[i] = g * td;
            }
            --top;
            break;
        case kSin:
            for (int i = 0; i < n; ++i) {
                double sn, cs;
                SinCos(v[i], &sn, &cs);
                v[i] = sn;
                dd[i] = cs * dd[i];
            }
            break;
        case kCos:
            for (int i = 0; i < n; ++i) {
                double sn, cs;
                SinCos(v[i], &sn, &cs);
                v[i] = cs;
                dd[i] = -sn * dd[i];
            }
            break;
        case kTan:
            for (int i = 0; i < n; ++i) {
                double sn, cs;
                SinCos(v[i], &sn, &cs);
                bad[i] |= cs == 0;
                const double t = sn / cs;
                v[i] = t;
                dd[i] = (1 + t * t) * dd[i];
            }
            break;
        case kExp:
            for (int i = 0; i < n; ++i) {
                const double g = Exp(v[i]);
                v[i] = g;
                dd[i] = g * dd[i];
            }
            break;
        case kLog:
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                bad[i] |= !(u > 0);
                v[i] = std::log(u);
                dd[i] = 1.0 / u * dd[i];
            }
            break;
        case kSqrt:
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                bad[i] |= !(u > 0);
                const double r = std::sqrt(u);
                v[i] = r;
                dd[i] = 0.5 / r * dd[i];
            }
            break;
        case kAbs:
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                v[i] = std::fabs(u);
                dd[i] = (u > 0 ? 1.0 : u < 0 ? -1.0 : 0.0) * dd[i];
            }
            break;
        case kTanh:
            for (int i = 0; i < n; ++i) {
                const double t = Tanh(v[i]);
                v[i] = t;
                dd[i] = (1 - t * t) * dd[i];
            }
            break;
        case kSigmoid:
            for (int i = 0; i < n; ++i) {
                const double u = v[i];
                double sg;
                if (u >= 0) sg = 1.0 / (1.0 + ExpNonPositive(-u));
                else { const double e = ExpNonPositive(u); sg = e / (1.0 + e); }
                v[i] = sg;
                dd[i] = sg * (1 - sg) * dd[i];
            }
            break;
        case kMin:
            for (int i = 0; i < n; ++i) if (v[i] < av[i]) { av[i] = v[i]; ad[i] = dd[i]; }
            --top;
            break;
        case kMax:
            for (int i = 0; i < n; ++i) if (v[i] > av[i]) { av[i] = v[i]; ad[i] = dd[i]; }
            --top;
            break;
        default: break;
        }
    }
    for (int i = 0; i < n; ++i)
        d[i] = bad[i] || !std::isfinite(V[0][i]) || !std::isfinite(D[0][i]) ? NAN : D[0][i];
}

FormulaIssue Formula::Eval(double x, Jet1* out) const {
    J2 stack[kFormulaMaxNodes + 1], r{0, 0, 0};
    FormulaIssue is = Run<J2>(code_.data(), size(), J2{x, 1, 0}, J2{0, 0, 0}, stack, &r);
    if (is.ok() && !(std::isfinite(r.d) && std::isfinite(r.dd))) is = {FormulaStatus::NotFinite, 0};
    *out = is.ok() ? Jet1{r.v, r.d, r.dd} : Jet1{NAN, NAN, NAN};
    return is;
}

FormulaIssue Formula::Eval(double x, double y, Jet2* out) const {
    H2 stack[kFormulaMaxNodes + 1], r{0, 0, 0, 0, 0, 0};
    FormulaIssue is = Run<H2>(code_.data(), size(), H2{x, 1, 0, 0, 0, 0}, H2{y, 0, 1, 0, 0, 0}, stack, &r);
    if (is.ok() && !(std::isfinite(r.x) && std::isfinite(r.y) && std::isfinite(r.xx) && std::isfinite(r.xy) && std::isfinite(r.yy)))
        is = {FormulaStatus::NotFinite, 0};
    *out = is.ok() ? Jet2{r.v, r.x, r.y, r.xx, r.xy, r.yy} : Jet2{NAN, NAN, NAN, NAN, NAN, NAN};
    return is;
}

//-----------------------------------------------------------------------------
// [SECTION] Messages
//-----------------------------------------------------------------------------

std::string FormulaIssueMessage(const FormulaIssue& issue, const std::string& where) {
    const char* what = "";
    switch (issue.status) {
    case FormulaStatus::Ok: return "";
    case FormulaStatus::LogOfNonPositive: what = "log of a negative number or zero"; break;
    case FormulaStatus::SqrtOfNegative: what = "sqrt of a negative number"; break;
    case FormulaStatus::SqrtAtZero: what = "a root at zero, where the slope is infinite"; break;
    case FormulaStatus::DivisionByZero: what = "division by zero"; break;
    case FormulaStatus::FractionalPowerOfNegative: what = "a negative number to a power that is not whole"; break;
    case FormulaStatus::NotFinite: what = "a number too large to compute"; break;
    }
    std::string s = what;
    if (!where.empty()) s += " at " + where;
    if (issue.position > 0) {
        char buf[48];
        std::snprintf(buf, sizeof buf, where.empty() ? " at %d" : " (character %d of the formula)", issue.position);
        s += buf;
    }
    return s;
}

} // namespace downhill
