// Simulated time: integer microseconds in distinct types, so that a point in time and a
// length of time never mix and no floating-point epsilon ever decides an ordering.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace kafkasim::engine {

class Duration {
public:
    constexpr Duration() = default;
    static constexpr Duration us(std::int64_t n) { return Duration{n}; }
    static constexpr Duration ms(std::int64_t n) { return Duration{n * 1000}; }
    static constexpr Duration s(std::int64_t n) { return Duration{n * 1000 * 1000}; }
    static constexpr Duration zero() { return Duration{0}; }
    static constexpr Duration max() { return Duration{std::numeric_limits<std::int64_t>::max()}; }

    constexpr std::int64_t count_us() const { return us_; }
    // Truncates toward zero, as scenario files speak whole milliseconds.
    constexpr std::int64_t count_ms() const { return us_ / 1000; }

    constexpr auto operator<=>(const Duration&) const = default;
    constexpr Duration operator+(Duration o) const { return Duration{us_ + o.us_}; }
    constexpr Duration operator-(Duration o) const { return Duration{us_ - o.us_}; }
    constexpr Duration operator*(std::int64_t k) const { return Duration{us_ * k}; }
    constexpr Duration operator/(std::int64_t k) const { return Duration{us_ / k}; }
    constexpr Duration& operator+=(Duration o) { us_ += o.us_; return *this; }
    constexpr Duration& operator-=(Duration o) { us_ -= o.us_; return *this; }

private:
    constexpr explicit Duration(std::int64_t us) : us_(us) {}
    std::int64_t us_ = 0;
};

class Instant {
public:
    constexpr Instant() = default;
    static constexpr Instant zero() { return Instant{0}; }
    static constexpr Instant from_us(std::int64_t us) { return Instant{us}; }
    static constexpr Instant from_ms(std::int64_t ms) { return Instant{ms * 1000}; }
    static constexpr Instant max() { return Instant{std::numeric_limits<std::int64_t>::max()}; }

    constexpr std::int64_t us() const { return us_; }
    constexpr std::int64_t ms() const { return us_ / 1000; }
    constexpr Duration since_start() const { return Duration::us(us_); }

    constexpr auto operator<=>(const Instant&) const = default;
    constexpr Instant operator+(Duration d) const { return Instant{us_ + d.count_us()}; }
    constexpr Instant operator-(Duration d) const { return Instant{us_ - d.count_us()}; }
    constexpr Duration operator-(Instant o) const { return Duration::us(us_ - o.us_); }
    constexpr Instant& operator+=(Duration d) { us_ += d.count_us(); return *this; }

private:
    constexpr explicit Instant(std::int64_t us) : us_(us) {}
    std::int64_t us_ = 0;
};

}  // namespace kafkasim::engine
