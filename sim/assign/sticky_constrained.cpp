// AbstractStickyAssignor.ConstrainedAssignmentBuilder: assignOwnedPartitions, then
// getUnassignedPartitions and assignRoundRobin (the rack-aware steps never run without racks).
#include "sim/assign/sticky_constrained.h"

#include <algorithm>
#include <deque>
#include <set>

#include "engine/assert.h"
#include "sim/assign/java_string.h"

namespace kafkasim::assign {

namespace {

class ConstrainedBuilder {
public:
    ConstrainedBuilder(const std::map<TopicName, std::int32_t>& partitions_per_topic,
                       const StickyClaims& claims, std::size_t member_count)
        : partitions_per_topic_(partitions_per_topic), claims_(claims) {
        std::int32_t total = 0;
        for (const auto& entry : partitions_per_topic) total += entry.second;
        const auto members = static_cast<std::int32_t>(member_count);
        min_quota_ = total / members;
        max_quota_ = (total + members - 1) / members;
        expected_over_min_ = total % members;
        result_.transferring.emplace();
    }

    StickyResult build(const GroupSubscription& group) {
        for (const std::size_t i : claims_.member_order) keep_owned(group.members[i].member_id);
        const auto by_java_id = [](const MemberId& a, const MemberId& b) { return java_less(a, b); };
        std::sort(under_min_.begin(), under_min_.end(), by_java_id);
        std::sort(exactly_min_.begin(), exactly_min_.end(), by_java_id);
        assign_round_robin(unassigned_partitions());
        verify_unfilled_members();
        return std::move(result_);
    }

private:
    void keep_owned(const MemberId& consumer);
    std::vector<TopicPartition> unassigned_partitions() const;
    void assign_round_robin(const std::vector<TopicPartition>& unassigned);
    std::size_t assign_new_partition(const TopicPartition& tp, const MemberId& consumer);
    void verify_unfilled_members() const;

    const std::map<TopicName, std::int32_t>& partitions_per_topic_;
    const StickyClaims& claims_;
    std::int32_t min_quota_ = 0;
    std::int32_t max_quota_ = 0;
    std::int32_t expected_over_min_ = 0;  // members that end with maxQuota (0 if min == max)
    std::int32_t current_over_min_ = 0;
    std::map<TopicPartition, MemberId> maybe_revoked_;
    std::vector<MemberId> under_min_;    // Kafka's unfilledMembersWithUnderMinQuotaPartitions
    std::deque<MemberId> exactly_min_;   // ...WithExactlyMinQuotaPartitions
    std::set<TopicPartition> assigned_;
    StickyResult result_;
};

void ConstrainedBuilder::keep_owned(const MemberId& consumer) {
    std::vector<TopicPartition> owned = claims_.owned.at(consumer);
    std::stable_sort(owned.begin(), owned.end(), [](const auto& a, const auto& b) {
        if (a.partition != b.partition) return a.partition < b.partition;
        return java_less(a.topic, b.topic);
    });
    for (const TopicPartition& doubly_claimed : claims_.multiple_previous_owners) {
        const auto it = std::find(owned.begin(), owned.end(), doubly_claimed);
        if (it != owned.end()) owned.erase(it);
    }
    auto& mine = result_.assignment[consumer];
    const auto size = static_cast<std::int32_t>(owned.size());
    std::int32_t keep = size;
    if (size < min_quota_) {
        under_min_.push_back(consumer);
    } else if (size >= max_quota_ && current_over_min_ < expected_over_min_) {
        keep = max_quota_;
        if (++current_over_min_ == expected_over_min_) exactly_min_.clear();
    } else {
        keep = min_quota_;
        if (current_over_min_ < expected_over_min_) exactly_min_.push_back(consumer);
    }
    for (std::int32_t k = 0; k < size; ++k) {
        const TopicPartition& tp = owned[static_cast<std::size_t>(k)];
        if (k < keep) {
            mine.push_back(tp);
            assigned_.insert(tp);
        } else {
            maybe_revoked_[tp] = consumer;
        }
    }
}

// Every partition, topics in Java String order and partitions in numeric order, that no
// member kept.
std::vector<TopicPartition> ConstrainedBuilder::unassigned_partitions() const {
    std::vector<TopicName> topics;
    for (const auto& entry : partitions_per_topic_) topics.push_back(entry.first);
    std::sort(topics.begin(), topics.end(), java_less);
    std::vector<TopicPartition> unassigned;
    for (const TopicName& topic : topics) {
        for (std::int32_t p = 0; p < partitions_per_topic_.at(topic); ++p) {
            TopicPartition tp{topic, p};
            if (assigned_.count(tp) == 0) unassigned.push_back(std::move(tp));
        }
    }
    return unassigned;
}

// Kafka walks the under-minQuota list with an iterator that restarts when it runs out and
// removes members as they reach minQuota; then it takes members at minQuota from the front.
void ConstrainedBuilder::assign_round_robin(const std::vector<TopicPartition>& unassigned) {
    std::size_t cursor = 0;  // index of the iterator's next element in under_min_
    for (const TopicPartition& tp : unassigned) {
        MemberId consumer;
        bool from_under_min = true;
        if (cursor < under_min_.size()) {
            consumer = under_min_[cursor++];
        } else {
            SIM_ASSERT(!under_min_.empty() || !exactly_min_.empty(),
                       "the constrained sticky algorithm found no unfilled member to assign to");
            if (under_min_.empty()) {
                consumer = exactly_min_.front();
                exactly_min_.pop_front();
                from_under_min = false;
            } else {
                cursor = 0;
                consumer = under_min_[cursor++];
            }
        }
        const auto count = static_cast<std::int32_t>(assign_new_partition(tp, consumer));
        if (count == min_quota_) {
            SIM_ASSERT(from_under_min, "only a member under minQuota can reach it");
            under_min_.erase(under_min_.begin() + static_cast<std::ptrdiff_t>(--cursor));
            exactly_min_.push_back(consumer);
        } else if (count == max_quota_) {
            ++current_over_min_;
        }
    }
}

std::size_t ConstrainedBuilder::assign_new_partition(const TopicPartition& tp,
                                                     const MemberId& consumer) {
    auto& mine = result_.assignment[consumer];
    mine.push_back(tp);
    const auto revoked = maybe_revoked_.find(tp);
    if ((revoked != maybe_revoked_.end() && revoked->second != consumer) ||
        claims_.multiple_previous_owners.count(tp) != 0) {
        (*result_.transferring)[tp] = consumer;
    }
    return mine.size();
}

// Kafka throws IllegalStateException here; the quotas make it unreachable.
void ConstrainedBuilder::verify_unfilled_members() const {
    if (under_min_.empty()) return;
    SIM_ASSERT(current_over_min_ == expected_over_min_,
               "constrained sticky: fewer members reached maxQuota than expected");
    for (const MemberId& member : under_min_) {
        SIM_ASSERT(static_cast<std::int32_t>(result_.assignment.at(member).size()) == min_quota_,
                   "constrained sticky: a member ended under minQuota");
    }
}

}  // namespace

StickyResult build_constrained_assignment(
    const GroupSubscription& group, const std::map<TopicName, std::int32_t>& partitions_per_topic,
    const StickyClaims& claims) {
    ConstrainedBuilder builder(partitions_per_topic, claims, group.members.size());
    return builder.build(group);
}

}  // namespace kafkasim::assign
