// The shared assignor model: topic-partition notation, metadata filtering, canonical order.
// Follows Kafka's AbstractPartitionAssignor.assign(Cluster, GroupSubscription).
#include "sim/assign/model.h"

#include <algorithm>
#include <charconv>

namespace kafkasim::assign {

std::string to_string(const TopicPartition& tp) {
    return tp.topic + "-" + std::to_string(tp.partition);
}

std::optional<TopicPartition> parse_topic_partition(std::string_view text) {
    const auto dash = text.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == text.size()) return std::nullopt;
    const std::string_view digits = text.substr(dash + 1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::int32_t partition = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), partition);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return TopicPartition{std::string(text.substr(0, dash)), partition};
}

std::map<TopicName, std::int32_t> subscribed_partitions_per_topic(const GroupSubscription& group) {
    std::map<TopicName, std::int32_t> result;
    for (const auto& member : group.members) {
        for (const auto& topic : member.topics) {
            const auto it = group.partitions_per_topic.find(topic);
            if (it != group.partitions_per_topic.end() && it->second > 0) result.emplace(*it);
        }
    }
    return result;
}

Assignment sorted(Assignment assignment) {
    for (auto& [member, partitions] : assignment) std::sort(partitions.begin(), partitions.end());
    return assignment;
}

}  // namespace kafkasim::assign
