// AbstractStickyAssignor.PartitionMovements (movePartition, getTheActualPartitionToBeMoved).
#include "sim/assign/partition_movements.h"

#include "engine/assert.h"
#include "sim/assign/java_string.h"

namespace kafkasim::assign {

namespace {

std::int32_t topic_partition_hash(const TopicPartition& tp) {
    // Unsigned arithmetic wraps like Java's int.
    std::uint32_t h = 31u + static_cast<std::uint32_t>(tp.partition);
    h = 31u * h + static_cast<std::uint32_t>(java_hash_code(tp.topic));
    return static_cast<std::int32_t>(h);
}

}  // namespace

void PartitionMovements::PartitionSet::add(const TopicPartition& tp) {
    if (handles_.count(tp) != 0) return;
    const std::size_t handle = order_.insert(topic_partition_hash(tp));
    handles_[tp] = handle;
    by_handle_[handle] = tp;
}

void PartitionMovements::PartitionSet::remove(const TopicPartition& tp) {
    const auto it = handles_.find(tp);
    if (it == handles_.end()) return;
    order_.erase(it->second);
    by_handle_.erase(it->second);
    handles_.erase(it);
}

TopicPartition PartitionMovements::PartitionSet::first() const {
    SIM_ASSERT(!handles_.empty(), "first() of an empty partition set");
    return by_handle_.at(order_.iteration_order().front());
}

PartitionMovements::ConsumerPair PartitionMovements::remove_record(const TopicPartition& partition) {
    const auto it = movements_.find(partition);
    SIM_ASSERT(it != movements_.end(), "remove the record of a partition that moved");
    const ConsumerPair pair = it->second;
    movements_.erase(it);
    auto& for_topic = by_topic_.at(partition.topic);
    auto& set = for_topic.at(pair);
    set.remove(partition);
    // Kafka drops empty sets and maps; a set made again later starts with a fresh table.
    if (set.empty()) for_topic.erase(pair);
    if (for_topic.empty()) by_topic_.erase(partition.topic);
    return pair;
}

void PartitionMovements::add_record(const TopicPartition& partition, const ConsumerPair& pair) {
    movements_[partition] = pair;
    by_topic_[partition.topic][pair].add(partition);
}

void PartitionMovements::move_partition(const TopicPartition& partition,
                                        const MemberId& old_consumer,
                                        const MemberId& new_consumer) {
    if (movements_.count(partition) == 0) {
        add_record(partition, ConsumerPair{old_consumer, new_consumer});
        return;
    }
    const ConsumerPair existing = remove_record(partition);
    SIM_ASSERT(existing.second == old_consumer, "a moved partition is where it was moved to");
    if (existing.first != new_consumer) add_record(partition, ConsumerPair{existing.first, new_consumer});
}

TopicPartition PartitionMovements::partition_to_move(const TopicPartition& partition,
                                                     MemberId old_consumer,
                                                     const MemberId& new_consumer) const {
    const auto topic = by_topic_.find(partition.topic);
    if (topic == by_topic_.end()) return partition;
    const auto moved = movements_.find(partition);
    if (moved != movements_.end()) {
        SIM_ASSERT(moved->second.second == old_consumer, "a moved partition is where it was moved to");
        old_consumer = moved->second.first;
    }
    const auto reverse = topic->second.find(ConsumerPair{new_consumer, old_consumer});
    if (reverse == topic->second.end()) return partition;
    return reverse->second.first();
}

}  // namespace kafkasim::assign
