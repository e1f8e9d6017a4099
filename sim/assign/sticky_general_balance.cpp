// GeneralAssignmentBuilder of Kafka's AbstractStickyAssignor: balance, performReassignments,
// isBalanced, reassignPartition and getBalanceScore.
#include <algorithm>
#include <cstdlib>

#include "engine/assert.h"
#include "sim/assign/sticky_general.h"
#include "sim/assign/sticky_general_builder.h"

namespace kafkasim::assign {

namespace {

// Sum over all pairs of members of the difference of their counts; 0 is perfectly even.
std::int64_t score_of(const std::map<MemberId, std::vector<TopicPartition>>& assignment) {
    std::vector<std::int64_t> sizes;
    for (const auto& entry : assignment) sizes.push_back(static_cast<std::int64_t>(entry.second.size()));
    std::int64_t score = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i)
        for (std::size_t j = i + 1; j < sizes.size(); ++j) score += std::abs(sizes[i] - sizes[j]);
    return score;
}

}  // namespace

void GeneralBuilder::balance(std::vector<TopicPartition> unassigned) {
    const bool initializing = current_.at(by_load_.rbegin()->member).empty();
    for (const TopicPartition& tp : unassigned)
        if (!topic_consumers_.at(tp.topic).empty()) assign_to_least_loaded(tp);

    // Only partitions of topics with two or more potential consumers can move, and only
    // members that could gain a partition or hold a movable one take part.
    const auto movable = [this](const TopicPartition& tp) { return topic_consumers_.at(tp.topic).size() >= 2; };
    std::erase_if(sorted_all_partitions_, [&](const TopicPartition& tp) { return !movable(tp); });
    std::erase_if(unassigned, [&](const TopicPartition& tp) { return !movable(tp); });
    std::map<MemberId, std::vector<TopicPartition>> fixed;
    for (const auto& entry : consumer_topics_) {
        if (can_consumer_participate(entry.first)) continue;
        detach(entry.first);
        fixed[entry.first] = std::move(current_.at(entry.first));
        current_.erase(entry.first);
    }

    const auto before = current_;
    const auto before_consumers = partition_consumer_;
    // Kafka ignores whether this first pass moved anything.
    if (!revocation_required_) perform_reassignments(unassigned);
    const bool reassigned = perform_reassignments(sorted_all_partitions_);
    if (!initializing && reassigned && score_of(current_) >= score_of(before)) {
        current_ = before;
        partition_consumer_ = before_consumers;
    }
    // The load order is not used after this; Kafka's TreeSet is left stale the same way.
    for (auto& [consumer, partitions] : fixed) current_[consumer] = std::move(partitions);
}

bool GeneralBuilder::can_consumer_participate(const MemberId& consumer) const {
    const auto& partitions = current_.at(consumer);
    if (static_cast<std::int32_t>(partitions.size()) < max_assignment_size(consumer)) return true;
    return std::any_of(partitions.begin(), partitions.end(), [this](const TopicPartition& tp) {
        return topic_consumers_.at(tp.topic).size() >= 2;
    });
}

// Repeats passes over `partitions` until a pass moves nothing; a pass stops early once the
// assignment is balanced.
bool GeneralBuilder::perform_reassignments(const std::vector<TopicPartition>& partitions) {
    bool performed = false;
    bool modified = true;
    while (modified) {
        modified = false;
        for (const TopicPartition& tp : partitions) {
            if (is_balanced()) break;
            if (try_reassign(tp)) performed = modified = true;
        }
    }
    return performed;
}

bool GeneralBuilder::try_reassign(const TopicPartition& partition) {
    const MemberId consumer = partition_consumer_.at(partition);
    const auto previous = previous_owner_.find(partition);
    if (previous != previous_owner_.end()) {
        const MemberId& old_owner = previous->second.consumer;
        if (current_.count(old_owner) == 0) {
            // Kafka calls currentAssignment.get(...).size() on a member it set aside: one that
            // left this partition's topic and holds everything it can.
            throw KafkaAssignorFailure(
                "Kafka's sticky assignor throws NullPointerException on this input "
                "(performReassignments looks up " + old_owner + ", the older-generation owner of " +
                to_string(partition) + ", which it had set aside as unable to take part)");
        }
        // Kafka does not ask whether the old owner still subscribes to the topic, so a
        // partition can go back to a member that left its topic (docs/assignors.md).
        if (count(consumer) > count(old_owner) + 1) {
            reassign_partition(partition, old_owner);
            return true;
        }
    }
    for (const MemberId& other : topic_consumers_.at(partition.topic)) {
        if (count(consumer) > count(other) + 1) {
            reassign_partition(partition);
            return true;
        }
    }
    return false;
}

// Balanced: counts differ by at most one, or no member could take a partition it is eligible
// for from a member holding two or more partitions more than it.
bool GeneralBuilder::is_balanced() const {
    SIM_ASSERT(!by_load_.empty(), "movable partitions imply members that can take part");
    const auto min = static_cast<std::int64_t>(by_load_.begin()->count);
    const auto max = static_cast<std::int64_t>(by_load_.rbegin()->count);
    if (min >= max - 1) return true;
    std::map<TopicPartition, MemberId> owner;
    for (const auto& [consumer, partitions] : current_)
        for (const TopicPartition& tp : partitions) owner[tp] = consumer;
    for (const Load& load : by_load_) {
        const auto& mine = current_.at(load.member);
        if (static_cast<std::int32_t>(mine.size()) == max_assignment_size(load.member)) continue;
        for (const TopicName& topic : consumer_topics_.at(load.member)) {
            for (std::int32_t p = 0; p < partitions_per_topic_.at(topic); ++p) {
                const TopicPartition tp{topic, p};
                if (std::find(mine.begin(), mine.end(), tp) != mine.end()) continue;
                if (mine.size() + 1 < count(owner.at(tp))) return false;
            }
        }
    }
    return true;
}

void GeneralBuilder::reassign_partition(const TopicPartition& partition) {
    for (const Load& load : by_load_) {
        if (subscribes(load.member, partition.topic)) {
            const MemberId new_consumer = load.member;
            reassign_partition(partition, new_consumer);
            return;
        }
    }
    SIM_ASSERT(false, "a movable partition has a member to move to");
}

void GeneralBuilder::reassign_partition(const TopicPartition& partition, const MemberId& new_consumer) {
    const MemberId& consumer = partition_consumer_.at(partition);
    process_partition_movement(movements_.partition_to_move(partition, consumer, new_consumer),
                               new_consumer);
}

void GeneralBuilder::process_partition_movement(const TopicPartition& partition,
                                                const MemberId& new_consumer) {
    const MemberId old_consumer = partition_consumer_.at(partition);
    detach(old_consumer);
    detach(new_consumer);
    movements_.move_partition(partition, old_consumer, new_consumer);
    auto& from = current_.at(old_consumer);
    const auto at = std::find(from.begin(), from.end(), partition);
    SIM_ASSERT(at != from.end(), "a partition moves from the member that holds it");
    from.erase(at);
    current_.at(new_consumer).push_back(partition);
    partition_consumer_[partition] = new_consumer;
    attach(new_consumer);
    attach(old_consumer);
}

}  // namespace kafkasim::assign
