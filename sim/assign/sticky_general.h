// The general sticky algorithm, used when members subscribe to different topics (Kafka's
// AbstractStickyAssignor.GeneralAssignmentBuilder, without racks):
// 1. keep every valid owned partition (dropping those of topics the owner left);
// 2. give each unassigned partition (topics with fewer potential consumers first) to the
//    least-loaded member that subscribes to it;
// 3. move partitions from heavier to lighter eligible members until the assignment is
//    balanced, preferring to move a partition back to its owner of an older generation, and
//    keep the result only if it scores better than before (unless nobody owned anything).
// Kafka's iteration orders that matter here are reproduced: the member (HashMap) order for
// older-generation owners, and the HashSet order of moved partitions (partition_movements.h).
#pragma once

#include <map>

#include "sim/assign/assignor_failure.h"
#include "sim/assign/model.h"
#include "sim/assign/sticky_claims.h"
#include "sim/assign/sticky_constrained.h"

namespace kafkasim::assign {

// Throws KafkaAssignorFailure where Kafka's code throws NullPointerException.
// `transferring` of the result is nullopt: the cooperative variant computes it from the owned
// partitions (Kafka sets partitionsTransferringOwnership to null in this case).
StickyResult build_general_assignment(const GroupSubscription& group,
                                      const std::map<TopicName, std::int32_t>& partitions_per_topic,
                                      StickyClaims claims);

}  // namespace kafkasim::assign
