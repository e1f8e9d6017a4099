// RangeAssignor.assignPartitions without racks (Kafka's RangeAssignor.java).
#include "sim/assign/range.h"

#include <algorithm>

#include "sim/assign/member_order.h"

namespace kafkasim::assign {

namespace {

bool subscribes(const MemberSubscription& member, const TopicName& topic) {
    return std::find(member.topics.begin(), member.topics.end(), topic) != member.topics.end();
}

}  // namespace

Assignment assign_range(const GroupSubscription& group) {
    Assignment assignment;
    for (const auto& member : group.members) assignment[member.member_id];
    const std::vector<std::size_t> order = member_info_order(group);

    for (const auto& [topic, partition_count] : subscribed_partitions_per_topic(group)) {
        std::vector<const MemberSubscription*> consumers;
        for (const std::size_t i : order)
            if (subscribes(group.members[i], topic)) consumers.push_back(&group.members[i]);
        const auto count = static_cast<std::int32_t>(consumers.size());
        const std::int32_t quota = partition_count / count;
        const std::int32_t with_extra = partition_count % count;
        std::int32_t next = 0;
        for (std::int32_t c = 0; c < count; ++c) {
            const std::int32_t take = quota + (c < with_extra ? 1 : 0);
            auto& list = assignment[consumers[static_cast<std::size_t>(c)]->member_id];
            for (std::int32_t k = 0; k < take; ++k) list.push_back(TopicPartition{topic, next++});
        }
    }
    return assignment;
}

}  // namespace kafkasim::assign
