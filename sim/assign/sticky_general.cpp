// GeneralAssignmentBuilder of Kafka's AbstractStickyAssignor: set-up, previous owners of older
// generations (prepopulateCurrentAssignments), kept owned partitions (assignOwnedPartitions),
// unassigned partitions, and the least-loaded placement (maybeAssignPartition).
#include "sim/assign/sticky_general.h"

#include <algorithm>

#include "engine/assert.h"
#include "sim/assign/java_string.h"
#include "sim/assign/sticky_general_builder.h"

namespace kafkasim::assign {

bool GeneralBuilder::LoadLess::operator()(const Load& a, const Load& b) const {
    if (a.count != b.count) return a.count < b.count;
    return java_less(a.member, b.member);
}

GeneralBuilder::GeneralBuilder(const GroupSubscription& group,
                               const std::map<TopicName, std::int32_t>& partitions_per_topic,
                               StickyClaims claims)
    : group_(group), partitions_per_topic_(partitions_per_topic), claims_(std::move(claims)) {
    current_ = claims_.owned;
    for (const auto& [topic, partitions] : partitions_per_topic_) {
        topic_consumers_[topic];
        total_partitions_ += partitions;
    }
    for (const std::size_t i : claims_.member_order) {
        const MemberSubscription& member = group_.members[i];
        auto& topics = consumer_topics_[member.member_id];
        for (const TopicName& topic : member.topics) {
            if (partitions_per_topic_.count(topic) == 0) continue;
            topics.push_back(topic);
            topic_consumers_[topic].push_back(member.member_id);
        }
        current_[member.member_id];
    }
    for (const auto& [consumer, partitions] : current_)
        for (const TopicPartition& tp : partitions) partition_consumer_[tp] = consumer;

    // Topics with fewer potential consumers first (Kafka's TopicComparator).
    std::vector<TopicName> topics;
    for (const auto& entry : topic_consumers_) topics.push_back(entry.first);
    std::sort(topics.begin(), topics.end(), [this](const TopicName& a, const TopicName& b) {
        const auto ca = topic_consumers_.at(a).size();
        const auto cb = topic_consumers_.at(b).size();
        return ca != cb ? ca < cb : java_less(a, b);
    });
    for (const TopicName& topic : topics)
        for (std::int32_t p = 0; p < partitions_per_topic_.at(topic); ++p)
            sorted_all_partitions_.push_back(TopicPartition{topic, p});
}

Assignment GeneralBuilder::build() {
    prepopulate_previous_owners();
    const std::set<TopicPartition> assigned = keep_owned_partitions();
    std::vector<TopicPartition> unassigned = unassigned_partitions(assigned);
    for (const auto& entry : current_) attach(entry.first);
    balance(std::move(unassigned));
    return current_;
}

// Members of an older generation than the newest are remembered as previous owners of what
// they report (all of it, valid or not); on a tie between two of them the first in
// subscription (HashMap) order stays, as in Kafka's updatePrevAssignment.
void GeneralBuilder::prepopulate_previous_owners() {
    for (const std::size_t i : claims_.member_order) {
        const MemberSubscription& member = group_.members[i];
        if (!(member.generation < claims_.max_generation)) continue;
        for (const TopicPartition& tp : member.owned) {
            const auto it = previous_owner_.find(tp);
            if (it == previous_owner_.end())
                previous_owner_.emplace(tp, PreviousOwner{member.member_id, member.generation});
            else if (member.generation > it->second.generation)
                it->second = PreviousOwner{member.member_id, member.generation};
        }
    }
}

// Drops owned partitions of topics the owner no longer subscribes to (which forces a
// revocation) and returns the partitions that stay with their owner.
std::set<TopicPartition> GeneralBuilder::keep_owned_partitions() {
    std::set<TopicPartition> assigned;
    for (auto& [consumer, partitions] : current_) {
        std::vector<TopicPartition> kept;
        for (const TopicPartition& tp : partitions) {
            if (partitions_per_topic_.count(tp.topic) == 0) {
                partition_consumer_.erase(tp);
            } else if (!subscribes(consumer, tp.topic)) {
                // Kafka leaves currentPartitionConsumer stale here; the partition is
                // unassigned, so the least-loaded placement overwrites it before any use.
                revocation_required_ = true;
            } else {
                kept.push_back(tp);
                assigned.insert(tp);
            }
        }
        partitions = std::move(kept);
    }
    return assigned;
}

std::vector<TopicPartition> GeneralBuilder::unassigned_partitions(
    const std::set<TopicPartition>& assigned) const {
    std::vector<TopicPartition> unassigned;
    for (const TopicPartition& tp : sorted_all_partitions_)
        if (assigned.count(tp) == 0) unassigned.push_back(tp);
    return unassigned;
}

void GeneralBuilder::assign_to_least_loaded(const TopicPartition& partition) {
    for (const Load& load : by_load_) {
        if (!subscribes(load.member, partition.topic)) continue;
        const MemberId consumer = load.member;
        detach(consumer);
        current_.at(consumer).push_back(partition);
        partition_consumer_[partition] = consumer;
        attach(consumer);
        return;
    }
}

std::size_t GeneralBuilder::count(const MemberId& consumer) const {
    return current_.at(consumer).size();
}

void GeneralBuilder::detach(const MemberId& consumer) {
    const auto erased = by_load_.erase(Load{count(consumer), consumer});
    SIM_ASSERT(erased == 1, "a member's load changed while it was in the load order");
}

void GeneralBuilder::attach(const MemberId& consumer) {
    by_load_.insert(Load{count(consumer), consumer});
}

// Kafka's consumer2AllPotentialTopics: subscribed topics that exist.
bool GeneralBuilder::subscribes(const MemberId& consumer, const TopicName& topic) const {
    const auto& topics = consumer_topics_.at(consumer);
    return std::find(topics.begin(), topics.end(), topic) != topics.end();
}

std::int32_t GeneralBuilder::max_assignment_size(const MemberId& consumer) const {
    std::int32_t size = 0;
    for (const TopicName& topic : consumer_topics_.at(consumer)) size += partitions_per_topic_.at(topic);
    return size;
}

StickyResult build_general_assignment(const GroupSubscription& group,
                                      const std::map<TopicName, std::int32_t>& partitions_per_topic,
                                      StickyClaims claims) {
    GeneralBuilder builder(group, partitions_per_topic, std::move(claims));
    return StickyResult{builder.build(), std::nullopt};
}

}  // namespace kafkasim::assign
