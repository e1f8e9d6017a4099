#include "sim/producer/backoff.h"

#include <algorithm>

namespace kafkasim::producer {

engine::Duration backoff(const BackoffPolicy& policy, std::int32_t failures, engine::Random& random) {
    const std::int64_t base = policy.base.count_us();
    const std::int64_t max = std::max(policy.max.count_us(), base);
    if (max == base) return policy.base;  // Kafka: no exponent when max <= base, and no jitter
    std::int64_t term = base;
    for (std::int32_t i = 0; i < failures && term < max; ++i) term *= 2;
    term = std::min(term, max);
    // Jitter j: a factor uniform in [1000 - j, 1000 + j) thousandths.
    const std::int64_t j = policy.jitter_permille;
    const std::int64_t factor =
        j <= 0 ? 1000 : 1000 - j + static_cast<std::int64_t>(random.uniform(static_cast<std::uint64_t>(2 * j)));
    return engine::Duration::us(std::min(term * factor / 1000, max));
}

}  // namespace kafkasim::producer
