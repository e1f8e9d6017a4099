#include "scenarios/loader/kafka_configs.h"

#include <algorithm>
#include <cctype>

#include "scenarios/loader/config_table.h"
#include "sim/controller/topic_config.h"

namespace kafkasim::scenarios {

using namespace config_table;

namespace {

// Kafka's broker time configs are milliseconds as INT or LONG; kafkasim caps them at a day.
const std::vector<Setting<ClusterSpec>>& broker_settings() {
    using S = ClusterSpec;
    static const std::vector<Setting<S>> table{
        integer<S>("broker.session.timeout.ms", 1, max_time_ms, [](S& c, std::int64_t v) {
            // Read by the controller (sessions) and by each broker (its lifecycle's resend backoff).
            c.controller.broker_session_timeout = c.broker.broker_session_timeout = ms(v);
        }),
        integer<S>("broker.heartbeat.interval.ms", 1, max_time_ms, [](S& c, std::int64_t v) { c.broker.heartbeat_interval = ms(v); }),
        integer<S>("replica.lag.time.max.ms", 1, max_time_ms, [](S& c, std::int64_t v) { c.broker.replica_lag_time_max = ms(v); }),
        integer<S>("replica.fetch.wait.max.ms", 0, max_time_ms, [](S& c, std::int64_t v) { c.broker.replica_fetch_wait_max = ms(v); }),
        integer<S>("replica.fetch.min.bytes", 1, int_max, [](S& c, std::int64_t v) { c.broker.replica_fetch_min_bytes = static_cast<std::int32_t>(v); }),
        integer<S>("replica.fetch.max.bytes", 0, int_max, [](S& c, std::int64_t v) { c.broker.replica_fetch_max_bytes = static_cast<std::int32_t>(v); }),
        integer<S>("replica.fetch.backoff.ms", 0, max_time_ms, [](S& c, std::int64_t v) { c.broker.replica_fetch_backoff = ms(v); }),
        integer<S>("replica.socket.timeout.ms", 1, max_time_ms, [](S& c, std::int64_t v) { c.broker.replica_fetch_timeout = ms(v); }),
        integer<S>("replica.high.watermark.checkpoint.interval.ms", 1, max_time_ms, [](S& c, std::int64_t v) { c.broker.high_watermark_checkpoint_interval = ms(v); }),
        integer<S>("num.partitions", 1, 10000, [](S& c, std::int64_t v) { c.controller.num_partitions = static_cast<std::int32_t>(v); }),
        integer<S>("default.replication.factor", 1, 1000, [](S& c, std::int64_t v) { c.controller.default_replication_factor = static_cast<std::int16_t>(v); }),
        integer<S>("offsets.topic.num.partitions", 1, 1000, [](S& c, std::int64_t v) { c.broker.offsets_topic_num_partitions = static_cast<std::int32_t>(v); }),
        integer<S>("offsets.topic.replication.factor", 1, 1000, [](S& c, std::int64_t v) { c.broker.offsets_topic_replication_factor = static_cast<std::int16_t>(v); }),
        integer<S>("offsets.commit.timeout.ms", 1, max_time_ms, [](S& c, std::int64_t v) { c.broker.offsets_commit_timeout = ms(v); }),
        integer<S>("group.initial.rebalance.delay.ms", 0, max_time_ms, [](S& c, std::int64_t v) { c.broker.group_initial_rebalance_delay = ms(v); }),
        integer<S>("group.min.session.timeout.ms", 0, max_time_ms, [](S& c, std::int64_t v) { c.broker.group_min_session_timeout = ms(v); }),
        integer<S>("group.max.session.timeout.ms", 0, max_time_ms, [](S& c, std::int64_t v) { c.broker.group_max_session_timeout = ms(v); }),
        boolean<S>("auto.leader.rebalance.enable", [](S& c, bool v) { c.controller.auto_leader_rebalance_enable = v; }),
        integer<S>("leader.imbalance.check.interval.seconds", 1, max_time_ms / 1000, [](S& c, std::int64_t v) { c.controller.leader_imbalance_check_interval = engine::Duration::s(v); }),
        // The topic defaults, under the brokers' names for them.
        integer<S>("log.segment.bytes", 14, int_max, [](S& c, std::int64_t v) { c.controller.default_log_config.segment_bytes = v; }),
        integer<S>("log.roll.ms", 1, long_max, [](S& c, std::int64_t v) { c.controller.default_log_config.segment_ms = ms(std::min(v, max_time_ms * 3650)); }),
        integer<S>("log.retention.ms", -1, long_max, [](S& c, std::int64_t v) { c.controller.default_log_config.retention_ms = ms(std::min(v, max_time_ms * 3650)); }),
        integer<S>("log.retention.bytes", std::numeric_limits<std::int64_t>::min(), long_max, [](S& c, std::int64_t v) { c.controller.default_log_config.retention_bytes = v; }),
        integer<S>("log.flush.interval.messages", 1, long_max, [](S& c, std::int64_t v) { c.controller.default_log_config.flush_messages = v; }),
        integer<S>("log.flush.interval.ms", 0, long_max, [](S& c, std::int64_t v) { c.controller.default_log_config.flush_ms = ms(std::min(v, max_time_ms * 3650)); }),
        integer<S>("min.insync.replicas", 1, int_max, [](S& c, std::int64_t v) { c.controller.default_log_config.min_insync_replicas = static_cast<std::int32_t>(v); }),
        boolean<S>("unclean.leader.election.enable", [](S& c, bool v) { c.controller.default_log_config.unclean_leader_election_enable = v; }),
    };
    return table;
}

const std::vector<Setting<producer::ProducerConfig>>& producer_settings() {
    using P = producer::ProducerConfig;
    static const std::vector<Setting<P>> table{
        integer<P>("batch.size", 0, int_max, [](P& c, std::int64_t v) { c.batch_size = static_cast<std::int32_t>(v); }),
        integer<P>("linger.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.linger = ms(v); }),
        integer<P>("retries", 0, int_max, [](P& c, std::int64_t v) { c.retries = static_cast<std::int32_t>(v); }),
        integer<P>("retry.backoff.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.retry_backoff = ms(v); }),
        integer<P>("retry.backoff.max.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.retry_backoff_max = ms(v); }),
        integer<P>("delivery.timeout.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.delivery_timeout = ms(v); }),
        integer<P>("request.timeout.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.request_timeout = ms(v); }),
        integer<P>("max.in.flight.requests.per.connection", 1, int_max, [](P& c, std::int64_t v) { c.max_in_flight = static_cast<std::int32_t>(v); }),
        integer<P>("metadata.max.age.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.metadata_max_age = ms(v); }),
        integer<P>("reconnect.backoff.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.reconnect_backoff = ms(v); }),
        integer<P>("reconnect.backoff.max.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.reconnect_backoff_max = ms(v); }),
        integer<P>("max.block.ms", 0, max_time_ms, [](P& c, std::int64_t v) { c.max_block = ms(v); }),
        boolean<P>("enable.idempotence", [](P& c, bool v) { c.enable_idempotence = v ? producer::Idempotence::enabled : producer::Idempotence::disabled; }),
        boolean<P>("partitioner.ignore.keys", [](P& c, bool v) { c.partitioner_ignore_keys = v ? producer::IgnoreKeys::yes : producer::IgnoreKeys::no; }),
    };
    return table;
}

}  // namespace

void apply_broker_configs(Errors& errors, const Json& configs, const std::string& path, ClusterSpec& cluster) {
    apply<ClusterSpec>(errors, configs, path, broker_settings(), {}, cluster, {});
}

void apply_producer_configs(Errors& errors, const Json& configs, const std::string& path,
                            producer::ProducerConfig& config) {
    // acks is a STRING config with the values "all", "-1", "0" and "1".
    const auto acks = [&errors, &config](const std::string& name, const Json& value, const std::string& at) {
        if (name != "acks") return false;
        std::string s = value.is_string() ? trim(value.get<std::string>())
                        : value.is_number_integer() ? std::to_string(value.get<std::int64_t>())
                                                    : std::string("?");
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        if (s == "all" || s == "-1") config.acks = -1;
        else if (s == "0") config.acks = 0;
        else if (s == "1") config.acks = 1;
        else errors.add(at, "expected one of \"all\", \"-1\", \"0\", \"1\", found " + value.dump());
        return true;
    };
    const std::size_t before = errors.size();
    apply<producer::ProducerConfig>(errors, configs, path, producer_settings(), {"acks"}, config, acks);
    if (errors.size() != before) return;
    // The brokers to bootstrap from are the cluster's, set when the run starts.
    producer::ProducerConfig checked = config;
    if (checked.bootstrap.empty()) checked.bootstrap.push_back(engine::NodeId{0});
    const producer::ConfigCheck check = producer::check_config(checked);
    if (check.error) errors.add(child(path, check.error->config), check.error->message);
}

ConfigOverrides topic_configs(Errors& errors, const Json& configs, const std::string& path, const LogConfig& defaults) {
    ConfigOverrides out;
    if (!configs.is_object()) {
        errors.add(path, "expected an object of topic configs, found " + describe(configs));
        return out;
    }
    for (const auto& [name, value] : configs.items()) {
        if (value.is_string()) out[name] = value.get<std::string>();
        else if (value.is_number_integer() || value.is_boolean()) out[name] = value.dump();
        else errors.add(child(path, name), "expected a number, a boolean or a string, found " + describe(value));
    }
    const controller::TopicConfigResult checked = controller::apply_topic_overrides(defaults, out);
    if (checked.error != Errc::none) errors.add(path, checked.message);
    return out;
}

std::vector<std::string> broker_config_names() {
    std::vector<std::string> out;
    for (const auto& s : broker_settings()) out.push_back(s.name);
    return out;
}

std::vector<std::string> producer_config_names() {
    std::vector<std::string> out{"acks"};
    for (const auto& s : producer_settings()) out.push_back(s.name);
    return out;
}

}  // namespace kafkasim::scenarios
