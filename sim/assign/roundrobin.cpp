// RoundRobinAssignor.assign (Kafka's RoundRobinAssignor.java, with its CircularIterator).
#include "sim/assign/roundrobin.h"

#include <algorithm>

#include "sim/assign/java_string.h"
#include "sim/assign/member_order.h"

namespace kafkasim::assign {

Assignment assign_roundrobin(const GroupSubscription& group) {
    Assignment assignment;
    for (const auto& member : group.members) assignment[member.member_id];
    const std::vector<std::size_t> order = member_info_order(group);
    if (order.empty()) return assignment;

    // Kafka collects topics in a TreeSet<String>: Java String order.
    std::vector<std::pair<TopicName, std::int32_t>> topics;
    for (const auto& entry : subscribed_partitions_per_topic(group)) topics.push_back(entry);
    std::sort(topics.begin(), topics.end(),
              [](const auto& a, const auto& b) { return java_less(a.first, b.first); });

    std::size_t cursor = 0;  // the circular iterator's position in `order`
    for (const auto& [topic, partition_count] : topics) {
        for (std::int32_t p = 0; p < partition_count; ++p) {
            // Some member subscribes to every topic listed here, so this loop ends.
            while (true) {
                const auto& topics_of = group.members[order[cursor]].topics;
                if (std::find(topics_of.begin(), topics_of.end(), topic) != topics_of.end()) break;
                cursor = (cursor + 1) % order.size();
            }
            assignment[group.members[order[cursor]].member_id].push_back(TopicPartition{topic, p});
            cursor = (cursor + 1) % order.size();
        }
    }
    return assignment;
}

}  // namespace kafkasim::assign
