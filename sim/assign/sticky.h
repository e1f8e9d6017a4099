// StickyAssignor ("sticky", eager protocol): balance first, then keep as many owned
// partitions as possible. Dispatches as Kafka's AbstractStickyAssignor.assignPartitions does:
// the constrained algorithm when all subscriptions are equal (sticky_constrained.h), the
// general one otherwise (sticky_general.h). Members report owned partitions and generation
// (Kafka's StickyAssignor carries them in its userData; the content is the same).
#pragma once

#include "sim/assign/model.h"
#include "sim/assign/sticky_constrained.h"

namespace kafkasim::assign {

// The assignment and, for the constrained algorithm, the partitions changing owner. The
// group is taken as assign() passes it: generations normalized, no duplicate topics.
// Throws KafkaAssignorFailure where Kafka's assignor throws (sticky_general.h).
StickyResult run_sticky(const GroupSubscription& group);

Assignment assign_sticky(const GroupSubscription& group);

}  // namespace kafkasim::assign
