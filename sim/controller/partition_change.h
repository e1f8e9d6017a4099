// The change to one partition, after KRaft's PartitionChangeBuilder
// (metadata/src/main/java/org/apache/kafka/controller/PartitionChangeBuilder.java) with ELR
// off. Every decision about a partition's leader, ISR and replicas goes through it: fencing
// and unfencing a broker, a leader's AlterPartition, a reassignment, a preferred or unclean
// election. In its order:
// - targets: the ISR the leader asked for, or else the ISR without the broker being removed;
//   the replicas, adding and removing lists of a new reassignment, or else the current ones;
// - a reassignment completes once the target ISR, without the replicas being removed, holds
//   every remaining replica: those become the replicas and the ISR (PartitionReassignmentReplicas);
// - the election:
//     online:    keep a valid leader, else the first valid replica in assignment order;
//     preferred: the first replica if valid, else keep a valid leader, else the next valid one;
//     unclean:   as online, and when none is valid the first acceptable replica though it is
//                not in the ISR; the ISR becomes that replica alone and it starts RECOVERING
//                (KIP-704). What it lacks is lost, and the others truncate to it.
//   Valid means in the target ISR and acceptable; acceptable means unfenced, or the broker being
//   unfenced right now, and never the broker being fenced. No candidate: the leader is -1;
// - a reassignment that drops a replica bumps the leader epoch though the leader stays;
// - the ISR is set only if the target is non-empty: the last member stays, so the partition
//   can come back with it (kafka-semantics.md §d, "ISR membership").
// Since metadata version 3.6 an ISR change alone does not bump the leader epoch (KAFKA-15021):
// the record names a leader only when the leader changes or a bump is required.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sim/metadata/cluster_image.h"

namespace kafkasim::controller {

enum class Election : std::uint8_t { online, preferred, unclean };

struct PartitionChangeInput {
    BrokerId remove = no_broker;  // a broker being fenced: out of the ISR and never leader
    BrokerId add = no_broker;     // a broker being unfenced: acceptable though the image says fenced
    // AlterPartition's new ISR, in the leader's order (Kafka's setTargetIsrWithBrokerStates);
    // when set, it replaces the ISR instead of `remove` being taken out.
    std::optional<std::vector<BrokerId>> target_isr = std::nullopt;
    Election election = Election::online;
    // A new reassignment: the full replica list (target replicas, then those being removed)
    // and the two lists, as PartitionReassignmentReplicas computes them.
    std::optional<std::vector<BrokerId>> target_replicas = std::nullopt;
    std::optional<std::vector<BrokerId>> target_removing = std::nullopt;
    std::optional<std::vector<BrokerId>> target_adding = std::nullopt;
    // AlterPartition: the leader has made the partition RECOVERED.
    std::optional<LeaderRecoveryState> target_recovery_state = std::nullopt;
};

// Election type for `config`'s topic when a partition must stay online: unclean only if
// unclean.leader.election.enable is set for it.
Election online_election(const LogConfig& config);

// The change record for partition `partition` of `topic`, or nullopt if nothing changes.
// `active` says whether a broker is unfenced in the image.
std::optional<PartitionChangeRecord> build_partition_change(TopicId topic, std::int32_t partition,
                                                            const metadata::PartitionRegistration& current,
                                                            const PartitionChangeInput& input,
                                                            const std::function<bool(BrokerId)>& active);

// True if `change` elected a leader from outside the ISR.
inline bool is_unclean_election(const PartitionChangeRecord& change) {
    return change.leader_recovery_state == LeaderRecoveryState::recovering;
}

}  // namespace kafkasim::controller
