// The first pass of Kafka's sticky assignors (AbstractStickyAssignor.allSubscriptionsEqual):
// decide which algorithm runs, and which owned partitions each member may keep.
//
// - All subscriptions are "equal" when every member lists the same topic set. Kafka's test
//   starts from the first member with a non-empty list, so members with empty subscriptions
//   iterated before it do not break equality (a Kafka quirk we keep: the constrained
//   algorithm then gives them partitions too).
// - Claims: only partitions of topics in the metadata count. When two members claim one
//   partition, the higher generation keeps it; with equal generations neither keeps it and
//   it is recorded as having multiple previous owners. Members are visited in subscription
//   (Java HashMap) order, which decides the outcome only when three or more members claim
//   the same partition with mixed generations.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "sim/assign/model.h"

namespace kafkasim::assign {

struct StickyClaims {
    bool all_subscriptions_equal = true;
    Generation max_generation;                // highest generation any member reported
    std::vector<std::size_t> member_order;    // subscription (HashMap) order, indices into members
    std::map<MemberId, std::vector<TopicPartition>> owned;  // valid claims, every member present
    std::set<TopicPartition> multiple_previous_owners;      // same-generation double claims
};

// `partitions_per_topic` holds the subscribed topics with metadata.
StickyClaims resolve_sticky_claims(const GroupSubscription& group,
                                   const std::map<TopicName, std::int32_t>& partitions_per_topic);

}  // namespace kafkasim::assign
