// formula_fuzz.cpp: a random-input driver for the formula parser and interpreter
// (src/core/formula.hpp). Each round builds a text (random bytes, random tokens, or a
// valid formula with a few bytes changed), compiles it as a curve and as a surface, and
// evaluates what compiles at random points. It checks that every refusal names a
// position, that nothing takes long, and (built with the sanitize preset) that no memory
// error or undefined behaviour occurs.
//
//   formula_fuzz [--seconds T] [--iterations N] [--seed S]
// Stops after T seconds (default 3) or N rounds, whichever comes first; exit status 1 on a
// failed check. scripts/test runs it briefly; `scripts/test --fuzz 300` runs it for five
// minutes under AddressSanitizer + UndefinedBehaviorSanitizer.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/formula.hpp"
#include "core/landscape1d.hpp"
#include "core/random.hpp"

using namespace downhill;
using Clock = std::chrono::steady_clock;

namespace {

const char* kTokens[] = {"x", "y", "pi", "e", "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid",
                         "min", "max", "(", ")", ",", "+", "-", "*", "/", "^", " ", "0", "1", "2.5", ".5", "1e3",
                         "1e400", "1e-400", "9999999", "sinn", "alert", "<", ">", "\xC3\x97", "\xE2\x88\x92",
                         "\xCF\x80", "\xC2\xB2", "\xFF", "\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\0"};
const char* kSeeds[] = {"0.12*x^2 + sin(2.4*x) + 0.3*cos(5*x)", "x^4 - 3*x^2", "log(1 + x^2) * exp(-x)",
                        "min(x, y)^2 + max(x*y, 1)", "sigmoid(x) - tanh(y/2) + sqrt(abs(x) + 1)", "(x - 1)^2 + 10*(y - x^2)^2",
                        "2^x / (1 + e^-y)", "tan(x) + 1/x - x^-2 + x^0.5"};

std::string RandomText(SplitMix64& r) {
    const auto pick = [&](size_t n) { return static_cast<size_t>(r.Uniform() * static_cast<double>(n)); };
    std::string s;
    switch (pick(3)) {
    case 0: { // random bytes
        const size_t n = pick(64);
        for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(pick(256)));
        break;
    }
    case 1: { // random tokens, sometimes many
        const size_t n = pick(4) == 0 ? pick(400) : pick(40);
        for (size_t i = 0; i < n; ++i) {
            const char* t = kTokens[pick(sizeof kTokens / sizeof *kTokens)];
            s += *t ? std::string(t) : std::string(1, '\0');
        }
        break;
    }
    default: { // a valid formula with a few bytes changed, inserted or removed
        s = kSeeds[pick(sizeof kSeeds / sizeof *kSeeds)];
        const size_t edits = 1 + pick(4);
        for (size_t k = 0; k < edits && !s.empty(); ++k) {
            const size_t at = pick(s.size());
            const size_t what = pick(3);
            if (what == 0) s[at] = static_cast<char>(pick(256));
            else if (what == 1) s.insert(at, kTokens[pick(sizeof kTokens / sizeof *kTokens - 1)]);
            else s.erase(at, 1);
        }
        break;
    }
    }
    return s;
}

bool NamesAPosition(const std::string& msg) {
    for (size_t i = msg.find(" at "); i != std::string::npos; i = msg.find(" at ", i + 1))
        if (i + 4 < msg.size() && msg[i + 4] >= '0' && msg[i + 4] <= '9') return true;
    return false;
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 3;
    long iterations = -1;
    std::uint64_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--iterations")) iterations = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
    }
    SplitMix64 r{seed};
    const auto t0 = Clock::now();
    long rounds = 0, compiled = 0, failures = 0;
    double slowest_ms = 0;
    // One round: both readings of the text and their evaluations.
    const auto round = [&](const std::string& text) {
        for (int vars = 1; vars <= 2; ++vars) {
            const auto a = Clock::now();
            Formula f;
            const std::string err = Formula::Compile(text, vars, &f);
            if (!err.empty()) {
                if (!NamesAPosition(err)) {
                    std::fprintf(stderr, "message without a position: %s\n", err.c_str());
                    ++failures;
                }
            } else {
                ++compiled;
                for (int p = 0; p < 8; ++p) {
                    const double x = (r.Uniform() - 0.5) * (p < 4 ? 10 : 1e6), y = (r.Uniform() - 0.5) * 10;
                    double v, d;
                    Jet1 j1;
                    Jet2 j2;
                    FormulaIssue is;
                    f.Value(x, y, &is);
                    if (vars == 1) {
                        f.Slope(x, &v, &d);
                        is = f.Eval(x, &j1);
                        if (is.ok() && !std::isfinite(j1.v)) { std::fprintf(stderr, "ok but not finite: %s\n", text.c_str()); ++failures; }
                    } else {
                        is = f.Eval(x, y, &j2);
                        if (is.ok() && !std::isfinite(j2.v)) { std::fprintf(stderr, "ok but not finite: %s\n", text.c_str()); ++failures; }
                    }
                    if (!is.ok() && FormulaIssueMessage(is, "x = 1").empty()) ++failures;
                }
                if (vars == 1) {
                    FormulaCurve1D c;
                    if (FormulaCurve1D::Make(text, -3, 3, &c).empty()) Stationary1D(c, 200);
                }
            }
            (void)a;
        }
    };
    while ((iterations < 0 || rounds < iterations) &&
           std::chrono::duration<double>(Clock::now() - t0).count() < seconds) {
        const std::string text = RandomText(r);
        const auto a = Clock::now();
        round(text);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - a).count();
        // A slow round on a busy machine may just have waited for the processor: timed
        // again, the best of three counts.
        for (int again = 0; again < 3 && ms > 100; ++again) {
            const auto b = Clock::now();
            round(text);
            ms = std::min(ms, std::chrono::duration<double, std::milli>(Clock::now() - b).count());
        }
        if (ms > slowest_ms) slowest_ms = ms;
        ++rounds;
    }
    std::printf("formula_fuzz: %ld rounds (%ld compiled) in %.1f s, slowest %.2f ms, %ld failed checks\n", rounds, compiled,
                std::chrono::duration<double>(Clock::now() - t0).count(), slowest_ms, failures);
    if (slowest_ms > 100) {
        std::printf("formula_fuzz: a round took more than 100 ms\n");
        return 1;
    }
    return failures ? 1 : 0;
}
