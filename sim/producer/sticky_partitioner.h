// KIP-794's uniform sticky partitioner (BuiltInPartitioner, Kafka 3.3+): records without a
// partition, key or custom partitioner stay on one partition of their topic until at least
// batch.size bytes were produced to it, then the topic switches to a partition chosen uniformly
// at random among those with a leader (among all when none has one).
//
// Left out (docs/fidelity.md, "Producer partitioning"): adaptive partitioning's queue-size
// weights (partitioner.adaptive.partitioning.enable), partitioner.availability.timeout.ms, and
// the forced switch at 2 x batch.size when the accumulator disallows one: here the switch
// always happens once batch.size bytes are in.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine/random.h"
#include "sim/producer/topic_partitions.h"

namespace kafkasim::producer {

class StickyPartitioner {
public:
    // batch_size: bytes (batch.size), > 0. `random` must outlive this partitioner.
    StickyPartitioner(engine::Random& random, std::int32_t batch_size);

    // The topic's current sticky partition, choosing one if it has none yet.
    std::int32_t partition(std::string_view topic, const TopicPartitions& partitions);

    // `bytes` were appended to the topic's sticky partition; switches once at least
    // batch.size bytes went to it.
    void record_appended(std::string_view topic, const TopicPartitions& partitions, std::int32_t bytes);

private:
    struct Sticky {
        std::int32_t partition = 0;
        std::int64_t produced_bytes = 0;
    };
    std::int32_t next_partition(const TopicPartitions& partitions);

    engine::Random& random_;
    std::int32_t batch_size_;
    std::map<std::string, Sticky, std::less<>> topics_;
};

}  // namespace kafkasim::producer
