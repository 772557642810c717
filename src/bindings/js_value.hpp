// js_value.hpp: reading settings objects handed in from JavaScript, with type checks:
// a wrong type or an unknown name becomes a readable RangeError, never an abort.
#pragma once
#include <emscripten/val.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bindings/errors.hpp"

namespace downhill::bind {

inline bool Has(const emscripten::val& o, const char* key) {
    return o.typeOf().as<std::string>() == "object" && !o.isNull() && !o[key].isUndefined();
}
inline std::string TypeOf(const emscripten::val& v) { return v.typeOf().as<std::string>(); }

// obj[key] as a finite number, or `def` when absent; a non-number throws a RangeError.
inline double Number(const emscripten::val& o, const char* key, double def) {
    if (!Has(o, key)) return def;
    const emscripten::val v = o[key];
    if (TypeOf(v) != "number" || !std::isfinite(v.as<double>())) {
        std::snprintf(PendingError(), 512, "“%s” must be a finite number.", key);
        ThrowPending();
    }
    return v.as<double>();
}
// obj[key] as a whole number within [lo, hi], or `def` when absent.
inline int Integer(const emscripten::val& o, const char* key, int def, int lo, int hi) {
    const double d = Number(o, key, def);
    if (d != std::floor(d) || d < lo || d > hi) {
        std::snprintf(PendingError(), 512, "“%s” must be a whole number from %d to %d.", key, lo, hi);
        ThrowPending();
    }
    return int(d);
}
// obj[key] as a string (at most 200 characters), or `def` when absent.
inline std::string String(const emscripten::val& o, const char* key, const char* def) {
    if (!Has(o, key)) return def;
    const emscripten::val v = o[key];
    if (TypeOf(v) != "string") {
        std::snprintf(PendingError(), 512, "“%s” must be a string.", key);
        ThrowPending();
    }
    std::string s = v.as<std::string>();
    if (s.size() > 200) {
        std::snprintf(PendingError(), 512, "“%s” is too long.", key);
        ThrowPending();
    }
    return s;
}
// obj[key] as a boolean, or `def` when absent.
inline bool Bool(const emscripten::val& o, const char* key, bool def) {
    if (!Has(o, key)) return def;
    const emscripten::val v = o[key];
    if (TypeOf(v) != "boolean") {
        std::snprintf(PendingError(), 512, "“%s” must be true or false.", key);
        ThrowPending();
    }
    return v.as<bool>();
}
// Throws "Unknown <what> “name”." when a name parser failed.
[[noreturn]] inline void Unknown(const char* what, const std::string& name) {
    std::snprintf(PendingError(), 512, "Unknown %s “%.60s”.", what, name.c_str());
    ThrowPending();
}

// A Float64Array copy of a vector (the JS side owns it; no view into wasm memory survives).
inline emscripten::val F64(const std::vector<double>& v) {
    return emscripten::val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}
template <class T>
inline emscripten::val Typed(const char* ctor, const std::vector<T>& v) {
    return emscripten::val::global(ctor).new_(emscripten::typed_memory_view(v.size(), v.data()));
}
// A JS array of numbers (or a typed array) into a vector, at most `max` finite values.
inline std::vector<double> NumbersFrom(const emscripten::val& a, const char* what, size_t max) {
    if (a.isUndefined() || a.isNull() || !a["length"].isNumber()) {
        std::snprintf(PendingError(), 512, "%s must be an array of numbers.", what);
        ThrowPending();
    }
    const size_t n = a["length"].as<size_t>();
    if (n > max) {
        std::snprintf(PendingError(), 512, "%s has too many values (at most %zu).", what, max);
        ThrowPending();
    }
    std::vector<double> out(n);
    for (size_t i = 0; i < n; ++i) {
        const emscripten::val v = a[i];
        if (!v.isNumber() || !std::isfinite(v.as<double>())) {
            std::snprintf(PendingError(), 512, "%s must hold finite numbers only.", what);
            ThrowPending();
        }
        out[i] = v.as<double>();
    }
    return out;
}

} // namespace downhill::bind
