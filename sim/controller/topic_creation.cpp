#include "sim/controller/topic_creation.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/assert.h"
#include "sim/controller/broker_fencing.h"
#include "sim/controller/placement.h"
#include "sim/controller/topic_config.h"

namespace kafkasim::controller {

namespace {

using Assignment = std::vector<std::vector<BrokerId>>;

std::vector<BrokerId> active_brokers(const metadata::ClusterImage& image) {
    std::vector<BrokerId> out;
    for (const auto& [id, b] : image.brokers())
        if (!b.fenced) out.push_back(id);
    return out;
}

}  // namespace

std::optional<std::string> check_manual(const metadata::ClusterImage& image, const std::vector<BrokerId>& replicas,
                                        std::optional<std::size_t> replication_factor) {
    if (replicas.empty()) return "The manual partition assignment includes an empty replica list.";
    std::vector<BrokerId> sorted = replicas;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const std::string id = std::to_string(sorted[i].value);
        if (image.broker(sorted[i]) == nullptr)
            return "The manual partition assignment includes broker " + id + ", but no such broker is registered.";
        if (i > 0 && sorted[i] == sorted[i - 1])
            return "The manual partition assignment includes the broker " + id + " more than once.";
    }
    if (replication_factor && sorted.size() != *replication_factor)
        return "The manual partition assignment includes a partition with " + std::to_string(sorted.size()) +
               " replica(s), but this is not consistent with previous partitions, which have " +
               std::to_string(*replication_factor) + " replica(s).";
    return std::nullopt;
}

namespace {

std::vector<BrokerId> active_of(const metadata::ClusterImage& image, const std::vector<BrokerId>& replicas) {
    std::vector<BrokerId> isr;
    for (BrokerId b : replicas)
        if (is_active(image, b)) isr.push_back(b);
    return isr;
}

// Checks a manual assignment for partitions first_index, first_index + 1, …
ControllerResult check_assignment(const metadata::ClusterImage& image, const Assignment& assignment,
                                  std::optional<std::size_t> replication_factor, std::int32_t first_index) {
    for (std::size_t i = 0; i < assignment.size(); ++i) {
        if (auto bad = check_manual(image, assignment[i], replication_factor))
            return ControllerResult::failure(Errc::invalid_replica_assignment, *bad);
        replication_factor = assignment[i].size();
        if (active_of(image, assignment[i]).empty())
            return ControllerResult::failure(
                Errc::invalid_replica_assignment,
                "All brokers specified in the manual partition assignment for partition " +
                    std::to_string(first_index + static_cast<std::int32_t>(i)) +
                    " are fenced or in controlled shutdown.");
    }
    return {};
}

void add_partitions(const metadata::ClusterImage& image, TopicId topic, std::int32_t first_index,
                    const Assignment& assignment, std::vector<MetadataRecord>& out) {
    for (std::size_t i = 0; i < assignment.size(); ++i) {
        PartitionRecord record;
        record.topic = topic;
        record.partition = first_index + static_cast<std::int32_t>(i);
        record.replicas = assignment[i];
        record.isr = active_of(image, assignment[i]);
        record.leader = record.isr.front();
        out.emplace_back(std::in_place_type<PartitionRecord>, std::move(record));
    }
}

ControllerResult check_name(const metadata::ClusterImage& image, const std::string& name) {
    if (std::string reason = invalid_topic_name_reason(name); !reason.empty())
        return ControllerResult::failure(Errc::invalid_topic_exception, reason);
    if (image.topic(name) != nullptr)
        return ControllerResult::failure(Errc::topic_already_exists, "Topic '" + name + "' already exists.");
    const std::string unified = unify_collision_chars(name);
    for (const auto& [existing, topic] : image.topics()) {
        if (unify_collision_chars(existing) == unified)
            return ControllerResult::failure(Errc::invalid_topic_exception,
                                             "Topic '" + name + "' collides with existing topic: " + existing);
    }
    return {};
}

ControllerResult too_large() {
    return ControllerResult::failure(Errc::policy_violation, "Unable to perform excessively large batch operation.");
}

// The new topic's partitions: the manual assignment, checked, or a placement.
ControllerResult assign_new_topic(const metadata::ClusterImage& image, const CreateTopicsRequest& request,
                                  const ControllerConfig& config, engine::Random& random, Assignment& out) {
    if (!request.replica_assignment.empty()) {
        if (request.replication_factor != -1)
            return ControllerResult::failure(
                Errc::invalid_request,
                "A manual partition assignment was specified, but replication factor was not set to -1.");
        if (request.num_partitions != -1)
            return ControllerResult::failure(
                Errc::invalid_request, "A manual partition assignment was specified, but numPartitions was not set to -1.");
        if (request.replica_assignment.size() >= max_records_per_user_op) return too_large();
        ControllerResult checked = check_assignment(image, request.replica_assignment, std::nullopt, 0);
        if (checked.ok()) out = request.replica_assignment;
        return checked;
    }
    if (request.replication_factor < -1 || request.replication_factor == 0)
        return ControllerResult::failure(Errc::invalid_replication_factor,
                                         "Replication factor must be larger than 0, or -1 to use the default value.");
    if (request.num_partitions < -1 || request.num_partitions == 0)
        return ControllerResult::failure(Errc::invalid_partitions,
                                         "Number of partitions was set to an invalid non-positive value.");
    const std::int32_t partitions = request.num_partitions == -1 ? config.num_partitions : request.num_partitions;
    const std::int32_t factor =
        request.replication_factor == -1 ? config.default_replication_factor : request.replication_factor;
    if (static_cast<std::size_t>(partitions) >= max_records_per_user_op) return too_large();
    Placement placement = place_replicas(active_brokers(image), PlacementSpec{partitions, factor}, random);
    if (placement.error != Errc::none) return ControllerResult::failure(placement.error, placement.message);
    out = std::move(placement.replicas);
    return {};
}

}  // namespace

ControllerResult create_topic(const metadata::ClusterImage& image, const CreateTopicsRequest& request,
                              const ControllerConfig& config, TopicId id, engine::Random& placement_random) {
    if (ControllerResult bad = check_name(image, request.name); !bad.ok()) return bad;
    TopicConfigResult topic_config = apply_topic_overrides(config.default_log_config, request.configs);
    if (topic_config.error != Errc::none) return ControllerResult::failure(topic_config.error, topic_config.message);
    Assignment assignment;
    if (ControllerResult bad = assign_new_topic(image, request, config, placement_random, assignment); !bad.ok())
        return bad;
    ControllerResult result;
    result.records.push_back(TopicRecord{request.name, id, topic_config.config});
    add_partitions(image, id, 0, assignment, result.records);
    return result;
}

ControllerResult create_partitions(const metadata::ClusterImage& image, const CreatePartitionsRequest& request,
                                   engine::Random& placement_random) {
    const metadata::TopicImage* topic = image.topic(request.topic);
    if (topic == nullptr)
        return ControllerResult::failure(Errc::unknown_topic_or_partition,
                                         "This server does not host this topic-partition.");
    const auto current = static_cast<std::int32_t>(topic->partitions.size());
    if (request.count == current)
        return ControllerResult::failure(Errc::invalid_partitions,
                                         "Topic already has " + std::to_string(current) + " partition(s).");
    if (request.count < current)
        return ControllerResult::failure(Errc::invalid_partitions,
                                         "The topic " + request.topic + " currently has " + std::to_string(current) +
                                             " partition(s); " + std::to_string(request.count) +
                                             " would not be an increase.");
    const std::int32_t additional = request.count - current;
    if (!request.assignment.empty() && request.assignment.size() != static_cast<std::size_t>(additional))
        return ControllerResult::failure(Errc::invalid_replica_assignment,
                                         "Attempted to add " + std::to_string(additional) +
                                             " additional partition(s), but only " +
                                             std::to_string(request.assignment.size()) + " assignment(s) were specified.");
    if (static_cast<std::size_t>(additional) > max_records_per_user_op) return too_large();
    SIM_ASSERT(!topic->partitions.empty(), "a topic is created with its partitions, in one batch");
    const std::size_t factor = topic->partitions.front().replicas.size();
    Assignment assignment;
    if (!request.assignment.empty()) {
        if (ControllerResult bad = check_assignment(image, request.assignment, factor, current); !bad.ok()) return bad;
        assignment = request.assignment;
    } else {
        Placement placement = place_replicas(
            active_brokers(image), PlacementSpec{additional, static_cast<std::int32_t>(factor)}, placement_random);
        if (placement.error != Errc::none) return ControllerResult::failure(placement.error, placement.message);
        assignment = std::move(placement.replicas);
    }
    ControllerResult result;
    add_partitions(image, topic->id, current, assignment, result.records);
    return result;
}

}  // namespace kafkasim::controller
