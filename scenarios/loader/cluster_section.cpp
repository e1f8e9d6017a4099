// The "cluster" and "topics" sections.
#include <algorithm>
#include <cmath>
#include <optional>

#include "scenarios/loader/kafka_configs.h"
#include "scenarios/loader/loader_parts.h"
#include "sim/controller/controller_result.h"
#include "sim/controller/topic_config.h"

namespace kafkasim::scenarios {

namespace {

// A topic's creation writes one record per partition plus one, and Kafka's controller refuses an
// operation of 10 000 records or more (POLICY_VIOLATION).
constexpr std::int64_t max_partitions = static_cast<std::int64_t>(controller::max_records_per_user_op) - 1;

// Kafka's message for a partition's replica list that the controller would refuse, given the
// lists before it.
std::optional<std::string> assignment_problem(const std::vector<BrokerId>& replicas,
                                              const std::vector<std::vector<BrokerId>>& earlier, std::size_t listed) {
    if (replicas.size() != listed) return std::nullopt;  // an id is wrong: said already
    std::vector<BrokerId> sorted = replicas;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i] == sorted[i - 1])
            return "The manual partition assignment includes the broker " + std::to_string(sorted[i].value) +
                   " more than once.";
    if (!earlier.empty() && earlier.front().size() != replicas.size())
        return "The manual partition assignment includes a partition with " + std::to_string(replicas.size()) +
               " replica(s), but this is not consistent with previous partitions, which have " +
               std::to_string(earlier.front().size()) + " replica(s).";
    return std::nullopt;
}

// {"min": 0.5, "max": 2} in milliseconds (fractions allowed: links are sub-millisecond).
void read_latency(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                  engine::LatencyModel& model) {
    const auto it = obj.find(key);
    if (it == obj.end()) return;
    const std::string at = child(path, key);
    if (!check_object(errors, *it, at, {"min", "max"})) return;
    const auto lo = read_number(errors, *it, at, "min", 0, 60000, true);
    const auto hi = read_number(errors, *it, at, "max", 0, 60000, true);
    if (!lo || !hi) return;
    if (*hi < *lo) {
        errors.add(child(at, "max"), "expected at least \"min\" (" + Json(*lo).dump() + ")");
        return;
    }
    model.min = engine::Duration::us(std::llround(*lo * 1000));
    model.max = engine::Duration::us(std::llround(*hi * 1000));
}

}  // namespace

void load_cluster(Errors& errors, const Json& doc, ClusterSpec& cluster) {
    const auto it = doc.find("cluster");
    if (it == doc.end()) {
        errors.add("/cluster", "missing; this key is required");
        return;
    }
    const std::string path = "/cluster";
    if (!check_object(errors, *it, path, {"brokers", "replication_truncation", "configs", "network", "disk"}) &&
        !it->is_object())
        return;
    cluster.brokers = static_cast<std::int32_t>(read_int(errors, *it, path, "brokers", 1, max_brokers, true).value_or(1));
    if (const auto mode = read_string(errors, *it, path, "replication_truncation")) {
        if (const auto parsed = parse_replication_truncation(*mode)) cluster.replication_truncation = *parsed;
        else errors.add(child(path, "replication_truncation"), "expected \"leader_epoch\" or \"legacy_hw\", found \"" + *mode + "\"");
    }
    if (const auto configs = it->find("configs"); configs != it->end())
        apply_broker_configs(errors, *configs, child(path, "configs"), cluster);
    if (const auto net = it->find("network"); net != it->end()) {
        const std::string at = child(path, "network");
        if (check_object(errors, *net, at, {"latency_ms"})) read_latency(errors, *net, at, "latency_ms", cluster.network.latency);
    }
    if (const auto disk = it->find("disk"); disk != it->end()) {
        const std::string at = child(path, "disk");
        if (check_object(errors, *disk, at, {"writeback_ms", "sync_ms"})) {
            if (auto w = read_ms(errors, *disk, at, "writeback_ms")) cluster.disk.durability.writeback = *w;
            read_latency(errors, *disk, at, "sync_ms", cluster.disk.latency.sync);
        }
    }
}

void load_topics(Errors& errors, const Json& doc, const ClusterSpec& cluster, std::vector<TopicSpec>& topics,
                 Names& names) {
    names.brokers = cluster.brokers;
    const auto it = doc.find("topics");
    if (it == doc.end()) return;
    if (!it->is_array()) {
        errors.add("/topics", "expected an array of topics, found " + describe(*it));
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/topics", i);
        const Json& t = (*it)[i];
        const bool known = check_object(errors, t, path, {"name", "partitions", "replication_factor", "replica_assignment", "configs"});
        if (!known && !t.is_object()) continue;
        TopicSpec topic;
        topic.name = read_string(errors, t, path, "name", true).value_or("");
        if (!topic.name.empty()) {
            if (const std::string why = controller::invalid_topic_name_reason(topic.name); !why.empty())
                errors.add(child(path, "name"), why);
            if (names.partitions.contains(topic.name)) errors.add(child(path, "name"), "a second topic named \"" + topic.name + "\"");
        }
        const auto partitions = read_int(errors, t, path, "partitions", 1, max_partitions);
        const auto rf = read_int(errors, t, path, "replication_factor", 1, max_brokers);
        if (const auto ra = t.find("replica_assignment"); ra != t.end()) {
            const std::string at = child(path, "replica_assignment");
            if (partitions || rf) errors.add(at, "give either replica_assignment or partitions and replication_factor, not both");
            if (!ra->is_array() || ra->empty() || ra->size() > static_cast<std::size_t>(max_partitions)) {
                errors.add(at, "expected an array of replica lists, one per partition (1 to " + std::to_string(max_partitions) +
                                   "; Kafka's controller writes at most " +
                                   std::to_string(controller::max_records_per_user_op) + " records per operation)");
            } else {
                for (std::size_t p = 0; p < ra->size(); ++p) {
                    const Json& list = (*ra)[p];
                    const std::string lp = child(at, p);
                    if (!list.is_array() || list.empty()) {
                        errors.add(lp, "expected a non-empty array of broker ids");
                        continue;
                    }
                    std::vector<BrokerId> replicas;
                    for (std::size_t r = 0; r < list.size(); ++r) {
                        const Json& b = list[r];
                        if (!b.is_number_integer() || b.get<std::int64_t>() < 1 || b.get<std::int64_t>() > cluster.brokers)
                            errors.add(child(lp, r), "expected a broker id from 1 to " + std::to_string(cluster.brokers) + ", found " + b.dump());
                        else replicas.push_back(BrokerId{static_cast<std::int32_t>(b.get<std::int64_t>())});
                    }
                    // The controller's checks of a manual assignment (INVALID_REPLICA_ASSIGNMENT),
                    // here so that a file it would refuse never runs without its topic.
                    if (const auto bad = assignment_problem(replicas, topic.replica_assignment, list.size()))
                        errors.add(lp, *bad);
                    topic.replica_assignment.push_back(std::move(replicas));
                }
            }
        } else {
            topic.partitions = static_cast<std::int32_t>(partitions.value_or(cluster.controller.num_partitions));
            topic.replication_factor = static_cast<std::int16_t>(rf.value_or(cluster.controller.default_replication_factor));
            if (topic.replication_factor > cluster.brokers)
                errors.add(child(path, rf ? "replication_factor" : "name"),
                           "replication factor " + std::to_string(topic.replication_factor) + " is larger than the " +
                               std::to_string(cluster.brokers) + " brokers the cluster starts with");
        }
        if (const auto configs = t.find("configs"); configs != t.end())
            topic.configs = topic_configs(errors, *configs, child(path, "configs"), cluster.controller.default_log_config);
        if (!topic.name.empty())
            names.partitions[topic.name] =
                topic.replica_assignment.empty() ? topic.partitions : static_cast<std::int32_t>(topic.replica_assignment.size());
        topics.push_back(std::move(topic));
    }
}

}  // namespace kafkasim::scenarios
