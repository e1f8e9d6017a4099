// The producer's options, under Kafka's config names with Kafka's defaults (kafka-semantics.md
// §g), and the checks KafkaProducer makes when it is built (ProducerConfig
// .postProcessAndValidateIdempotenceConfigs, KafkaProducer.configureDeliveryTimeout).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "engine/trace.h"
#include "sim/producer/partitioner.h"

namespace kafkasim::producer {

// enable.idempotence as the user wrote it: left unset it defaults to true, and acks or
// max.in.flight that do not allow it turn it off silently; set to true they are an error.
enum class Idempotence : std::uint8_t { unset, enabled, disabled };

struct ProducerConfig {
    std::vector<engine::NodeId> bootstrap;                                        // bootstrap.servers
    std::int32_t batch_size = 16384;                                              // batch.size, bytes
    engine::Duration linger = engine::Duration::ms(0);                            // linger.ms (Kafka 3.9; 5 from 4.0, KIP-1030)
    std::int16_t acks = -1;                                                       // acks: 0, 1 or -1 (all)
    std::int32_t retries = std::numeric_limits<std::int32_t>::max();              // retries
    engine::Duration retry_backoff = engine::Duration::ms(100);                   // retry.backoff.ms
    engine::Duration retry_backoff_max = engine::Duration::ms(1000);              // retry.backoff.max.ms
    engine::Duration delivery_timeout = engine::Duration::ms(120000);             // delivery.timeout.ms
    engine::Duration request_timeout = engine::Duration::ms(30000);               // request.timeout.ms
    std::int32_t max_in_flight = 5;                          // max.in.flight.requests.per.connection
    engine::Duration metadata_max_age = engine::Duration::ms(300000);             // metadata.max.age.ms
    engine::Duration reconnect_backoff = engine::Duration::ms(50);                // reconnect.backoff.ms
    engine::Duration reconnect_backoff_max = engine::Duration::ms(1000);          // reconnect.backoff.max.ms
    engine::Duration max_block = engine::Duration::ms(60000);  // max.block.ms: how long a record waits for its topic's metadata
    Idempotence enable_idempotence = Idempotence::unset;                          // enable.idempotence (default true)
    IgnoreKeys partitioner_ignore_keys = IgnoreKeys::no;                          // partitioner.ignore.keys
    std::optional<CustomPartitioner> partitioner;  // partitioner.class by name: field, map or roundrobin
};

// A configuration Kafka refuses with a ConfigException: which config, and why.
struct ConfigError {
    std::string config;
    std::string message;
};

enum class IdempotenceMode : std::uint8_t { off, on };

struct ConfigCheck {
    std::optional<ConfigError> error;
    IdempotenceMode idempotence = IdempotenceMode::off;  // what the producer runs with
};

ConfigCheck check_config(const ProducerConfig& config);

}  // namespace kafkasim::producer
