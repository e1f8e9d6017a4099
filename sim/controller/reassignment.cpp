#include "sim/controller/reassignment.h"

#include <algorithm>
#include <set>

#include "sim/common/broker_ids.h"
#include "sim/controller/broker_fencing.h"
#include "sim/controller/partition_change.h"
#include "sim/controller/topic_creation.h"

namespace kafkasim::controller {

namespace {

// Sorted ids in `a` but not in `b` (Kafka's TreeSet difference).
std::vector<BrokerId> difference(const std::vector<BrokerId>& a, const std::vector<BrokerId>& b) {
    std::set<BrokerId> out(a.begin(), a.end());
    for (BrokerId x : b) out.erase(x);
    return {out.begin(), out.end()};
}

struct Outcome {
    Errc error = Errc::none;
    std::string message;
    std::optional<PartitionChangeRecord> change;
};

Outcome change_reassignment(const metadata::ClusterImage& image, const metadata::TopicImage& topic,
                            std::int32_t index, const std::vector<BrokerId>& target) {
    if (auto bad = check_manual(image, target, std::nullopt)) return {Errc::invalid_replica_assignment, *bad, {}};
    const metadata::PartitionRegistration& part = topic.partitions[static_cast<std::size_t>(index)];
    // PartitionReassignmentReplicas(current, target): the target, then the replicas leaving.
    PartitionChangeInput input;
    const std::vector<BrokerId> removing = difference(part.replicas, target);
    std::vector<BrokerId> replicas = target;
    replicas.insert(replicas.end(), removing.begin(), removing.end());
    if (replicas != part.replicas) input.target_replicas = replicas;
    if (!removing.empty()) input.target_removing = removing;
    const std::vector<BrokerId> adding = difference(target, part.replicas);
    if (!adding.empty()) input.target_adding = adding;
    return {Errc::none, {}, build_partition_change(topic.id, index, part, input, [&image](BrokerId b) {
                return is_active(image, b);
            })};
}

Outcome cancel_reassignment(const metadata::ClusterImage& image, const metadata::TopicImage& topic,
                            std::int32_t index) {
    const metadata::PartitionRegistration& part = topic.partitions[static_cast<std::size_t>(index)];
    if (!part.reassigning()) return {Errc::no_reassignment_in_progress, "No partition reassignment is in progress.", {}};
    // PartitionReassignmentRevert: the original replicas, the ISR without the adding ones.
    PartitionChangeInput input;
    input.target_replicas.emplace();
    for (BrokerId b : part.replicas)
        if (!contains(part.adding_replicas, b)) input.target_replicas->push_back(b);
    input.target_isr.emplace();
    for (BrokerId b : part.isr)
        if (!contains(part.adding_replicas, b)) input.target_isr->push_back(b);
    if (input.target_isr->empty()) {
        if (!topic.config.unclean_leader_election_enable)
            return {Errc::invalid_replica_assignment,
                    "Unable to revert partition assignment for " + topic.name + ":" + std::to_string(index) +
                        " because it would require an unclean leader election.",
                    {}};
        input.target_isr->push_back(input.target_replicas->front());
    }
    input.target_removing = std::vector<BrokerId>{};
    input.target_adding = std::vector<BrokerId>{};
    input.election = online_election(topic.config);
    return {Errc::none, {}, build_partition_change(topic.id, index, part, input, [&image](BrokerId b) {
                return is_active(image, b);
            })};
}

}  // namespace

ReassignmentResult alter_partition_reassignments(const metadata::ClusterImage& image,
                                                 const AlterPartitionReassignmentsRequest& request) {
    ReassignmentResult out;
    for (const auto& want : request.partitions) {
        const metadata::TopicImage* topic = image.topic(want.tp.topic);
        Outcome o;
        if (topic == nullptr) {
            o = {Errc::unknown_topic_or_partition, "Unable to find a topic named " + want.tp.topic + ".", {}};
        } else if (want.tp.partition < 0 || want.tp.partition >= static_cast<std::int32_t>(topic->partitions.size())) {
            o = {Errc::unknown_topic_or_partition, "Unable to find partition " + want.tp.topic + ":" + std::to_string(want.tp.partition) + ".", {}};
        } else if (want.replicas) {
            o = change_reassignment(image, *topic, want.tp.partition, *want.replicas);
        } else {
            o = cancel_reassignment(image, *topic, want.tp.partition);
        }
        if (o.change) out.records.push_back(std::move(*o.change));
        out.response.partitions.push_back({want.tp, o.error, std::move(o.message)});
    }
    return out;
}

}  // namespace kafkasim::controller
