// What a partitioner knows of a topic from the producer's metadata: how many partitions it
// has, and which of them have a leader (in metadata order, ascending).
#pragma once

#include <cstdint>
#include <vector>

namespace kafkasim::producer {

struct TopicPartitions {
    std::int32_t count = 1;                  // all partitions of the topic
    std::vector<std::int32_t> with_leader;   // partitions that have a leader
};

}  // namespace kafkasim::producer
