// The change to one partition when a broker is fenced or unfenced, or when its leader asks for
// a new ISR (AlterPartition, alter_partition.h), after KRaft's PartitionChangeBuilder
// (metadata/src/main/java/org/apache/kafka/controller/PartitionChangeBuilder.java) with ELR off
// and clean elections only:
// - the target ISR is the one the leader asked for, or else the ISR without the broker being
//   removed, but the ISR is never emptied: when the removed broker is the last member it
//   stays, so the partition can come back with it (kafka-semantics.md §d, "ISR membership");
// - the current leader stays if it is still acceptable and in the target ISR; otherwise the
//   first replica in assignment order that is in the target ISR and acceptable leads; if none
//   is, the leader becomes -1 (offline). Unclean election comes with a later issue.
// Acceptable means unfenced, or the broker being unfenced right now, and never the broker being
// fenced (ReplicationControlManager.generateLeaderAndIsrUpdates).
// Since metadata version 3.6 an ISR change alone does not bump the leader epoch (KAFKA-15021):
// the record names a leader only when the leader changes.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sim/metadata/cluster_image.h"

namespace kafkasim::controller {

struct PartitionChangeInput {
    BrokerId remove = no_broker;  // a broker being fenced: out of the ISR and never leader
    BrokerId add = no_broker;     // a broker being unfenced: acceptable though the image says fenced
    // AlterPartition's new ISR, in the leader's order (Kafka's setTargetIsrWithBrokerStates);
    // when set, it replaces the ISR instead of `remove` being taken out.
    std::optional<std::vector<BrokerId>> target_isr = std::nullopt;
};

// The change record for partition `partition` of `topic`, or nullopt if nothing changes.
// `active` says whether a broker is unfenced in the image.
std::optional<PartitionChangeRecord> build_partition_change(TopicId topic, std::int32_t partition,
                                                            const metadata::PartitionRegistration& current,
                                                            PartitionChangeInput input,
                                                            const std::function<bool(BrokerId)>& active);

}  // namespace kafkasim::controller
