// ProducerConfig.postProcessAndValidateIdempotenceConfigs (Kafka 3.x): idempotence needs acks=all,
// retries > 0 and max.in.flight.requests.per.connection <= 5. Explicitly enabled, a violation is
// a ConfigException; merely defaulted, it disables idempotence. KafkaProducer also requires
// delivery.timeout.ms >= linger.ms + request.timeout.ms.
#include "sim/producer/producer_config.h"

namespace kafkasim::producer {

namespace {

std::optional<ConfigError> check_ranges(const ProducerConfig& c) {
    if (c.acks != 0 && c.acks != 1 && c.acks != -1)
        return ConfigError{"acks", "Invalid value " + std::to_string(c.acks) + ": must be 0, 1 or -1 (all)"};
    // Kafka allows batch.size 0 (no batching); the sticky partitioner here needs a positive size.
    if (c.batch_size < 1) return ConfigError{"batch.size", "must be at least 1 in kafkasim"};
    if (c.max_in_flight < 1)
        return ConfigError{"max.in.flight.requests.per.connection", "Invalid value: must be at least 1"};
    if (c.retries < 0) return ConfigError{"retries", "Invalid value: must be at least 0"};
    if (c.bootstrap.empty()) return ConfigError{"bootstrap.servers", "No resolvable bootstrap urls given"};
    if (c.delivery_timeout < c.linger + c.request_timeout)
        return ConfigError{"delivery.timeout.ms",
                           "should be equal to or larger than linger.ms + request.timeout.ms"};
    return std::nullopt;
}

}  // namespace

ConfigCheck check_config(const ProducerConfig& c) {
    if (auto e = check_ranges(c)) return ConfigCheck{std::move(e), IdempotenceMode::off};
    if (c.enable_idempotence == Idempotence::disabled) return ConfigCheck{std::nullopt, IdempotenceMode::off};
    const bool explicit_on = c.enable_idempotence == Idempotence::enabled;
    std::optional<ConfigError> violation;
    if (c.max_in_flight > 5)
        violation = ConfigError{"max.in.flight.requests.per.connection",
                                "Must set max.in.flight.requests.per.connection to at most 5 when using the idempotent producer."};
    else if (c.retries == 0)
        violation = ConfigError{"retries", "Must set retries to non-zero when using the idempotent producer."};
    else if (c.acks != -1)
        violation = ConfigError{"acks", "Must set acks to all in order to use the idempotent producer. Otherwise we "
                                        "cannot guarantee idempotence."};
    if (!violation) return ConfigCheck{std::nullopt, IdempotenceMode::on};
    if (explicit_on) return ConfigCheck{std::move(violation), IdempotenceMode::off};
    return ConfigCheck{std::nullopt, IdempotenceMode::off};
}

}  // namespace kafkasim::producer
