// A rebalance's two ends on the member: the leader's assignor run over the members'
// subscriptions (ConsumerCoordinator.onLeaderElected, with the assignors of sim/assign), and
// taking up an assignment (onJoinComplete): eagerly everything is new; cooperatively the
// partitions no longer assigned are revoked, and if there were any the member rejoins at once
// so the follow-up rebalance can give them to their new owner. Each change reaches the
// history, and the rebalance with its pause (check::RebalanceEvent).
#include "sim/consumer/consumer.h"

#include <algorithm>

#include "engine/assert.h"

namespace kafkasim::consumer {

std::map<std::string, std::int32_t> Consumer::subscribed_partition_counts() const {
    std::map<std::string, std::int32_t> out;
    for (const std::string& topic : workload_.subscription)
        if (const auto parts = metadata_.partitions(topic)) out[topic] = parts->count;
    return out;
}

bool Consumer::metadata_changed() const {
    // Only the leader keeps the snapshot it assigned with (ConsumerCoordinator's
    // assignmentSnapshot): it notices added partitions at a metadata refresh and rejoins.
    return !assignment_snapshot_.empty() && subscribed_partition_counts() != assignment_snapshot_;
}

std::vector<SyncGroupRequest::Assignment> Consumer::run_assignor(const JoinGroupResponse& joined) {
    const auto strategy = assign::parse_strategy(joined.protocol_name);
    SIM_ASSERT(strategy.has_value(), "the group chose one of the protocols its members offered");
    assign::GroupSubscription group;
    assignment_snapshot_ = subscribed_partition_counts();
    for (const JoinGroupMember& m : joined.members) {
        assign::MemberSubscription sub;
        sub.member_id = m.member_id;
        sub.group_instance_id = m.group_instance_id;
        sub.topics = m.subscription.topics;
        for (const TopicPartition& tp : m.subscription.owned) sub.owned.push_back({tp.topic, tp.partition});
        sub.generation = assign::Generation{m.subscription.generation.value};
        for (const std::string& topic : m.subscription.topics) {
            // The leader assigns the topics any member subscribes to, as its metadata has them.
            if (const auto parts = metadata_.partitions(topic)) group.partitions_per_topic[topic] = parts->count;
        }
        group.members.push_back(std::move(sub));
    }
    const assign::Assignment result = assign::assign(*strategy, group);
    std::vector<SyncGroupRequest::Assignment> out;
    for (const auto& [member, parts] : result) {
        SyncGroupRequest::Assignment a{member, {}};
        for (const auto& tp : parts) a.partitions.push_back(TopicPartition{tp.topic, tp.partition});
        out.push_back(std::move(a));
    }
    node_.trace("consumer.assign", {{"strategy", joined.protocol_name},
                                    {"members", static_cast<std::int64_t>(joined.members.size())},
                                    {"generation", joined.generation.value}});
    return out;
}

void Consumer::give_up(const std::vector<TopicPartition>& partitions, check::AssignmentChange change) {
    for (const TopicPartition& tp : partitions) {
        if (owned_.erase(tp) == 0) continue;
        partitions_.erase(tp);
        processed_.erase(tp);
        processed_committed_.erase(tp);
        if (history_ != nullptr) history_->on_assignment(check::AssignmentEvent{ref(), tp, change, node_.now()});
        node_.trace("consumer.partition_revoked", {{"partition", tp.str()},
                                                   {"lost", change == check::AssignmentChange::lost}});
    }
}

void Consumer::take_assignment(const std::vector<TopicPartition>& assigned) {
    const std::set<TopicPartition> next(assigned.begin(), assigned.end());
    std::vector<TopicPartition> revoked;
    for (const TopicPartition& tp : owned_)
        if (next.count(tp) == 0) revoked.push_back(tp);
    revoked_in_rebalance_ += static_cast<std::int64_t>(revoked.size());
    give_up(revoked, check::AssignmentChange::revoked);
    std::int64_t added = 0;
    for (const TopicPartition& tp : next) {
        if (!owned_.insert(tp).second) continue;
        ++added;
        partitions_[tp] = PartitionState{};  // its position comes from the committed offset
        metadata_.add_topic(tp.topic);
        if (history_ != nullptr)
            history_->on_assignment(check::AssignmentEvent{ref(), tp, check::AssignmentChange::assigned, node_.now()});
    }
    // The member could not work while the rebalance ran if it had partitions and lost them
    // all on the way (every eager rebalance); a cooperative member that keeps some goes on.
    const bool stalled = owned_at_start_ && (revoked_in_rebalance_ > 0) &&
                         (!cooperative() || static_cast<std::int64_t>(owned_.size()) == added);
    const engine::Duration paused = stalled ? node_.now() - rebalance_started_ : engine::Duration::zero();
    if (history_ != nullptr)
        history_->on_rebalance(check::RebalanceEvent{ref(), rebalance_started_, node_.now(), paused,
                                                     revoked_in_rebalance_, added});
    node_.trace("consumer.assigned", {{"generation", generation_.value}, {"partitions", static_cast<std::int64_t>(owned_.size())},
                                      {"added", added}, {"revoked", static_cast<std::int64_t>(revoked.size())},
                                      {"paused_us", paused.count_us()}});
    // Cooperative: what this member gave up goes to its new owner in a second round.
    if (cooperative() && !revoked.empty()) request_rejoin("revoked partitions for their new owner");
}

}  // namespace kafkasim::consumer
