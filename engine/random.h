// Random: our own generator (xoshiro256**) and distributions. std::*_distribution gives
// different numbers on different standard libraries, so none is used; probabilities are
// integer ratios, and the floating-point ones use only IEEE basic operations (det_math.h).
//
// Streams: every subsystem and client draws from its own stream, derived from the seed and
// a name, never from another stream's state. Adding a stream, or drawing more from one,
// never shifts the draws of another (docs/engine.md gives the derivation).
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/time.h"

namespace kafkasim::engine {

class Random {
public:
    // The root stream of a run. Seeds are non-negative integers below 2^53.
    static Random from_seed(std::uint64_t seed);

    // A child stream named `name`; depends only on this stream's key and the name.
    Random split(std::string_view name) const;

    std::uint64_t next_u64();

    // Uniform in [0, n); n > 0. Unbiased (Lemire's multiply with rejection).
    std::uint64_t uniform(std::uint64_t n);
    // Uniform in [lo, hi], inclusive; lo <= hi.
    std::int64_t uniform_between(std::int64_t lo, std::int64_t hi);
    // True with probability numerator/denominator; 0 <= numerator <= denominator, denominator > 0.
    bool chance(std::uint64_t numerator, std::uint64_t denominator);
    // Uniform double in [0, 1) with 53 random bits.
    double unit();
    // Exponential with the given mean, rounded down to whole microseconds.
    Duration exponential(Duration mean);
    // Normal(mean, stddev) redrawn until inside [lo, hi] (clamped after 64 rejections, so a
    // window far in a tail still terminates); rounded down to whole microseconds.
    Duration bounded_normal(Duration mean, Duration stddev, Duration lo, Duration hi);

    std::uint64_t key() const { return key_; }

private:
    explicit Random(std::uint64_t key);
    double standard_normal();

    std::uint64_t key_;
    std::uint64_t s_[4];
};

// Fowler–Noll–Vo 1a, 64-bit: names streams and hashes the trace (docs/trace.md).
constexpr std::uint64_t fnv1a64_basis = 14695981039346656037ull;
constexpr std::uint64_t fnv1a64_prime = 1099511628211ull;
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = fnv1a64_basis) {
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= fnv1a64_prime;
    }
    return h;
}

}  // namespace kafkasim::engine
