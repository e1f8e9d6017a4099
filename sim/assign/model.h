// The shared input and output of the four consumer assignors: what the group leader's
// assignor sees in Kafka's ConsumerPartitionAssignor.assign(Cluster, GroupSubscription).
//
// Each member reports its member id, optional group.instance.id, subscribed topics, and (for
// the sticky assignors) the partitions it owns with the generation it owned them in. Kafka's
// DEFAULT_GENERATION (-1) means "no generation"; Kafka's Subscription turns every negative
// generation into that, and so do we (Generation::normalized).
//
// Member order in GroupSubscription::members is the order in which the coordinator listed
// the members (Kafka's JoinGroup response order). It matters only where Kafka's own result
// depends on the iteration order of a Java HashMap (see java_hash_order.h).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::assign {

using MemberId = std::string;
using TopicName = std::string;

struct TopicPartition {
    TopicName topic;
    std::int32_t partition = 0;
    auto operator<=>(const TopicPartition&) const = default;
};

// "topic-p", the notation of kafka-vectors.json and of `kafkasim assign --json`.
std::string to_string(const TopicPartition& tp);
// Splits on the last '-'; nullopt unless what follows is a decimal int32 >= 0 and the topic
// is not empty.
std::optional<TopicPartition> parse_topic_partition(std::string_view text);

struct Generation {
    static constexpr std::int32_t none = -1;  // Kafka's DEFAULT_GENERATION
    std::int32_t value = none;
    Generation normalized() const { return Generation{value < 0 ? none : value}; }
    auto operator<=>(const Generation&) const = default;
};

struct MemberSubscription {
    MemberId member_id;
    std::optional<std::string> group_instance_id;
    std::vector<TopicName> topics;      // a set: Kafka's consumer sends no duplicates
    std::vector<TopicPartition> owned;  // as reported, in the member's order
    Generation generation;
};

struct GroupSubscription {
    // Cluster metadata: partition count of every topic that exists. Topics absent here (or
    // with no partitions) are skipped, as Kafka skips topics without metadata.
    std::map<TopicName, std::int32_t> partitions_per_topic;
    std::vector<MemberSubscription> members;  // distinct member ids, in JoinGroup order
};

// Every member of the group appears, possibly with an empty list.
using Assignment = std::map<MemberId, std::vector<TopicPartition>>;

// The partitions per topic an assignor works on: only topics some member subscribes to and
// that have at least one partition (AbstractPartitionAssignor.assign(Cluster, ...)).
std::map<TopicName, std::int32_t> subscribed_partitions_per_topic(const GroupSubscription& group);

// Each member's list sorted by topic name (byte order), then partition number: the canonical
// form for printing and comparing assignments as sets.
Assignment sorted(Assignment assignment);

}  // namespace kafkasim::assign
