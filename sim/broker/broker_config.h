// A broker's settings, with Kafka's names and Kafka 3.9's defaults. Topic-level settings are
// in LogConfig and come with each topic from the controller.
#pragma once

#include "engine/time.h"
#include "engine/trace.h"
#include "sim/common/ids.h"
#include "sim/common/replication_truncation.h"

namespace kafkasim::broker {

struct BrokerConfig {
    BrokerId id{1};                                                     // node.id
    engine::NodeId controller;                                          // controller.quorum.bootstrap.servers
    engine::Duration heartbeat_interval = engine::Duration::ms(2000);   // broker.heartbeat.interval.ms
    engine::Duration metadata_fetch_wait = engine::Duration::ms(500);   // metadata fetch long-poll, as KRaft's fetch.max.wait
    engine::Duration controller_request_timeout = engine::Duration::ms(2000);  // a controller RPC's timeout
    engine::Duration broker_session_timeout = engine::Duration::ms(9000);  // broker.session.timeout.ms: caps the lifecycle's resend backoff
    engine::Duration replica_lag_time_max = engine::Duration::ms(30000);  // replica.lag.time.max.ms
    engine::Duration replica_fetch_wait_max = engine::Duration::ms(500);  // replica.fetch.wait.max.ms
    std::int32_t replica_fetch_min_bytes = 1;                            // replica.fetch.min.bytes
    std::int32_t replica_fetch_max_bytes = 1048576;                      // replica.fetch.max.bytes
    engine::Duration replica_fetch_backoff = engine::Duration::ms(1000); // replica.fetch.backoff.ms
    engine::Duration replica_fetch_timeout = engine::Duration::ms(30000);  // replica.socket.timeout.ms
    engine::Duration high_watermark_checkpoint_interval = engine::Duration::ms(5000);  // replica.high.watermark.checkpoint.interval.ms
    std::int32_t offsets_topic_num_partitions = 50;                      // offsets.topic.num.partitions
    std::int16_t offsets_topic_replication_factor = 3;                   // offsets.topic.replication.factor
    engine::Duration offsets_commit_timeout = engine::Duration::ms(5000);  // offsets.commit.timeout.ms
    engine::Duration group_initial_rebalance_delay = engine::Duration::ms(3000);  // group.initial.rebalance.delay.ms
    engine::Duration group_min_session_timeout = engine::Duration::ms(6000);      // group.min.session.timeout.ms
    engine::Duration group_max_session_timeout = engine::Duration::ms(1800000);   // group.max.session.timeout.ms
    ReplicationTruncation replication_truncation = ReplicationTruncation::leader_epoch;  // kafkasim's knob
};

}  // namespace kafkasim::broker
