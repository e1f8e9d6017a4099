#include "sim/controller/alter_partition.h"

#include <algorithm>
#include <set>

#include "sim/controller/broker_fencing.h"
#include "sim/controller/cluster_control.h"
#include "sim/controller/partition_change.h"

namespace kafkasim::controller {

namespace {

// KIP-903: -1 means the leader does not know the member's epoch; Kafka skips the check then.
constexpr BrokerEpoch unknown_broker_epoch{-1};

using IsrMembers = std::vector<AlterPartitionRequest::IsrMember>;

// Replicas.validateIsr, then "the ISR must always include the current leader".
bool valid_isr(const metadata::PartitionRegistration& current, const IsrMembers& new_isr) {
    std::set<BrokerId> seen;
    for (const auto& m : new_isr) {
        if (m.broker.value < 0 || !current.is_replica(m.broker) || !seen.insert(m.broker).second) return false;
    }
    return seen.contains(current.leader);
}

// ineligibleReplicasForIsr: registered, unfenced, and the epoch the leader saw is the current one.
bool eligible(const metadata::ClusterImage& image, const AlterPartitionRequest::IsrMember& m) {
    const metadata::BrokerRegistration* reg = image.broker(m.broker);
    if (reg == nullptr || reg->fenced) return false;
    return m.broker_epoch == unknown_broker_epoch || m.broker_epoch == reg->epoch;
}

// validateAlterPartitionData, in its order.
Errc validate(const metadata::ClusterImage& image, BrokerId sender, const AlterPartitionRequest::Partition& data) {
    const metadata::PartitionRegistration* current = image.partition(data.tp);
    if (current == nullptr) return Errc::unknown_topic_or_partition;
    // Ahead of the controller: Kafka answers NOT_CONTROLLER (a newer controller may exist). With
    // one controller that never takes back what it served only a broker's bug gets here.
    if (data.leader_epoch > current->leader_epoch) return Errc::fenced_leader_epoch;
    if (data.partition_epoch > current->partition_epoch) return Errc::invalid_update_version;
    if (data.leader_epoch < current->leader_epoch) return Errc::fenced_leader_epoch;
    if (sender != current->leader) return Errc::invalid_request;
    if (data.partition_epoch < current->partition_epoch) return Errc::invalid_update_version;
    if (!valid_isr(*current, data.new_isr)) return Errc::invalid_request;
    for (const auto& m : data.new_isr)
        if (!eligible(image, m)) return Errc::ineligible_replica;
    return Errc::none;
}

AlterPartitionResponse::Partition answer(const TopicPartition& tp, const metadata::PartitionRegistration& p) {
    return AlterPartitionResponse::Partition{tp, Errc::none, p.leader, p.leader_epoch, p.isr, p.partition_epoch};
}

}  // namespace

AlterPartitionResult alter_partition(const metadata::ClusterImage& image, const AlterPartitionRequest& request) {
    AlterPartitionResult out;
    out.response.error = check_broker_epoch(image, request.broker, request.broker_epoch);
    if (out.response.error != Errc::none) return out;
    const auto active = [&image](BrokerId b) { return is_active(image, b); };
    for (const AlterPartitionRequest::Partition& data : request.partitions) {
        if (const Errc e = validate(image, request.broker, data); e != Errc::none) {
            AlterPartitionResponse::Partition refused;
            refused.tp = data.tp;
            refused.error = e;
            out.response.partitions.push_back(std::move(refused));
            continue;
        }
        const metadata::TopicImage* topic = image.topic(data.tp.topic);
        metadata::PartitionRegistration after = *image.partition(data.tp);
        PartitionChangeInput input;
        input.election = online_election(topic->config);
        input.target_isr.emplace();
        for (const auto& m : data.new_isr) input.target_isr->push_back(m.broker);
        // The leader sends RECOVERED once it has taken over (Partition.makeLeader).
        input.target_recovery_state = LeaderRecoveryState::recovered;
        auto change = build_partition_change(topic->id, data.tp.partition, after, input, active);
        if (change) {
            after = metadata::merge(std::move(after), *change);
            const bool leader_moved = change->leader && *change->leader != request.broker;
            out.records.push_back(std::move(*change));
            if (leader_moved) {
                // The ISR completed a reassignment that moved leadership away: the record is
                // written and the sender learns it must fetch metadata before trying again.
                AlterPartitionResponse::Partition moved;
                moved.tp = data.tp;
                moved.error = Errc::new_leader_elected;
                out.response.partitions.push_back(std::move(moved));
                continue;
            }
        }
        out.response.partitions.push_back(answer(data.tp, after));
    }
    return out;
}

}  // namespace kafkasim::controller
