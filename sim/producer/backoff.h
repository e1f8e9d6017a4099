// Exponential backoff with jitter (KIP-580, Kafka's ExponentialBackoff as the 3.7+ clients use
// it for retry.backoff.ms / retry.backoff.max.ms and reconnect.backoff.ms / .max.ms):
// base * 2^failures, capped at max, times a random factor in [1 - jitter, 1 + jitter) (jitter
// 0.2 for the clients; a broker's BrokerLifecycleManager uses 0.02), capped at max again.
// Integer arithmetic on the caller's own stream: no std distribution, no floating point.
#pragma once

#include <cstdint>

#include "engine/random.h"
#include "engine/time.h"

namespace kafkasim::producer {

struct BackoffPolicy {
    engine::Duration base;
    engine::Duration max;
    std::int32_t jitter_permille = 200;  // the random factor's half-width, in thousandths
};

// `failures` counts earlier failures: 0 gives about `base`.
engine::Duration backoff(const BackoffPolicy& policy, std::int32_t failures, engine::Random& random);

}  // namespace kafkasim::producer
