// Cooperative follow-up rebalances (KIP-429; Kafka's ConsumerCoordinator.onJoinComplete
// requests a rejoin after revoking partitions).
#include "sim/assign/rounds.h"

#include <algorithm>
#include <set>

#include "engine/assert.h"

namespace kafkasim::assign {

namespace {

// The cooperative promise: no partition goes to a new owner in the rebalance that takes it
// from its old one.
bool moves_only_revoked_partitions(const GroupSubscription& group, const Assignment& assignment) {
    std::set<TopicPartition> added;
    std::set<TopicPartition> revoked;
    for (const auto& member : group.members) {
        const auto& got = assignment.at(member.member_id);
        const std::set<TopicPartition> owned(member.owned.begin(), member.owned.end());
        const std::set<TopicPartition> now(got.begin(), got.end());
        for (const auto& tp : now) if (owned.count(tp) == 0) added.insert(tp);
        for (const auto& tp : owned) if (now.count(tp) == 0) revoked.insert(tp);
    }
    return std::none_of(added.begin(), added.end(), [&](const auto& tp) { return revoked.count(tp) != 0; });
}

}  // namespace

GroupSubscription next_rebalance(GroupSubscription group, const Assignment& assignment) {
    Generation highest;
    for (const auto& member : group.members) highest = std::max(highest, member.generation.normalized());
    const Generation next{std::max(highest.value + 1, 1)};
    for (auto& member : group.members) {
        member.owned = assignment.at(member.member_id);
        member.generation = next;
    }
    return group;
}

bool revokes_any(const GroupSubscription& group, const Assignment& assignment) {
    for (const auto& member : group.members) {
        const auto& got = assignment.at(member.member_id);
        for (const auto& tp : member.owned)
            if (std::find(got.begin(), got.end(), tp) == got.end()) return true;
    }
    return false;
}

RoundsResult assign_rounds(Strategy strategy, const GroupSubscription& group, Round round) {
    RoundsResult result{assign(strategy, group), 1};
    if (!is_cooperative(strategy) || round == Round::first) return result;
    GroupSubscription current = group;
    while (true) {
        SIM_ASSERT(moves_only_revoked_partitions(current, result.assignment),
                   "cooperative-sticky gave a partition away in the rebalance that revokes it");
        if (!revokes_any(current, result.assignment)) return result;
        SIM_ASSERT(result.rounds < max_rounds, "cooperative rebalances did not settle within 10 rounds");
        current = next_rebalance(std::move(current), result.assignment);
        result.assignment = assign(strategy, current);
        ++result.rounds;
    }
}

}  // namespace kafkasim::assign
