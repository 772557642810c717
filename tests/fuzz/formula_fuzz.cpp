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
#include "fuzz_driver.hpp"

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

bool NamesAPosition(const std::string& msg) {
    for (size_t i = msg.find(" at "); i != std::string::npos; i = msg.find(" at ", i + 1))
        if (i + 4 < msg.size() && msg[i + 4] >= '0' && msg[i + 4] <= '9') return true;
    return false;
}

} // namespace

int main(int argc, char** argv) {
    const fuzz::Options o = fuzz::ParseOptions(argc, argv);
    const fuzz::TextKinds kinds{kTokens, sizeof kTokens / sizeof *kTokens, kSeeds, sizeof kSeeds / sizeof *kSeeds, 64, 40, 400, 4};
    const auto t0 = Clock::now();
    long compiled = 0, failures = 0;
    // One round: both readings of the text and their evaluations.
    const auto round = [&](const std::string& text, SplitMix64& r) {
        for (int vars = 1; vars <= 2; ++vars) {
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
        }
    };
    double slowest_ms = 0;
    const long rounds = fuzz::RunRounds(o, kinds, round, &slowest_ms);
    std::printf("formula_fuzz: %ld rounds (%ld compiled) in %.1f s, slowest %.2f ms, %ld failed checks\n", rounds, compiled,
                std::chrono::duration<double>(Clock::now() - t0).count(), slowest_ms, failures);
    if (slowest_ms > 100) {
        std::printf("formula_fuzz: a round took more than 100 ms\n");
        return 1;
    }
    return failures ? 1 : 0;
}
