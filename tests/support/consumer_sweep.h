// The consumer fault sweep: a cluster with __consumer_offsets at 3 partitions and RF 3, a topic
// of three partitions (RF 3, min.insync.replicas 2), an idempotent producer sending keyed
// records every 20 ms, and one consumer of group "g" on all three partitions that processes
// 15 ms per record (busy three quarters of the time) and commits synchronously after
// processing (at-least-once). One fault at a time hits a random broker (crash, power loss,
// isolation, pause) or the consumer (crash and restart), then a healed phase drains. The
// consumer checkers then read the history. With `group_members` set, that many consumers
// subscribe to the topic instead (group management, Kafka's default eager [range,
// cooperative-sticky], session.timeout.ms 10 s) and the consumer faults hit one of them.
#pragma once

#include <cstdint>
#include <string>

namespace kafkasim::testing {

struct ConsumerSweepOptions {
    std::uint64_t seed = 1;
    std::int64_t faults_until_ms = 60000;
    std::int64_t produce_until_ms = 70000;
    std::int64_t end_ms = 150000;
    int group_members = 0;  // 0: one consumer assign()s every partition
};

struct ConsumerSweepResult {
    std::uint64_t trace_hash = 0;
    int faults = 0;
    std::int64_t acked = 0;              // records the producer had acknowledged
    std::int64_t acked_unprocessed = 0;  // acknowledged records the group never processed
    std::int64_t consumer_restarts = 0;
    std::int64_t redeliveries = 0;
    std::int64_t skips = 0;
    std::int64_t reordered = 0;
    std::int64_t regressions = 0;
    std::int64_t key_reordered = 0;
    std::int64_t exclusivity = 0;
    std::int64_t rebalances = 0;        // rebalances the members went through
    std::string example;  // a checker's first example, for failure messages
};

ConsumerSweepResult run_consumer_sweep(const ConsumerSweepOptions& options);

}  // namespace kafkasim::testing
