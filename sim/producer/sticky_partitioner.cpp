// BuiltInPartitioner.nextPartition and updatePartitionInfo without adaptive weights (KIP-794).
// The new partition may equal the old one, as in Kafka: the draw does not exclude it.
#include "sim/producer/sticky_partitioner.h"

#include "engine/assert.h"

namespace kafkasim::producer {

StickyPartitioner::StickyPartitioner(engine::Random& random, std::int32_t batch_size)
    : random_(random), batch_size_(batch_size) {
    SIM_ASSERT(batch_size > 0, "batch.size must be positive");
}

std::int32_t StickyPartitioner::next_partition(const TopicPartitions& partitions) {
    SIM_ASSERT(partitions.count > 0, "a topic has at least one partition");
    if (partitions.with_leader.empty())
        return static_cast<std::int32_t>(random_.uniform(static_cast<std::uint64_t>(partitions.count)));
    const auto at = random_.uniform(partitions.with_leader.size());
    const std::int32_t chosen = partitions.with_leader[at];
    SIM_ASSERT(chosen >= 0 && chosen < partitions.count, "a partition with a leader exists");
    return chosen;
}

std::int32_t StickyPartitioner::partition(std::string_view topic, const TopicPartitions& partitions) {
    auto it = topics_.find(topic);
    if (it == topics_.end())
        it = topics_.emplace(std::string(topic), Sticky{next_partition(partitions), 0}).first;
    return it->second.partition;
}

void StickyPartitioner::record_appended(std::string_view topic, const TopicPartitions& partitions,
                                        std::int32_t bytes) {
    SIM_ASSERT(bytes >= 0, "appended bytes are not negative");
    auto it = topics_.find(topic);
    SIM_ASSERT(it != topics_.end(), "record_appended follows partition() for the topic");
    it->second.produced_bytes += bytes;
    if (it->second.produced_bytes >= batch_size_) it->second = Sticky{next_partition(partitions), 0};
}

}  // namespace kafkasim::producer
