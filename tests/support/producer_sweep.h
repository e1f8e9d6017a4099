// The producer fault sweep: RF=3, min.insync.replicas=2, a topic of three partitions, one
// producer sending keyed records every 20 ms, and one fault at a time on a random broker
// (crash, power loss, isolation, pause, or its answers to the producer cut), then a healed
// phase that drains. The checkers then read the producer's history against the final logs.
#pragma once

#include <cstdint>
#include <string>

#include "sim/producer/producer_config.h"

namespace kafkasim::testing {

struct ProducerSweepOptions {
    std::uint64_t seed = 1;
    producer::Idempotence idempotence = producer::Idempotence::unset;
    std::int32_t max_in_flight = 5;
    std::int64_t faults_until_ms = 60000;
    std::int64_t produce_until_ms = 70000;
    std::int64_t end_ms = 150000;
};

struct ProducerSweepResult {
    std::uint64_t trace_hash = 0;
    int faults = 0;
    std::int64_t sent = 0;
    std::int64_t acked = 0;
    std::int64_t failed = 0;
    std::int64_t retried = 0;
    std::int64_t epoch_bumps = 0;
    std::int64_t lost_acked = 0;
    std::int64_t duplicates = 0;
    std::int64_t reordered = 0;
    std::int64_t divergent_replicas = 0;
    std::string example;  // a checker's first example, for failure messages
};

ProducerSweepResult run_producer_sweep(const ProducerSweepOptions& options);

}  // namespace kafkasim::testing
