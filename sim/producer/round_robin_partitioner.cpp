// RoundRobinPartitioner.partition (Kafka 4.0).
#include "sim/producer/round_robin_partitioner.h"

#include "engine/assert.h"
#include "sim/producer/murmur2.h"

namespace kafkasim::producer {

std::int32_t RoundRobinPartitioner::partition(std::string_view topic, const TopicPartitions& partitions) {
    SIM_ASSERT(partitions.count > 0, "a topic has at least one partition");
    auto it = counters_.find(topic);
    if (it == counters_.end()) it = counters_.emplace(std::string(topic), 0u).first;
    const std::int32_t next = to_positive(static_cast<std::int32_t>(it->second++));
    if (partitions.with_leader.empty()) return next % partitions.count;
    const auto size = static_cast<std::int32_t>(partitions.with_leader.size());
    return partitions.with_leader[static_cast<std::size_t>(next % size)];
}

}  // namespace kafkasim::producer
