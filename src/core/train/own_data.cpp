// own_data.cpp: see own_data.hpp.
#include "own_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace downhill {

namespace {

// printf into a std::string.
template <typename... Args>
std::string Format(const char* fmt, Args... args) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

// A piece of the learner's text for a message: in single quotes, at most 24 characters
// (then "…"), control characters and broken UTF-8 shown as '?'.
std::string Quote(const std::string& s) {
    std::string out = "'";
    size_t i = 0;
    int chars = 0;
    while (i < s.size() && chars < 24) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size() && c >= 0x20 && c != 0x7f;
        for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok) out.append(s, i, len);
        else out += '?';
        i += ok ? len : 1;
        ++chars;
    }
    if (i < s.size()) out += "\xE2\x80\xA6"; // …
    return out + "'";
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string Trim(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && IsSpace(s[a])) ++a;
    while (b > a && IsSpace(s[b - 1])) --b;
    return s.substr(a, b - a);
}

// A field as written: trimmed, and without the double quotes around it if it has them.
std::string Unquote(const std::string& s) {
    std::string t = Trim(s);
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = Trim(t.substr(1, t.size() - 2));
    return t;
}

enum class NumberRead { Ok, NotNumber, Huge };

// A plain decimal number: optional sign, digits with an optional point, an optional
// exponent. No "inf", "nan", hexadecimal or trailing text. Huge: beyond what a double holds.
NumberRead ReadNumber(const std::string& t, double* v) {
    if (t.empty() || t.size() > 64) return NumberRead::NotNumber;
    size_t i = 0, digits = 0;
    if (t[i] == '+' || t[i] == '-') ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
    if (i < t.size() && t[i] == '.') {
        ++i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
    }
    if (digits == 0) return NumberRead::NotNumber;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        size_t exp_digits = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++exp_digits;
        if (exp_digits == 0) return NumberRead::NotNumber;
    }
    if (i != t.size()) return NumberRead::NotNumber;
    const double x = std::strtod(t.c_str(), nullptr);
    if (!std::isfinite(x)) return NumberRead::Huge;
    *v = x == 0 ? 0.0 : x; // no -0
    return NumberRead::Ok;
}

// Classes as the labels make them: the largest label plus one, at least 2.
void SetClasses(Dataset* d) {
    int top = 1;
    for (double y : d->y)
        if (y >= 0 && y < kMaxOwnClasses && y == std::floor(y)) top = std::max(top, static_cast<int>(y));
    d->inputs = 2;
    d->classes = top + 1;
    d->outlier = -1;
}

Dataset EmptyOwn() {
    Dataset d;
    d.inputs = 2;
    d.classes = 2;
    return d;
}

// Reads one point's three values; "" or the reason (without the line or point number).
std::string ReadPoint(const std::string* v, double* x, double* y, int* label) {
    double c[2];
    for (int k = 0; k < 2; ++k) {
        if (v[k].empty()) return k == 0 ? "the x value is missing." : "the y value is missing.";
        switch (ReadNumber(v[k], &c[k])) {
        case NumberRead::NotNumber: return Quote(v[k]) + " is not a number.";
        case NumberRead::Huge: return Quote(v[k]) + " is too large: x and y must lie between -1000 and 1000.";
        case NumberRead::Ok: break;
        }
        if (std::fabs(c[k]) > kMaxOwnCoordinate) return Quote(v[k]) + " is out of range: x and y must lie between -1000 and 1000.";
    }
    double l = 0;
    if (ReadNumber(v[2], &l) != NumberRead::Ok || l != std::floor(l) || l < 0 || l >= kMaxOwnClasses)
        return "the label " + Quote(v[2]) + " is not a class number (0, 1 or 2).";
    *x = c[0];
    *y = c[1];
    *label = static_cast<int>(l);
    return "";
}

std::string RowSizeMessage(int line, int count) {
    return Format("Line %d: a row needs 3 values (x, y and the label) separated by commas, semicolons or tabs; "
                  "this one has %d.", line, count);
}

void Push(Dataset* d, double x, double y, int label) {
    d->x.push_back(x);
    d->x.push_back(y);
    d->y.push_back(label);
}

// Decimals that keep 3 significant digits of a (> 0), at most 6; negative: round to tens and up.
int LinkDecimals(double a) { return std::min(6, 2 - static_cast<int>(std::floor(std::log10(a)))); }

// A rounded coordinate in fixed notation, trailing zeros dropped ("1.5", "-0.25", "300").
std::string FixedText(double v) {
    if (v == 0) return "0";
    std::string s = Format("%.*f", std::max(0, LinkDecimals(std::fabs(v))), v);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

// The fewest significant digits that read back to v, without an exponent for |v| >= 1.
std::string ShortestText(double v) {
    if (v == 0) return "0";
    const int whole = std::fabs(v) >= 1 ? static_cast<int>(std::floor(std::log10(std::fabs(v)))) + 1 : 1;
    std::string s;
    for (int p = std::max(1, whole); p <= 17; ++p) {
        s = Format("%.*g", p, v);
        if (std::strtod(s.c_str(), nullptr) == v) break;
    }
    return s;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Limits and rules
//-----------------------------------------------------------------------------

std::string CheckOwnData(const Dataset& d) {
    const int n = d.size();
    if (n == 0 && d.x.empty()) return "No points yet: write one point per line as x, y, label (for example 1.5, -2, 0).";
    if (d.inputs != 2 || d.x.size() != d.y.size() * 2) return "Your own data needs two coordinates (x and y) per point.";
    if (n < kMinOwnPoints)
        return Format("Only %d point%s: the lab needs at least %d (some to train on, some to validate).", n,
                      n == 1 ? "" : "s", kMinOwnPoints);
    if (n > kMaxOwnPoints) return Format("%d points: the lab takes at most %d.", n, kMaxOwnPoints);
    int top = 1;
    bool seen[kMaxOwnClasses] = {};
    for (int i = 0; i < n; ++i) {
        const double x = d.x[2 * size_t(i)], y = d.x[2 * size_t(i) + 1], l = d.y[size_t(i)];
        if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > kMaxOwnCoordinate || std::fabs(y) > kMaxOwnCoordinate)
            return Format("Point %d lies outside the range the lab takes: x and y must lie between -1000 and 1000.", i + 1);
        if (!(l >= 0 && l < kMaxOwnClasses && l == std::floor(l)))
            return Format("Point %d has a label that is not a class number (0, 1 or 2).", i + 1);
        top = std::max(top, static_cast<int>(l));
        seen[static_cast<int>(l)] = true;
    }
    if (d.classes != top + 1) return "The number of classes must be the largest label plus one (at least 2).";
    int kinds = 0, only = 0;
    for (int k = 0; k < kMaxOwnClasses; ++k)
        if (seen[k]) ++kinds, only = k;
    if (kinds < 2) return Format("Every point is class %d: the lab needs points of at least two classes.", only);
    if (d.outlier != -1) return "Your own data has no outlier.";
    return "";
}

Dataset StarterOwnData() {
    Dataset d = EmptyOwn();
    const double pts[6][3] = {{-3, 2, 0}, {-4, -1, 0}, {-2, -3, 0}, {3, 2, 1}, {4, -1, 1}, {2, -3, 1}};
    for (const auto& p : pts) Push(&d, p[0], p[1], static_cast<int>(p[2]));
    return d;
}

double RoundOwnCoordinate(double v) {
    if (!std::isfinite(v) || v == 0) return std::isfinite(v) ? 0.0 : v;
    const int dec = LinkDecimals(std::fabs(v));
    double r;
    if (dec >= 0) {
        const double s = std::pow(10.0, dec);
        r = std::round(v * s) / s;
    } else {
        const double s = std::pow(10.0, -dec);
        r = std::round(v / s) * s;
    }
    return r == 0 ? 0.0 : r;
}

//-----------------------------------------------------------------------------
// [SECTION] CSV
//-----------------------------------------------------------------------------

std::string ReadOwnCsv(const std::string& text, Dataset* out) {
    if (!out) return "No dataset to fill.";
    if (text.size() > kMaxCsvChars)
        return Format("The text is too long: the lab reads at most %d characters (1000 points).", int(kMaxCsvChars));
    Dataset d = EmptyOwn();
    size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0; // a byte-order mark from a spreadsheet
    bool first = true;
    for (int line = 1; pos <= text.size(); ++line) {
        size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string::npos) end = text.size();
        const std::string row = text.substr(pos, end - pos);
        pos = end + (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
        if (Trim(row).empty()) continue;

        const char sep = row.find('\t') != std::string::npos ? '\t' : row.find(';') != std::string::npos ? ';' : ',';
        // Values counted before the row is split (a separator at its end adds none), so a
        // long row that cannot be a point costs no more than reading it.
        const size_t seps = static_cast<size_t>(std::count(row.begin(), row.end(), sep));
        const int count = int(seps + 1) - (seps >= 3 && Unquote(row.substr(row.rfind(sep) + 1)).empty() ? 1 : 0);
        if (!first && count != 3) return RowSizeMessage(line, count);
        std::vector<std::string> v;
        for (size_t a = 0;;) {
            const size_t b = row.find(sep, a);
            v.push_back(Unquote(row.substr(a, b == std::string::npos ? std::string::npos : b - a)));
            if (b == std::string::npos) break;
            a = b + 1;
        }
        if (v.size() > 3 && v.back().empty()) v.pop_back(); // a separator at the end of the row
        if (sep != ',')
            for (std::string& f : v)
                if (std::count(f.begin(), f.end(), ',') == 1 && f.find('.') == std::string::npos) f[f.find(',')] = '.';

        if (first) {
            first = false;
            double ignored;
            bool any = false;
            for (const std::string& f : v) any = any || ReadNumber(f, &ignored) != NumberRead::NotNumber;
            if (!any) continue; // the header
        }
        if (v.size() != 3) return RowSizeMessage(line, int(v.size()));
        if (d.size() == kMaxOwnPoints)
            return Format("Line %d: more than %d points; the lab takes at most %d.", line, kMaxOwnPoints, kMaxOwnPoints);
        double x = 0, y = 0;
        int label = 0;
        const std::string err = ReadPoint(v.data(), &x, &y, &label);
        if (!err.empty()) return Format("Line %d: ", line) + err;
        Push(&d, x, y, label);
    }
    SetClasses(&d);
    if (std::string err = CheckOwnData(d); !err.empty()) return err;
    *out = std::move(d);
    return "";
}

std::string WriteOwnCsv(const Dataset& d) {
    std::string s = "x,y,label\n";
    if (d.inputs != 2) return s;
    for (int i = 0; i < d.size(); ++i)
        s += ShortestText(d.x[2 * size_t(i)]) + "," + ShortestText(d.x[2 * size_t(i) + 1]) + "," +
             std::to_string(static_cast<int>(d.y[size_t(i)])) + "\n";
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] The link form
//-----------------------------------------------------------------------------

std::string ReadOwnLink(const std::string& text, Dataset* out) {
    if (!out) return "No dataset to fill.";
    if (text.size() > kMaxLinkChars)
        return Format("The points in the link are too long to read (at most %d characters).", int(kMaxLinkChars));
    if (std::count_if(text.begin(), text.end(), [](char c) { return c == '_' || c == ',' || c == ';'; }) >=
        3 * kMaxLinkPoints + 1)
        return Format("The link holds more than %d points, the most a link carries.", kMaxLinkPoints);
    std::vector<std::string> v;
    for (size_t a = 0; a < text.size();) {
        size_t b = text.find_first_of("_,;", a);
        if (b == std::string::npos) b = text.size();
        v.push_back(Trim(text.substr(a, b - a)));
        a = b + 1;
    }
    if (v.size() > 3 * size_t(kMaxLinkPoints))
        return Format("The link holds more than %d points, the most a link carries.", kMaxLinkPoints);
    if (v.size() % 3 != 0)
        return Format("The points in the link are cut short: the last one has %d of its 3 values (x, y and the label).",
                      int(v.size() % 3));
    Dataset d = EmptyOwn();
    for (size_t i = 0; i < v.size(); i += 3) {
        double x = 0, y = 0;
        int label = 0;
        const std::string err = ReadPoint(&v[i], &x, &y, &label);
        if (!err.empty()) return Format("Point %d of the link: ", int(i / 3) + 1) + err;
        Push(&d, x, y, label);
    }
    SetClasses(&d);
    if (std::string err = CheckOwnData(d); !err.empty()) return "The points in the link: " + err;
    *out = std::move(d);
    return "";
}

std::string WriteOwnLink(const Dataset& d) {
    if (d.inputs != 2 || d.size() > kMaxLinkPoints) return "";
    std::string s;
    for (int i = 0; i < d.size(); ++i) {
        if (i) s += '_';
        s += FixedText(RoundOwnCoordinate(d.x[2 * size_t(i)])) + "_" + FixedText(RoundOwnCoordinate(d.x[2 * size_t(i) + 1])) +
             "_" + std::to_string(static_cast<int>(d.y[size_t(i)]));
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Editing point by point
//-----------------------------------------------------------------------------

std::string AddOwnPoint(Dataset* d, double x, double y, int label) {
    if (!d) return "No dataset to change.";
    if (label < 0 || label >= kMaxOwnClasses) return "The class of a point must be 0, 1 or 2.";
    if (d->size() >= kMaxOwnPoints)
        return Format("Your data has %d points, the most the lab takes: remove some first.", kMaxOwnPoints);
    x = RoundOwnCoordinate(x);
    y = RoundOwnCoordinate(y);
    if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > kMaxOwnCoordinate || std::fabs(y) > kMaxOwnCoordinate)
        return "That point lies outside the range the lab takes: x and y must lie between -1000 and 1000.";
    Push(d, x, y, label);
    SetClasses(d);
    return "";
}

std::string RemoveOwnPointNear(Dataset* d, double x, double y, double radius) {
    if (!d) return "No dataset to change.";
    int best = -1;
    double best_d2 = radius * radius;
    for (int i = 0; i < d->size(); ++i) {
        const double dx = d->x[2 * size_t(i)] - x, dy = d->x[2 * size_t(i) + 1] - y;
        if (dx * dx + dy * dy <= best_d2) best = i, best_d2 = dx * dx + dy * dy;
    }
    if (best < 0) return "There is no point there to remove: click on a point.";
    Dataset rest = *d;
    rest.x.erase(rest.x.begin() + 2 * best, rest.x.begin() + 2 * best + 2);
    rest.y.erase(rest.y.begin() + best);
    SetClasses(&rest);
    if (rest.size() < kMinOwnPoints)
        return Format("Keep at least %d points: the lab needs some to train on and some to validate.", kMinOwnPoints);
    if (std::string err = CheckOwnData(rest); !err.empty())
        return Format("That is the last point of its class: without it every point would be class %d, and the lab "
                      "needs points of at least two classes.", static_cast<int>(rest.y[0]));
    *d = std::move(rest);
    return "";
}

} // namespace downhill
