// number.hpp: the one number format of the canvases, character for character the pages'
// (formatNumber in web/schema.js; tests/node/number_format.test.js holds them together):
// at most `decimals` decimals with trailing zeros dropped ("0.23", "−2"), a typographic
// minus, and beyond 10⁵ or below 10⁻⁴ (or where the decimals would round the number to
// zero) three significant digits times a power of ten ("7.4 × 10⁻¹⁰"). Halves round away
// from zero, as the pages' toFixed and toExponential do.
//
//   char t[40]; FormatNumber(t, sizeof t, 0.2300, 4);   // "0.23"
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace downhill::views {

namespace number_detail {

// Rounds the decimal digits in s (a digit string with at most one '.') at position `keep`
// (the count of characters kept), half away from zero, given the first dropped digit.
inline void RoundUp(std::string& s) {
    for (int i = int(s.size()) - 1; i >= 0; --i) {
        if (s[i] == '.') continue;
        if (s[i] != '9') { ++s[i]; return; }
        s[i] = '0';
    }
    s.insert(s.begin(), '1');
}
inline void TrimZeros(std::string& s) {
    if (s.find('.') == std::string::npos) return;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
}
// |v| with d decimals, exactly rounded half up (the digits past d come from a long print).
inline std::string Fixed(double a, int d) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", d + 40, a);
    std::string s(buf);
    const size_t dot = s.find('.');
    const char next = s[dot + 1 + d];
    s.resize(d > 0 ? dot + 1 + d : dot);
    if (next >= '5') RoundUp(s);
    return s;
}
inline const char* Superscript(char c) {
    static const char* const digits[10] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                           "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
    return c == '-' ? "\u207b" : (c >= '0' && c <= '9') ? digits[c - '0'] : "";
}

} // namespace number_detail

inline std::string FormatNumber(double v, int decimals = 4) {
    using namespace number_detail;
    if (std::isnan(v)) return "not a number";
    if (std::isinf(v)) return v > 0 ? "infinite" : "minus infinity";
    const int d = decimals < 0 ? 0 : decimals > 10 ? 10 : decimals;
    const double a = std::fabs(v);
    std::string s;
    std::string fixed = Fixed(a, d);
    const bool rounds_to_zero = fixed.find_first_not_of("0.") == std::string::npos;
    if (a != 0 && (a >= 1e5 || a < 1e-4 || rounds_to_zero)) {
        char buf[80];
        std::snprintf(buf, sizeof buf, "%.40e", a);
        const char* e = std::strchr(buf, 'e');
        int exp = std::atoi(e + 1);
        std::string m(buf, 4); // "d.dd"
        if (buf[4] >= '5') RoundUp(m);
        if (m.size() > 4) { m = "1.00"; ++exp; } // 9.995 -> 10.00
        TrimZeros(m);
        s = m + " \u00d7 10";
        char ex[16];
        std::snprintf(ex, sizeof ex, "%d", exp);
        for (const char* c = ex; *c; ++c) s += Superscript(*c);
    } else {
        TrimZeros(fixed);
        s = fixed;
    }
    if (v < 0 && s != "0") s = "\u2212" + s;
    return s;
}

// FormatNumber into a buffer (cut to fit, always terminated).
inline void FormatNumber(char* buf, size_t n, double v, int decimals = 4) {
    if (!buf || n == 0) return;
    const std::string s = FormatNumber(v, decimals);
    const size_t k = s.size() < n - 1 ? s.size() : n - 1;
    std::memcpy(buf, s.data(), k);
    buf[k] = 0;
}

} // namespace downhill::views
