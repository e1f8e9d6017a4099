// AbstractStickyAssignor.assignPartitions: choose the constrained or the general algorithm.
#include "sim/assign/sticky.h"

#include "sim/assign/sticky_claims.h"
#include "sim/assign/sticky_general.h"

namespace kafkasim::assign {

StickyResult run_sticky(const GroupSubscription& group) {
    const auto partitions_per_topic = subscribed_partitions_per_topic(group);
    StickyClaims claims = resolve_sticky_claims(group, partitions_per_topic);
    if (claims.all_subscriptions_equal)
        return build_constrained_assignment(group, partitions_per_topic, claims);
    return build_general_assignment(group, partitions_per_topic, std::move(claims));
}

Assignment assign_sticky(const GroupSubscription& group) { return run_sticky(group).assignment; }

}  // namespace kafkasim::assign
