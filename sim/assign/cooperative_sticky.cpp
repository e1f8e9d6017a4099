// CooperativeStickyAssignor: partitionsTransferringOwnership (from the constrained algorithm,
// or computePartitionsTransferringOwnership after the general one) and adjustAssignment.
#include "sim/assign/cooperative_sticky.h"

#include <algorithm>
#include <set>

#include "sim/assign/sticky.h"

namespace kafkasim::assign {

namespace {

// After the general algorithm: a partition is transferring when some member gains it that
// did not report it and some member reported it without keeping it. "Reported" is the raw
// owned list, before generations settled any double claim.
std::map<TopicPartition, MemberId> compute_transferring(const GroupSubscription& group,
                                                        const Assignment& assignment) {
    std::map<TopicPartition, MemberId> added;
    std::set<TopicPartition> revoked;
    for (const MemberSubscription& member : group.members) {
        const std::set<TopicPartition> owned(member.owned.begin(), member.owned.end());
        const auto& assigned_list = assignment.at(member.member_id);
        const std::set<TopicPartition> assigned(assigned_list.begin(), assigned_list.end());
        for (const TopicPartition& tp : assigned)
            if (owned.count(tp) == 0) added[tp] = member.member_id;
        for (const TopicPartition& tp : owned)
            if (assigned.count(tp) == 0) revoked.insert(tp);
    }
    std::erase_if(added, [&revoked](const auto& entry) { return revoked.count(entry.first) == 0; });
    return added;
}

}  // namespace

Assignment assign_cooperative_sticky(const GroupSubscription& group) {
    StickyResult result = run_sticky(group);
    const auto transferring = result.transferring ? *result.transferring
                                                  : compute_transferring(group, result.assignment);
    for (const auto& [tp, new_owner] : transferring) {
        auto& list = result.assignment.at(new_owner);
        const auto it = std::find(list.begin(), list.end(), tp);
        if (it != list.end()) list.erase(it);
    }
    return result.assignment;
}

}  // namespace kafkasim::assign
