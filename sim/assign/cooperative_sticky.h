// CooperativeStickyAssignor ("cooperative-sticky"): the sticky algorithm, then every
// partition whose owner changes is held back from its new owner in this rebalance. The old
// owner revokes it and rejoins; the follow-up rebalance assigns it (rounds.h runs that loop).
// Follows Kafka's CooperativeStickyAssignor.assignPartitions and adjustAssignment.
#pragma once

#include "sim/assign/model.h"

namespace kafkasim::assign {

// One rebalance. Throws KafkaAssignorFailure where Kafka's assignor throws.
Assignment assign_cooperative_sticky(const GroupSubscription& group);

}  // namespace kafkasim::assign
