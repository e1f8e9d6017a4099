// GeneralBuilder: the state of one run of the general sticky algorithm (Kafka's
// AbstractStickyAssignor.GeneralAssignmentBuilder), shared by sticky_general.cpp (set-up and
// the first assignment) and sticky_general_balance.cpp (the balancing moves). Internal to
// sim/assign.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "sim/assign/model.h"
#include "sim/assign/partition_movements.h"
#include "sim/assign/sticky_claims.h"

namespace kafkasim::assign {

class GeneralBuilder {
public:
    GeneralBuilder(const GroupSubscription& group,
                   const std::map<TopicName, std::int32_t>& partitions_per_topic, StickyClaims claims);
    Assignment build();

private:
    struct PreviousOwner {
        MemberId consumer;
        Generation generation;
    };
    // Kafka's sortedCurrentSubscriptions: a TreeSet of members by (assigned count, member id).
    struct Load {
        std::size_t count;
        MemberId member;
    };
    struct LoadLess {
        bool operator()(const Load& a, const Load& b) const;
    };

    // sticky_general.cpp
    void prepopulate_previous_owners();
    std::set<TopicPartition> keep_owned_partitions();
    std::vector<TopicPartition> unassigned_partitions(const std::set<TopicPartition>& assigned) const;
    void assign_to_least_loaded(const TopicPartition& partition);
    std::size_t count(const MemberId& consumer) const;
    void detach(const MemberId& consumer);
    void attach(const MemberId& consumer);
    bool subscribes(const MemberId& consumer, const TopicName& topic) const;
    std::int32_t max_assignment_size(const MemberId& consumer) const;

    // sticky_general_balance.cpp
    void balance(std::vector<TopicPartition> unassigned);
    bool can_consumer_participate(const MemberId& consumer) const;
    bool perform_reassignments(const std::vector<TopicPartition>& partitions);
    bool try_reassign(const TopicPartition& partition);
    bool is_balanced() const;
    void reassign_partition(const TopicPartition& partition);
    void reassign_partition(const TopicPartition& partition, const MemberId& new_consumer);
    void process_partition_movement(const TopicPartition& partition, const MemberId& new_consumer);
    std::int64_t balance_score() const;

    const GroupSubscription& group_;
    const std::map<TopicName, std::int32_t>& partitions_per_topic_;
    StickyClaims claims_;
    std::int32_t total_partitions_ = 0;
    std::map<MemberId, std::vector<TopicPartition>> current_;   // currentAssignment
    std::map<TopicName, std::vector<MemberId>> topic_consumers_;  // topic2AllPotentialConsumers
    std::map<MemberId, std::vector<TopicName>> consumer_topics_;  // consumer2AllPotentialTopics
    std::map<TopicPartition, MemberId> partition_consumer_;       // currentPartitionConsumer
    std::vector<TopicPartition> sorted_all_partitions_;
    std::set<Load, LoadLess> by_load_;
    bool revocation_required_ = false;
    std::map<TopicPartition, PreviousOwner> previous_owner_;  // prevAssignment
    PartitionMovements movements_;
};

}  // namespace kafkasim::assign
