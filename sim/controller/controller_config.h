// The controller's settings, with Kafka's names and Kafka 3.9's defaults (kafka-semantics.md
// §g). A topic created without an override gets `default_log_config`, as a Kafka topic gets the
// brokers' log.* defaults.
#pragma once

#include <cstdint>

#include "engine/time.h"
#include "sim/common/log_config.h"

namespace kafkasim::controller {

struct ControllerConfig {
    engine::Duration broker_session_timeout = engine::Duration::ms(9000);  // broker.session.timeout.ms
    std::int32_t num_partitions = 1;              // num.partitions: for CreateTopics without a count
    std::int16_t default_replication_factor = 1;  // default.replication.factor
    LogConfig default_log_config;                 // log.segment.bytes, log.retention.ms, … (the topic defaults)
};

}  // namespace kafkasim::controller
