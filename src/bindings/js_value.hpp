// js_value.hpp: reading settings objects handed in from JavaScript, with type checks.
//
// A Reader never throws: the first problem (a wrong type, a value out of range, an
// unknown name) is kept as the pending error and later reads return their defaults.
// The binding function checks reader.failed and refuses (bind::Refuse) before changing
// anything, so a refused call leaves the object as it was:
//     void Configure(T& t, val cfg) { if (ConfigureImpl(t, cfg)) bind::Refuse(); }
#pragma once
#include <emscripten/val.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bindings/errors.hpp"

namespace downhill::bind {

inline std::string TypeOf(const emscripten::val& v) { return v.typeOf().as<std::string>(); }
inline bool Has(const emscripten::val& o, const char* key) {
    return !o.isNull() && !o.isUndefined() && TypeOf(o) == "object" && !o[key].isUndefined();
}

struct Reader {
    bool failed = false; // a problem was found; PendingError() says which

    // Records the first problem only.
    void Fail(const char* msg) { Fail("%s", msg); }
    template <class... A>
    void Fail(const char* fmt, A... args) {
        if (failed) return;
        failed = true;
        std::snprintf(PendingError(), sizeof(Refusal::message), fmt, args...);
        PendingIsTypeError() = false;
    }
    // Records a value of the wrong type (refused as a TypeError).
    void TypeFail(const char* msg, const char* key) {
        if (failed) return;
        Fail(msg, key);
        PendingIsTypeError() = true;
    }
    // o[key] as a finite number, or `def` when absent.
    double Number(const emscripten::val& o, const char* key, double def) {
        if (failed || !Has(o, key)) return def;
        const emscripten::val v = o[key];
        if (!v.isNumber()) { TypeFail("“%s” must be a number.", key); return def; }
        if (!std::isfinite(v.as<double>())) { Fail("“%s” must be a finite number.", key); return def; }
        return v.as<double>();
    }
    // o[key] as a whole number in [lo, hi], or `def` when absent.
    int Integer(const emscripten::val& o, const char* key, int def, int lo, int hi) {
        const double d = Number(o, key, def);
        if (failed) return def;
        if (d != std::floor(d) || d < lo || d > hi) { Fail("“%s” must be a whole number from %d to %d.", key, lo, hi); return def; }
        return int(d);
    }
    // o[key] as an object of settings, or an empty object when absent.
    emscripten::val Object(const emscripten::val& o, const char* key) {
        if (failed || !Has(o, key)) return emscripten::val::object();
        const emscripten::val v = o[key];
        if (TypeOf(v) != "object" || v.isNull() || v.isArray()) { TypeFail("“%s” must be an object of settings.", key); return emscripten::val::object(); }
        return v;
    }
    // o[key] as a string of at most 200 characters, or `def` when absent.
    std::string String(const emscripten::val& o, const char* key, const char* def) {
        if (failed || !Has(o, key)) return def;
        const emscripten::val v = o[key];
        if (!v.isString()) { TypeFail("“%s” must be a string.", key); return def; }
        std::string s = v.as<std::string>();
        if (s.size() > 200) { Fail("“%s” is too long.", key); return def; }
        return s;
    }
    // o[key] as true/false, or `def` when absent.
    bool Bool(const emscripten::val& o, const char* key, bool def) {
        if (failed || !Has(o, key)) return def;
        const emscripten::val v = o[key];
        if (!v.isTrue() && !v.isFalse()) { TypeFail("“%s” must be true or false.", key); return def; }
        return v.isTrue();
    }
    // Records "Unknown <what> “name”." (for a name a parser did not know).
    void Unknown(const char* what, const std::string& name) { Fail("Unknown %s “%.60s”.", what, name.c_str()); }
    // A JS array (or typed array) of at most `max` finite numbers.
    std::vector<double> Numbers(const emscripten::val& a, const char* what, size_t max) {
        std::vector<double> out;
        if (failed) return out;
        if (a.isUndefined() || a.isNull() || !a["length"].isNumber()) { Fail("%s must be an array of numbers.", what); return out; }
        const size_t n = a["length"].as<size_t>();
        if (n > max) { Fail("%s has too many values (at most %zu).", what, max); return out; }
        out.resize(n);
        // A Float64Array (what the API's checking layer hands on) is copied in one go.
        if (a.instanceof(emscripten::val::global("Float64Array"))) {
            emscripten::val(emscripten::typed_memory_view(n, out.data())).call<void>("set", a);
            for (size_t i = 0; i < n; ++i) {
                if (!std::isfinite(out[i])) { Fail("%s must hold finite numbers only.", what); out.clear(); return out; }
            }
            return out;
        }
        for (size_t i = 0; i < n; ++i) {
            const emscripten::val v = a[i];
            if (!v.isNumber() || !std::isfinite(v.as<double>())) { Fail("%s must hold finite numbers only.", what); out.clear(); return out; }
            out[i] = v.as<double>();
        }
        return out;
    }
};

// A Float64Array (or other typed array) copy of a vector: nothing points into wasm memory.
inline emscripten::val F64(const std::vector<double>& v) {
    return emscripten::val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}
template <class T>
inline emscripten::val Typed(const char* ctor, const std::vector<T>& v) {
    return emscripten::val::global(ctor).new_(emscripten::typed_memory_view(v.size(), v.data()));
}

} // namespace downhill::bind
