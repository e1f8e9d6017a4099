// AlterPartitionReassignments (KIP-455), after KRaft's ReplicationControlManager
// (alterPartitionReassignment, changePartitionReassignment, cancelPartitionReassignment) with
// PartitionReassignmentReplicas and PartitionReassignmentRevert. A reassignment runs in three
// stages, each a PartitionChangeRecord (partition_change.h):
//   1. the replicas become the target replicas followed by those being removed, with the
//      adding and removing lists set; the new replicas start fetching from the leader;
//   2. the leader adds each new replica to the ISR once it has caught up (AlterPartition);
//   3. the ISR change that leaves every target replica in the ISR also completes the
//      reassignment: the removed replicas leave the replicas and the ISR, a leader that was
//      removed hands over to the first target replica in the ISR, and the removed replicas'
//      brokers delete their copies.
// A reassignment that only reorders replicas completes at once. The target must be a valid
// manual assignment (INVALID_REPLICA_ASSIGNMENT); a missing partition is
// UNKNOWN_TOPIC_OR_PARTITION. Cancelling restores the original replicas and drops the adding
// ones from the ISR (NO_REASSIGNMENT_IN_PROGRESS if none runs); if that empties the ISR it
// needs unclean.leader.election.enable, else INVALID_REPLICA_ASSIGNMENT.
#pragma once

#include <vector>

#include "sim/metadata/cluster_image.h"
#include "sim/proto/controller_messages.h"

namespace kafkasim::controller {

struct ReassignmentResult {
    AlterPartitionReassignmentsResponse response;
    std::vector<MetadataRecord> records;
};

ReassignmentResult alter_partition_reassignments(const metadata::ClusterImage& image,
                                                 const AlterPartitionReassignmentsRequest& request);

}  // namespace kafkasim::controller
