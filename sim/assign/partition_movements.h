// PartitionMovements: the record the general sticky algorithm keeps of partitions it moves
// between members, so that when it must move a partition of a topic from B back to A it moves
// one that came from A rather than a partition A never had (Kafka's
// AbstractStickyAssignor.PartitionMovements).
//
// Kafka picks "one that came from A" as the first element of a HashSet<TopicPartition>, so
// we keep each such set in Java's HashSet iteration order (java_hash_order.h), with
// TopicPartition.hashCode = 31 * (31 + partition) + topic.hashCode().
#pragma once

#include <map>
#include <utility>

#include "sim/assign/java_hash_order.h"
#include "sim/assign/model.h"

namespace kafkasim::assign {

class PartitionMovements {
public:
    // Records that `partition` moved from `old_consumer` to `new_consumer`; a partition moved
    // back to where it started leaves no record.
    void move_partition(const TopicPartition& partition, const MemberId& old_consumer,
                        const MemberId& new_consumer);

    // The partition to move instead of `partition` (now at `old_consumer`) when it would go
    // to `new_consumer`: one of the same topic that earlier moved from `new_consumer` to where
    // `partition` started, if any; else `partition` itself.
    TopicPartition partition_to_move(const TopicPartition& partition, MemberId old_consumer,
                                     const MemberId& new_consumer) const;

private:
    using ConsumerPair = std::pair<MemberId, MemberId>;  // source, destination

    // A java.util.HashSet<TopicPartition>: membership plus Java's iteration order.
    class PartitionSet {
    public:
        void add(const TopicPartition& tp);
        void remove(const TopicPartition& tp);
        bool empty() const { return handles_.empty(); }
        TopicPartition first() const;

    private:
        JavaHashOrder order_;
        std::map<TopicPartition, std::size_t> handles_;
        std::map<std::size_t, TopicPartition> by_handle_;
    };

    ConsumerPair remove_record(const TopicPartition& partition);
    void add_record(const TopicPartition& partition, const ConsumerPair& pair);

    std::map<TopicName, std::map<ConsumerPair, PartitionSet>> by_topic_;
    std::map<TopicPartition, ConsumerPair> movements_;
};

}  // namespace kafkasim::assign
