// The __consumer_offsets topic and which of its partitions holds a group (kafka-semantics.md §c):
// partition Utils.abs(groupId.hashCode()) % partition count, where hashCode is Java's
// String.hashCode and Utils.abs(Integer.MIN_VALUE) is 0, not MIN_VALUE. The coordinator of a
// group is the leader of that partition.
#pragma once

#include <cstdint>
#include <string_view>

namespace kafkasim::coordinator {

inline constexpr std::string_view offsets_topic = "__consumer_offsets";

// Caller guarantees partitions > 0.
std::int32_t partition_for(std::string_view group_id, std::int32_t partitions);

}  // namespace kafkasim::coordinator
