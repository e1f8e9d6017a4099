// Checks on assignments shared by the assignor tests: validity, Kafka's balance oracle
// (AbstractStickyAssignorTest.verifyValidityAndBalance), per-topic and total spreads, and
// stickiness. Each returns an empty string when the check holds, else what is wrong.
#pragma once

#include <string>

#include "sim/assign/model.h"

namespace kafkasim::assign::test {

std::string describe(const Assignment& assignment);

// Every member present; every partition of a subscribed, existing topic assigned exactly
// once, to a member subscribed to its topic; nothing else assigned.
std::string check_valid(const GroupSubscription& group, const Assignment& assignment);

// Kafka's verifyValidityAndBalance: members only get subscribed topics, no partition twice,
// and two members whose counts differ by 2 or more share no topic.
std::string check_kafka_balance(const GroupSubscription& group, const Assignment& assignment);

// Kafka's isFullyBalanced: all counts within one of each other.
std::string check_fully_balanced(const Assignment& assignment);

// Range: for each topic, the counts of its subscribers are within one of each other.
std::string check_range_per_topic(const GroupSubscription& group, const Assignment& assignment);

// What Kafka's isSticky() requires, seen from outside: for no topic do partitions move both
// from A to B and from B to A, counting moves of partitions `before` gave to a member that
// still subscribes to their topic.
std::string check_no_two_way_moves(const Assignment& before, const GroupSubscription& group,
                                   const Assignment& after);

bool all_subscriptions_equal(const GroupSubscription& group);

}  // namespace kafkasim::assign::test
