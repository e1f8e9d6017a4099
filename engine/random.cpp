#include "engine/random.h"

#include <cmath>

#include "engine/assert.h"
#include "engine/det_math.h"

namespace kafkasim::engine {

namespace {

__extension__ typedef unsigned __int128 u128;

std::uint64_t splitmix64(std::uint64_t& state) {
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t x) {
    std::uint64_t state = x;
    return splitmix64(state);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Random::Random(std::uint64_t key) : key_(key) {
    std::uint64_t sm = key;
    for (auto& word : s_) word = splitmix64(sm);
}

Random Random::from_seed(std::uint64_t seed) {
    SIM_ASSERT(seed < (1ull << 53), "seeds are below 2^53");
    return Random(mix(seed ^ fnv1a64("kafkasim")));
}

Random Random::split(std::string_view name) const { return Random(mix(key_ ^ fnv1a64(name))); }

std::uint64_t Random::next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

std::uint64_t Random::uniform(std::uint64_t n) {
    SIM_ASSERT(n > 0, "uniform(n) needs n > 0");
    u128 m = static_cast<u128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<u128>(next_u64()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t Random::uniform_between(std::int64_t lo, std::int64_t hi) {
    SIM_ASSERT(lo <= hi, "uniform_between needs lo <= hi");
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (span == ~0ull) return static_cast<std::int64_t>(next_u64());
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + uniform(span + 1));
}

bool Random::chance(std::uint64_t numerator, std::uint64_t denominator) {
    SIM_ASSERT(denominator > 0 && numerator <= denominator, "chance needs 0 <= p <= 1");
    return uniform(denominator) < numerator;
}

double Random::unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

Duration Random::exponential(Duration mean) {
    SIM_ASSERT(mean >= Duration::zero(), "exponential needs a non-negative mean");
    // u in (0, 1], so the logarithm is finite.
    const double u = static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53;
    const double x = -static_cast<double>(mean.count_us()) * det_log(u);
    return Duration::us(static_cast<std::int64_t>(x));
}

double Random::standard_normal() {
    // Marsaglia's polar method: only log and sqrt, and IEEE sqrt is exactly rounded.
    for (;;) {
        const double u = 2.0 * unit() - 1.0;
        const double v = 2.0 * unit() - 1.0;
        const double s = u * u + v * v;
        if (s >= 1.0 || s == 0.0) continue;
        return u * std::sqrt(-2.0 * det_log(s) / s);
    }
}

Duration Random::bounded_normal(Duration mean, Duration stddev, Duration lo, Duration hi) {
    SIM_ASSERT(lo <= hi, "bounded_normal needs lo <= hi");
    const double m = static_cast<double>(mean.count_us());
    const double sd = static_cast<double>(stddev.count_us());
    for (int attempt = 0; attempt < 64; ++attempt) {
        const double x = m + sd * standard_normal();
        const double lo_d = static_cast<double>(lo.count_us());
        const double hi_d = static_cast<double>(hi.count_us());
        if (x >= lo_d && x <= hi_d) return Duration::us(static_cast<std::int64_t>(std::floor(x)));
    }
    return mean < lo ? lo : (mean > hi ? hi : mean);
}

}  // namespace kafkasim::engine
