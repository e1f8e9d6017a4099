// KafkaConsumer's construction checks (ConsumerConfig.maybeOverrideEnableAutoCommit and the
// ConfigDef ranges): enable.auto.commit defaults to false without a group.id and may not be set
// to true without one.
#include "sim/consumer/consumer_config.h"

namespace kafkasim::consumer {

ConfigCheck check_config(const ConsumerConfig& c) {
    auto fail = [](std::string config, std::string message) {
        return ConfigCheck{ConfigError{std::move(config), std::move(message)}, false};
    };
    if (c.bootstrap.empty()) return fail("bootstrap.servers", "No resolvable bootstrap urls given in bootstrap.servers");
    if (c.max_poll_records < 1) return fail("max.poll.records", "Invalid value: must be at least 1");
    if (c.fetch_min_bytes < 0) return fail("fetch.min.bytes", "Invalid value: must be at least 0");
    if (c.max_partition_fetch_bytes < 0) return fail("max.partition.fetch.bytes", "Invalid value: must be at least 0");
    if (c.fetch_max_bytes < 0) return fail("fetch.max.bytes", "Invalid value: must be at least 0");
    if (c.auto_commit_interval < engine::Duration::zero())
        return fail("auto.commit.interval.ms", "Invalid value: must be at least 0");
    if (c.heartbeat_interval >= c.session_timeout)
        return fail("heartbeat.interval.ms", "Heartbeat must be set lower than the session timeout");
    if (c.partition_assignment_strategy.empty())
        return fail("partition.assignment.strategy", "Invalid value: must name at least one assignor");
    if (c.group_id.empty() && c.enable_auto_commit == AutoCommit::enabled)
        return fail("enable.auto.commit", "enable.auto.commit cannot be set to true when default group id (null) is used.");
    const bool auto_commit = c.enable_auto_commit == AutoCommit::enabled ||
                             (c.enable_auto_commit == AutoCommit::unset && !c.group_id.empty());
    return ConfigCheck{std::nullopt, auto_commit};
}

}  // namespace kafkasim::consumer
