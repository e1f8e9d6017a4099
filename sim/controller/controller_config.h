// The controller's settings, with Kafka's names and Kafka 3.9's defaults (kafka-semantics.md
// §g). A topic created without an override gets `default_log_config`, as a Kafka topic gets the
// brokers' log.* defaults.
#pragma once

#include <cstdint>

#include "engine/time.h"
#include "sim/common/log_config.h"
#include "sim/common/replication_truncation.h"

namespace kafkasim::controller {

struct ControllerConfig {
    engine::Duration broker_session_timeout = engine::Duration::ms(9000);  // broker.session.timeout.ms
    std::int32_t num_partitions = 1;              // num.partitions: for CreateTopics without a count
    std::int16_t default_replication_factor = 1;  // default.replication.factor
    LogConfig default_log_config;                 // log.segment.bytes, log.retention.ms, … (the topic defaults)
    bool auto_leader_rebalance_enable = true;     // auto.leader.rebalance.enable
    engine::Duration leader_imbalance_check_interval = engine::Duration::ms(300000);  // leader.imbalance.check.interval.seconds
    // QuorumController's uncleanLeaderElectionCheckIntervalMs (not a config in 3.9)
    engine::Duration unclean_leader_election_check_interval = engine::Duration::ms(300000);
    ReplicationTruncation replication_truncation = ReplicationTruncation::leader_epoch;  // kafkasim's knob
};

}  // namespace kafkasim::controller
