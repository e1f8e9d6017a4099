// AbstractStickyAssignor.allSubscriptionsEqual: subscription equality and owned-partition
// claims by generation.
#include "sim/assign/sticky_claims.h"

#include <algorithm>

#include "sim/assign/member_order.h"

namespace kafkasim::assign {

namespace {

void remove_first(std::vector<TopicPartition>& list, const TopicPartition& tp) {
    const auto it = std::find(list.begin(), list.end(), tp);
    if (it != list.end()) list.erase(it);
}

bool same_topic_set(const std::set<TopicName>& seen, const std::vector<TopicName>& topics) {
    if (topics.size() != seen.size()) return false;
    return std::all_of(topics.begin(), topics.end(),
                       [&seen](const TopicName& t) { return seen.count(t) != 0; });
}

struct ClaimState {
    StickyClaims& claims;
    std::map<TopicPartition, const MemberSubscription*> claimant;  // last member to claim
};

void claim(ClaimState& state, const MemberSubscription& member, const TopicPartition& tp) {
    auto& mine = state.claims.owned[member.member_id];
    const auto it = state.claimant.find(tp);
    if (it == state.claimant.end()) {
        mine.push_back(tp);
        state.claimant[tp] = &member;
        return;
    }
    const MemberSubscription& other = *it->second;
    auto& theirs = state.claims.owned[other.member_id];
    if (member.generation == other.generation) {
        state.claims.multiple_previous_owners.insert(tp);
        remove_first(theirs, tp);
        it->second = &member;
    } else if (member.generation > other.generation) {
        mine.push_back(tp);
        remove_first(theirs, tp);
        it->second = &member;
    }
}

}  // namespace

StickyClaims resolve_sticky_claims(const GroupSubscription& group,
                                   const std::map<TopicName, std::int32_t>& partitions_per_topic) {
    StickyClaims claims;
    claims.member_order = subscription_order(group);
    ClaimState state{claims, {}};
    std::set<TopicName> first_topics;
    for (const std::size_t i : claims.member_order) {
        const MemberSubscription& member = group.members[i];
        if (first_topics.empty()) {
            first_topics.insert(member.topics.begin(), member.topics.end());
        } else if (claims.all_subscriptions_equal && !same_topic_set(first_topics, member.topics)) {
            claims.all_subscriptions_equal = false;
        }
        claims.max_generation = std::max(claims.max_generation, member.generation);
        claims.owned[member.member_id];
        for (const TopicPartition& tp : member.owned)
            if (partitions_per_topic.count(tp.topic) != 0) claim(state, member, tp);
    }
    return claims;
}

}  // namespace kafkasim::assign
