// RoundRobinPartitioner as fixed in Kafka 4.0 (KAFKA-17632): one counter per topic, starting
// at 0; each record goes to available[toPositive(counter++) % available.size()], `available`
// being the partitions with a leader, or to toPositive(counter) % count when none has one.
// Keys are ignored. The pre-4.0 double call on a new batch (KAFKA-9965) is not reproduced.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "sim/producer/topic_partitions.h"

namespace kafkasim::producer {

class RoundRobinPartitioner {
public:
    std::int32_t partition(std::string_view topic, const TopicPartitions& partitions);

private:
    // uint32 so that the increment wraps like Java's int; toPositive then clears the sign.
    std::map<std::string, std::uint32_t, std::less<>> counters_;
};

}  // namespace kafkasim::producer
