// A consumer group's (and a member's) `configs`: the consumer's configs under Kafka's names,
// checked as KafkaConsumer's ConfigDef and constructor check them.
#include <algorithm>

#include "scenarios/loader/config_table.h"
#include "scenarios/loader/kafka_configs.h"

namespace kafkasim::scenarios {

using namespace config_table;

namespace {

const std::vector<Setting<consumer::ConsumerConfig>>& consumer_settings() {
    using C = consumer::ConsumerConfig;
    static const std::vector<Setting<C>> table{
        boolean<C>("enable.auto.commit", [](C& c, bool v) { c.enable_auto_commit = v ? consumer::AutoCommit::enabled : consumer::AutoCommit::disabled; }),
        integer<C>("auto.commit.interval.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.auto_commit_interval = ms(v); }),
        integer<C>("max.poll.records", 1, int_max, [](C& c, std::int64_t v) { c.max_poll_records = static_cast<std::int32_t>(v); }),
        integer<C>("fetch.min.bytes", 0, int_max, [](C& c, std::int64_t v) { c.fetch_min_bytes = static_cast<std::int32_t>(v); }),
        integer<C>("fetch.max.wait.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.fetch_max_wait = ms(v); }),
        integer<C>("max.partition.fetch.bytes", 0, int_max, [](C& c, std::int64_t v) { c.max_partition_fetch_bytes = static_cast<std::int32_t>(v); }),
        integer<C>("fetch.max.bytes", 0, int_max, [](C& c, std::int64_t v) { c.fetch_max_bytes = static_cast<std::int32_t>(v); }),
        integer<C>("metadata.max.age.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.metadata_max_age = ms(v); }),
        integer<C>("request.timeout.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.request_timeout = ms(v); }),
        integer<C>("retry.backoff.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.retry_backoff = ms(v); }),
        integer<C>("retry.backoff.max.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.retry_backoff_max = ms(v); }),
        integer<C>("default.api.timeout.ms", 0, max_time_ms, [](C& c, std::int64_t v) { c.default_api_timeout = ms(v); }),
        integer<C>("session.timeout.ms", 1, max_time_ms, [](C& c, std::int64_t v) { c.session_timeout = ms(v); }),
        integer<C>("heartbeat.interval.ms", 1, max_time_ms, [](C& c, std::int64_t v) { c.heartbeat_interval = ms(v); }),
        integer<C>("max.poll.interval.ms", 1, max_time_ms, [](C& c, std::int64_t v) { c.max_poll_interval = ms(v); }),
    };
    return table;
}

const std::vector<std::string> string_configs{"auto.offset.reset", "partition.assignment.strategy", "group.instance.id", "group.id"};

// partition.assignment.strategy: a LIST, as a JSON array or a comma-separated string, of
// assignor names or Kafka's class names.
std::optional<std::vector<assign::Strategy>> strategies(Errors& errors, const Json& value, const std::string& at) {
    std::vector<std::string> names;
    if (value.is_string()) {
        std::string s = value.get<std::string>();
        for (std::size_t start = 0; start <= s.size();) {
            const std::size_t comma = std::min(s.find(',', start), s.size());
            if (std::string name = trim(s.substr(start, comma - start)); !name.empty()) names.push_back(name);
            start = comma + 1;
        }
    } else if (value.is_array()) {
        for (const Json& v : value)
            names.push_back(v.is_string() ? trim(v.get<std::string>()) : std::string("?"));
    }
    static const std::vector<std::pair<std::string, std::string>> classes{
        {"org.apache.kafka.clients.consumer.RangeAssignor", "range"},
        {"org.apache.kafka.clients.consumer.RoundRobinAssignor", "roundrobin"},
        {"org.apache.kafka.clients.consumer.StickyAssignor", "sticky"},
        {"org.apache.kafka.clients.consumer.CooperativeStickyAssignor", "cooperative-sticky"}};
    std::vector<assign::Strategy> out;
    for (std::string name : names) {
        for (const auto& [cls, short_name] : classes)
            if (name == cls) name = short_name;
        const auto s = assign::parse_strategy(name);
        if (!s) {
            errors.add(at, "expected assignors of \"range\", \"roundrobin\", \"sticky\", \"cooperative-sticky\" (or Kafka's "
                           "class names), found " + value.dump());
            return std::nullopt;
        }
        out.push_back(*s);
    }
    if (out.empty()) {
        errors.add(at, "expected at least one assignor");
        return std::nullopt;
    }
    return out;
}

}  // namespace

void apply_consumer_configs(Errors& errors, const Json& configs, const std::string& path,
                            consumer::ConsumerConfig& config) {
    const auto strings = [&errors, &config](const std::string& name, const Json& value, const std::string& at) {
        if (std::find(string_configs.begin(), string_configs.end(), name) == string_configs.end()) return false;
        if (name == "partition.assignment.strategy") {
            if (auto s = strategies(errors, value, at)) config.partition_assignment_strategy = std::move(*s);
            return true;
        }
        if (!value.is_string()) {
            errors.add(at, "expected a string, found " + describe(value));
            return true;
        }
        const std::string s = trim(value.get<std::string>());
        if (name == "group.id") {
            errors.add(at, "the group's \"group\" is its group.id");
        } else if (name == "group.instance.id") {
            if (s.empty()) errors.add(at, "expected a non-empty group.instance.id");
            else config.group_instance_id = s;
        } else if (s == "latest") {
            config.auto_offset_reset = consumer::AutoOffsetReset::latest;
        } else if (s == "earliest") {
            config.auto_offset_reset = consumer::AutoOffsetReset::earliest;
        } else if (s == "none") {
            config.auto_offset_reset = consumer::AutoOffsetReset::none;
        } else {
            errors.add(at, "expected one of \"latest\", \"earliest\", \"none\", found " + value.dump());
        }
        return true;
    };
    apply<consumer::ConsumerConfig>(errors, configs, path, consumer_settings(), string_configs, config, strings);
}

std::vector<std::string> consumer_config_names() {
    std::vector<std::string> out(string_configs.begin(), string_configs.end());
    out.erase(std::remove(out.begin(), out.end(), "group.id"), out.end());
    for (const auto& s : consumer_settings()) out.push_back(s.name);
    return out;
}

}  // namespace kafkasim::scenarios
