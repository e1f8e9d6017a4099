// Consumer groups as `kafka-consumer-groups --describe` shows them: each group's state and
// generation on its coordinator, its members with their partitions, and per partition of its
// topics the committed offset, the log end offset (the high watermark, as the tool shows
// under that name) and the lag between them. Read from the running model: the group's
// coordinator, the controller's image and the partition leaders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/loader/scenario.h"

namespace kafkasim::cluster {
class Cluster;
}

namespace kafkasim::scenarios {

struct GroupMemberState {
    std::string member;                   // its client.id: the consumer's node name
    std::string member_id;                // the id the coordinator gave it
    std::vector<std::string> partitions;  // "orders-0", in assignment order
};

struct GroupOffsetState {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t committed_offset = -1;  // -1: nothing committed
    std::int64_t log_end_offset = -1;    // the leader's high watermark; -1 without a leader
    std::int64_t lag = -1;               // log_end_offset - committed_offset; -1 when either is unknown
    bool operator==(const GroupOffsetState&) const = default;
};

struct GroupReport {
    std::string group;
    // Kafka's ClassicGroupState names; "Dead" when the coordinator has no such group (as
    // DescribeGroups answers), "Unknown" when the group has no coordinator now.
    std::string state;
    std::int32_t generation = -1;
    std::vector<GroupMemberState> members;  // in join order
    std::vector<GroupOffsetState> offsets;  // every partition of the group's topics
};

// `offsets_partitions` is the brokers' offsets.topic.num.partitions.
std::vector<GroupReport> describe_groups(const cluster::Cluster& cluster, const std::vector<GroupSpec>& groups,
                                         std::int32_t offsets_partitions);

}  // namespace kafkasim::scenarios
