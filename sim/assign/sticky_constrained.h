// The constrained sticky algorithm, used when all members subscribe to the same topics
// (Kafka's AbstractStickyAssignor.ConstrainedAssignmentBuilder, without racks).
//
// With P partitions and C members: minQuota = floor(P/C), maxQuota = ceil(P/C), and exactly
// P % C members end with maxQuota.
// 1. Members, in subscription (Java HashMap) order, keep owned partitions sorted by (partition,
//    topic): all of them when under minQuota; maxQuota while fewer than P % C members have
//    taken maxQuota; else minQuota. Which members get to keep maxQuota therefore follows Java's
//    HashMap order, which we reproduce (java_hash_order.h).
// 2. The other partitions, by topic then partition, go round-robin to the members still under
//    minQuota (sorted by member id), then one each to members at minQuota that may still reach
//    maxQuota.
// A partition that changes owner (or that several members claimed in the same generation) is
// recorded in `transferring`, which the cooperative variant holds back.
#pragma once

#include <map>
#include <optional>

#include "sim/assign/model.h"
#include "sim/assign/sticky_claims.h"

namespace kafkasim::assign {

struct StickyResult {
    Assignment assignment;
    // Partitions given to a new owner while another member still owns them, with the new
    // owner; only the constrained algorithm fills it in (Kafka's is null after the general one).
    std::optional<std::map<TopicPartition, MemberId>> transferring;
};

StickyResult build_constrained_assignment(
    const GroupSubscription& group, const std::map<TopicName, std::int32_t>& partitions_per_topic,
    const StickyClaims& claims);

}  // namespace kafkasim::assign
