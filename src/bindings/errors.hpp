// errors.hpp: how a refused argument reaches JavaScript: as a RangeError with the core's
// own message. Shared by every bindings file.
//
// Nothing is thrown through wasm (a throw there would skip destructors and leave the
// stack pointer moved). A refusing binding records its message with Refuse() and returns
// at once, leaving the object as it was; the module's JavaScript layer (api.js) sees the
// record after the call has returned normally and throws the RangeError there:
//     void SetX(Model& m, double x) { if (Refused(m.SetX(x))) Refuse(); }
//     val Trail(const Model& m, int i) { if (RefuseIf(i < 0, "...")) return val::null(); ... }
#pragma once
#include <emscripten/em_asm.h>
#include <emscripten/val.h>

#include <cstdio>
#include <string>

namespace downhill::bind {

// The message of a refusal being prepared (kept by Refused() or a Reader until Refuse()).
struct Refusal {
    char message[512];
};
inline char* PendingError() { static Refusal r{}; return r.message; }
// True when the kept message is about a value of the wrong type (thrown as a TypeError).
inline bool& PendingIsTypeError() { static bool t = false; return t; }
// Keeps `err` as the message; true when there is one.
inline bool Refused(const std::string& err) {
    if (err.empty()) return false;
    std::snprintf(PendingError(), sizeof(Refusal::message), "%s", err.c_str());
    PendingIsTypeError() = false;
    return true;
}
// Hands the kept message to api.js as this call's refusal; the caller returns right after.
inline void Refuse() {
    // The record: "T" (TypeError) or "R" (RangeError), then the message.
    EM_ASM({ Module['__refusal'] = ($1 ? 'T' : 'R') + UTF8ToString($0); }, PendingError(), int(PendingIsTypeError()));
    PendingIsTypeError() = false;
}
// Refuses with `msg` (a string literal) when `bad` holds; true then, and the caller returns.
[[nodiscard]] inline bool RefuseIf(bool bad, const char* msg) {
    if (!bad) return false;
    std::snprintf(PendingError(), sizeof(Refusal::message), "%s", msg);
    PendingIsTypeError() = false;
    Refuse();
    return true;
}

} // namespace downhill::bind
