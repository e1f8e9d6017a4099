// The replication fault sweep of issue 12: RF=3, min.insync.replicas=2, a producer sending
// all along, and one broker at a time crashed, powered off, isolated or paused (the next
// fault at least broker.session.timeout.ms after the last recovery), then a healed phase
// that drains. The checkers then compare what was acknowledged with the final logs.
#pragma once

#include <cstdint>
#include <string>

#include "sim/common/replication_truncation.h"

namespace kafkasim::testing {

struct SweepOptions {
    std::uint64_t seed = 1;
    std::int16_t acks = -1;
    std::int64_t faults_until_ms = 120000;
    std::int64_t produce_until_ms = 150000;
    std::int64_t end_ms = 200000;
    // The failover lessons' settings, for runs that show losses instead of ruling them out.
    ReplicationTruncation truncation = ReplicationTruncation::leader_epoch;
    bool unclean_leader_election = false;
};

struct SweepResult {
    std::uint64_t trace_hash = 0;
    std::int64_t acked_after_first_fault = 0;
    std::int64_t lost_acked = 0;
    std::int64_t divergent_replicas = 0;
    int faults = 0;
    std::string first_loss;  // an example, for the failure message
};

SweepResult run_replication_sweep(const SweepOptions& options);

}  // namespace kafkasim::testing
