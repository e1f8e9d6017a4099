// AlterPartition: a partition leader asks the controller to change its ISR (KIP-497), naming
// the broker epoch it last saw from each member (KIP-903), after KRaft's
// ReplicationControlManager.alterPartition and validateAlterPartitionData
// (metadata/src/main/java/org/apache/kafka/controller/ReplicationControlManager.java).
// Checks, in Kafka's order:
// - the request's broker epoch is the sender's registration, else STALE_BROKER_EPOCH for the
//   whole request (ClusterControlManager.checkBrokerEpoch);
// then for each partition:
// - the topic and partition exist, else UNKNOWN_TOPIC_OR_PARTITION;
// - the leader epoch and the partition epoch are not ahead of the controller's (Kafka answers
//   NOT_CONTROLLER, kafkasim FENCED_LEADER_EPOCH and INVALID_UPDATE_VERSION: see
//   docs/controller.md);
// - the leader epoch is not behind, else FENCED_LEADER_EPOCH;
// - the sender is the leader, else INVALID_REQUEST;
// - the partition epoch is not behind, else INVALID_UPDATE_VERSION: a change based on an
//   older version of the partition, even one whose ISR is already in effect, is refused;
// - the new ISR holds replicas only, each once, and the leader (so never empty), else
//   INVALID_REQUEST;
// - every member is registered, unfenced, and its broker epoch is its registration's (or -1,
//   "not known", which Kafka accepts for requests from before KIP-903), else
//   INELIGIBLE_REPLICA.
// An accepted change is a PartitionChangeRecord with the new ISR (partition_change.h): the
// leader stays, so the leader epoch stays, and the partition epoch goes up when the record is
// applied. The same ISR again writes nothing and is answered with the current state. An ISR
// that completes a reassignment also changes the replicas; if that moves leadership away
// from the sender, the record is written and the sender gets NEW_LEADER_ELECTED. The leader
// marks an uncleanly elected partition RECOVERED with its first change (KIP-704).
#pragma once

#include <vector>

#include "sim/metadata/cluster_image.h"
#include "sim/proto/replication_messages.h"

namespace kafkasim::controller {

struct AlterPartitionResult {
    // Per partition, in request order: the error, or the state once `records` are applied.
    AlterPartitionResponse response;
    std::vector<MetadataRecord> records;  // one PartitionChangeRecord per accepted change
};

AlterPartitionResult alter_partition(const metadata::ClusterImage& image, const AlterPartitionRequest& request);

}  // namespace kafkasim::controller
