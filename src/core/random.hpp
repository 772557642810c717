// random.hpp: a small seeded random generator that gives the same numbers on every
// platform and standard library (std::*_distribution does not), so a seed in a shared
// link reproduces a run exactly.
//
// Index
//   [SECTION] SplitMix64: a tiny generator; seeds Rng, and draws SGD's gradient noise
//   [SECTION] Rng: xoshiro256** with uniform, integer and Gaussian draws
//   [SECTION] Shuffle: Fisher-Yates on an index array
#pragma once
#include <cmath>
#include <cstdint>

namespace downhill {

//-----------------------------------------------------------------------------
// [SECTION] SplitMix64
//-----------------------------------------------------------------------------

// splitmix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"):
// each draw advances the state by the golden-ratio increment and returns it well mixed.
struct SplitMix64 {
    uint64_t state = 0;

    uint64_t Next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits.
    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    // Mean 0, variance 1, bell-shaped: the sum of four uniforms, centred and scaled
    // (Irwin-Hall). Bounded by +-2*sqrt(3); only + - * are used, so it is exactly
    // reproducible across standard libraries, unlike std::normal_distribution.
    double Normalish() {
        const double s = Uniform() + Uniform() + Uniform() + Uniform();
        return (s - 2.0) * 1.7320508075688772;
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Rng
//-----------------------------------------------------------------------------

// xoshiro256** (Blackman and Vigna, 2018), its 256-bit state filled by SplitMix64.
// `stream` separates independent sequences drawn from the same seed (for example the
// weight initialisation and the per-epoch shuffle of one run).
class Rng {
public:
    explicit Rng(uint64_t seed = 1, uint64_t stream = 0) {
        SplitMix64 sm{seed ^ (stream * 0xD1B54A32D192ED03ull)};
        for (uint64_t& w : s_) w = sm.Next();
    }

    // Next raw 64-bit value.
    uint64_t Next() {
        const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = Rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, 1), 53 random bits.
    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

    // Uniform in [lo, hi).
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

    // Uniform integer in [0, n) without bias (Lemire's multiply-and-reject); 0 when n <= 1.
    uint32_t Below(uint32_t n) {
        if (n <= 1) return 0;
        uint64_t m = static_cast<uint64_t>(static_cast<uint32_t>(Next() >> 32)) * n;
        uint32_t low = static_cast<uint32_t>(m);
        if (low < n) {
            const uint32_t threshold = static_cast<uint32_t>(0u - n) % n;
            while (low < threshold) {
                m = static_cast<uint64_t>(static_cast<uint32_t>(Next() >> 32)) * n;
                low = static_cast<uint32_t>(m);
            }
        }
        return static_cast<uint32_t>(m >> 32);
    }

    // Standard normal (mean 0, variance 1) by the Box-Muller transform; draws come in
    // pairs, the second one is kept for the next call.
    double Gaussian() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double u1 = 1.0 - Uniform(); // (0, 1]: log stays finite
        const double u2 = Uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double theta = 6.283185307179586 * u2;
        spare_ = r * std::sin(theta);
        has_spare_ = true;
        return r * std::cos(theta);
    }

    // Normal with the given mean and standard deviation.
    double Gaussian(double mean, double sd) { return mean + sd * Gaussian(); }

private:
    static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
    double spare_ = 0.0;
    bool has_spare_ = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Shuffle
//-----------------------------------------------------------------------------

// Shuffles idx[0..n-1] in place (Fisher-Yates); every order equally likely.
inline void Shuffle(int* idx, int n, Rng& rng) {
    for (int i = n - 1; i > 0; --i) {
        const int j = static_cast<int>(rng.Below(static_cast<uint32_t>(i) + 1));
        const int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
}

} // namespace downhill
