// The consumer's options, under Kafka's config names with Kafka 3.9's defaults
// (kafka-semantics.md §g), the checks KafkaConsumer makes when it is built, and what the
// application around it does (ConsumerWorkload: kafkasim's own settings, snake_case).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "sim/assign/assignor.h"
#include "engine/trace.h"
#include "sim/common/ids.h"

namespace kafkasim::consumer {

enum class AutoOffsetReset : std::uint8_t { latest, earliest, none };
// enable.auto.commit as the user wrote it: unset means true with a group.id, false without.
enum class AutoCommit : std::uint8_t { unset, enabled, disabled };

struct ConsumerConfig {
    std::vector<engine::NodeId> bootstrap;                                     // bootstrap.servers
    std::string group_id;                                                      // group.id; "" is none
    AutoOffsetReset auto_offset_reset = AutoOffsetReset::latest;               // auto.offset.reset
    AutoCommit enable_auto_commit = AutoCommit::unset;                         // enable.auto.commit
    engine::Duration auto_commit_interval = engine::Duration::ms(5000);        // auto.commit.interval.ms
    std::int32_t max_poll_records = 500;                                       // max.poll.records
    std::int32_t fetch_min_bytes = 1;                                          // fetch.min.bytes
    engine::Duration fetch_max_wait = engine::Duration::ms(500);               // fetch.max.wait.ms
    std::int32_t max_partition_fetch_bytes = 1048576;                          // max.partition.fetch.bytes
    std::int32_t fetch_max_bytes = 52428800;                                   // fetch.max.bytes
    engine::Duration metadata_max_age = engine::Duration::ms(300000);          // metadata.max.age.ms
    engine::Duration request_timeout = engine::Duration::ms(30000);            // request.timeout.ms
    engine::Duration retry_backoff = engine::Duration::ms(100);                // retry.backoff.ms
    engine::Duration retry_backoff_max = engine::Duration::ms(1000);           // retry.backoff.max.ms
    engine::Duration default_api_timeout = engine::Duration::ms(60000);        // default.api.timeout.ms
    // Group management, used when the application subscribes (ConsumerWorkload::subscription).
    std::string client_id;                                                     // client.id; "" → the node's name
    std::optional<std::string> group_instance_id;                              // group.instance.id (static member)
    engine::Duration session_timeout = engine::Duration::ms(45000);            // session.timeout.ms
    engine::Duration heartbeat_interval = engine::Duration::ms(3000);          // heartbeat.interval.ms
    engine::Duration max_poll_interval = engine::Duration::ms(300000);         // max.poll.interval.ms
    std::vector<assign::Strategy> partition_assignment_strategy{               // partition.assignment.strategy
        assign::Strategy::range, assign::Strategy::cooperative_sticky};
};

// Where the application processes what poll returned.
enum class ProcessingMode : std::uint8_t {
    in_loop,   // the next poll comes after the records are processed
    hand_off,  // records go to a worker queue, processed one by one; the loop polls again at once
};

// When the application commits.
enum class CommitMode : std::uint8_t {
    automatic,                 // only enable.auto.commit, inside poll
    sync_after_processing,     // commitSync of what was processed (at-least-once)
    async_after_processing,    // commitAsync of what was processed
    sync_before_processing,    // commitSync of what poll returned, then process (at-most-once)
};

// The application around the consumer.
struct ConsumerWorkload {
    std::vector<TopicPartition> assignment;                        // assign()
    std::vector<std::string> subscription;                         // subscribe(): group management
    engine::Duration processing_time = engine::Duration::zero();   // per record
    ProcessingMode processing = ProcessingMode::in_loop;
    CommitMode commit = CommitMode::automatic;
    engine::Duration poll_timeout = engine::Duration::ms(100);     // the Duration the application passes to poll
};

// A configuration Kafka refuses (ConfigException, InvalidConfigurationException).
struct ConfigError {
    std::string config;
    std::string message;
};

struct ConfigCheck {
    std::optional<ConfigError> error;
    bool auto_commit = false;  // what the consumer runs with
};

ConfigCheck check_config(const ConsumerConfig& config);

}  // namespace kafkasim::consumer
