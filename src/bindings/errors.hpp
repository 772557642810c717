// errors.hpp: how a refused argument reaches JavaScript: as a RangeError with the core's
// own message. Shared by every bindings file.
#pragma once
#include <emscripten/val.h>

#include <cstdio>
#include <string>

namespace downhill::bind {

// Keeps `err` for ThrowPending(); true when there is one. Call it so that no C++ object
// owning memory is alive when ThrowPending() unwinds the stack (no destructors run then):
//     if (Refused(core.Set(x))) ThrowPending();
inline char* PendingError() { static char buf[512]; return buf; }
inline bool Refused(const std::string& err) {
    if (err.empty()) return false;
    std::snprintf(PendingError(), 512, "%s", err.c_str());
    return true;
}
// The pending message as a JS string, decoded as UTF-8 (the std::string is gone on return).
inline emscripten::val PendingMessage() { return emscripten::val(std::string(PendingError())); }
[[noreturn]] inline void ThrowPending() {
    const emscripten::val msg = PendingMessage();
    emscripten::val::global("RangeError").new_(msg).throw_();
}
// Throws `msg` (a string literal) as a RangeError when `bad` holds.
inline void RefuseIf(bool bad, const char* msg) {
    if (!bad) return;
    std::snprintf(PendingError(), 512, "%s", msg);
    ThrowPending();
}

} // namespace downhill::bind
