// Rebalance rounds until the group settles. An eager assignor (range, roundrobin, sticky)
// settles in one rebalance: members revoke everything before rejoining. With
// cooperative-sticky, a member that revokes partitions rejoins at once, so Kafka runs another
// rebalance in which every member reports what it got as owned, in the next generation; this
// repeats until a rebalance revokes nothing (the loop of Kafka's
// CooperativeStickyAssignorTest.verifyValidityAndBalance, and ConsumerCoordinator's rejoin
// after onPartitionsRevoked).
#pragma once

#include "sim/assign/assignor.h"

namespace kafkasim::assign {

enum class Round { first, final };

inline constexpr int max_rounds = 10;

struct RoundsResult {
    Assignment assignment;
    int rounds = 0;  // rebalances run
};

// Round::first stops after one rebalance. A cooperative group that has not settled after
// max_rounds rebalances fails a SIM_ASSERT (Kafka's tests expect at most a few).
RoundsResult assign_rounds(Strategy strategy, const GroupSubscription& group, Round round);

// True if some member loses a partition it owned.
bool revokes_any(const GroupSubscription& group, const Assignment& assignment);

// The group of the follow-up rebalance: every member reports what `assignment` gave it as
// owned, all in the next generation (the highest reported one plus one, and at least 1).
GroupSubscription next_rebalance(GroupSubscription group, const Assignment& assignment);

}  // namespace kafkasim::assign
