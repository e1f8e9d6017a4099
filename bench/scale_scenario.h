// Issue 30's scale scenarios: a cluster of B brokers with P partitions (as several topics, each
// at most `max_topic_partitions`, since Kafka's controller writes at most 10 000 records per
// operation), G consumer groups of M members that each read every topic, and N producers at a
// fixed rate, written as an ordinary scenario file so that `kafkasim run` can replay one.
#pragma once

#include <cstdint>
#include <string>

#include "scenarios/loader/json_walk.h"

namespace kafkasim::bench {

struct ScaleSize {
    std::string name = "scale";
    std::int32_t brokers = 100;
    std::int32_t partitions = 10000;           // in all, split evenly over the topics
    std::int32_t max_topic_partitions = 5000;  // per topic (at most 9 999)
    std::int32_t replication_factor = 3;
    std::int32_t groups = 10;
    std::int32_t members = 100;                // per group
    std::int32_t producers = 0;                // each to one topic, in turn
    double rate_per_s = 500;                   // records per second per producer
    std::int64_t duration_ms = 30000;
    std::uint64_t seed = 1;
};

// The number of topics `size` is split into.
std::int32_t topic_count(const ScaleSize& size);

// The scenario file for `size`.
scenarios::Json scale_scenario(const ScaleSize& size);

}  // namespace kafkasim::bench
