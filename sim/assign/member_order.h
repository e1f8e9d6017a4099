// Member orders Kafka's assignors use.
// - member_info_less: AbstractPartitionAssignor.MemberInfo.compareTo, used by range and
//   roundrobin: two static members compare by group.instance.id, a static member sorts before
//   a dynamic one, two dynamic members compare by member id; Java String order throughout.
// - subscription_order: the iteration order of Kafka's `Map<String, Subscription>`, a
//   HashMap filled in JoinGroup order (ConsumerCoordinator.onLeaderElected). Kafka walks it
//   whenever it walks "all members" without sorting them first.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/assign/model.h"

namespace kafkasim::assign {

bool member_info_less(const MemberSubscription& a, const MemberSubscription& b);

// Indices into group.members, in Java HashMap iteration order of their member ids.
std::vector<std::size_t> subscription_order(const GroupSubscription& group);

// Indices into group.members sorted as Kafka's Collections.sort(memberInfos) leaves them: a
// stable sort by member_info_less of the HashMap order (ties only if two members share a
// group.instance.id, which a real coordinator never allows).
std::vector<std::size_t> member_info_order(const GroupSubscription& group);

}  // namespace kafkasim::assign
