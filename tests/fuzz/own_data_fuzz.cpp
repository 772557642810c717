// own_data_fuzz.cpp: a random-input driver for the readers of the learner's own points
// (src/core/train/own_data.hpp). Each round builds a text (random bytes, random pieces of
// CSV, or a good CSV with a few bytes changed) and reads it as a CSV and as a link. It
// checks that every refusal names its line or point (or is one of the whole-text
// messages) in valid UTF-8, that what is accepted keeps the rules and reads back the same
// after writing, that nothing takes long, and (built with the sanitize preset) that no
// memory error or undefined behaviour occurs.
//
//   own_data_fuzz [--seconds T] [--iterations N] [--seed S]
// Stops after T seconds (default 3) or N rounds, whichever comes first; exit status 1 on a
// failed check.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/random.hpp"
#include "core/train/own_data.hpp"
#include "fuzz_driver.hpp"

using namespace downhill;
using Clock = std::chrono::steady_clock;

namespace {

const char* kPieces[] = {"0", "1", "2", "3", "-", "+", ".", "e", "E", "5", "12.5", "-0.25", "1e3", "1e400", "-1e400",
                         "1e-400", "nan", "NaN", "inf", "0x1p3", "999", "1000", "1001", ",", ",", ";", "\t", " ", "\n",
                         "\n", "\r\n", "\r", "\"", "x,y,label\n", "cat", "</script>", "\xEF\xBB\xBF", "\xC3\xA9",
                         "\xFF", "\x80", "\xE2\x88\x92", "_", "_", "\0"};
const char* kGood[] = {"x,y,label\n-3,2,0\n-4,-1,0\n-2,-3,0\n3,2,1\n4,-1,1\n2,-3,1\n0.5,5.25,2\n"};

bool StartsWith(const std::string& s, const char* p) { return s.compare(0, std::strlen(p), p) == 0; }

// "<prefix><digits>" at the start of s.
bool Numbered(const std::string& s, const char* prefix) {
    const size_t n = std::strlen(prefix);
    return StartsWith(s, prefix) && s.size() > n && s[n] >= '1' && s[n] <= '9';
}

bool ValidUtf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size() || (len == 1 && c < 0x20)) return false;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

bool WholeTextMessage(const std::string& e) {
    return StartsWith(e, "No points yet") || StartsWith(e, "Only ") || StartsWith(e, "Every point is class") ||
           StartsWith(e, "The text is too long");
}

} // namespace

int main(int argc, char** argv) {
    const fuzz::Options o = fuzz::ParseOptions(argc, argv);
    const fuzz::TextKinds kinds{kPieces, sizeof kPieces / sizeof *kPieces, kGood, 1, 96, 80, 3000, 8};
    const auto t0 = Clock::now();
    long accepted = 0, failures = 0;
    const auto fail = [&](const char* what, const std::string& text, const std::string& msg) {
        std::fprintf(stderr, "%s: %s\n  text (%zu bytes): %.80s\n", what, msg.c_str(), text.size(), text.c_str());
        ++failures;
    };
    const auto round = [&](const std::string& text, SplitMix64&) {
        Dataset d;
        const std::string e = ReadOwnCsv(text, &d);
        if (!ValidUtf8(e)) fail("CSV message not valid UTF-8", text, e);
        if (e.empty()) {
            ++accepted;
            if (!CheckOwnData(d).empty()) fail("accepted CSV breaks the rules", text, CheckOwnData(d));
            Dataset back;
            if (!ReadOwnCsv(WriteOwnCsv(d), &back).empty() || back.x != d.x || back.y != d.y || back.classes != d.classes)
                fail("CSV does not read back", text, WriteOwnCsv(d));
            const std::string link = WriteOwnLink(d);
            Dataset l;
            if (d.size() <= kMaxLinkPoints && (!ReadOwnLink(link, &l).empty() || l.size() != d.size() || WriteOwnLink(l) != link))
                fail("link does not read back", text, link);
        } else if (!Numbered(e, "Line ") && !WholeTextMessage(e)) {
            fail("CSV message names no line", text, e);
        }
        Dataset k;
        const std::string f = ReadOwnLink(text, &k);
        if (!ValidUtf8(f)) fail("link message not valid UTF-8", text, f);
        if (f.empty() && !CheckOwnData(k).empty()) fail("accepted link breaks the rules", text, CheckOwnData(k));
        if (!f.empty() && !Numbered(f, "Point ") && !StartsWith(f, "The points in the link") && !StartsWith(f, "The link holds"))
            fail("link message names no point", text, f);
    };
    double slowest_ms = 0;
    const long rounds = fuzz::RunRounds(o, kinds, round, &slowest_ms);
    std::printf("own_data_fuzz: %ld rounds (%ld accepted) in %.1f s, slowest %.2f ms, %ld failed checks\n", rounds, accepted,
                std::chrono::duration<double>(Clock::now() - t0).count(), slowest_ms, failures);
    // A round reads at most a few thousand values: 100 ms natively; the sanitizers' checks
    // on every memory access make the same work several times slower.
#if defined(__SANITIZE_ADDRESS__)
    constexpr double kLimitMs = 400;
#else
    constexpr double kLimitMs = 100;
#endif
    if (slowest_ms > kLimitMs) {
        std::printf("own_data_fuzz: a round took more than %.0f ms\n", kLimitMs);
        return 1;
    }
    return failures ? 1 : 0;
}
