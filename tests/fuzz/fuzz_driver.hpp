// fuzz_driver.hpp: what the random-input drivers in tests/fuzz share: their command line,
// the texts they try (random bytes, random pieces, or a good text with a few bytes
// changed) and the timed loop.
//
//   a_fuzz [--seconds T] [--iterations N] [--seed S]
// Stops after T seconds (default 3) or N rounds, whichever comes first.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/random.hpp"

namespace downhill::fuzz {

struct Options {
    double seconds = 3;     // --seconds
    long iterations = -1;   // --iterations (-1: no limit)
    std::uint64_t seed = 1; // --seed
};

inline Options ParseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds")) o.seconds = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--iterations")) o.iterations = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) o.seed = std::strtoull(argv[i + 1], nullptr, 10);
    }
    return o;
}

// The kinds of text a driver tries, and how long each gets.
struct TextKinds {
    const char* const* pieces; // tokens of the language; the last one is "\0" (a NUL byte)
    size_t piece_count;
    const char* const* seeds;  // good texts to damage
    size_t seed_count;
    size_t max_bytes;          // random bytes: up to this many
    size_t pieces_often;       // random pieces: up to this many,
    size_t pieces_rarely;      // and one time in `rare` up to this many
    size_t rare;
};

// One text: random bytes, random pieces, or a good text with 1-4 bytes changed, inserted
// (a piece) or removed.
inline std::string RandomText(SplitMix64& r, const TextKinds& k) {
    const auto pick = [&](size_t n) { return static_cast<size_t>(r.Uniform() * static_cast<double>(n)); };
    std::string s;
    switch (pick(3)) {
    case 0: {
        const size_t n = pick(k.max_bytes);
        for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(pick(256)));
        break;
    }
    case 1: {
        const size_t n = pick(k.rare) == 0 ? pick(k.pieces_rarely) : pick(k.pieces_often);
        for (size_t i = 0; i < n; ++i) {
            const char* t = k.pieces[pick(k.piece_count)];
            s += *t ? std::string(t) : std::string(1, '\0');
        }
        break;
    }
    default: {
        s = k.seeds[pick(k.seed_count)];
        const size_t edits = 1 + pick(4);
        for (size_t e = 0; e < edits && !s.empty(); ++e) {
            const size_t at = pick(s.size());
            const size_t what = pick(3);
            if (what == 0) s[at] = static_cast<char>(pick(256));
            else if (what == 1) s.insert(at, k.pieces[pick(k.piece_count - 1)]);
            else s.erase(at, 1);
        }
        break;
    }
    }
    return s;
}

// Runs round(text) on new texts until the options say stop; returns the rounds run and
// sets *slowest_ms to the slowest round. A slow round on a busy machine may just have
// waited for the processor: timed again, the best of three counts.
template <class Round>
long RunRounds(const Options& o, const TextKinds& kinds, Round&& round, double* slowest_ms) {
    using Clock = std::chrono::steady_clock;
    SplitMix64 r{o.seed};
    const auto t0 = Clock::now();
    long rounds = 0;
    *slowest_ms = 0;
    while ((o.iterations < 0 || rounds < o.iterations) && std::chrono::duration<double>(Clock::now() - t0).count() < o.seconds) {
        const std::string text = RandomText(r, kinds);
        double ms = 1e300;
        for (int attempt = 0; attempt < 4 && ms > 100; ++attempt) {
            const auto a = Clock::now();
            round(text, r);
            ms = std::min(ms, std::chrono::duration<double, std::milli>(Clock::now() - a).count());
        }
        *slowest_ms = std::max(*slowest_ms, ms);
        ++rounds;
    }
    return rounds;
}

} // namespace downhill::fuzz
